import type { JobPublic } from "@/lib/api/client";
import { Link } from "@/lib/router";

/** Extra advice per failure code; the reason itself already says what went wrong. */
const ADVICE: Record<string, string[]> = {
  encrypted_document: [
    "Open the file, remove the password (in Word or Acrobat: File → Protect → remove), and save a copy.",
    "Upload that copy.",
  ],
  document_too_complex: ["Export a one- or two-page PDF without large images."],
  unreadable_document: ["Open the file on your computer, export it again as PDF or DOCX, then upload it."],
  not_a_resume: ["Upload the resume itself: not a cover letter, a paper, or another document."],
};
const DEFAULT_ADVICE = [
  "Try again: many problems (a busy reviewer, a restart on our side) pass in a minute.",
  "If it fails again, export the resume as a plain PDF or DOCX and upload that.",
];

export function FailureView({
  job,
  onRetry,
  retrying,
}: {
  job: JobPublic;
  onRetry: () => void;
  retrying: boolean;
}) {
  const reason = job.failure?.reason ?? "The job failed without a reason.";
  const advice = ADVICE[job.failure?.code ?? ""] ?? DEFAULT_ADVICE;
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
      <p className="muted small">
        Attempts: {job.attempts}
        {job.failure?.code ? ` · error code ${job.failure.code}` : ""}
      </p>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onRetry} disabled={retrying}>
          {retrying ? "Resubmitting…" : "Try again"}
        </button>
        <Link to="/" className="button">
          Upload a different file
        </Link>
      </div>
    </section>
  );
}
