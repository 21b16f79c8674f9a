import { useEffect, useState } from "react";
import { asFailure, type JobStatus } from "@/lib/api/client";
import { deleteJob, getJob } from "@/lib/api/jobs";
import { capitalize, formatDateTime } from "@/lib/format";
import { forgetJob, linkVersion, rememberJob, useKnownJobs, type KnownJob } from "@/lib/job-store";
import { forgetSubmission } from "@/lib/submissions";
import { Link } from "@/lib/router";
import { groupVersions } from "@/lib/versions";
import { VersionTrend } from "@/features/history/components/version-trend";

const STATUS_TEXT: Record<RowStatus, string> = {
  queued: "Queued",
  processing: "Working",
  complete: "Ready",
  failed: "Failed",
  unknown: "…",
  gone: "Deleted or expired",
};

/** The jobs this browser submitted, with links and a way to delete the data on the server. */
export function HistoryList() {
  const jobs = useKnownJobs();
  const [message, setMessage] = useState("");
  if (jobs.length === 0) {
    return (
      <div className="card empty">
        <p>No resumes from this browser yet.</p>
        <Link to="/" className="button button--primary">
          Upload a resume
        </Link>
        {message ? <p role="status">{message}</p> : null}
      </div>
    );
  }
  return (
    <>
      <p role="status" className="history__message">
        {message}
      </p>
      <ul className="history">
        {groupVersions(jobs).map((versions) =>
          versions.length > 1 ? (
            <li key={versions[versions.length - 1]!.id} className="history__group">
              <VersionTrend versions={versions} />
              <ul className="history">
                {[...versions].reverse().map((job) => (
                  <HistoryRow key={job.id} job={job} onMessage={setMessage} />
                ))}
              </ul>
            </li>
          ) : (
            <HistoryRow key={versions[0]!.id} job={versions[0]!} onMessage={setMessage} />
          ),
        )}
      </ul>
    </>
  );
}

function HistoryRow({ job, onMessage }: { job: KnownJob; onMessage: (text: string) => void }) {
  if (job.role === "viewer") return <SharedRow job={job} onMessage={onMessage} />;
  return <OwnedRow job={job} onMessage={onMessage} />;
}

/** A roast opened from someone's share link: readable here, never deletable from here. */
function SharedRow({ job, onMessage }: { job: KnownJob; onMessage: (text: string) => void }) {
  const { status, score, band } = useRowStatus(job);
  return (
    <li className="history__item" data-job-id={job.id} data-role="viewer">
      <div className="history__main">
        <Link to={`/jobs/${encodeURIComponent(job.id)}`} className="history__name">
          {job.filename}
        </Link>
        <span className="muted small">
          Shared with you · <time dateTime={job.created}>{formatDateTime(job.created)}</time>
        </span>
      </div>
      <StatusBadge status={status} score={score} band={band} />
      <div className="history__actions">
        <button
          type="button"
          className="button button--small button--ghost"
          onClick={() => {
            forgetJob(job.id);
            onMessage(`Removed “${job.filename}” from this list; the owner's roast is untouched.`);
          }}
        >
          Remove from list<span className="visually-hidden"> ({job.filename})</span>
        </button>
      </div>
    </li>
  );
}

function StatusBadge({ status, score, band }: { status: RowStatus; score: number | null; band: string | null }) {
  return (
    <span className={`status status--${status}`}>
      {STATUS_TEXT[status]}
      {score !== null ? ` · ${score}/100${band ? ` (${band})` : ""}` : ""}
    </span>
  );
}

type RowStatus = JobStatus | "unknown" | "gone";

interface RowState {
  status: RowStatus;
  score: number | null;
  band: string | null;
  /** "Honest roast · against a job": what this version was roasted with (versions differ). */
  about: string | null;
}

function useRowStatus(job: KnownJob): RowState {
  const [status, setStatus] = useState<RowStatus>("unknown");
  const [score, setScore] = useState<number | null>(null);
  const [band, setBand] = useState<string | null>(null);
  const [about, setAbout] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void getJob(job.id, job.token).then((read) => {
      if (!live) return;
      if (read.ok) {
        const job = asFailure(read.job);
        setStatus(job.status);
        setScore(job.feedback?.overall_score ?? null);
        setBand(job.feedback ? (job.score_band?.label ?? null) : null);
        setAbout(`${capitalize(job.level)} roast${job.job_description ? " · against a job" : ""}`);
        // the server knows the versions too (e.g. uploaded with the CLI or the API)
        if (job.previous_job_id) linkVersion(job.job_id, job.previous_job_id);
      } else if (read.reason === "not_found") {
        setStatus("gone");
      }
    });
    return () => {
      live = false;
    };
  }, [job.id, job.token]);
  return { status, score, band, about };
}

function OwnedRow({ job, onMessage }: { job: KnownJob; onMessage: (text: string) => void }) {
  const { status, score, band, about } = useRowStatus(job);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  async function remove(): Promise<void> {
    setBusy(true);
    const result = await deleteJob(job.id, job.token);
    setBusy(false);
    if (result === "failed") {
      onMessage(`Could not delete “${job.filename}”. Try again in a moment.`);
      return;
    }
    if (result === "not_owner") {
      rememberJob({ ...job, role: "viewer" });
      onMessage(`“${job.filename}” came from a share link: only its owner can delete it.`);
      return;
    }
    forgetJob(job.id);
    void forgetSubmission(job.id);
    onMessage(
      result === "deleted"
        ? `Deleted “${job.filename}”: the file, its text and its feedback are gone from our servers.`
        : `“${job.filename}” was already gone from our servers; removed it from this list.`,
    );
  }

  return (
    <li className="history__item" data-job-id={job.id}>
      <div className="history__main">
        <Link to={`/jobs/${encodeURIComponent(job.id)}`} className="history__name">
          {job.filename}
        </Link>
        <span className="muted small">
          <time dateTime={job.created}>{formatDateTime(job.created)}</time>
          {about ? ` · ${about}` : null}
        </span>
      </div>
      <StatusBadge status={status} score={score} band={band} />
      <div className="history__actions">
        {confirming ? (
          <>
            <button type="button" className="button button--danger button--small" onClick={() => void remove()} disabled={busy}>
              {busy ? "Deleting…" : "Yes, delete it"}
            </button>
            <button type="button" className="button button--small" onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" className="button button--small button--ghost" onClick={() => setConfirming(true)}>
            Delete my data<span className="visually-hidden"> for {job.filename}</span>
          </button>
        )}
      </div>
    </li>
  );
}
