import type { Feedback, TopFix } from "@/lib/api/client";
import {
  SEVERITY_ORDER,
  SEVERITY_TEXT,
  SUB_SCORE_LABELS,
  categoryLabel,
  scoreBand,
  sectionNoteParts,
} from "@/features/feedback/scores";

/**
 * Text from the upload (quotes, rewrites, the filename, anything the model repeated from it) as
 * inert Markdown: one line, no link, image, emphasis or raw HTML however it is written. A
 * viewer that renders HTML must show `<iframe …>` or `[Click me](javascript:…)` as the
 * characters they are. HTML's own characters become entities (inert in any renderer);
 * Markdown's punctuation gets a backslash, which CommonMark allows before any of it; so does
 * the "://" or "//" a viewer would turn into a link of its own.
 */
export function inertMarkdown(text: string): string {
  return text
    .replace(/\s*[\r\n\u2028\u2029]+\s*/g, " ")
    .replace(/[&<>]/g, (char) => HTML_ENTITIES[char] ?? char)
    .replace(/[\\`*_{}[\]()#+!|~]|[:/](?=\/)/g, "\\$&"); // "://" and "//": no bare link
}

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/** The whole roast as a Markdown document (what "Download" saves), the band in the API's words. */
export function feedbackToMarkdown(
  feedback: Feedback,
  filename: string,
  band?: string,
  topFixes: TopFix[] = [],
): string {
  const md = inertMarkdown;
  const out: string[] = [];
  out.push(`# Resume roast: ${md(filename)}`, "");
  const bandLabel = band ?? scoreBand(feedback.overall_score).label;
  out.push(`**Overall score: ${feedback.overall_score}/100** (${bandLabel})`, "");
  const capReason = feedback.keywords?.score_cap_reason;
  if (capReason) out.push(md(capReason), ""); // why the job holds the score down
  out.push(`> ${md(feedback.verdict)}`, "");
  const reasons = scoreReasons(feedback);
  const withReasons = Object.keys(reasons).length > 0;
  out.push(withReasons ? "| Score | Value | Why |" : "| Score | Value |");
  out.push(withReasons ? "|---|---|---|" : "|---|---|");
  for (const [key, label] of Object.entries(SUB_SCORE_LABELS)) {
    const value = feedback.sub_scores[key as keyof typeof SUB_SCORE_LABELS];
    if (value === null || value === undefined) continue;
    out.push(withReasons ? `| ${label} | ${value} | ${reasons[key] ?? ""} |` : `| ${label} | ${value} |`);
  }
  out.push("");
  if (topFixes.length) {
    out.push("## Fix these first", "");
    topFixes.forEach((fix, index) => {
      const gain = fix.expected_gain > 0 ? ` (about +${fix.expected_gain} points)` : "";
      out.push(`${index + 1}. **${md(fix.message)}**${gain}`);
      for (const evidence of fix.evidence ?? []) {
        out.push(`   - “${md(evidence.quote)}”${evidence.line ? ` (line ${evidence.line})` : ""}`);
      }
      out.push(`   - Fix: ${md(fix.fix)}`);
    });
    out.push("");
  }
  const checked = feedback.checked ?? [];
  if (checked.length) {
    out.push("## Checked by the AI reviewer", "");
    for (const item of checked) {
      out.push(`- Withdrawn: ${md(item.message)}`, `  - ${md(item.reason)}`);
      const { quote, line } = item.evidence;
      out.push(`  - “${md(quote)}”${line ? ` (line ${line})` : ""}`);
    }
    out.push("");
  }
  const findings = feedback.findings ?? [];
  if (findings.length) {
    out.push("## Findings", "");
    for (const severity of SEVERITY_ORDER) {
      const group = findings.filter((f) => f.severity === severity);
      if (!group.length) continue;
      out.push(`### ${SEVERITY_TEXT[severity].title}`, "");
      for (const finding of group) {
        out.push(`- **${md(finding.message)}** _(${md(categoryLabel(finding.category))})_`);
        for (const evidence of finding.evidence ?? []) {
          out.push(`  - “${md(evidence.quote)}”${evidence.line ? ` (line ${evidence.line})` : ""}`);
        }
        if (finding.fix) out.push(`  - Fix: ${md(finding.fix)}`);
      }
      out.push("");
    }
  }
  const notes = feedback.section_notes ?? [];
  if (notes.length) {
    out.push("## Notes per section", "");
    for (const note of notes) {
      const { head, text } = sectionNoteParts(note.section, note.note);
      out.push(head ? `- **${md(head)}:** ${md(text)}` : `- ${md(text)}`);
    }
    out.push("");
  }
  const rewrites = feedback.rewrites ?? [];
  if (rewrites.length) {
    out.push("## Rewrites", "");
    for (const rewrite of rewrites) {
      out.push(`- Before: ${md(rewrite.original)}`, `  After: ${md(rewrite.improved)}`);
      if (rewrite.why) out.push(`  Why: ${md(rewrite.why)}`);
    }
    out.push("");
  }
  if (feedback.keywords) {
    const { missing = [], matched = [], match_rate = 0, requirement_rate = 0, requirements = [] } = feedback.keywords;
    // The job-match figure the page and the CLI show: the requirements table's rate (the
    // keyword rate only when the job gave no requirements), so the export never shows two.
    const rate = requirements.length ? requirement_rate : match_rate;
    out.push("## Keywords", "", `Match rate: ${Math.round(rate * 100)}%`, "");
    if (missing.length) out.push(`Missing: ${missing.map(md).join(", ")}`, "");
    if (matched.length) out.push(`Matched: ${matched.map(md).join(", ")}`, "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** Each sub-score's reasons for moving from the analyzer's measure: "+5 Strong results"
 * (`text` makes the reason safe where it goes: inert Markdown by default). */
export function scoreReasons(feedback: Feedback, text: (reason: string) => string = inertMarkdown): Record<string, string> {
  const reasons: Record<string, string[]> = {};
  const scores = feedback.sub_scores as Record<string, number | null | undefined>;
  for (const note of feedback.score_notes ?? []) {
    // A reason against a score already at 0 (or 100) moved nothing: say so, not "0".
    const head = note.change === 0 ? `(already ${scores[note.sub_score] ?? 0})` : `${note.change > 0 ? "+" : ""}${note.change}`;
    (reasons[note.sub_score] ??= []).push(`${head} ${text(note.reason)}`);
  }
  return Object.fromEntries(Object.entries(reasons).map(([key, texts]) => [key, texts.join("; ")]));
}

/** Saves text as a file through a temporary object URL (no server round trip). */
export function downloadText(text: string, filename: string, type = "text/markdown"): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function markdownFilename(filename: string): string {
  const base =
    filename
      .replace(/\.[^.]+$/, "")
      .replace(/[^\w.-]+/g, "-")
      .replace(/^-+|-+$/g, "") || "resume";
  return `${base}-roast.md`;
}
