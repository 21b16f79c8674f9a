import { useState } from "react";
import type { Evidence, Finding, Severity } from "@/lib/api/client";
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
              <FindingCard key={`${finding.code}-${index}`} finding={finding} index={findings.indexOf(finding)} />
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

/** Quotes shown before "show all": a long list folds, so the page stays a few screens tall. */
export const EVIDENCE_FOLDED = 3;

function FindingCard({ finding, index }: { finding: Finding; index: number }) {
  return (
    <li className={`finding finding--${finding.severity}`} data-code={finding.code} id={`finding-${index}`}>
      <p className="finding__message">
        <span className="finding__category">{categoryLabel(finding.category)}</span>
        {finding.message}
        {finding.source === "ai" ? <span className="tag" title="Written by the AI reviewer, quotes verified">AI</span> : null}
      </p>
      {finding.evidence?.length ? <EvidenceList evidence={finding.evidence} /> : null}
      {finding.fix ? (
        <p className="finding__fix">
          <strong>Fix: </strong>
          {finding.fix}
        </p>
      ) : null}
    </li>
  );
}

function EvidenceList({ evidence }: { evidence: Evidence[] }) {
  const [open, setOpen] = useState(false);
  const folds = evidence.length > EVIDENCE_FOLDED + 1; // never "3 of 4": show the fourth
  const shown = folds && !open ? evidence.slice(0, EVIDENCE_FOLDED) : evidence;
  return (
    <>
      <ul className="evidence" aria-label="Quoted from your resume">
        {shown.map((item, index) => (
          <li key={index} className="evidence__item">
            <blockquote className="evidence__quote">
              <mark>{item.quote}</mark>
            </blockquote>
            {item.line ? <span className="evidence__line">line {item.line}</span> : null}
          </li>
        ))}
      </ul>
      {folds ? (
        <button
          type="button"
          className="button button--small button--ghost evidence__toggle"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? "Show fewer" : `${EVIDENCE_FOLDED} of ${evidence.length} — show all`}
        </button>
      ) : null}
    </>
  );
}
