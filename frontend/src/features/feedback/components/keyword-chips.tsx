import type { Feedback } from "@/lib/api/client";

/** Job-description keywords the resume has (✓) and lacks (+ add). */
export function KeywordChips({ keywords }: { keywords: NonNullable<Feedback["keywords"]> }) {
  const matched = keywords.matched ?? [];
  const missing = keywords.missing ?? [];
  return (
    <div className="keywords">
      <p className="keywords__rate">
        <strong>{Math.round((keywords.match_rate ?? 0) * 100)}%</strong> of the job description's key terms
        appear in your resume.
      </p>
      {missing.length ? (
        <>
          <h3 className="keywords__title">Missing — add them where they are true</h3>
          <ul className="chips" aria-label="Missing keywords">
            {missing.map((word) => (
              <li key={word} className="chip chip--missing">
                <span aria-hidden="true">+ </span>
                {word}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {matched.length ? (
        <>
          <h3 className="keywords__title">Already there</h3>
          <ul className="chips" aria-label="Matched keywords">
            {matched.map((word) => (
              <li key={word} className="chip chip--matched">
                <span aria-hidden="true">✓ </span>
                {word}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
