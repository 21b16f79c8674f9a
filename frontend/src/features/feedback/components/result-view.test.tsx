import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ResultView } from "@/features/feedback/components/result-view";
import { feedbackToMarkdown, markdownFilename } from "@/features/feedback/to-markdown";
import { FEEDBACK } from "@/testing/data";

describe("ResultView", () => {
  it("puts the verdict and the score gauge first, in words as well as graphics", () => {
    render(<ResultView feedback={FEEDBACK} filename="resume.pdf" />);
    expect(screen.getByTestId("verdict").textContent).toBe(FEEDBACK.verdict);
    expect(screen.getByRole("img", { name: "Overall score 61 out of 100: Decent" })).toBeTruthy();
    const bars = screen.getByRole("heading", { name: "Sub-scores" }).parentElement as HTMLElement;
    expect(within(bars).getByText("Impact").closest("li")?.textContent).toContain("25 out of 100, Weak");
    expect(within(bars).getByText(/add a job description/i)).toBeTruthy();
  });

  it("groups findings by severity and highlights each quote", () => {
    render(<ResultView feedback={FEEDBACK} filename="resume.pdf" />);
    for (const name of ["Critical (1)", "Warnings (1)", "Polish (1)"]) {
      expect(screen.getByRole("heading", { level: 3, name })).toBeTruthy();
    }
    const mark = screen.getByText("Worked on the ChatGPT project using Node.js");
    expect(mark.tagName).toBe("MARK");
    expect(mark.closest("li")?.textContent).toContain("line 19");
  });

  it("shows notes, rewrites with a copy button, and keyword chips", async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    render(<ResultView feedback={FEEDBACK} filename="resume.pdf" />);
    expect(screen.getByText("3 dated entries.")).toBeTruthy();
    expect(screen.getByText("Worked on the ChatGPT project").tagName).toBe("DEL");
    fireEvent.click(screen.getByRole("button", { name: /copy the new text/i }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith("Shipped the ChatGPT integration to 40k users"));
    await screen.findByText("Copied");
    const missing = screen.getByRole("list", { name: "Missing keywords" });
    expect(within(missing).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["+ Kafka", "+ AWS"]);
    expect(screen.getByText("50%")).toBeTruthy();
  });

  it("shows why a sub-score moved and what the AI reviewer checked", () => {
    render(
      <ResultView
        feedback={{
          ...FEEDBACK,
          score_notes: [{ sub_score: "impact", change: 5, reason: "Clearance on first review is a result", source: "ai" }],
          checked: [
            {
              code: "sections.no_experience",
              message: "No Experience section.",
              reason: "A dated role is right here.",
              evidence: { quote: "Regulatory Affairs Manager", line: 6 },
            },
          ],
        }}
        filename="resume.pdf"
      />,
    );
    const bars = screen.getByRole("heading", { name: "Sub-scores" }).parentElement as HTMLElement;
    expect(within(bars).getByText("Impact").closest("li")?.textContent).toContain("+5 Clearance on first review is a result");
    const checked = screen.getByRole("heading", { name: "Checked by the AI reviewer" }).parentElement as HTMLElement;
    expect(checked.textContent).toContain("Withdrawn: No Experience section.");
    expect(within(checked).getByText("Regulatory Affairs Manager").tagName).toBe("MARK");
  });

  it("offers Markdown download and printing", () => {
    const createObjectURL = vi.fn(() => "blob:x");
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const print = vi.fn();
    Object.defineProperty(window, "print", { value: print, configurable: true });
    render(<ResultView feedback={FEEDBACK} filename="resume.pdf" />);
    fireEvent.click(screen.getByRole("button", { name: /download markdown/i }));
    expect(createObjectURL).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole("button", { name: /print or save as pdf/i }));
    expect(print).toHaveBeenCalledOnce();
  });
});

describe("feedbackToMarkdown", () => {
  it("writes the whole roast as Markdown", () => {
    const md = feedbackToMarkdown(FEEDBACK, "resume.pdf");
    expect(md).toContain("# Resume roast: resume.pdf");
    expect(md).toContain("**Overall score: 61/100** (Decent)");
    expect(md).toContain("### Critical");
    expect(md).toContain("“Worked on the ChatGPT project using Node.js” (line 19)");
    expect(md).toContain("After: Shipped the ChatGPT integration to 40k users");
    expect(md).toContain("Missing: Kafka, AWS");
    expect(md).not.toContain("Job match |");
  });

  it("names the file after the resume", () => {
    expect(markdownFilename("My CV (final).pdf")).toBe("My-CV-final-roast.md");
  });
});
