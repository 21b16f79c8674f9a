import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ResultView } from "@/features/feedback/components/result-view";
import type { Feedback } from "@/lib/api/client";
import { FEEDBACK } from "@/testing/data";
import { mockApi } from "@/testing/fetch-mock";

const LINES = [
  { number: 19, page: 1, text: "Worked on the ChatGPT project using Node.js" },
  { number: 20, page: 2, text: "Improved things utilizing tools" },
];

/** A text resume: the marks sit on its lines (the polish finding's mark is on page 2). */
const TEXT: Feedback = {
  ...FEEDBACK,
  marks: [
    { finding: 1, evidence: 0, line: 19, page: 1, area: null },
    { finding: 2, evidence: 0, line: 20, page: 2, area: null },
  ],
  resume: { page_images: 0, lines: LINES },
};

/** A PDF: one page image with a box for line 19. */
const PDF: Feedback = {
  ...TEXT,
  marks: [{ finding: 1, evidence: 0, line: 19, page: 1, area: { left: 0.1, top: 0.2, width: 0.5, height: 0.02 } }],
  resume: { page_images: 1, lines: LINES },
};

const OBJECT_URLS = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };

afterEach(() => {
  vi.unstubAllGlobals();
  URL.createObjectURL = OBJECT_URLS.create;
  URL.revokeObjectURL = OBJECT_URLS.revoke;
});

describe("The resume, marked up", () => {
  it("stays folded until asked for, then shows the text with each quoted line marked", () => {
    render(<ResultView feedback={TEXT} filename="resume.txt" />);
    expect(screen.queryByTestId("marked-resume")).toBeNull();
    const toggle = screen.getByRole("button", { name: "See them on your resume (2 marked lines)" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(toggle);
    const view = screen.getByTestId("marked-resume");
    expect(within(view).getByRole("region", { name: "Page 2" }).textContent).toContain("utilizing tools");
    const mark = within(view).getByRole("button", { name: /^Line 19, page 1\. Impact: 19 of 19 bullets/ });
    expect(mark.textContent).toBe(LINES[0]!.text);
  });

  it("opens a folded finding from its mark, and the finding leads back to its mark", async () => {
    render(<ResultView feedback={TEXT} filename="resume.txt" />);
    expect(document.getElementById("finding-2")).toBeNull(); // polish waits behind a button
    fireEvent.click(screen.getByRole("button", { name: /^See them on your resume/ }));
    fireEvent.click(screen.getByRole("button", { name: /^Line 20, page 2/ }));
    const finding = document.getElementById("finding-2")!;
    expect(finding.className).toContain("is-current");
    await waitFor(() => expect(document.activeElement).toBe(finding));

    fireEvent.click(within(document.getElementById("finding-1")!).getByRole("button", { name: "Show on your resume" }));
    await waitFor(() => expect(document.activeElement?.id).toBe("resume-line-19"));
    expect(document.activeElement?.className).toContain("is-current");
  });

  it("draws a PDF's marks as boxes on its page image, fetched with the token in a header", async () => {
    const seen = mockApi({
      "GET /api/resumes/:id/pages/:page": () => new Response(new Blob(["png"]), { headers: { "Content-Type": "image/png" } }),
    });
    URL.createObjectURL = () => "blob:page-1";
    URL.revokeObjectURL = () => undefined;
    render(<ResultView feedback={PDF} filename="resume.pdf" jobId="job-1" token="tok" />);
    expect(seen).toHaveLength(0); // nothing fetched while folded
    fireEvent.click(screen.getByRole("button", { name: /^See them on your resume/ }));
    const image = await screen.findByRole("img", { name: "Page 1 of your resume" });
    expect(image.getAttribute("src")).toBe("blob:page-1");
    expect(seen[0]?.path).toBe("/api/resumes/job-1/pages/1");
    expect(seen[0]?.search).toBe("");
    expect(seen[0]?.headers.get("x-job-token")).toBe("tok");
    const box = screen.getByRole("button", { name: /^Line 19, page 1/ });
    expect(box.style.left).toBe("10.00%");
    expect(box.style.width).toBe("50.00%");
    fireEvent.click(box);
    expect(document.getElementById("finding-1")!.className).toContain("is-current");
  });

  it("offers no resume view when nothing is marked", () => {
    render(<ResultView feedback={FEEDBACK} filename="resume.pdf" />);
    expect(screen.queryByRole("button", { name: /^See them on your resume/ })).toBeNull();
  });
});
