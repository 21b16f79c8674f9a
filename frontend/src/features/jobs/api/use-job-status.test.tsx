import { act, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POLL_FIRST_MS, POLL_MAX_MS, nextPollDelay, useJobStatus } from "@/features/jobs/api/use-job-status";
import { FakeEventSource } from "@/testing/fake-event-source";
import { json, mockApi, problem } from "@/testing/fetch-mock";
import { FEEDBACK, makeJob } from "@/testing/data";

function Probe({ token = "tok" }: { token?: string | null }) {
  const watch = useJobStatus("job-1", token);
  return (
    <output data-testid="probe">
      {JSON.stringify({
        status: watch.job?.status ?? null,
        stage: watch.job?.stage ?? null,
        attempts: watch.job?.attempts ?? null,
        transport: watch.transport,
        error: watch.error,
        score: watch.job?.feedback?.overall_score ?? null,
        seen: Object.keys(watch.seenAt),
      })}
    </output>
  );
}

const probe = () => JSON.parse(screen.getByTestId("probe").textContent ?? "{}");

function event(status: string, stage: string | null, extra: object = {}) {
  return {
    job_id: "job-1",
    status,
    stage,
    attempts: 1,
    retries: 0,
    retry_at: null,
    failure_reason: null,
    updated_at: new Date().toISOString(),
    ...extra,
  };
}

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal("EventSource", FakeEventSource);
});

afterEach(() => {
  FakeEventSource.instances = [];
});

describe("useJobStatus", () => {
  it("reads the job, follows the SSE stream through every stage, then reads the result", async () => {
    let final = false;
    const seen = mockApi({
      "GET /api/resumes/:id": () =>
        json(final ? makeJob({ status: "complete", attempts: 1, feedback: FEEDBACK }) : makeJob()),
    });
    render(<Probe />);
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const source = FakeEventSource.latest();
    expect(source.url).toBe("/api/resumes/job-1/events?token=tok");
    expect(seen[0]?.headers.get("x-job-token")).toBe("tok");

    act(() => source.open());
    expect(probe().transport).toBe("live");
    for (const stage of ["parsing", "analyzing", "reviewing", "saving"]) {
      act(() => source.emitStatus(event("processing", stage)));
      expect(probe()).toMatchObject({ status: "processing", stage, attempts: 1 });
    }
    final = true;
    act(() => source.emitStatus(event("complete", null)));
    expect(source.closed).toBe(true);
    await waitFor(() => expect(probe().score).toBe(61));
    expect(probe().transport).toBe("finished");
    expect(probe().seen).toEqual(["queued", "parsing", "analyzing", "reviewing", "saving", "done"]);
  });

  it("opens no stream for a job that is already final", async () => {
    mockApi({ "GET /api/resumes/:id": () => json(makeJob({ status: "failed", failure: { code: "x", reason: "No.", retryable: false } })) });
    render(<Probe />);
    await waitFor(() => expect(probe().status).toBe("failed"));
    expect(FakeEventSource.instances).toHaveLength(0);
  });

  it("falls back to polling with backoff when the stream fails", async () => {
    let reads = 0;
    let job = makeJob();
    mockApi({
      "GET /api/resumes/:id": () => {
        reads += 1;
        return json(job);
      },
    });
    render(<Probe />);
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    // Fake time only from here, and only as the test moves it (no shouldAdvanceTime): a slow
    // machine's real seconds can no longer fire an extra poll between two checks.
    vi.useFakeTimers();
    act(() => FakeEventSource.latest().fail());
    expect(FakeEventSource.latest().closed).toBe(true);
    expect(probe().transport).toBe("polling");

    await act(() => vi.advanceTimersByTimeAsync(POLL_FIRST_MS));
    expect(reads).toBe(2);
    // nothing changed: the next wait doubles
    await act(() => vi.advanceTimersByTimeAsync(POLL_FIRST_MS));
    expect(reads).toBe(2);
    await act(() => vi.advanceTimersByTimeAsync(POLL_FIRST_MS));
    expect(reads).toBe(3);

    job = makeJob({ status: "complete", feedback: FEEDBACK, updated_at: "2026-01-01T10:05:00Z" });
    await act(() => vi.advanceTimersByTimeAsync(4 * POLL_FIRST_MS));
    await act(() => vi.advanceTimersByTimeAsync(0)); // the result's read settles
    expect(probe().score).toBe(61);
    expect(probe().transport).toBe("finished");
    const readsAtEnd = reads;
    await act(() => vi.advanceTimersByTimeAsync(POLL_MAX_MS * 2));
    expect(reads).toBe(readsAtEnd);
  });

  it("says not found without a token, or when the API answers 404", async () => {
    const seen = mockApi({ "GET /api/resumes/:id": () => problem(404, "job_not_found", "No such job.") });
    const { unmount } = render(<Probe token={null} />);
    expect(probe().error).toBe("not_found");
    expect(seen).toHaveLength(0);
    unmount();
    render(<Probe />);
    await waitFor(() => expect(probe().error).toBe("not_found"));
    expect(FakeEventSource.instances).toHaveLength(0);
  });
});

describe("nextPollDelay", () => {
  it("doubles while nothing changes, up to a cap, and starts over after a change", () => {
    expect(nextPollDelay(POLL_FIRST_MS, false)).toBe(2 * POLL_FIRST_MS);
    expect(nextPollDelay(POLL_MAX_MS, false)).toBe(POLL_MAX_MS);
    expect(nextPollDelay(8000, true)).toBe(POLL_FIRST_MS);
  });
});
