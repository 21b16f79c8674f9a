import { useCallback, useEffect, useState, type FormEvent } from "react";
import type { DeadLetter, QueueStats, RecentFailure } from "@/lib/api/client";
import { formatDateTime } from "@/lib/format";
import { findJob } from "@/lib/job-store";
import { Link } from "@/lib/router";
import {
  adminToken,
  getStats,
  listDeadLetters,
  replayDeadLetter,
  type AdminFailure,
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
  const [stats, setStats] = useState<QueueStats | null>(null);
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

function StatsPanel({ stats }: { stats: QueueStats }) {
  const statuses = Object.entries(stats.jobs_by_status);
  return (
    <>
      <section className="tiles" aria-label="Queue health">
        <Tile label="Queue depth" value={stats.queue_depth ?? "unknown"} />
        <Tile label="Dead letters" value={stats.dead_letters} />
        <Tile label="Workers" value={stats.workers.length} />
        {statuses.map(([status, count]) => (
          <Tile key={status} label={`Jobs ${status}`} value={count} />
        ))}
      </section>
      <section className="card" aria-labelledby="workers-heading">
        <h2 id="workers-heading">Workers seen</h2>
        {stats.workers.length ? (
          <ul className="worker-list">
            {stats.workers.map((worker) => (
              <li key={worker}>
                <code>{worker}</code>
              </li>
            ))}
          </ul>
        ) : (
          // Said in words: no worker means nothing in the queue will move.
          <p className="note note--error">
            No worker has checked in lately: queued jobs are not being processed.
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="failures-heading">
        <h2 id="failures-heading">
          Recent failures <span className="count">({stats.recent_failures.length})</span>
        </h2>
        {stats.recent_failures.length ? (
          <FailureTable failures={stats.recent_failures} />
        ) : (
          <p className="muted">None.</p>
        )}
      </section>
    </>
  );
}

function FailureTable({ failures }: { failures: RecentFailure[] }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-labelledby="failures-heading">
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">Code</th>
            <th scope="col">Reason</th>
            <th scope="col">Failed at</th>
          </tr>
        </thead>
        <tbody>
          {failures.map((failure) => (
            <tr key={failure.job_id} data-job-id={failure.job_id}>
              <td>
                <JobReference id={failure.job_id} />
              </td>
              <td>
                {failure.code ? <code className="failure-code">{failure.code}</code> : <span className="muted">none</span>}
              </td>
              <td>{failure.reason ?? <span className="muted">No reason recorded.</span>}</td>
              <td>
                {failure.finished_at ? (
                  <time dateTime={failure.finished_at}>{formatDateTime(failure.finished_at)}</time>
                ) : (
                  <span className="muted">unknown</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A link when this browser holds the job's token; otherwise the page would only say "not found". */
function JobReference({ id }: { id: string }) {
  const code = <code>{id}</code>;
  return findJob(id) ? (
    <Link to={`/jobs/${encodeURIComponent(id)}`}>
      {code}
    </Link>
  ) : (
    code
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
