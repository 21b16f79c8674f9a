import { useEffect, useMemo, useRef, useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { PageTitle } from "@/components/page-title";
import { asFailure, type JobPublic } from "@/lib/api/client";
import { capitalize, formatDateTime } from "@/lib/format";
import { findJob, rememberJob, resolveToken } from "@/lib/job-store";
import { Link, navigate } from "@/lib/router";
import { forgetSubmission, keepSubmission, loadSubmission, setDraft } from "@/lib/submissions";
import { ResultView } from "@/features/feedback/components/result-view";
import { useJobStatus } from "@/features/jobs/api/use-job-status";
import { FailureView } from "@/features/jobs/components/failure-view";
import { ProgressView } from "@/features/jobs/components/progress-view";
import { useWebConfig } from "@/features/upload/api/get-config";
import { submitResume } from "@/features/upload/api/submit-resume";
import { RevisionPanel, UploadRevisionLink } from "@/features/versions/components/revision-panel";
import { JobMatch } from "@/features/job-match/components/job-match";
import { JobDescriptionForm, openJobDescriptionForm } from "@/features/job-match/components/job-description-form";

/** /jobs/{id}: progress while it runs, then the roast or the failure, at one shareable URL. */
export function JobRoute({ id }: { id: string }) {
  const link = useMemo(() => resolveToken(id, window.location.hash), [id]);
  const token = link?.token ?? null;
  const watch = useJobStatus(id, token);
  const config = useWebConfig();
  const job = watch.job ? asFailure(watch.job) : null;
  const owner = (job?.access ?? link?.role) === "owner";
  // The owner shares the read-only token; a viewer can pass on only the token it holds.
  const shareToken = owner ? job?.viewer_token : link?.role === "viewer" ? token : null;
  const jobForm = useRef<HTMLDetailsElement>(null);
  const changeJob = owner && token ? () => openJobDescriptionForm(jobForm.current) : undefined;
  useRememberFilename(id, token, job);
  useForgetFileWhenDone(id, job);

  if (watch.error === "not_found") return <JobNotFound />;
  const title = job?.filename ?? findJob(id)?.filename ?? "Your resume";
  return (
    <div className="page page--job">
      <div className="job-head">
        <div>
          <p className="eyebrow">{job ? statusLine(job) : "Loading…"}</p>
          <PageTitle title={title} className="job-head__title" />
        </div>
        {shareToken ? (
          <div className="no-print">
            <CopyButton text={shareLink(id, shareToken)} label="Copy share link" icon="link" />
          </div>
        ) : null}
      </div>
      {job === null ? (
        <div className="card skeleton" aria-busy="true">
          <p className="muted">Loading the job…</p>
        </div>
      ) : job.status === "complete" && job.feedback ? (
        <>
          {owner ? null : (
            <p className="note note--info" data-testid="viewer-note">
              A shared roast: you can read it; only the person who uploaded the resume can change or
              delete it.
            </p>
          )}
          {owner ? <RevisionPanel id={id} /> : null}
          <JobMatch feedback={job.feedback} onChange={changeJob} />
          {owner && token ? <JobDescriptionForm ref={jobForm} job={job} token={token} /> : null}
          <ResultView
            onAddJobDescription={changeJob}
            feedback={job.feedback}
            filename={job.filename}
            band={job.score_band ?? null}
            bands={config.score_bands}
            topFixes={job.top_fixes ?? []}
            jobId={id}
            token={token}
          />
          {owner ? <UploadRevisionLink id={id} /> : null}
        </>
      ) : job.status === "failed" ? (
        owner ? <RetryableFailure job={job} /> : <FailureView job={job} retrying={false} />
      ) : (
        <ProgressView job={job} seenAt={watch.seenAt} transport={watch.transport} offline={watch.error === "network"} />
      )}
    </div>
  );
}

function RetryableFailure({ job }: { job: JobPublic }) {
  const [retrying, setRetrying] = useState(false);
  const [problem, setProblem] = useState("");

  async function retry(): Promise<void> {
    setRetrying(true);
    const submission = await loadSubmission(job.job_id);
    if (!submission) {
      setDraft({ level: job.level });
      navigate("/");
      return;
    }
    const known = findJob(job.job_id); // a retried revision stays the next version
    const earlier = known?.previousId ? findJob(known.previousId) : undefined;
    const result = await submitResume(
      submission,
      earlier ? { id: earlier.id, token: earlier.token } : undefined,
    );
    if (!result.ok) {
      setRetrying(false);
      setProblem(result.problem.detail);
      return;
    }
    rememberJob({
      id: result.job.job_id,
      token: result.job.access_token,
      filename: submission.file.name,
      created: new Date().toISOString(),
      ...(earlier ? { previousId: earlier.id } : {}),
    });
    // The new job holds the file now; the failed one needs it no more.
    await keepSubmission(result.job.job_id, submission);
    await forgetSubmission(job.job_id);
    navigate(result.job.web_url);
  }

  return (
    <>
      <FailureView job={job} onRetry={() => void retry()} retrying={retrying} />
      {problem ? (
        <p className="note note--error" role="alert">
          {problem}
        </p>
      ) : null}
    </>
  );
}

function JobNotFound() {
  return (
    <div className="page">
      <PageTitle title="Job not found" />
      <div className="card">
        <p>
          This job does not exist any more, or this browser does not have its link. A shared link
          carries a token after <code>#token=</code>: make sure it was copied whole.
        </p>
        <div className="actions">
          <Link to="/" className="button button--primary">
            Upload a resume
          </Link>
          <Link to="/history" className="button">
            My history
          </Link>
        </div>
      </div>
    </div>
  );
}

function statusLine(job: JobPublic): string {
  const level = `${capitalize(job.level)} roast`;
  return `${level} · submitted ${formatDateTime(job.created_at)}`;
}

/** A share link carries the read-only viewer token (`#view=`), never the owner's. */
function shareLink(id: string, viewerToken: string): string {
  return `${window.location.origin}/jobs/${encodeURIComponent(id)}#view=${encodeURIComponent(viewerToken)}`;
}

/** A job opened from a shared link is listed under its real file name once known. */
function useRememberFilename(id: string, token: string | null, job: JobPublic | null): void {
  const filename = job?.filename;
  useEffect(() => {
    const known = findJob(id);
    if (token && filename && known && known.filename !== filename) {
      rememberJob({ ...known, filename });
    }
  }, [id, token, filename]);
}

/** A finished roast needs its file no more: it leaves this browser's storage. */
function useForgetFileWhenDone(id: string, job: JobPublic | null): void {
  const complete = job?.status === "complete";
  useEffect(() => {
    if (complete) void forgetSubmission(id);
  }, [id, complete]);
}
