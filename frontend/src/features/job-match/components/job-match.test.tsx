import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { JobMatch } from "@/features/job-match/components/job-match";
import type { Feedback } from "@/lib/api/client";
import { FEEDBACK } from "@/testing/data";

const requirement = (name: string, status: "present" | "implied" | "missing", evidence: string | null = null) => ({
  name,
  kind: "tool" as const,
  status,
  evidence,
});

function withRequirements(rows: ReturnType<typeof requirement>[], rate: number): Feedback {
  return { ...FEEDBACK, keywords: { matched: [], missing: [], match_rate: rate, requirements: rows, requirement_rate: rate, poor_match: false } };
}

describe("JobMatch", () => {
  it("makes a poor match the headline, with each requirement against the resume's evidence", () => {
    const rows = [
      requirement("Docker", "present", "Implemented CI/CD pipelines with GitHub Actions and Docker"),
      requirement("Kubernetes", "implied", "Infrastructure: AWS, Docker, Kubernetes"),
      ...["Snowflake", "Datadog", "Airflow", "Spark"].map((name) => requirement(name, "missing")),
    ];
    const onChange = vi.fn();
    render(<JobMatch feedback={withRequirements(rows, 0.25)} onChange={onChange} />);
    expect(screen.getByTestId("job-match-headline").textContent).toBe(
      "A poor match for this job: 1 of 6 requirements shown in your experience",
    );
    expect(screen.getByText("25%")).toBeTruthy();
    const table = screen.getByRole("table", { name: "The job's requirements against your resume" });
    const docker = within(table).getByRole("row", { name: /Docker.*Shown in your experience/ });
    expect(docker.textContent).toContain("GitHub Actions and Docker");
    expect(within(table).getByRole("row", { name: /Kubernetes/ }).textContent).toContain("Only implied");
    expect(within(table).getAllByText("Nowhere in the resume")).toHaveLength(4);
    fireEvent.click(screen.getByRole("button", { name: "Change the job description" }));
    expect(onChange).toHaveBeenCalled();
  });

  it("calls a match with every requirement shown strong, and shows nothing without a table", () => {
    const { unmount } = render(
      <JobMatch feedback={withRequirements([requirement("Python", "present", "Built APIs in Python")], 1)} />,
    );
    expect(screen.getByTestId("job-match-headline").textContent).toBe("A strong match: every requirement shown in your experience");
    expect(screen.queryByRole("button", { name: "Change the job description" })).toBeNull();
    unmount();
    render(<JobMatch feedback={FEEDBACK} />);
    expect(screen.queryByTestId("job-match")).toBeNull();
  });

  it("says in one line when the poor match is what holds the score down", () => {
    const rows = ["Spark", "Airflow", "Snowflake", "Databricks"].map((name) => requirement(name, "missing"));
    const reason = "At most 40/100 for this job: your experience shows 0 of 4 things it asks for, and a recruiter for it would pass.";
    const capped = withRequirements(rows, 0);
    const { unmount } = render(
      <JobMatch feedback={{ ...capped, keywords: { ...capped.keywords!, poor_match: true, score_cap_reason: reason } }} />,
    );
    expect(screen.getByTestId("score-cap-reason").textContent).toBe(reason);
    unmount();
    render(<JobMatch feedback={capped} />);
    expect(screen.queryByTestId("score-cap-reason")).toBeNull();
  });
});
