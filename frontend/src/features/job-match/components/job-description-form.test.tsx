import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { JobDescriptionForm } from "@/features/job-match/components/job-description-form";
import { findJob } from "@/lib/job-store";
import { json, mockApi } from "@/testing/fetch-mock";
import { makeJob } from "@/testing/data";

describe("JobDescriptionForm", () => {
  it("re-roasts the stored upload with the job ad: a JSON request with the owner's token, no file", async () => {
    const seen = mockApi({
      "POST /api/resumes/job-1/reroasts": () =>
        json(
          {
            job_id: "job-2",
            status: "queued",
            access_token: "owner-2",
            status_url: "/api/resumes/job-2",
            events_url: "/api/resumes/job-2/events",
            web_url: "/jobs/job-2#token=owner-2",
            viewer_token: "view-2",
            share_url: "/jobs/job-2#view=view-2",
          },
          202,
        ),
    });
    render(<JobDescriptionForm job={makeJob({ status: "complete" })} token="owner-1" />);
    expect(screen.getByText("Add a job description")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("The job ad"), { target: { value: "Backend engineer: Go, Kafka." } });
    fireEvent.click(screen.getByRole("button", { name: "Roast it against this job" }));
    await waitFor(() => expect(window.location.pathname).toBe("/jobs/job-2"));
    const request = seen.find((r) => r.path === "/api/resumes/job-1/reroasts");
    expect(request?.headers.get("x-job-token")).toBe("owner-1");
    expect(JSON.parse(String(request?.body))).toEqual({ job_description: "Backend engineer: Go, Kafka.", level: null });
    expect(findJob("job-2")?.token).toBe("owner-2");
    expect(seen.some((r) => r.path === "/api/resumes")).toBe(false); // nothing uploaded again
  });

  it("starts from the job description it was roasted against, and says why a re-roast failed", async () => {
    mockApi({
      "POST /api/resumes/job-1/reroasts": () =>
        json({ code: "invalid_request", title: "Invalid", detail: "The job description is too long." }, 422),
    });
    render(<JobDescriptionForm job={makeJob({ status: "complete", job_description: "Data analyst: SQL." })} token="t" />);
    expect(screen.getByText("Change the job description")).toBeTruthy();
    expect((screen.getByLabelText("The job ad") as HTMLTextAreaElement).value).toBe("Data analyst: SQL.");
    fireEvent.click(screen.getByRole("button", { name: "Roast it against this job" }));
    expect((await screen.findByRole("alert")).textContent).toBe("The job description is too long.");
  });
});
