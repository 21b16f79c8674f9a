import type { components } from "@/lib/api/schema";

export type KeywordMatch = components["schemas"]["KeywordMatch"];
export type JobRequirement = components["schemas"]["JobRequirement"];

/** Under this share of the job's requirements the match is the roast's headline. */
export const POOR_MATCH_RATE = 0.5;

export const STATUS_WORDS: Record<JobRequirement["status"], string> = {
  present: "Shown in your experience",
  implied: "Only implied",
  missing: "Missing",
};

export const KIND_WORDS: Record<JobRequirement["kind"], string> = {
  skill: "Skill",
  tool: "Tool",
  qualification: "Qualification",
  seniority: "Seniority",
};

export interface MatchSummary {
  rate: number; // 0–100, present counts whole and implied half
  present: number;
  implied: number;
  missing: number;
  total: number;
  poor: boolean;
}

export function summarize(match: KeywordMatch): MatchSummary {
  const rows = match.requirements ?? [];
  const count = (status: JobRequirement["status"]) => rows.filter((row) => row.status === status).length;
  const rate = match.requirement_rate ?? 0;
  return {
    rate: Math.round(rate * 100),
    present: count("present"),
    implied: count("implied"),
    missing: count("missing"),
    total: rows.length,
    poor: rate < POOR_MATCH_RATE,
  };
}

/** "A poor match for this job: 1 of 15 requirements shown in your resume." */
export function headline(summary: MatchSummary): string {
  const shown = `${summary.present} of ${summary.total} requirement${summary.total === 1 ? "" : "s"}`;
  if (summary.poor) return `A poor match for this job: ${shown} shown in your experience`;
  if (summary.missing === 0 && summary.implied === 0) return "A strong match: every requirement shown in your experience";
  return `A fair match for this job: ${shown} shown in your experience`;
}
