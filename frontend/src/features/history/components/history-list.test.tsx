import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { HistoryList } from "@/features/history/components/history-list";
import { listJobs, rememberJob } from "@/lib/job-store";
import { FEEDBACK, makeJob } from "@/testing/data";
import { json, mockApi } from "@/testing/fetch-mock";

describe("HistoryList", () => {
  it("lists this browser's jobs with their status and a link", async () => {
    rememberJob({ id: "job-1", token: "t1", filename: "old.pdf", created: "2026-01-01T10:00:00Z" });
    rememberJob({ id: "job-2", token: "t2", filename: "new.pdf", created: "2026-01-02T10:00:00Z" });
    mockApi({
      "GET /api/resumes/job-1": () => json(makeJob({ status: "complete", feedback: FEEDBACK })),
      "GET /api/resumes/job-2": () => json(makeJob({ job_id: "job-2", status: "processing" })),
    });
    render(<HistoryList />);
    const links = screen.getAllByRole("link");
    expect(links.map((a) => a.textContent)).toEqual(["new.pdf", "old.pdf"]);
    expect(links[0]?.getAttribute("href")).toBe("/jobs/job-2");
    await screen.findByText("Ready · 61/100");
    await screen.findByText("Working");
  });

  it("deletes the data on the server with the job's token, after a confirmation", async () => {
    rememberJob({ id: "job-1", token: "t1", filename: "cv.pdf", created: "2026-01-01T10:00:00Z" });
    const seen = mockApi({
      "GET /api/resumes/job-1": () => json(makeJob({ status: "complete", feedback: FEEDBACK })),
      "DELETE /api/resumes/job-1": () => new Response(null, { status: 204 }),
    });
    render(<HistoryList />);
    fireEvent.click(screen.getByRole("button", { name: "Delete my data for cv.pdf" }));
    expect(seen.some((r) => r.method === "DELETE")).toBe(false);
    fireEvent.click(screen.getByRole("button", { name: "Yes, delete it" }));
    await screen.findByText(/the file, its text and its feedback are gone/);
    const request = seen.find((r) => r.method === "DELETE");
    expect(request?.headers.get("x-job-token")).toBe("t1");
    await waitFor(() => expect(listJobs()).toEqual([]));
  });

  it("counts a delete the server is still scrubbing from its files (202) as done", async () => {
    rememberJob({ id: "job-1", token: "t1", filename: "cv.pdf", created: "2026-01-01T10:00:00Z" });
    mockApi({
      "GET /api/resumes/job-1": () => json(makeJob({ status: "complete", feedback: FEEDBACK })),
      "DELETE /api/resumes/job-1": () => json({ status: "scrubbing", detail: "…" }, 202),
    });
    render(<HistoryList />);
    fireEvent.click(screen.getByRole("button", { name: "Delete my data for cv.pdf" }));
    fireEvent.click(screen.getByRole("button", { name: "Yes, delete it" }));
    await screen.findByText(/the file, its text and its feedback are gone/);
    await waitFor(() => expect(listJobs()).toEqual([]));
  });

  it("offers a shared roast no delete: it can only leave this list", async () => {
    rememberJob({ id: "job-1", token: "view", filename: "theirs.pdf", created: "2026-01-01T10:00:00Z", role: "viewer" });
    const band = { key: "getting_there" as const, label: "Getting there", min_score: 60 };
    const seen = mockApi({
      "GET /api/resumes/job-1": () =>
        json(makeJob({ status: "complete", feedback: FEEDBACK, score_band: band, access: "viewer" })),
    });
    render(<HistoryList />);
    await screen.findByText("Ready · 61/100 (Getting there)");
    expect(screen.queryByRole("button", { name: /delete my data/i })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: /remove from list/i }));
    await screen.findByText(/the owner's roast is untouched/);
    expect(seen.some((r) => r.method === "DELETE")).toBe(false);
    expect(listJobs()).toEqual([]);
  });

  it("shows an old image-only roast as failed, never as Ready · 0/100", async () => {
    rememberJob({ id: "job-1", token: "t1", filename: "scan.pdf", created: "2026-01-01T10:00:00Z" });
    const noText = {
      code: "ats.no_text",
      severity: "critical" as const,
      category: "ats",
      message: "No extractable text on every page.",
      evidence: [],
      fix: "Export a text-based PDF.",
      source: "analyzer" as const,
    };
    mockApi({
      "GET /api/resumes/job-1": () =>
        json(makeJob({ status: "complete", feedback: { ...FEEDBACK, overall_score: 0, findings: [noText] } })),
    });
    render(<HistoryList />);
    await screen.findByText("Failed");
    expect(screen.queryByText(/0\/100/)).toBeNull();
  });

  it("invites an upload when there is nothing yet", () => {
    render(<HistoryList />);
    expect(screen.getByRole("link", { name: "Upload a resume" }).getAttribute("href")).toBe("/");
  });
});
