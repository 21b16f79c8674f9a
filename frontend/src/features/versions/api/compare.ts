import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";

export type Comparison = components["schemas"]["Comparison"];

/** GET /api/resumes/{id}/compare/{earlier}: needs the owner's tokens of both versions. */
export async function compareVersions(
  id: string,
  token: string,
  earlierId: string,
  earlierToken: string,
): Promise<Comparison | null> {
  try {
    const { data } = await api.GET("/api/resumes/{job_id}/compare/{earlier_id}", {
      params: {
        path: { job_id: id, earlier_id: earlierId },
        header: { "x-job-token": token, "x-earlier-token": earlierToken },
      },
    });
    return data ?? null;
  } catch {
    return null;
  }
}
