import { useState } from "react";
import { PageTitle } from "@/components/page-title";
import { findJob, rememberJob, type KnownJob } from "@/lib/job-store";
import { navigate } from "@/lib/router";
import { keepSubmission, takeDraft } from "@/lib/submissions";
import { UploadForm } from "@/features/upload/components/upload-form";

export function UploadRoute() {
  const [draft] = useState(takeDraft);
  const revises = useRevisedJob();
  return (
    <div className="page page--upload">
      <div className="hero">
        <PageTitle title="Roast my resume">
          Honest feedback on your resume, <span className="accent">in under a minute</span>
        </PageTitle>
        <p className="hero__lead">
          Upload a PDF, Word or text resume. You get a score, a verdict, every problem with the exact
          line it is on, and rewrites you can copy.
        </p>
      </div>
      {revises ? (
        <p className="note note--info" role="status" data-testid="revising">
          Uploading a revised version of {revises.filename}: the result is compared with it.
        </p>
      ) : null}
      {draft ? (
        <p className="note note--info" role="status">
          Choose the file again to resubmit it; your other choices are filled in.
        </p>
      ) : null}
      <UploadForm
        initial={draft}
        {...(revises ? { revises: { id: revises.id, token: revises.token } } : {})}
        onSubmitted={async (job, submission) => {
          rememberJob({
            id: job.job_id,
            token: job.access_token,
            filename: submission.file.name,
            created: new Date().toISOString(),
            ...(revises ? { previousId: revises.id } : {}),
          });
          await keepSubmission(job.job_id, submission); // stored before a reload can need it
          navigate(job.web_url);
        }}
      />
    </div>
  );
}

/** `/?revises=ID`: the upload is the next version of a resume this browser owns. */
function useRevisedJob(): KnownJob | undefined {
  const [job] = useState(() => {
    const id = new URLSearchParams(window.location.search).get("revises");
    const known = id ? findJob(id) : undefined;
    return known && known.role !== "viewer" ? known : undefined;
  });
  return job;
}
