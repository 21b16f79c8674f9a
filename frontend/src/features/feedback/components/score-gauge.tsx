import type { ScoreBand } from "@/lib/api/client";
import { scoreBand, toneOf } from "@/features/feedback/scores";

/** The overall score as a half-circle gauge, with the number and its band (the API's) in text. */
export function ScoreGauge({ score, band: given }: { score: number; band?: ScoreBand | null }) {
  const band = given ? toneOf(given) : scoreBand(score);
  const value = Math.max(0, Math.min(100, score));
  return (
    <figure className={`gauge gauge--${band.tone}`} data-testid="score">
      <svg viewBox="0 0 120 68" role="img" aria-label={`Overall score ${value} out of 100: ${band.label}`}>
        <path className="gauge__track" d="M 10 60 A 50 50 0 0 1 110 60" pathLength={100} />
        <path
          className="gauge__value"
          d="M 10 60 A 50 50 0 0 1 110 60"
          pathLength={100}
          strokeDasharray={`${value} 100`}
        />
      </svg>
      <figcaption className="gauge__caption" aria-hidden="true">
        <span className="gauge__number">{value}</span>
        <span className="gauge__out-of">/100</span>
        <span className="gauge__band">{band.label}</span>
      </figcaption>
    </figure>
  );
}
