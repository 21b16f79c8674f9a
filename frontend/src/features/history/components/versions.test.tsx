import { render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { HistoryList } from "@/features/history/components/history-list";
import { findJob, rememberJob, type KnownJob } from "@/lib/job-store";
import { groupVersions } from "@/lib/versions";
import { FEEDBACK, makeJob } from "@/testing/data";
import { json, mockApi } from "@/testing/fetch-mock";

const created = "2026-01-01T10:00:00Z";
const first: KnownJob = { id: "v1", token: "t1", filename: "cv.pdf", created };
const second: KnownJob = { id: "v2", token: "t2", filename: "cv-2.pdf", created, previousId: "v1" };
const other: KnownJob = { id: "o1", token: "t3", filename: "other.pdf", created };

describe("versions of one resume in history", () => {
  it("groups each resume's versions, oldest first, newest resume first", () => {
    // the store keeps jobs newest first
    expect(groupVersions([second, other, first]).map((group) => group.map((job) => job.id))).toEqual([
      ["v1", "v2"],
      ["o1"],
    ]);
  });

  it("shows the versions together in history with a score trend", async () => {
    rememberJob(first);
    rememberJob(other);
    rememberJob(second);
    mockApi({
      "GET /api/resumes/v1": () => json(makeJob({ job_id: "v1", status: "complete", feedback: { ...FEEDBACK, overall_score: 52 } })),
      "GET /api/resumes/v2": () =>
        json(
          makeJob({
            job_id: "v2",
            status: "complete",
            level: "brutal",
            job_description: "Backend engineer: Python, Kafka",
            feedback: { ...FEEDBACK, overall_score: 71 },
          }),
        ),
      "GET /api/resumes/o1": () => json(makeJob({ job_id: "o1", status: "complete", feedback: FEEDBACK })),
    });
    render(<HistoryList />);
    expect(screen.getByTestId("version-trend").textContent).toContain("2 versions");
    await screen.findByRole("img", { name: "Score trend: 52, then 71" });
    // each version says what it was roasted with: the level, and whether against a job
    const row = (id: string) => document.querySelector(`[data-job-id="${id}"]`)?.textContent ?? "";
    await waitFor(() => expect(row("v2")).toContain("Brutal roast · against a job"));
    expect(row("v1")).toContain("Honest roast");
    expect(row("v1")).not.toContain("against a job");
  });

  it("groups a version the server linked (uploaded elsewhere, e.g. with the API)", async () => {
    rememberJob(first);
    rememberJob({ id: "v2", token: "t2", filename: "cv-2.pdf", created }); // no link kept here
    mockApi({
      "GET /api/resumes/v1": () => json(makeJob({ job_id: "v1", status: "complete", feedback: { ...FEEDBACK, overall_score: 40 } })),
      "GET /api/resumes/v2": () =>
        json(makeJob({ job_id: "v2", status: "complete", feedback: { ...FEEDBACK, overall_score: 65 }, previous_job_id: "v1" })),
    });
    render(<HistoryList />);
    await waitFor(() => expect(findJob("v2")?.previousId).toBe("v1"));
    await screen.findByRole("img", { name: "Score trend: 40, then 65" });
  });
});
