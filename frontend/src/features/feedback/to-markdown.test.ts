import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import type { Feedback } from "@/lib/api/client";
import { feedbackToMarkdown } from "@/features/feedback/to-markdown";
import { FEEDBACK } from "@/testing/data";

/** What a resume (or its filename) can carry into the export; each must stay plain text. */
const HOSTILE = [
  "[Click me](javascript:alert(document.cookie))",
  "<iframe src=javascript:alert(1)></iframe>",
  '<img src=x onerror="alert(1)">',
  "![pixel](https://evil.example/track.gif)",
  "<https://evil.example/phish>",
  "**bold** _claim_ `code` ~~gone~~ &lt;b&gt;",
  "line one\n\n# Injected heading\n<script>alert(1)</script>",
  "[ref]: javascript:alert(1)\n[Click][ref]",
];

function hostileFeedback(text: string): Feedback {
  const [finding] = FEEDBACK.findings ?? [];
  return {
    ...FEEDBACK,
    verdict: text,
    findings: [{ ...finding!, message: text, fix: text, evidence: [{ quote: text, line: 3 }] }],
    section_notes: [{ section: text, note: text, source: "ai" }],
    rewrites: [{ original: text, improved: text, why: text, line: 3, source: "ai" }],
    keywords: { matched: [text], missing: [text], match_rate: 0.5, requirement_rate: 0.5, poor_match: false },
    score_notes: [{ sub_score: "impact", change: 5, reason: text, quote: text, line: 3, source: "ai" }],
    checked: [{ code: "sections.no_experience", message: text, reason: text, evidence: { quote: text, line: 3 } }],
  };
}

/** The export as a Markdown viewer that renders raw HTML and bare links would show it. */
function renderLikeAViewer(markdown: string): HTMLElement {
  const viewer = new MarkdownIt({ html: true, linkify: true });
  const page = document.createElement("div");
  page.innerHTML = viewer.render(markdown);
  return page;
}

function tagsAndAttributes(page: HTMLElement): string[] {
  return [...page.querySelectorAll("*")].map((e) => [e.tagName, ...[...e.attributes].map((a) => a.name)].join(" "));
}

describe("feedbackToMarkdown with hostile text from the upload", () => {
  it.each(HOSTILE)("keeps %j inert: no link, image, frame, script, handler or heading", (text) => {
    const page = renderLikeAViewer(feedbackToMarkdown(hostileFeedback(text), `${text}.pdf`));
    const plain = renderLikeAViewer(feedbackToMarkdown(hostileFeedback("plain words"), "plain.pdf"));
    // The same elements as the export of plain words: nothing the upload wrote became markup.
    expect(tagsAndAttributes(page)).toEqual(tagsAndAttributes(plain));
    expect(page.querySelectorAll("a, img, iframe, script").length).toBe(0);
  });

  it.each(HOSTILE)("shows %j to the reader as the characters it is", (text) => {
    const page = renderLikeAViewer(feedbackToMarkdown(hostileFeedback(text), "resume.pdf"));
    const oneLine = text.replace(/\s*\n+\s*/g, " ");
    expect(page.querySelector("blockquote")?.textContent?.trim()).toBe(oneLine);
    expect(page.textContent).toContain(`“${oneLine}”`);
  });

  it("leaves ordinary text readable", () => {
    const md = feedbackToMarkdown(FEEDBACK, "resume.pdf");
    expect(md).toContain("> Readable, but it undersells you. Fix first: no bullet has a number.");
    expect(md).toContain("“Worked on the ChatGPT project using Node.js” (line 19)");
  });
});

describe("feedbackToMarkdown with the AI reviewer's reasons", () => {
  it("shows each sub-score's reasons beside it and the findings the AI reviewer withdrew", () => {
    const md = feedbackToMarkdown(
      {
        ...FEEDBACK,
        score_notes: [
          { sub_score: "impact", change: 5, reason: "Clearance on first review is a result", source: "ai" },
          { sub_score: "impact", change: -5, reason: "Duties only in the last role", source: "ai" },
        ],
        checked: [
          {
            code: "sections.no_experience",
            message: "No Experience section.",
            reason: "A dated role is right here.",
            evidence: { quote: "Regulatory Affairs Manager, Acme Medical", line: 6 },
          },
        ],
      },
      "resume.pdf",
    );
    expect(md).toContain("| Score | Value | Why |");
    expect(md).toMatch(/\| Impact \| \d+ \| \+5 Clearance on first review is a result; -5 Duties only in the last role \|/);
    expect(md).toContain("## Checked by the AI reviewer");
    expect(md).toContain("- Withdrawn: No Experience section.");
    expect(md).toContain("“Regulatory Affairs Manager, Acme Medical” (line 6)");
  });

  it("says a reason against a score already at 0 moved nothing, instead of printing 0", () => {
    const md = feedbackToMarkdown(
      {
        ...FEEDBACK,
        sub_scores: { ...FEEDBACK.sub_scores, completeness: 0 },
        score_notes: [{ sub_score: "completeness", change: 0, reason: "Not one date anywhere", source: "ai" }],
      },
      "resume.pdf",
    );
    expect(md).toMatch(/\| Completeness \| 0 \| \(already 0\) Not one date anywhere \|/);
  });

  it("keeps the two-column score table when nothing moved a score", () => {
    expect(feedbackToMarkdown(FEEDBACK, "resume.pdf")).toContain("| Score | Value |\n|---|---|");
  });
});

describe("feedbackToMarkdown for a job the resume barely matches", () => {
  it("says under the score, in one line, why the job holds it down", () => {
    const reason = "At most 44/100 for this job: your experience shows 1 of 17 things it asks for, and a recruiter for it would pass.";
    const keywords = { matched: [], missing: [], match_rate: 0.1, requirement_rate: 0.1, poor_match: true, score_cap_reason: reason };
    const md = feedbackToMarkdown({ ...FEEDBACK, overall_score: 44, keywords }, "resume.pdf");
    expect(md).toContain(`**Overall score: 44/100** (Needs work)\n\n${reason}\n`);
    expect(feedbackToMarkdown(FEEDBACK, "resume.pdf")).not.toContain("At most");
  });
});

describe("feedbackToMarkdown with a job description", () => {
  it("shows the requirements table's match rate, the figure the page and the CLI show", () => {
    const requirements = [
      { name: "Python", kind: "skill", status: "present", evidence: "Built services in Python" },
      { name: "Kafka", kind: "tool", status: "missing", evidence: null },
    ] as const;
    const keywords = { matched: ["Python"], missing: ["Kafka"], match_rate: 0.71, requirement_rate: 0.5, requirements: [...requirements], poor_match: false };
    const md = feedbackToMarkdown({ ...FEEDBACK, sub_scores: { ...FEEDBACK.sub_scores, job_match: 50 }, keywords }, "resume.pdf");
    expect(md).toContain("Match rate: 50%");
    expect(md).not.toContain("71%");
  });
});
