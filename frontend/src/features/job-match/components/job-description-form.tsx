import { forwardRef, useState, type FormEvent } from "react";
import type { JobPublic } from "@/lib/api/client";
import { rememberJob } from "@/lib/job-store";
import { navigate } from "@/lib/router";
import { reroastResume } from "@/features/job-match/api/reroast";

export const JOB_DESCRIPTION_FORM_ID = "job-description";

/** The owner adds or changes the job description and gets a new roast of the same upload:
 * nothing is uploaded again (the server keeps the file). Folded until asked for. */
export const JobDescriptionForm = forwardRef<HTMLDetailsElement, { job: JobPublic; token: string }>(
  function JobDescriptionForm({ job, token }, ref) {
    const [text, setText] = useState(job.job_description ?? "");
    const [sending, setSending] = useState(false);
    const [problem, setProblem] = useState("");
    const hasJob = Boolean(job.job_description);

    async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
      event.preventDefault();
      if (!text.trim() && !hasJob) {
        setProblem("Paste the job ad first: its requirements and responsibilities.");
        return;
      }
      setSending(true);
      setProblem("");
      const result = await reroastResume(job.job_id, token, { jobDescription: text });
      if (!result.ok) {
        setSending(false);
        setProblem(result.problem.detail || result.problem.title);
        return;
      }
      rememberJob({
        id: result.job.job_id,
        token: result.job.access_token,
        filename: job.filename,
        created: new Date().toISOString(),
      });
      navigate(result.job.web_url);
    }

    return (
      <details className="card job-form no-print" id={JOB_DESCRIPTION_FORM_ID} ref={ref}>
        <summary>
          <strong>{hasJob ? "Change the job description" : "Add a job description"}</strong>
          <span className="muted small">
            {" "}
            — roast this resume again against a job, without uploading it again
          </span>
        </summary>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <label htmlFor="reroast-job-description" className="field__label">
            The job ad
          </label>
          <textarea
            id="reroast-job-description"
            rows={8}
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-describedby={problem ? "reroast-problem" : undefined}
            placeholder="Paste the requirements and responsibilities"
          />
          {problem ? (
            <p id="reroast-problem" className="note note--error" role="alert">
              {problem}
            </p>
          ) : null}
          <div className="actions">
            <button type="submit" className="button button--primary" disabled={sending}>
              {sending ? "Starting…" : "Roast it against this job"}
            </button>
          </div>
        </form>
      </details>
    );
  },
);

/** Opens the folded form and puts the cursor in it (from the match or the sub-score hint). */
export function openJobDescriptionForm(form: HTMLDetailsElement | null): void {
  if (!form) return;
  form.open = true;
  form.scrollIntoView?.({ block: "start" });
  form.querySelector("textarea")?.focus();
}
