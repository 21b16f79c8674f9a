import { useCallback, useEffect, useState, type FormEvent } from "react";
import type { DeadLetter } from "@/lib/api/client";
import { formatDateTime } from "@/lib/format";
import {
  adminToken,
  getStats,
  listDeadLetters,
  replayDeadLetter,
  type AdminFailure,
  type AdminStats,
} from "@/features/admin/api/admin";

const REFRESH_MS = 10_000;
const FAILURE_TEXT: Record<AdminFailure, string> = {
  unauthorized: "That admin token was not accepted.",
  network: "Could not reach the server.",
  server: "The server could not answer; try again.",
};

export function AdminDashboard() {
  const [token, setToken] = useState(adminToken.get);
  const [notice, setNotice] = useState("");
  if (!token) {
    return (
      <TokenForm
        notice={notice}
        onToken={(value) => {
          adminToken.set(value);
          setNotice("");
          setToken(value);
        }}
      />
    );
  }
  return (
    <Dashboard
      token={token}
      onSignOut={(reason) => {
        adminToken.set("");
        setNotice(reason ?? "");
        setToken("");
      }}
    />
  );
}

function TokenForm({ notice, onToken }: { notice: string; onToken: (token: string) => void }) {
  const [value, setValue] = useState("");
  function submit(event: FormEvent): void {
    event.preventDefault();
    if (value.trim()) onToken(value.trim());
  }
  return (
    <form className="card admin-login" onSubmit={submit}>
      <div className="field">
        <label htmlFor="admin-token" className="field__label">
          Admin token
        </label>
        <p id="admin-token-hint" className="field__hint">
          The ADMIN_TOKEN the server was started with. Kept in this tab only.
        </p>
        <input
          id="admin-token"
          type="password"
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          aria-describedby="admin-token-hint admin-token-error"
          aria-invalid={notice ? true : undefined}
        />
        <p id="admin-token-error" className="field-error" aria-live="polite">
          {notice ? `⚠ ${notice}` : null}
        </p>
      </div>
      <button type="submit" className="button button--primary">
        Open the dashboard
      </button>
    </form>
  );
}

function Dashboard({ token, onSignOut }: { token: string; onSignOut: (reason?: string) => void }) {
  const [stats, setStats] = useState<AdminStats | null>(null);
  const [letters, setLetters] = useState<DeadLetter[]>([]);
  const [error, setError] = useState("");
  const [message, setMessage] = useState("");
  const [updated, setUpdated] = useState<Date | null>(null);

  const refresh = useCallback(async () => {
    const [statsRead, lettersRead] = await Promise.all([getStats(token), listDeadLetters(token)]);
    for (const read of [statsRead, lettersRead]) {
      if (!read.ok) {
        if (read.reason === "unauthorized") onSignOut(FAILURE_TEXT.unauthorized);
        else setError(FAILURE_TEXT[read.reason]);
        return;
      }
    }
    if (statsRead.ok) setStats(statsRead.data);
    if (lettersRead.ok) setLetters(lettersRead.data);
    setError("");
    setUpdated(new Date());
  }, [token, onSignOut]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  async function replay(entry: DeadLetter): Promise<void> {
    const result = await replayDeadLetter(token, entry.id);
    setMessage(
      result.ok
        ? `Replayed dead letter ${entry.id}: job ${result.data} is queued again.`
        : `Could not replay dead letter ${entry.id}: ${FAILURE_TEXT[result.reason]}`,
    );
    await refresh();
  }

  return (
    <div className="admin">
      <div className="admin__bar">
        <p className="muted small" aria-live="polite">
          {updated ? `Updated ${updated.toLocaleTimeString()}` : "Loading…"}
        </p>
        <div className="actions">
          <button type="button" className="button button--small" onClick={() => void refresh()}>
            Refresh
          </button>
          <button type="button" className="button button--small button--ghost" onClick={() => onSignOut()}>
            Forget token
          </button>
        </div>
      </div>
      {error ? (
        <p className="note note--error" role="alert">
          {error}
        </p>
      ) : null}
      {stats ? <StatsPanel stats={stats} /> : null}
      <section className="card" aria-labelledby="dlq-heading">
        <h2 id="dlq-heading">
          Dead-letter queue <span className="count">({letters.length})</span>
        </h2>
        <p role="status" className="small">
          {message}
        </p>
        {letters.length === 0 ? (
          <p className="muted">Empty: every job either finished or is still being retried.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Entry</th>
                  <th scope="col">Job</th>
                  <th scope="col">Error</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Failed at</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {letters.map((entry) => (
                  <tr key={entry.id}>
                    <td>{entry.id}</td>
                    <td>
                      <code>{entry.job_id}</code>
                    </td>
                    <td>
                      <strong>{entry.error_type}</strong>
                      <br />
                      <span className="small">{entry.error_message}</span>
                    </td>
                    <td>{entry.attempts}</td>
                    <td>{formatDateTime(entry.failed_at)}</td>
                    <td>
                      <button type="button" className="button button--small" onClick={() => void replay(entry)}>
                        Replay<span className="visually-hidden"> entry {entry.id}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function StatsPanel({ stats }: { stats: AdminStats }) {
  const statuses = Object.entries(stats.jobs_by_status);
  return (
    <>
      <section className="tiles" aria-label="Queue health">
        <Tile label="Queue depth" value={stats.queue_depth ?? "unknown"} />
        <Tile label="Dead letters" value={stats.dead_letters} />
        {stats.workers !== undefined ? <Tile label="Workers seen" value={countOf(stats.workers)} /> : null}
        {statuses.map(([status, count]) => (
          <Tile key={status} label={`Jobs ${status}`} value={count} />
        ))}
      </section>
      {Array.isArray(stats.workers) && stats.workers.length ? (
        <section className="card" aria-labelledby="workers-heading">
          <h2 id="workers-heading">Workers seen</h2>
          <ItemList items={stats.workers} />
        </section>
      ) : null}
      {stats.recent_failures !== undefined ? (
        <section className="card" aria-labelledby="failures-heading">
          <h2 id="failures-heading">Recent failures</h2>
          {Array.isArray(stats.recent_failures) && stats.recent_failures.length ? (
            <ItemList items={stats.recent_failures} />
          ) : (
            <p className="muted">None.</p>
          )}
        </section>
      ) : null}
    </>
  );
}

function Tile({ label, value }: { label: string; value: number | string }) {
  return (
    <div className="tile">
      <span className="tile__value">{value}</span>
      <span className="tile__label">{label}</span>
    </div>
  );
}

function countOf(value: unknown): number | string {
  if (typeof value === "number") return value;
  if (Array.isArray(value)) return value.length;
  if (value && typeof value === "object") return Object.keys(value).length;
  return String(value);
}

/** Renders items of a shape this client does not know yet, field by field. */
function ItemList({ items }: { items: unknown[] }) {
  return (
    <ul className="item-list">
      {items.slice(0, 50).map((item, index) => (
        <li key={index}>
          {item && typeof item === "object" ? (
            <dl className="item-list__fields">
              {Object.entries(item as Record<string, unknown>).map(([key, value]) => (
                <div key={key}>
                  <dt>{key.replaceAll("_", " ")}</dt>
                  <dd>{typeof value === "object" ? JSON.stringify(value) : String(value)}</dd>
                </div>
              ))}
            </dl>
          ) : (
            String(item)
          )}
        </li>
      ))}
    </ul>
  );
}
