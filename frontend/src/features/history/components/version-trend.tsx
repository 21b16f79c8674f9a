import { useEffect, useState } from "react";
import { getJob } from "@/lib/api/jobs";
import type { KnownJob } from "@/lib/job-store";
import { ScoreTrend } from "@/features/history/components/score-trend";

/** The heading of one resume's versions in history: how many, and the score trend. */
export function VersionTrend({ versions }: { versions: KnownJob[] }) {
  const [scores, setScores] = useState<number[]>([]);
  const key = versions.map((job) => job.id).join(",");
  useEffect(() => {
    let live = true;
    void Promise.all(versions.map((job) => getJob(job.id, job.token))).then((reads) => {
      const found = reads.flatMap((read) =>
        read.ok && read.job.feedback ? [read.job.feedback.overall_score] : [],
      );
      if (live) setScores(found);
    });
    return () => {
      live = false;
    };
  }, [key]);
  return (
    <div className="history__versions" data-testid="version-trend">
      <span>{versions.length} versions</span>
      <ScoreTrend scores={scores} />
    </div>
  );
}
