import { api, type DeadLetter, type QueueStats } from "@/lib/api/client";

export type AdminFailure = "unauthorized" | "network" | "server";
export type AdminResult<T> = { ok: true; data: T } | { ok: false; reason: AdminFailure };

function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

function failure(status: number | undefined): AdminFailure {
  if (status === 401 || status === 403) return "unauthorized";
  return status ? "server" : "network";
}

export async function getStats(token: string): Promise<AdminResult<QueueStats>> {
  try {
    const { data, response } = await api.GET("/api/admin/stats", { params: { header: bearer(token) } });
    return data ? { ok: true, data } : { ok: false, reason: failure(response.status) };
  } catch {
    return { ok: false, reason: "network" };
  }
}

export async function listDeadLetters(token: string): Promise<AdminResult<DeadLetter[]>> {
  try {
    const { data, response } = await api.GET("/api/admin/dlq", {
      params: { header: bearer(token), query: { limit: 100 } },
    });
    return data ? { ok: true, data } : { ok: false, reason: failure(response.status) };
  } catch {
    return { ok: false, reason: "network" };
  }
}

export async function replayDeadLetter(token: string, entryId: number): Promise<AdminResult<string>> {
  try {
    const { data, response } = await api.POST("/api/admin/dlq/{entry_id}/replay", {
      params: { header: bearer(token), path: { entry_id: entryId } },
    });
    return data ? { ok: true, data: data.job_id } : { ok: false, reason: failure(response.status) };
  } catch {
    return { ok: false, reason: "network" };
  }
}

const KEY = "resumeroast.admin-token";

/** Kept for this tab only (sessionStorage), never in localStorage. */
export const adminToken = {
  get(): string {
    try {
      return window.sessionStorage.getItem(KEY) ?? "";
    } catch {
      return "";
    }
  },
  set(value: string): void {
    try {
      if (value) window.sessionStorage.setItem(KEY, value);
      else window.sessionStorage.removeItem(KEY);
    } catch {
      /* storage disabled: the token lives in memory only */
    }
  },
};
