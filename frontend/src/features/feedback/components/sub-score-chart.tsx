import type { ScoreBand, SubScores } from "@/lib/api/client";
import { SUB_SCORE_LABELS, scoreBand } from "@/features/feedback/scores";

/** The sub-scores as a horizontal bar chart; each bar also states its number, and why the AI
 * reviewer moved it (`reasons`: sub-score → "+5 reason; -5 reason"). */
export function SubScoreChart({
  scores,
  reasons = {},
  bands,
  onAddJobDescription,
}: {
  scores: SubScores;
  reasons?: Record<string, string>;
  bands?: ScoreBand[];
  /** Opens the job-description form: the hint becomes a button that does it. */
  onAddJobDescription?: () => void;
}) {
  const keys = Object.keys(SUB_SCORE_LABELS) as (keyof SubScores)[];
  return (
    <div className="bars">
      <h3 className="bars__title">Sub-scores</h3>
      <ul className="bars__list">
        {keys.map((key) => {
          const value = scores[key];
          if (value === null || value === undefined) {
            return key === "job_match" ? (
              <li key={key} className="bars__row bars__row--empty">
                <span className="bars__label">{SUB_SCORE_LABELS[key]}</span>
                {onAddJobDescription ? (
                  <button type="button" className="link-button bars__hint" onClick={onAddJobDescription}>
                    Add a job description to get this score
                  </button>
                ) : (
                  <span className="bars__hint">Add a job description to get this score</span>
                )}
              </li>
            ) : null;
          }
          const band = scoreBand(value, bands);
          return (
            <li key={key} className={`bars__row bars__row--${band.tone}`} data-score={key}>
              <span className="bars__label" id={`bar-${key}`}>
                {SUB_SCORE_LABELS[key]}
              </span>
              <svg className="bars__bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                <rect className="bars__track" x="0" y="0" width="100" height="10" rx="5" />
                <rect className="bars__fill" x="0" y="0" width={Math.max(value, 2)} height="10" rx="5" />
              </svg>
              <span className="bars__value" aria-describedby={`bar-${key}`}>
                {value}
                <span className="visually-hidden"> out of 100, {band.label}</span>
              </span>
              {reasons[key] ? <small className="bars__why muted">{reasons[key]}</small> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
