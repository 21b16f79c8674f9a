import type { JobPublic, JobStatus, Stage } from "@/lib/api/client";

/** What the person sees move: the job's status and stage folded into one line of steps. */
export const STEPS = ["queued", "parsing", "analyzing", "reviewing", "saving", "done"] as const;
export type Step = (typeof STEPS)[number];

export const STEP_TEXT: Record<Step, { label: string; detail: string }> = {
  queued: { label: "Queued", detail: "Waiting for a free worker" },
  parsing: { label: "Parsing", detail: "Reading the text and layout of your file" },
  analyzing: { label: "Analyzing", detail: "Running the resume checks" },
  reviewing: { label: "Reviewing", detail: "Writing the critique and rewrites" },
  saving: { label: "Saving", detail: "Storing your results" },
  done: { label: "Done", detail: "Your roast is ready" },
};

export function stepOf(status: JobStatus, stage: Stage | null): Step {
  if (status === "complete") return "done";
  if (status === "queued") return "queued";
  return stage ?? "parsing";
}

export type StepState = "done" | "current" | "waiting" | "failed";

/** Each step's state. A failed job fails at the step it had reached. */
export function stepStates(job: Pick<JobPublic, "status" | "stage">): Record<Step, StepState> {
  const reached = job.status === "failed" ? (job.stage ?? "queued") : stepOf(job.status, job.stage);
  const at = STEPS.indexOf(reached);
  const states = {} as Record<Step, StepState>;
  STEPS.forEach((step, i) => {
    if (i < at || (job.status === "complete" && step === "done")) states[step] = "done";
    else if (i === at) states[step] = job.status === "failed" ? "failed" : "current";
    else states[step] = "waiting";
  });
  return states;
}

/**
 * When each step began, from the job's own timestamps where it has them (queued: created,
 * parsing: started, the current step: its last update), so a reload keeps them; steps this
 * page saw begin keep the time it saw.
 */
export function stepTimes(
  job: Pick<JobPublic, "status" | "stage" | "created_at" | "started_at" | "updated_at">,
  seenAt: Partial<Record<Step, string>>,
): Partial<Record<Step, string>> {
  const times: Partial<Record<Step, string>> = { ...seenAt, queued: job.created_at };
  if (job.started_at) times.parsing = job.started_at;
  const current = job.status === "failed" ? null : stepOf(job.status, job.stage);
  if (current && current !== "queued" && !(current === "parsing" && job.started_at)) {
    const seen = seenAt[current];
    times[current] = seen && seen < job.updated_at ? seen : job.updated_at;
  }
  return times;
}
