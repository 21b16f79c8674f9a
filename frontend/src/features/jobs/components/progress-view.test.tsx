import { render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { FailureView } from "@/features/jobs/components/failure-view";
import { ProgressView } from "@/features/jobs/components/progress-view";
import { stepStates } from "@/features/jobs/steps";
import { makeJob } from "@/testing/data";

describe("ProgressView", () => {
  it("marks steps done, current and waiting in words, not colour alone", () => {
    render(
      <ProgressView
        job={makeJob({ status: "processing", stage: "analyzing", attempts: 1 })}
        seenAt={{ queued: "2026-01-01T10:00:00Z" }}
        transport="live"
        offline={false}
      />,
    );
    const steps = within(screen.getByRole("list", { name: "Progress" })).getAllByRole("listitem");
    expect(steps.map((s) => s.dataset.state)).toEqual(["done", "done", "current", "waiting", "waiting", "waiting"]);
    expect(steps[2]?.getAttribute("aria-current")).toBe("step");
    expect(steps[2]?.textContent).toContain("in progress");
    expect(steps[0]?.textContent).toContain("done");
    expect(screen.getByText("Live updates")).toBeTruthy();
    expect(screen.getByTestId("attempts").textContent).toContain("Attempt 1");
  });

  it("shows the attempt count and a note while a retry waits", () => {
    const retryAt = new Date(Date.now() + 30_000).toISOString();
    render(
      <ProgressView
        job={makeJob({ status: "queued", attempts: 1, retries: 1, retry_at: retryAt, last_error: "llm_unavailable" })}
        seenAt={{}}
        transport="polling"
        offline={false}
      />,
    );
    const note = screen.getByTestId("attempts").textContent ?? "";
    expect(note).toContain("Attempt 1");
    expect(note).toContain("1 retry so far");
    expect(note).toMatch(/llm unavailable/);
    expect(note).toMatch(/Retrying at .* \(in \d+ s\)/);
    expect(screen.getByText(/every few seconds/)).toBeTruthy();
  });
});

describe("stepStates", () => {
  it("fails the step the job had reached", () => {
    const states = stepStates({ status: "failed", stage: "parsing" });
    expect(states.queued).toBe("done");
    expect(states.parsing).toBe("failed");
    expect(states.done).toBe("waiting");
  });

  it("marks everything done when complete", () => {
    expect(Object.values(stepStates({ status: "complete", stage: null }))).toEqual(Array(6).fill("done"));
  });
});

describe("FailureView", () => {
  it("shows the reason, what to do, and a try-again button", () => {
    const onRetry = vi.fn();
    render(
      <FailureView
        job={makeJob({
          status: "failed",
          attempts: 1,
          failure: { code: "encrypted_document", reason: "This PDF is password-protected." },
        })}
        onRetry={onRetry}
        retrying={false}
      />,
    );
    expect(screen.getByTestId("failure-reason").textContent).toBe("This PDF is password-protected.");
    expect(screen.getByText(/remove the password/)).toBeTruthy();
    screen.getByRole("button", { name: "Try again" }).click();
    expect(onRetry).toHaveBeenCalledOnce();
  });
});
