import type { KnownJob } from "@/lib/job-store";

/** The versions of one resume, oldest first: this job and the earlier ones it revises. */
export function versionChain(jobs: KnownJob[], id: string): KnownJob[] {
  const byId = new Map(jobs.map((job) => [job.id, job]));
  const chain: KnownJob[] = [];
  const seen = new Set<string>();
  let current = byId.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    chain.unshift(current);
    current = current.previousId ? byId.get(current.previousId) : undefined;
  }
  return chain;
}

/** History rows grouped: each resume's versions together (oldest first), newest resume first. */
export function groupVersions(jobs: KnownJob[]): KnownJob[][] {
  const revised = new Set(jobs.map((job) => job.previousId).filter(Boolean));
  // jobs are newest first: a job nobody revises is the latest version of its resume
  return jobs.filter((job) => !revised.has(job.id)).map((latest) => versionChain(jobs, latest.id));
}
