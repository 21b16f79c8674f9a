import type { Finding, Severity } from "@/lib/api/client";
import { SEVERITY_ORDER, SEVERITY_TEXT, categoryLabel } from "@/features/feedback/scores";

/** Findings grouped by severity; each quote from the resume is highlighted with its line. */
export function FindingsList({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) {
    return <p className="muted">No problems found. That is rare — well done.</p>;
  }
  const groups = SEVERITY_ORDER.map((severity) => ({
    severity,
    items: findings.filter((f) => f.severity === severity),
  })).filter((group) => group.items.length > 0);
  return (
    <div className="findings">
      {groups.map(({ severity, items }) => (
        <section key={severity} className={`findings__group findings__group--${severity}`} aria-labelledby={`sev-${severity}`}>
          <h3 id={`sev-${severity}`} className="findings__heading">
            <SeverityIcon severity={severity} />
            {SEVERITY_TEXT[severity].title} <span className="count">({items.length})</span>
          </h3>
          <ul className="findings__list">
            {items.map((finding, index) => (
              <FindingCard key={`${finding.code}-${index}`} finding={finding} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** A shape and a sign per severity, beside the heading that names it (never colour alone). */
function SeverityIcon({ severity }: { severity: Severity }) {
  return (
    <span className={`badge badge--${severity}`} aria-hidden="true">
      {SEVERITY_TEXT[severity].icon}
    </span>
  );
}

function FindingCard({ finding }: { finding: Finding }) {
  return (
    <li className={`finding finding--${finding.severity}`} data-code={finding.code}>
      <p className="finding__message">
        <span className="finding__category">{categoryLabel(finding.category)}</span>
        {finding.message}
        {finding.source === "ai" ? <span className="tag" title="Written by the AI reviewer, quotes verified">AI</span> : null}
      </p>
      {finding.evidence?.length ? (
        <ul className="evidence" aria-label="Quoted from your resume">
          {finding.evidence.map((evidence, index) => (
            <li key={index} className="evidence__item">
              <blockquote className="evidence__quote">
                <mark>{evidence.quote}</mark>
              </blockquote>
              {evidence.line ? <span className="evidence__line">line {evidence.line}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {finding.fix ? (
        <p className="finding__fix">
          <strong>Fix: </strong>
          {finding.fix}
        </p>
      ) : null}
    </li>
  );
}
