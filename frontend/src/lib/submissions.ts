import type { Level } from "@/lib/api/client";

/** What was uploaded, kept in memory for this page's life so "try again" can resubmit it. */
export interface Submission {
  file: File;
  jobDescription: string;
  level: Level;
}

const byJob = new Map<string, Submission>();
let draft: Partial<Submission> | null = null;

export function keepSubmission(jobId: string, submission: Submission): void {
  byJob.set(jobId, submission);
}

export function submissionFor(jobId: string): Submission | undefined {
  return byJob.get(jobId);
}

/** Pre-fills the upload form (a retry whose file this page no longer holds). */
export function setDraft(value: Partial<Submission> | null): void {
  draft = value;
}

export function takeDraft(): Partial<Submission> | null {
  const value = draft;
  draft = null;
  return value;
}
