import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { FALLBACK_CONFIG } from "@/features/upload/api/get-config";
import { UploadForm } from "@/features/upload/components/upload-form";
import { json, mockApi } from "@/testing/fetch-mock";

const CREATED = {
  job_id: "v2",
  status: "queued",
  access_token: "t2",
  status_url: "/api/resumes/v2",
  events_url: "/api/resumes/v2/events",
  web_url: "/jobs/v2#token=t2",
};

describe("uploading a revised version", () => {
  it("links it on the server to the earlier version with that version's owner token", async () => {
    const seen = mockApi({
      "GET /api/config": () => json(FALLBACK_CONFIG),
      "POST /api/resumes": () => json(CREATED, 202),
    });
    const onSubmitted = vi.fn();
    render(<UploadForm revises={{ id: "v1", token: "owner-t1" }} onSubmitted={onSubmitted} />);
    const file = new File(["%PDF-1.7 resume"], "resume-v2.pdf", { type: "application/pdf" });
    fireEvent.change(screen.getByLabelText(/drop your resume here/i), { target: { files: [file] } });
    fireEvent.click(screen.getByRole("button", { name: "Roast my resume" }));

    await waitFor(() => expect(onSubmitted).toHaveBeenCalledOnce());
    const post = seen.find((request) => request.method === "POST");
    expect((post?.body as FormData).get("previous_job_id")).toBe("v1");
    expect(post?.headers.get("x-previous-job-token")).toBe("owner-t1");
  });
});
