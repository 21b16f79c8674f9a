import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "@/app/app";
import { findJob } from "@/lib/job-store";
import { keepSubmission } from "@/lib/submissions";
import { FakeEventSource } from "@/testing/fake-event-source";
import { FEEDBACK, makeJob } from "@/testing/data";
import { json, mockApi } from "@/testing/fetch-mock";
import { FALLBACK_CONFIG } from "@/features/upload/api/get-config";

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal("EventSource", FakeEventSource);
});

function at(url: string): void {
  window.history.replaceState(null, "", url);
}

describe("App", () => {
  it("opens a shared link: takes the token from the fragment and remembers the job", async () => {
    const seen = mockApi({
      "GET /api/resumes/:id": () => json(makeJob({ status: "complete", feedback: FEEDBACK, filename: "cv.pdf" })),
    });
    at("/jobs/job-1#token=shared-token");
    render(<App />);
    expect((await screen.findByTestId("verdict")).textContent).toBe(FEEDBACK.verdict);
    expect(seen[0]?.headers.get("x-job-token")).toBe("shared-token");
    await waitFor(() => expect(findJob("job-1")).toMatchObject({ token: "shared-token", filename: "cv.pdf" }));
    expect(document.title).toBe("cv.pdf · ResumeRoast");
  });

  it("uploads, then shows the job's progress at its shareable URL", async () => {
    mockApi({
      "GET /api/config": () => json(FALLBACK_CONFIG),
      "POST /api/resumes": () =>
        json(
          {
            job_id: "job-1",
            status: "queued",
            access_token: "tok",
            status_url: "/api/resumes/job-1",
            events_url: "/api/resumes/job-1/events",
            web_url: "/jobs/job-1#token=tok",
          },
          202,
        ),
      "GET /api/resumes/:id": () => json(makeJob()),
    });
    at("/");
    render(<App />);
    fireEvent.change(screen.getByLabelText(/drop your resume here/i), {
      target: { files: [new File(["%PDF-1.7"], "resume.pdf")] },
    });
    fireEvent.click(screen.getByRole("button", { name: "Roast my resume" }));
    await waitFor(() => expect(window.location.pathname).toBe("/jobs/job-1"));
    expect(window.location.hash).toBe("#token=tok");
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    act(() => FakeEventSource.latest().open());
    expect(await screen.findByText("Live updates")).toBeTruthy();
    expect(findJob("job-1")?.filename).toBe("resume.pdf");
  });

  it("resubmits a failed job's file with “Try again”", async () => {
    const failed = makeJob({ status: "failed", failure: { code: "retries_exhausted", reason: "Gave up.", retryable: true } });
    const seen = mockApi({
      "GET /api/resumes/job-1": () => json(failed),
      "GET /api/resumes/job-2": () => json(makeJob({ job_id: "job-2" })),
      "POST /api/resumes": () =>
        json(
          {
            job_id: "job-2",
            status: "queued",
            access_token: "tok2",
            status_url: "/api/resumes/job-2",
            events_url: "/api/resumes/job-2/events",
            web_url: "/jobs/job-2#token=tok2",
          },
          202,
        ),
    });
    keepSubmission("job-1", { file: new File(["%PDF-1.7"], "cv.pdf"), jobDescription: "Kafka", level: "gentle" });
    at("/jobs/job-1#token=tok1");
    render(<App />);
    expect((await screen.findByTestId("failure-reason")).textContent).toBe("Gave up.");
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(window.location.pathname).toBe("/jobs/job-2"));
    const form = seen.find((r) => r.method === "POST")?.body as FormData;
    expect(form.get("level")).toBe("gentle");
    expect(form.get("job_description")).toBe("Kafka");
    expect(findJob("job-2")?.token).toBe("tok2");
  });

  it("has a skip link, a labelled main navigation and a not-found page", () => {
    at("/nowhere");
    render(<App />);
    expect(screen.getByRole("link", { name: "Skip to content" }).getAttribute("href")).toBe("#main");
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(nav.textContent).not.toContain("Admin"); // reached by its own URL, not shown to visitors
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Page not found");
  });
});
