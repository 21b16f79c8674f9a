import type { Severity, SubScores } from "@/lib/api/client";

/** A score in words, so the gauge never speaks by colour alone. */
export function scoreBand(score: number): { label: string; tone: "good" | "fair" | "poor" | "bad" } {
  if (score >= 80) return { label: "Strong", tone: "good" };
  if (score >= 60) return { label: "Decent", tone: "fair" };
  if (score >= 40) return { label: "Needs work", tone: "poor" };
  return { label: "Weak", tone: "bad" };
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
