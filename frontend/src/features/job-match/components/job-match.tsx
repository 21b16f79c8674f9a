import type { Feedback } from "@/lib/api/client";
import { KIND_WORDS, STATUS_WORDS, headline, summarize } from "@/features/job-match/match";

/** With a job description, the match comes first: the rate, then each requirement against the
 * resume's evidence. A poor match is the headline, above the verdict, and says when it is what
 * holds the overall score down (the API's one line). */
export function JobMatch({ feedback, onChange }: { feedback: Feedback; onChange?: () => void }) {
  const match = feedback.keywords;
  const rows = match?.requirements ?? [];
  if (!match || rows.length === 0) return null;
  const summary = summarize(match);
  return (
    <section
      className={`card job-match ${summary.poor ? "job-match--poor" : ""}`}
      aria-labelledby="job-match-heading"
      data-testid="job-match"
    >
      <div className="job-match__head">
        <p className="job-match__rate" aria-hidden="true">
          {summary.rate}%
        </p>
        <div>
          <p className="eyebrow">Job match</p>
          <h2 id="job-match-heading" data-testid="job-match-headline">
            {headline(summary)}
          </h2>
          <p className="muted small">
            <span className="visually-hidden">Match rate {summary.rate}%. </span>
            {summary.present} shown, {summary.implied} only implied, {summary.missing} missing.
          </p>
          {match.score_cap_reason ? (
            <p className="job-match__cap" data-testid="score-cap-reason">
              {match.score_cap_reason}
            </p>
          ) : null}
          {onChange ? (
            <button type="button" className="button button--small no-print" onClick={onChange}>
              Change the job description
            </button>
          ) : null}
        </div>
      </div>
      <div className="table-wrap">
        <table className="table job-match__table" data-testid="requirements">
          <caption className="visually-hidden">The job's requirements against your resume</caption>
          <thead>
            <tr>
              <th scope="col">The job asks for</th>
              <th scope="col">Status</th>
              <th scope="col">Evidence in your resume</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.kind}-${row.name}`} data-status={row.status}>
                <th scope="row">
                  {row.name}
                  <small className="muted job-match__kind">{KIND_WORDS[row.kind]}</small>
                </th>
                <td>
                  <span className={`pill job-match__status job-match__status--${row.status}`}>
                    {STATUS_WORDS[row.status]}
                  </span>
                </td>
                <td>{row.evidence ? <q>{row.evidence}</q> : <span className="muted">Nowhere in the resume</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
