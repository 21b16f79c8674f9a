import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ResultView } from "@/features/feedback/components/result-view";
import { feedbackToMarkdown, markdownFilename } from "@/features/feedback/to-markdown";
import type { Feedback } from "@/lib/api/client";
import { FEEDBACK } from "@/testing/data";

describe("ResultView", () => {
  it("puts the verdict and the score gauge first, in words as well as graphics", () => {
    render(<ResultView feedback={FEEDBACK} filename="resume.pdf" />);
    expect(screen.getByTestId("verdict").textContent).toBe(FEEDBACK.verdict);
    expect(screen.getByRole("img", { name: "Overall score 61 out of 100: Getting there" })).toBeTruthy();
    const bars = screen.getByRole("heading", { name: "Sub-scores" }).parentElement as HTMLElement;
    expect(within(bars).getByText("Impact").closest("li")?.textContent).toContain("25 out of 100, Needs work");
    expect(within(bars).getByText(/add a job description/i)).toBeTruthy();
  });

  it("uses the API's band words and speaks in words: no codes, right plurals, notes named once", () => {
    const feedback: Feedback = {
      ...FEEDBACK,
      facts: { ...FEEDBACK.facts!, roles: 1, pages: 1 },
      findings: [{ ...FEEDBACK.findings![0]!, category: "job_match" }],
      section_notes: [
        { section: "education", note: "Education: BSc, 2019. No issues found.", source: "analyzer" as const },
        { section: "other", note: "Odd line without a name.", source: "analyzer" as const },
      ],
    };
    render(
      <ResultView feedback={feedback} filename="r.pdf" band={{ key: "strong", label: "Strong", min_score: 80 }} />,
    );
    expect(screen.getByRole("img", { name: "Overall score 61 out of 100: Strong" })).toBeTruthy();
    const facts = screen.getByRole("list", { name: "About the document" }).textContent ?? "";
    expect(facts).toContain("1 role");
    expect(facts).not.toContain("1 roles");
    expect(facts).toContain("1 page");
    expect(document.body.textContent).toContain("Job match");
    expect(document.body.textContent).not.toMatch(/job_match|JOB_MATCH/);
    const notes = screen.getByRole("heading", { name: "Notes per section" }).parentElement as HTMLElement;
    expect(notes.textContent).not.toMatch(/Education.*Education/);
    expect(notes.textContent).not.toContain("other");
  });

  it("opens with what to fix first, folds long quote lists, and links to its parts", () => {
    const quotes = Array.from({ length: 27 }, (_, n) => ({ quote: `Did thing number ${n + 1}`, line: n + 10 }));
    const unquantified = { ...FEEDBACK.findings![1]!, evidence: quotes, message: "24 of 27 bullets have no number." };
    const weakVerbs = { ...unquantified, code: "verbs.weak_opener", category: "verbs", message: "27 weak openers." };
    const feedback: Feedback = { ...FEEDBACK, findings: [FEEDBACK.findings![0]!, unquantified, weakVerbs] };
    const topFixes = [
      {
        code: "contact.no_email",
        severity: "critical" as const,
        category: "contact",
        message: "No email address.",
        fix: "Add an email address at the top.",
        evidence: [],
        evidence_total: 0,
        expected_gain: 12,
        finding_index: 0,
      },
      {
        code: unquantified.code,
        severity: "warning" as const,
        category: "impact",
        message: unquantified.message,
        fix: "Add the result to each.",
        evidence: quotes.slice(0, 3),
        evidence_total: 27,
        expected_gain: 8,
        finding_index: 1,
      },
    ];
    render(<ResultView feedback={feedback} filename="r.pdf" topFixes={topFixes} />);
    const first = screen.getByTestId("top-fixes");
    expect(first.querySelectorAll(":scope > li")).toHaveLength(2);
    expect(first.textContent).toMatch(/No email address\..*worth about \+12 points/);
    expect(first.textContent).toContain("2 of 27 quoted");
    const headings = screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent);
    expect(headings.indexOf("Fix these first")).toBeLessThan(headings.indexOf("Findings"));

    // Under Findings, a long list folds to three; one quoted above already waits behind a button.
    const card = document.getElementById("finding-2") as HTMLElement;
    expect(within(card).getAllByRole("listitem")).toHaveLength(3);
    const toggle = within(card).getByRole("button", { name: "3 of 27 — show all" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(toggle);
    expect(within(card).getAllByRole("listitem")).toHaveLength(27);
    const pinned = document.getElementById("finding-1") as HTMLElement;
    expect(within(pinned).queryAllByRole("listitem")).toHaveLength(0);
    fireEvent.click(within(pinned).getByRole("button", { name: "Show the 27 quoted lines" }));
    expect(within(pinned).getAllByRole("listitem")).toHaveLength(27);

    const jumps = screen.getByRole("navigation", { name: "Parts of the roast" });
    expect(within(jumps).getAllByRole("link").map((a) => a.textContent)).toEqual([
      "Fix first",
      "Findings (3)",
      "Sections",
      "Rewrites",
      "Keywords",
    ]);
    fireEvent.click(within(jumps).getByRole("link", { name: "Findings (3)" }));
    expect(document.activeElement?.id).toBe("findings-heading");
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

  it("leaves out the Rewrites card and its jump link when there are none", () => {
    render(<ResultView feedback={{ ...FEEDBACK, rewrites: [] }} filename="resume.pdf" />);
    expect(screen.queryByRole("heading", { name: "Rewrites" })).toBeNull();
    expect(screen.queryByText("No rewrites suggested.")).toBeNull();
    const jumps = screen.getByRole("navigation", { name: "Parts of the roast" });
    expect(within(jumps).queryByRole("link", { name: "Rewrites" })).toBeNull();
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
    expect(md).toContain("**Overall score: 61/100** (Getting there)");
    expect(md).toContain("_(Contact)_"); // words, not the category code
    expect(md).toContain("- **Experience:** 3 dated entries.");
    const fix = {
      code: "contact.no_email",
      severity: "critical" as const,
      category: "contact",
      message: "No email address.",
      fix: "Add an email address at the top.",
      evidence: [],
      evidence_total: 0,
      expected_gain: 12,
      finding_index: 0,
    };
    const withFixes = feedbackToMarkdown(FEEDBACK, "resume.pdf", "Getting there", [fix]);
    expect(withFixes).toContain("## Fix these first\n\n1. **No email address.** (about +12 points)");
    expect(withFixes.indexOf("## Fix these first")).toBeLessThan(withFixes.indexOf("## Findings"));
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
