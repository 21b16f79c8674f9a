import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AdminDashboard } from "@/features/admin/components/admin-dashboard";
import { json, mockApi, problem } from "@/testing/fetch-mock";

const STATS = { jobs_by_status: { complete: 4, failed: 1 }, queue_depth: 2, dead_letters: 1 };
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
        json({ ...STATS, workers: ["w0@host"], recent_failures: [{ job_id: "job-3", reason: "bad pdf" }] }),
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
    expect(screen.getAllByText("Workers seen")).toHaveLength(2);
    expect(screen.getByText("w0@host")).toBeTruthy();
    expect(screen.getByText("bad pdf")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Replay entry 7" }));
    await screen.findByText(/job job-9 is queued again/);
    await waitFor(() => expect(screen.queryByText("llm unavailable")).toBeNull());
    expect(seen.find((r) => r.method === "POST")?.path).toBe("/api/admin/dlq/7/replay");
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
