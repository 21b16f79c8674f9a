import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { rememberJob } from "@/lib/job-store";
import { AdminDashboard } from "@/features/admin/components/admin-dashboard";
import { json, mockApi, problem } from "@/testing/fetch-mock";

const STATS = {
  jobs_by_status: { complete: 4, failed: 1 },
  queue_depth: 2,
  dead_letters: 1,
  workers: ["host-a:41"],
  recent_failures: [],
};
const LETTER = {
  id: 7,
  job_id: "job-9",
  task_name: "resumeroast.review_job",
  task_args: ["job-9"],
  error_type: "TransientError",
  error_message: "llm unavailable",
  traceback: "",
  attempts: 4,
  first_attempt_at: null,
  failed_at: "2026-01-01T10:00:00Z",
};

function signIn(token = "secret"): void {
  fireEvent.change(screen.getByLabelText("Admin token"), { target: { value: token } });
  fireEvent.click(screen.getByRole("button", { name: "Open the dashboard" }));
}

describe("AdminDashboard", () => {
  it("shows queue health and the dead letters, and replays one", async () => {
    let replayed = false;
    const seen = mockApi({
      "GET /api/admin/stats": () =>
        json(STATS),
      "GET /api/admin/dlq": () => json(replayed ? [] : [LETTER]),
      "POST /api/admin/dlq/:id/replay": () => {
        replayed = true;
        return json({ job_id: "job-9", status: "queued" });
      },
    });
    render(<AdminDashboard />);
    signIn();
    await screen.findByText("llm unavailable");
    expect(seen[0]?.headers.get("authorization")).toBe("Bearer secret");
    expect(screen.getByText("Queue depth").previousElementSibling?.textContent).toBe("2");
    expect(screen.getByText("Jobs failed").previousElementSibling?.textContent).toBe("1");

    fireEvent.click(screen.getByRole("button", { name: "Replay entry 7" }));
    await screen.findByText(/job job-9 is queued again/);
    await waitFor(() => expect(screen.queryByText("llm unavailable")).toBeNull());
    expect(seen.find((r) => r.method === "POST")?.path).toBe("/api/admin/dlq/7/replay");
  });

  it("lists the workers seen and the recent failures, each a row with its link, code, reason and time", async () => {
    rememberJob({ id: "job-3", token: "t3", filename: "mine.pdf", created: "2026-01-01T09:00:00Z" });
    const failures = [
      {
        job_id: "job-3",
        code: "encrypted_document",
        reason: "The PDF is password-protected.",
        finished_at: "2026-01-01T10:00:00Z",
      },
      { job_id: "job-4", code: null, reason: null, finished_at: null },
    ];
    mockApi({
      "GET /api/admin/stats": () => json({ ...STATS, workers: ["host-a:41", "host-b:77"], recent_failures: failures }),
      "GET /api/admin/dlq": () => json([]),
    });
    render(<AdminDashboard />);
    signIn();

    const workers = within(await screen.findByRole("region", { name: "Workers seen" }));
    expect(workers.getAllByRole("listitem").map((item) => item.textContent)).toEqual(["host-a:41", "host-b:77"]);
    expect(screen.getByText("Workers").previousElementSibling?.textContent).toBe("2");

    const table = within(screen.getByRole("table", { name: /Recent failures/ }));
    const headers = table.getAllByRole("columnheader").map((th) => th.textContent);
    expect(headers).toEqual(["Job", "Code", "Reason", "Failed at"]);
    const [, mine, unknown] = table.getAllByRole("row");
    const cells = within(mine!).getAllByRole("cell");
    // This browser holds job-3's token, so it links; job-4 it cannot open, so no dead link.
    expect(within(cells[0]!).getByRole("link", { name: "job-3" }).getAttribute("href")).toBe("/jobs/job-3");
    expect(cells[1]?.textContent).toBe("encrypted_document");
    expect(cells[2]?.textContent).toBe("The PDF is password-protected.");
    expect(cells[3]?.querySelector("time")?.getAttribute("datetime")).toBe("2026-01-01T10:00:00Z");
    expect(within(unknown!).queryByRole("link")).toBeNull();
    expect(unknown?.textContent).toContain("No reason recorded.");
  });

  it("says in words when no worker has checked in", async () => {
    mockApi({
      "GET /api/admin/stats": () => json({ ...STATS, workers: [] }),
      "GET /api/admin/dlq": () => json([]),
    });
    render(<AdminDashboard />);
    signIn();
    const workers = within(await screen.findByRole("region", { name: "Workers seen" }));
    expect(workers.getByText(/queued jobs are not being processed/)).toBeTruthy();
    expect(screen.getByRole("region", { name: /Recent failures/ }).textContent).toContain("None.");
  });

  it("asks again when the token is refused", async () => {
    mockApi({
      "GET /api/admin/stats": () => problem(401, "admin_token_required", "This needs the admin token."),
      "GET /api/admin/dlq": () => problem(401, "admin_token_required", "This needs the admin token."),
    });
    render(<AdminDashboard />);
    signIn("wrong");
    await screen.findByText(/was not accepted/);
    expect(screen.getByLabelText("Admin token").getAttribute("aria-invalid")).toBe("true");
    expect(window.sessionStorage.length).toBe(0);
  });
});
