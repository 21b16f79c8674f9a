import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { FALLBACK_CONFIG } from "@/features/upload/api/get-config";
import { UploadForm } from "@/features/upload/components/upload-form";
import { json, mockApi, problem } from "@/testing/fetch-mock";

const CREATED = {
  job_id: "job-1",
  status: "queued",
  access_token: "tok",
  status_url: "/api/resumes/job-1",
  events_url: "/api/resumes/job-1/events",
  web_url: "/jobs/job-1#token=tok",
};

function pick(file: File): void {
  fireEvent.change(screen.getByLabelText(/drop your resume here/i), { target: { files: [file] } });
}

const pdf = () => new File(["%PDF-1.7 resume"], "resume.pdf", { type: "application/pdf" });

describe("UploadForm", () => {
  it("uploads the file, the job description and the level, then reports the job", async () => {
    const seen = mockApi({
      "GET /api/config": () => json(FALLBACK_CONFIG),
      "POST /api/resumes": () => json(CREATED, 202),
    });
    const onSubmitted = vi.fn();
    render(<UploadForm onSubmitted={onSubmitted} />);
    pick(pdf());
    fireEvent.change(screen.getByLabelText("Job description"), { target: { value: "Python, Kafka" } });
    fireEvent.click(screen.getByRole("radio", { name: /brutal/i }));
    fireEvent.click(screen.getByRole("button", { name: "Roast my resume" }));

    await waitFor(() => expect(onSubmitted).toHaveBeenCalledOnce());
    expect(onSubmitted.mock.calls[0]?.[0]).toMatchObject({ job_id: "job-1", access_token: "tok" });
    const post = seen.find((r) => r.method === "POST");
    const form = post?.body as FormData;
    expect((form.get("file") as File).name).toBe("resume.pdf");
    expect(form.get("level")).toBe("brutal");
    expect(form.get("job_description")).toBe("Python, Kafka");
  });

  it("checks the type in the browser and says so next to the file field", async () => {
    mockApi({ "GET /api/config": () => json(FALLBACK_CONFIG) });
    render(<UploadForm onSubmitted={vi.fn()} />);
    pick(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])], "me.png"));
    const input = screen.getByLabelText(/drop your resume here/i);
    await waitFor(() => expect(input.getAttribute("aria-invalid")).toBe("true"));
    expect(document.getElementById("file-error")?.textContent).toMatch(/not a PDF, DOCX, TXT or Markdown/);
    expect(input.getAttribute("aria-describedby")).toContain("file-error");
  });

  it("takes a dropped file and checks it like a picked one", async () => {
    const seen = mockApi({
      "GET /api/config": () => json(FALLBACK_CONFIG),
      "POST /api/resumes": () => json(CREATED, 202),
    });
    const onSubmitted = vi.fn();
    render(<UploadForm onSubmitted={onSubmitted} />);
    const zone = screen.getByTestId("dropzone");

    fireEvent.dragEnter(zone, { dataTransfer: { files: [] } });
    expect(zone.className).toContain("dropzone--dragging");
    fireEvent.drop(zone, { dataTransfer: { files: [new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])], "me.png")] } });
    expect(zone.className).not.toContain("dropzone--dragging");
    await waitFor(() => expect(document.getElementById("file-error")?.textContent).toMatch(/not a PDF/));

    fireEvent.drop(zone, { dataTransfer: { files: [pdf()] } });
    expect(screen.getByTestId("file-name").textContent).toBe("resume.pdf");
    await waitFor(() => expect(document.getElementById("file-error")?.textContent).toBe(""));
    fireEvent.click(screen.getByRole("button", { name: "Roast my resume" }));
    await waitFor(() => expect(onSubmitted).toHaveBeenCalledOnce());
    const form = seen.find((r) => r.method === "POST")?.body as FormData;
    expect((form.get("file") as File).name).toBe("resume.pdf");
  });

  it("asks for a file before sending anything", async () => {
    const seen = mockApi({ "GET /api/config": () => json(FALLBACK_CONFIG) });
    render(<UploadForm onSubmitted={vi.fn()} />);
    fireEvent.click(screen.getByRole("button", { name: "Roast my resume" }));
    await screen.findByText(/choose your resume file first/i);
    expect(seen.some((r) => r.method === "POST")).toBe(false);
  });

  it("uses the API's size limit from /api/config", async () => {
    mockApi({ "GET /api/config": () => json({ ...FALLBACK_CONFIG, max_upload_bytes: 10 }) });
    render(<UploadForm onSubmitted={vi.fn()} />);
    await screen.findByText(/up to 10 B/);
    pick(pdf());
    await screen.findByText(/the limit is 10 B/);
  });

  it("shows what the API rejects next to the field it concerns", async () => {
    mockApi({
      "GET /api/config": () => json(FALLBACK_CONFIG),
      "POST /api/resumes": () => problem(422, "unreadable_document", "We could not read this file."),
    });
    render(<UploadForm onSubmitted={vi.fn()} />);
    pick(pdf());
    fireEvent.click(screen.getByRole("button", { name: "Roast my resume" }));
    await waitFor(() =>
      expect(document.getElementById("file-error")?.textContent).toContain("We could not read this file."),
    );
  });

  it("puts validation errors on their fields and rate limits on the form", async () => {
    let answer = problem(422, "invalid_request", "level: bad", {
      errors: [{ field: "level", message: "Input should be 'gentle', 'honest' or 'brutal'" }],
    });
    mockApi({
      "GET /api/config": () => json(FALLBACK_CONFIG),
      "POST /api/resumes": () => answer,
    });
    render(<UploadForm onSubmitted={vi.fn()} />);
    pick(pdf());
    fireEvent.click(screen.getByRole("button", { name: "Roast my resume" }));
    await waitFor(() => expect(document.getElementById("level-error")?.textContent).toMatch(/gentle/));

    answer = problem(429, "rate_limited", "Too many uploads from your address.");
    fireEvent.click(screen.getByRole("button", { name: "Roast my resume" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Too many uploads");
  });

  it("refuses an over-long job description before uploading", async () => {
    mockApi({ "GET /api/config": () => json({ ...FALLBACK_CONFIG, max_job_description_chars: 5 }) });
    render(<UploadForm onSubmitted={vi.fn()} />);
    await screen.findByText(/0 \/ 5 characters/);
    pick(pdf());
    fireEvent.change(screen.getByLabelText("Job description"), { target: { value: "far too long" } });
    fireEvent.click(screen.getByRole("button", { name: "Roast my resume" }));
    await waitFor(() =>
      expect(document.getElementById("job_description-error")?.textContent).toMatch(/longer than 5/),
    );
  });
});
