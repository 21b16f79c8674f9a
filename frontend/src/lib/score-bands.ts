import type { ScoreBand } from "@/lib/api/client";

/** The API's score bands (GET /api/config score_bands), used until it answers. */
export const DEFAULT_SCORE_BANDS: ScoreBand[] = [
  { key: "strong", label: "Strong", min_score: 80 },
  { key: "getting_there", label: "Getting there", min_score: 60 },
  { key: "needs_work", label: "Needs work", min_score: 0 },
];
