import { useEffect, useState } from "react";
import { api } from "@/lib/api/client";

/**
 * The job's page images as object URLs, fetched once `enabled` (the resume view is open). The
 * token travels in a header, as for the result: never in an image URL a log could keep.
 * `null` while a page loads or when it cannot be had (the view shows that page's text).
 */
export function usePageImages(
  jobId: string | undefined,
  token: string | null | undefined,
  count: number,
  enabled: boolean,
): (string | null)[] {
  const [urls, setUrls] = useState<(string | null)[]>([]);
  useEffect(() => {
    if (!enabled || !jobId || !token || count <= 0) return;
    let alive = true;
    const made: string[] = [];
    const pages = Array.from({ length: count }, (_, index) => index + 1);
    void Promise.all(pages.map((page) => fetchPage(jobId, token, page))).then((blobs) => {
      const next = blobs.map((blob) => (blob ? URL.createObjectURL(blob) : null));
      made.push(...next.filter((url): url is string => url !== null));
      if (alive) setUrls(next);
      else made.forEach((url) => URL.revokeObjectURL(url));
    });
    return () => {
      alive = false;
      made.forEach((url) => URL.revokeObjectURL(url));
    };
  }, [jobId, token, count, enabled]);
  return urls;
}

async function fetchPage(jobId: string, token: string, page: number): Promise<Blob | null> {
  try {
    const { data, response } = await api.GET("/api/resumes/{job_id}/pages/{page}", {
      params: { path: { job_id: jobId, page }, header: { "x-job-token": token } },
      parseAs: "blob",
    });
    return response.ok && data ? (data as Blob) : null;
  } catch {
    return null;
  }
}
