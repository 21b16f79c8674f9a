import { api, type JobCreated } from "@/lib/api/client";
import { NETWORK_PROBLEM, toProblem, type Problem } from "@/lib/api/problem";
import type { Submission } from "@/lib/submissions";

export type SubmitResult = { ok: true; job: JobCreated } | { ok: false; problem: Problem };

/** The earlier version an upload revises, with its owner token (the server checks it). */
export interface Revises {
  id: string;
  token: string;
}

/** POST /api/resumes as multipart form data; linked on the server to `revises` when given. */
export async function submitResume(submission: Submission, revises?: Revises): Promise<SubmitResult> {
  const form = new FormData();
  form.append("file", submission.file, submission.file.name);
  form.append("level", submission.level);
  const description = submission.jobDescription.trim();
  if (description) form.append("job_description", description);
  if (revises) form.append("previous_job_id", revises.id);
  try {
    const { data, error, response } = await api.POST("/api/resumes", {
      // The generated body type describes the form fields; FormData carries them.
      body: { file: "", level: submission.level },
      bodySerializer: () => form,
      ...(revises ? { params: { header: { "x-previous-job-token": revises.token } } } : {}),
    });
    if (data) return { ok: true, job: data };
    return { ok: false, problem: toProblem(error, response) };
  } catch {
    return { ok: false, problem: NETWORK_PROBLEM };
  }
}

export type FieldName = "file" | "job_description" | "level" | "form";

const FILE_CODES = new Set([
  "file_too_large",
  "unsupported_file_type",
  "empty_document",
  "unreadable_document",
  "encrypted_document",
  "document_too_complex",
  "document_too_long",
  "not_a_resume",
  "document_error",
]);

/** Which field an API rejection is about, with the message to show next to it. */
export function fieldErrors(problem: Problem): Partial<Record<FieldName, string>> {
  if (problem.errors?.length) {
    const out: Partial<Record<FieldName, string>> = {};
    for (const { field, message } of problem.errors) {
      const name = toFieldName(field);
      out[name] = out[name] ? `${out[name]} ${message}` : message;
    }
    return out;
  }
  if (FILE_CODES.has(problem.code)) return { file: problem.detail };
  if (problem.code === "invalid_request" && /job description/i.test(problem.detail)) {
    return { job_description: problem.detail };
  }
  if (problem.code === "rate_limited") {
    return { form: problem.detail || "Too many uploads from here. Wait a minute and try again." };
  }
  return { form: problem.detail || problem.title };
}

function toFieldName(field: string): FieldName {
  const last = field.split(".").at(-1) ?? "";
  if (last === "file" || last === "job_description" || last === "level") return last;
  return "form";
}
