import { vi } from "vitest";

export interface Seen {
  method: string;
  path: string;
  search: string;
  headers: Headers;
  body: FormData | string | null;
}

type Handler = (request: Seen) => Response | Promise<Response>;

/**
 * Replaces fetch with routes like "GET /api/resumes/:id". Unmatched calls fail the test.
 * Returns every request seen, in order.
 */
export function mockApi(routes: Record<string, Handler>): Seen[] {
  const seen: Seen[] = [];
  const compiled = Object.entries(routes).map(([key, handler]) => {
    const [method, pattern = ""] = key.split(" ");
    const regex = new RegExp(`^${pattern.replace(/:[a-z_]+/g, "[^/]+")}$`);
    return { method, regex, handler };
  });
  vi.stubGlobal("fetch", async (input: Request | string, init?: RequestInit) => {
    const request = typeof input === "string" ? new Request(new URL(input, window.location.href), init) : input;
    const url = new URL(request.url);
    const type = request.headers.get("content-type") ?? "";
    const body =
      request.method === "GET" || request.method === "DELETE"
        ? null
        : type.includes("multipart/form-data")
          ? await request.formData()
          : await request.text();
    const entry: Seen = {
      method: request.method,
      path: url.pathname,
      search: url.search,
      headers: request.headers,
      body,
    };
    seen.push(entry);
    const route = compiled.find((r) => r.method === request.method && r.regex.test(url.pathname));
    if (!route) throw new Error(`unexpected ${request.method} ${url.pathname}`);
    return route.handler(entry);
  });
  return seen;
}

export function json(body: unknown, status = 200, type = "application/json"): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": type } });
}

export function problem(status: number, code: string, detail: string, extra: object = {}): Response {
  return json(
    { type: `/problems/${code}`, title: code, status, detail, code, ...extra },
    status,
    "application/problem+json",
  );
}
