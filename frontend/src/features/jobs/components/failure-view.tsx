import type { JobPublic } from "@/lib/api/client";
import { Link } from "@/lib/router";

/** Extra advice per failure code; the reason itself already says what went wrong. */
const ADVICE: Record<string, string[]> = {
  encrypted_document: [
    "Open the file, remove the password (in Word or Acrobat: File → Protect → remove), and save a copy.",
    "Upload that copy.",
  ],
  document_too_complex: ["Export a one- or two-page PDF without large images."],
  document_too_long: ["Upload the resume alone (one or two pages), not a portfolio, thesis or merged file."],
  unreadable_document: ["Open the file on your computer, export it again as PDF or DOCX, then upload it."],
  not_a_resume: ["Upload the resume itself: not a cover letter, a paper, or another document."],
};
const DEFAULT_ADVICE = [
  "Try again: many problems (a busy reviewer, a restart on our side) pass in a minute.",
  "If it fails again, export the resume as a plain PDF or DOCX and upload that.",
];
const PERMANENT_ADVICE = ["Another try with the same file fails the same way: upload a different file."];

/**
 * A failed job: the reason, what to do instead, and "Try again" only when another try can
 * succeed (the API says so: failure.retryable) and this page may re-submit (the owner's).
 */
export function FailureView({
  job,
  onRetry,
  retrying,
}: {
  job: JobPublic;
  onRetry?: () => void;
  retrying: boolean;
}) {
  const reason = job.failure?.reason ?? "The job failed without a reason.";
  const retryable = job.failure?.retryable ?? true;
  const advice = ADVICE[job.failure?.code ?? ""] ?? (retryable ? DEFAULT_ADVICE : PERMANENT_ADVICE);
  const offerRetry = retryable && onRetry !== undefined;
  return (
    <section className="card failure" aria-labelledby="failure-heading">
      <h2 id="failure-heading" className="failure__title">
        <span className="failure__icon" aria-hidden="true">
          ✕
        </span>
        We could not roast this resume
      </h2>
      <p className="failure__reason" data-testid="failure-reason">
        {reason}
      </p>
      <h3 className="failure__subtitle">What to do</h3>
      <ul className="failure__advice">
        {advice.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {retryable ? (
        <p className="muted small">
          Attempts: {job.attempts}
        </p>
      ) : null}
      <div className="actions">
        {offerRetry ? (
          <button type="button" className="button button--primary" onClick={onRetry} disabled={retrying}>
            {retrying ? "Resubmitting…" : "Try again"}
          </button>
        ) : null}
        <Link to="/" className={offerRetry ? "button" : "button button--primary"}>
          Upload a different file
        </Link>
      </div>
    </section>
  );
}
