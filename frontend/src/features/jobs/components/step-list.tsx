import type { JobPublic } from "@/lib/api/client";
import { formatTime } from "@/lib/format";
import { STEPS, STEP_TEXT, stepStates, type Step, type StepState } from "@/features/jobs/steps";

const STATE_TEXT: Record<StepState, string> = {
  done: "done",
  current: "in progress",
  waiting: "waiting",
  failed: "failed",
};

const ICON: Record<StepState, string> = { done: "✓", current: "", waiting: "", failed: "✕" };

/** queued → parsing → analyzing → reviewing → saving → done, each with its state in words. */
export function StepList({ job, seenAt }: { job: Pick<JobPublic, "status" | "stage">; seenAt: Partial<Record<Step, string>> }) {
  const states = stepStates(job);
  return (
    <ol className="steps" aria-label="Progress">
      {STEPS.map((step) => {
        const state = states[step];
        const seen = seenAt[step];
        return (
          <li
            key={step}
            className={`step step--${state}`}
            data-step={step}
            data-state={state}
            aria-current={state === "current" ? "step" : undefined}
          >
            <span className="step__marker" aria-hidden="true">
              {ICON[state]}
            </span>
            <span className="step__body">
              <span className="step__label">
                {STEP_TEXT[step].label}
                <span className="visually-hidden">: {STATE_TEXT[state]}</span>
              </span>
              <span className="step__detail">{STEP_TEXT[step].detail}</span>
            </span>
            {seen && state !== "waiting" ? (
              <time className="step__time" dateTime={seen}>
                {formatTime(seen)}
              </time>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
