import { api, type JobCreated, type Level } from "@/lib/api/client";
import { NETWORK_PROBLEM, toProblem, type Problem } from "@/lib/api/problem";

export type ReroastResult = { ok: true; job: JobCreated } | { ok: false; problem: Problem };

/** POST /api/resumes/{id}/reroasts: the stored upload roasted again; no file is sent. */
export async function reroastResume(
  id: string,
  token: string,
  change: { jobDescription: string; level?: Level },
): Promise<ReroastResult> {
  try {
    const { data, error, response } = await api.POST("/api/resumes/{job_id}/reroasts", {
      params: { path: { job_id: id }, header: { "x-job-token": token } },
      body: { job_description: change.jobDescription.trim() || null, level: change.level ?? null },
    });
    if (data) return { ok: true, job: data };
    return { ok: false, problem: toProblem(error, response) };
  } catch {
    return { ok: false, problem: NETWORK_PROBLEM };
  }
}
