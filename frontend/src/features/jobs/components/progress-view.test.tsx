import { render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { FailureView } from "@/features/jobs/components/failure-view";
import { ProgressView, roughly } from "@/features/jobs/components/progress-view";
import { stepStates, stepTimes } from "@/features/jobs/steps";
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

  it("says roughly how long a queued job will take, when the API can tell", () => {
    render(
      <ProgressView job={makeJob({ status: "queued", queue_estimate_s: 12.4 })} seenAt={{}} transport="live" offline={false} />,
    );
    expect(screen.getByTestId("queue-estimate").textContent).toContain("Ready in about 15 seconds");
    expect(roughly(150)).toBe("about 3 minutes");
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

describe("stepTimes", () => {
  it("takes the times of earlier steps from the job, so a reload keeps them", () => {
    const job = makeJob({
      status: "processing",
      stage: "reviewing",
      created_at: "2026-01-01T10:00:00Z",
      started_at: "2026-01-01T10:00:02Z",
      updated_at: "2026-01-01T10:00:05Z",
    });
    // After a reload the page first sees "reviewing" now, later than it began.
    const times = stepTimes(job, { reviewing: "2026-01-01T10:09:00Z" });
    expect(times.queued).toBe("2026-01-01T10:00:00Z");
    expect(times.parsing).toBe("2026-01-01T10:00:02Z");
    expect(times.reviewing).toBe("2026-01-01T10:00:05Z");
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
  it("offers no try-again for a failure another try cannot fix, only what to do instead", () => {
    render(
      <FailureView
        job={makeJob({
          status: "failed",
          attempts: 1,
          failure: { code: "encrypted_document", reason: "This PDF is password-protected.", retryable: false },
        })}
        onRetry={vi.fn()}
        retrying={false}
      />,
    );
    expect(screen.getByTestId("failure-reason").textContent).toBe("This PDF is password-protected.");
    expect(screen.getByText(/remove the password/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
    expect(screen.getByRole("link", { name: "Upload a different file" })).toBeTruthy();
    expect(document.body.textContent).not.toContain("encrypted_document");
  });

  it("keeps try-again for a failure that can pass (an outage)", () => {
    const onRetry = vi.fn();
    render(
      <FailureView
        job={makeJob({
          status: "failed",
          attempts: 4,
          failure: { code: "retries_exhausted", reason: "A service kept failing.", retryable: true },
        })}
        onRetry={onRetry}
        retrying={false}
      />,
    );
    screen.getByRole("button", { name: "Try again" }).click();
    expect(onRetry).toHaveBeenCalledOnce();
  });
});
