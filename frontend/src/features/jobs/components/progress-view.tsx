import { useEffect, useState } from "react";
import type { JobPublic } from "@/lib/api/client";
import { formatTime, formatUntil } from "@/lib/format";
import type { Transport } from "@/features/jobs/api/use-job-status";
import { StepList } from "@/features/jobs/components/step-list";
import { STEP_TEXT, stepOf, stepTimes, type Step } from "@/features/jobs/steps";

const TRANSPORT_TEXT: Record<Transport, string> = {
  connecting: "Connecting…",
  live: "Live updates",
  polling: "Checking for updates every few seconds",
  finished: "Finished",
};

/** The job while it runs: steps, attempts, a waiting retry, how updates arrive. */
export function ProgressView({
  job,
  seenAt,
  transport,
  offline,
}: {
  job: JobPublic;
  seenAt: Partial<Record<Step, string>>;
  transport: Transport;
  offline: boolean;
}) {
  const step = stepOf(job.status, job.stage);
  return (
    <section className="card progress" aria-labelledby="progress-heading">
      <div className="progress__head">
        <h2 id="progress-heading" className="progress__title">
          <span className="spinner" aria-hidden="true" />
          {STEP_TEXT[step].label}…
        </h2>
        <p className={`transport transport--${transport}`} data-transport={transport}>
          <span className="transport__dot" aria-hidden="true" />
          {TRANSPORT_TEXT[transport]}
        </p>
      </div>
      <p className="visually-hidden" aria-live="polite" data-testid="announcer">
        {STEP_TEXT[step].label}: {STEP_TEXT[step].detail}
      </p>
      {job.status === "queued" && job.queue_estimate_s != null ? (
        <p className="note note--info" data-testid="queue-estimate">
          Ready in {roughly(job.queue_estimate_s)}, judging by the jobs ahead and recent roasts.
        </p>
      ) : null}
      <StepList job={job} seenAt={stepTimes(job, seenAt)} />
      <AttemptNote job={job} />
      {offline ? (
        <p className="note note--warning" role="status">
          <span aria-hidden="true">⚠ </span>Lost contact with the server; still trying.
        </p>
      ) : null}
      <p className="muted small">
        You can leave this page: the link keeps working, and your jobs are under My history.
      </p>
    </section>
  );
}

function AttemptNote({ job }: { job: JobPublic }) {
  const now = useNow(job.retry_at ? 1000 : null);
  if (job.attempts === 0 && !job.retry_at) return null;
  return (
    <div className="attempts" data-testid="attempts">
      <p>
        Attempt <strong>{Math.max(job.attempts, 1)}</strong>
        {job.retries > 0 ? ` · ${job.retries} ${job.retries === 1 ? "retry" : "retries"} so far` : ""}
      </p>
      {job.retry_at ? (
        <p className="note note--info" role="status">
          <span aria-hidden="true">↻ </span>
          A temporary problem{job.last_error ? ` (${job.last_error.replaceAll("_", " ")})` : ""} interrupted
          the last attempt. Retrying at {formatTime(job.retry_at)} ({formatUntil(job.retry_at, now)}).
        </p>
      ) : null}
    </div>
  );
}

function useNow(intervalMs: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (intervalMs === null) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "about 20 seconds", "about 3 minutes": an estimate, said as one. */
export function roughly(seconds: number): string {
  if (seconds < 60) {
    const s = Math.max(5, Math.ceil(seconds / 5) * 5);
    return `about ${s} seconds`;
  }
  const minutes = Math.round(seconds / 60);
  return `about ${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
}
