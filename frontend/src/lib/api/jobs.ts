import { api, type JobPublic } from "@/lib/api/client";

export type JobRead =
  | { ok: true; job: JobPublic }
  | { ok: false; reason: "not_found" | "network" | "server" };

/** GET /api/resumes/{id} with the job's token (404 without it, as for an unknown job). */
export async function getJob(id: string, token: string): Promise<JobRead> {
  try {
    const { data, response } = await api.GET("/api/resumes/{job_id}", {
      params: { path: { job_id: id }, header: { "x-job-token": token } },
    });
    if (data) return { ok: true, job: data };
    return { ok: false, reason: response.status === 404 ? "not_found" : "server" };
  } catch {
    return { ok: false, reason: "network" };
  }
}

export type DeleteResult = "deleted" | "gone" | "not_owner" | "failed";

/** DELETE /api/resumes/{id}: the file, its text, the feedback and any cached review. */
export async function deleteJob(id: string, token: string): Promise<DeleteResult> {
  try {
    const { response } = await api.DELETE("/api/resumes/{job_id}", {
      params: { path: { job_id: id }, header: { "x-job-token": token } },
    });
    // 202: deleted; the server is still removing the last copies from its files.
    if (response.status === 204 || response.status === 202) return "deleted";
    if (response.status === 403) return "not_owner"; // a share link's token reads only
    return response.status === 404 ? "gone" : "failed";
  } catch {
    return "failed";
  }
}
