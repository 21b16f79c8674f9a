import type { ScoreBand, Severity, SubScores } from "@/lib/api/client";
import { DEFAULT_SCORE_BANDS } from "@/lib/score-bands";

export type Tone = "good" | "fair" | "poor";

const TONE: Record<ScoreBand["key"], Tone> = { strong: "good", getting_there: "fair", needs_work: "poor" };

/**
 * A score in words, so the gauge never speaks by colour alone. The words are the API's (its
 * score_bands, the ones the verdict uses): one vocabulary on the page, in the CLI and the export.
 */
export function scoreBand(
  score: number,
  bands: ScoreBand[] = DEFAULT_SCORE_BANDS,
): { label: string; tone: Tone } {
  const band = [...bands].sort((a, b) => b.min_score - a.min_score).find((b) => score >= b.min_score);
  return band ? toneOf(band) : { label: "", tone: "poor" };
}

export function toneOf(band: ScoreBand): { label: string; tone: Tone } {
  return { label: band.label, tone: TONE[band.key] };
}

/** A finding's category in words, never its code ("job_match", "red_flag"). */
const CATEGORY_LABELS: Record<string, string> = {
  contact: "Contact",
  length: "Length",
  impact: "Impact",
  verbs: "Verbs",
  language: "Wording",
  brevity: "Brevity",
  dates: "Dates",
  spelling: "Spelling",
  ats: "ATS readability",
  sections: "Sections",
  job_match: "Job match",
  red_flag: "Red flag",
  content: "Content",
  placeholder: "Placeholder text",
  personal: "Personal details",
  security: "Safety",
};

export function categoryLabel(category: string): string {
  const known = CATEGORY_LABELS[category];
  if (known) return known;
  const words = category.replaceAll("_", " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `1 role`, `3 roles`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A section note as heading and text, the section named once and never as "other". */
export function sectionNoteParts(section: string, note: string): { head: string; text: string } {
  const at = note.indexOf(": ");
  if (at > 0 && at <= 60) return { head: note.slice(0, at), text: note.slice(at + 2) };
  if (section === "other") return { head: "", text: note };
  const words = section.replaceAll("_", " ");
  return { head: words.charAt(0).toUpperCase() + words.slice(1), text: note };
}

export const SUB_SCORE_LABELS: Record<keyof SubScores, string> = {
  impact: "Impact",
  clarity: "Clarity",
  ats: "ATS readability",
  completeness: "Completeness",
  job_match: "Job match",
};

export const SEVERITY_ORDER: Severity[] = ["critical", "warning", "info"];

export const SEVERITY_TEXT: Record<Severity, { title: string; icon: string }> = {
  critical: { title: "Critical", icon: "!!" },
  warning: { title: "Warnings", icon: "!" },
  info: { title: "Polish", icon: "i" },
};
