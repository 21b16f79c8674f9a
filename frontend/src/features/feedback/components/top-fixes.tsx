import type { TopFix } from "@/lib/api/client";
import { categoryLabel } from "@/features/feedback/scores";

/** Quotes per fix here; every quote is under Findings. */
const QUOTES_SHOWN = 2;

/** What to fix first: the fixes worth the most points, each with its quotes and what to do. */
export function TopFixes({ fixes }: { fixes: TopFix[] }) {
  return (
    <ol className="top-fixes" data-testid="top-fixes">
      {fixes.map((item) => (
        <li key={`${item.code}-${item.finding_index}`} className={`top-fix top-fix--${item.severity}`}>
          <p className="top-fix__message">
            <span className="finding__category">{categoryLabel(item.category)}</span>
            {item.message}
            {item.expected_gain > 0 ? (
              <span className="top-fix__gain"> worth about +{item.expected_gain} points</span>
            ) : null}
          </p>
          {item.evidence?.length ? (
            <ul className="evidence" aria-label="Quoted from your resume">
              {item.evidence.slice(0, QUOTES_SHOWN).map((evidence, index) => (
                <li key={index} className="evidence__item">
                  <blockquote className="evidence__quote">
                    <mark>{evidence.quote}</mark>
                  </blockquote>
                  {evidence.line ? <span className="evidence__line">line {evidence.line}</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
          {(item.evidence_total ?? 0) > Math.min(QUOTES_SHOWN, item.evidence?.length ?? 0) ? (
            <p className="muted small">
              {Math.min(QUOTES_SHOWN, item.evidence?.length ?? 0)} of {item.evidence_total} quoted ·{" "}
              <a href={`#finding-${item.finding_index}`} onClick={(event) => jumpTo(event, `finding-${item.finding_index}`)}>
                see all under Findings
              </a>
            </p>
          ) : null}
          <p className="finding__fix">
            <strong>Fix: </strong>
            {item.fix}
          </p>
        </li>
      ))}
    </ol>
  );
}

/** Scrolls to an element of this page and moves focus there, leaving the URL (and its token) alone. */
export function jumpTo(event: { preventDefault(): void }, id: string): void {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.scrollIntoView?.({ block: "start" });
  target.focus({ preventScroll: true });
}
