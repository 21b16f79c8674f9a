import createClient from "openapi-fetch";
import type { components, paths } from "@/lib/api/schema";

/** The typed client for our API, generated from frontend/openapi.json (`npm run generate`). */
export const api = createClient<paths>({
  baseUrl: "",
  // Looked up per call, so tests can replace fetch after this module is loaded.
  fetch: (request) => globalThis.fetch(request),
});

type Schemas = components["schemas"];
export type JobCreated = Schemas["JobCreated"];
export type JobPublic = Schemas["JobPublic"];
export type JobStatus = Schemas["JobStatus"];
export type Stage = Schemas["Stage"];
export type Level = Schemas["Level"];
export type Feedback = Schemas["Feedback"];
export type Finding = Schemas["Finding"];
export type Severity = Schemas["Severity"];
export type Rewrite = Schemas["Rewrite"];
export type SubScores = Schemas["SubScores"];
export type WebConfig = Schemas["WebConfig"];
export type ScoreBand = Schemas["ScoreBand"];
export type TopFix = Schemas["TopFix"];
export type Evidence = Schemas["Evidence"];
export type QueueStats = Schemas["QueueStats"];
export type RecentFailure = Schemas["RecentFailure"];
export type DeadLetter = Schemas["DeadLetterPublic"];

/** One `event: status` message of GET /api/resumes/{id}/events. */
export type JobEvent = Pick<
  JobPublic,
  "job_id" | "status" | "stage" | "attempts" | "retries" | "retry_at" | "updated_at"
> & { failure_reason: string | null };

/** The SSE URL (EventSource cannot send headers, so the token goes in the query). */
export function eventsUrl(jobId: string, token: string): string {
  const path: keyof paths = "/api/resumes/{job_id}/events";
  const url = path.replace("{job_id}", encodeURIComponent(jobId));
  return `${url}?token=${encodeURIComponent(token)}`;
}

export function isFinal(status: JobStatus): boolean {
  return status === "complete" || status === "failed";
}

/**
 * A job stored before image-only files failed for good: it "completed" with one no-text
 * finding and 0/100. Shown as the failure it is, never as "Ready · 0/100" with downloads.
 */
export function asFailure(job: JobPublic): JobPublic {
  const findings = job.feedback?.findings ?? [];
  if (job.status !== "complete" || findings.length !== 1 || findings[0]?.code !== "ats.no_text") return job;
  const reason = `${findings[0].message} ${findings[0].fix ?? ""}`.trim();
  return { ...job, status: "failed", feedback: null, failure: { code: "no_text_layer", reason, retryable: false } };
}
