import { findJob } from "@/lib/job-store";
import { Link } from "@/lib/router";
import { VersionCompare } from "@/features/versions/components/version-compare";

/** Above the owner's result: for a revised version, what changed since the one it revises. */
export function RevisionPanel({ id }: { id: string }) {
  const job = findJob(id);
  if (!job || job.role === "viewer") return null; // versions stay with the owner's browser
  const earlier = job.previousId ? findJob(job.previousId) : undefined;
  return earlier && earlier.role !== "viewer" ? <VersionCompare job={job} earlier={earlier} /> : null;
}

/** Below the owner's result: the next round starts from here. */
export function UploadRevisionLink({ id }: { id: string }) {
  const job = findJob(id);
  if (job?.role === "viewer") return null;
  return (
    <p className="revision-panel no-print">
      <Link to={`/?revises=${encodeURIComponent(id)}`} className="button" data-testid="upload-revision">
        Upload a revised version
      </Link>
    </p>
  );
}
