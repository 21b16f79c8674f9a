import { useState } from "react";
import { PageTitle } from "@/components/page-title";
import { rememberJob } from "@/lib/job-store";
import { navigate } from "@/lib/router";
import { keepSubmission, takeDraft } from "@/lib/submissions";
import { UploadForm } from "@/features/upload/components/upload-form";

export function UploadRoute() {
  const [draft] = useState(takeDraft);
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
      {draft ? (
        <p className="note note--info" role="status">
          Choose the file again to resubmit it; your other choices are filled in.
        </p>
      ) : null}
      <UploadForm
        initial={draft}
        onSubmitted={async (job, submission) => {
          rememberJob({
            id: job.job_id,
            token: job.access_token,
            filename: submission.file.name,
            created: new Date().toISOString(),
          });
          await keepSubmission(job.job_id, submission); // stored before a reload can need it
          navigate(job.web_url);
        }}
      />
    </div>
  );
}
