/** RFC 9457 problem details, the shape of every API error (see src/resumeroast/api/errors.py). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { field: string; message: string }[];
}

/** The API's answer as a Problem; a plain one when the body was not problem+json. */
export function toProblem(body: unknown, response: Response | undefined): Problem {
  const status = response?.status ?? 0;
  if (isProblem(body)) return body;
  return {
    type: "about:blank",
    title: response?.statusText || "Request failed",
    status,
    detail: status ? `The server answered ${status}.` : "Could not reach ResumeRoast.",
    code: status ? `http_${status}` : "network_error",
  };
}

export const NETWORK_PROBLEM: Problem = {
  type: "about:blank",
  title: "Network error",
  status: 0,
  detail: "Could not reach ResumeRoast. Check your connection and try again.",
  code: "network_error",
};

function isProblem(body: unknown): body is Problem {
  if (typeof body !== "object" || body === null) return false;
  const record = body as Record<string, unknown>;
  return typeof record.code === "string" && typeof record.detail === "string";
}
