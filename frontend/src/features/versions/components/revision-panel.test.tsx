import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { RevisionPanel, UploadRevisionLink } from "@/features/versions/components/revision-panel";
import { rememberJob, type KnownJob } from "@/lib/job-store";
import { json, mockApi } from "@/testing/fetch-mock";

const created = "2026-01-01T10:00:00Z";
const first: KnownJob = { id: "v1", token: "t1", filename: "cv.pdf", created };
const second: KnownJob = { id: "v2", token: "t2", filename: "cv-2.pdf", created, previousId: "v1" };

describe("a revised version", () => {
  it("compares a revised version with the earlier one using both owner tokens", async () => {
    rememberJob(first);
    rememberJob(second);
    const seen = mockApi({
      "GET /api/resumes/v2/compare/v1": () =>
        json({
          scores: [{ name: "overall", before: 52, after: 71 }],
          fixed: [{ code: "verbs.weak_opener", category: "verbs", message: "A weak opener.", quotes: ["Helped"] }],
          still_open: [],
          new: [
            { code: "language.cliche", category: "language", message: "A cliché.", quotes: [] },
            { code: "dates.gap", category: "dates", message: "A gap.", quotes: [] },
          ],
          lines: [
            { kind: "removed", text: "Helped with sprints" },
            { kind: "added", text: "Ran 24 sprints" },
          ],
        }),
    });
    render(
      <>
        <RevisionPanel id="v2" />
        <UploadRevisionLink id="v2" />
      </>,
    );
    await screen.findByText("Overall: 52 → 71 (+19)");
    const counts = [...document.querySelectorAll("[data-count]")].map((n) => n.textContent?.trim());
    expect(counts).toEqual(["1 fixed", "0 still open", "2 new"]);
    expect(screen.getByTestId("changed-lines").textContent).toContain("2 lines changed");
    expect(screen.getByText("Ran 24 sprints").closest("ins")).not.toBeNull();
    const request = seen.find((r) => r.path === "/api/resumes/v2/compare/v1");
    expect([request?.headers.get("x-job-token"), request?.headers.get("x-earlier-token")]).toEqual(["t2", "t1"]);
    expect(screen.getByTestId("upload-revision").getAttribute("href")).toBe("/?revises=v2");
  });
});
