import { useState, type ReactNode } from "react";
import type { Evidence, Finding, Severity } from "@/lib/api/client";
import { SEVERITY_ORDER, SEVERITY_TEXT, categoryLabel } from "@/features/feedback/scores";

/**
 * Findings grouped by severity; each quote from the resume is highlighted with its line. To
 * keep the page short: findings already under "Fix these first" (`pinned`) keep their quotes
 * folded, long quote lists fold to three, and polish opens on request.
 */
export function FindingsList({
  findings,
  pinned = [],
  opened = null,
  marked = [],
  onShowOnResume,
}: {
  findings: Finding[];
  pinned?: number[];
  /** The finding a mark on the resume opened: its group and quotes unfold. */
  opened?: number | null;
  /** Findings with a mark on the resume view, each linking back to it. */
  marked?: number[];
  onShowOnResume?: (finding: number) => void;
}) {
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
          <FoldedGroup
            severity={severity}
            count={items.length}
            forceOpen={opened !== null && items.some((item) => findings.indexOf(item) === opened)}
          >
            <ul className="findings__list">
              {items.map((finding, index) => {
                const at = findings.indexOf(finding);
                return (
                  <FindingCard
                    key={`${finding.code}-${index}`}
                    finding={finding}
                    index={at}
                    pinned={pinned.includes(at)}
                    current={opened === at}
                    onShowOnResume={marked.includes(at) ? onShowOnResume : undefined}
                  />
                );
              })}
            </ul>
          </FoldedGroup>
        </section>
      ))}
    </div>
  );
}

/** Polish waits behind a button; critical problems and warnings are always shown. */
function FoldedGroup({
  severity,
  count,
  forceOpen,
  children,
}: {
  severity: Severity;
  count: number;
  forceOpen: boolean;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(severity !== "info");
  if (open || forceOpen) return <>{children}</>;
  return (
    <button type="button" className="button button--small button--ghost" aria-expanded={false} onClick={() => setOpen(true)}>
      Show {count} polish {count === 1 ? "finding" : "findings"}
    </button>
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

function FindingCard({
  finding,
  index,
  pinned,
  current,
  onShowOnResume,
}: {
  finding: Finding;
  index: number;
  pinned: boolean;
  current: boolean;
  onShowOnResume?: (finding: number) => void;
}) {
  return (
    <li
      className={`finding finding--${finding.severity}${current ? " is-current" : ""}`}
      data-code={finding.code}
      id={`finding-${index}`}
    >
      <p className="finding__message">
        <span className="finding__category">{categoryLabel(finding.category)}</span>
        {finding.message}
        {finding.source === "ai" ? <span className="tag" title="Written by the AI reviewer, quotes verified">AI</span> : null}
      </p>
      {finding.evidence?.length ? (
        <EvidenceList evidence={finding.evidence} initial={pinned ? 0 : EVIDENCE_FOLDED} forceOpen={current} />
      ) : null}
      {finding.fix ? (
        <p className="finding__fix">
          <strong>Fix: </strong>
          {finding.fix}
        </p>
      ) : null}
      {onShowOnResume ? (
        <button
          type="button"
          className="button button--small button--ghost no-print"
          onClick={() => onShowOnResume(index)}
        >
          Show on your resume
        </button>
      ) : null}
    </li>
  );
}

/** `initial` quotes first (0: a finding already quoted under "Fix these first"), the rest on request. */
function EvidenceList({ evidence, initial, forceOpen }: { evidence: Evidence[]; initial: number; forceOpen: boolean }) {
  const [chosen, setOpen] = useState(false);
  const open = chosen || forceOpen;
  // Never "3 of 4": one more quote takes less room than the button.
  const folds = initial === 0 || evidence.length > initial + 1;
  const shown = folds && !open ? evidence.slice(0, initial) : evidence;
  const n = evidence.length;
  const more = initial === 0 ? `Show the ${n} quoted ${n === 1 ? "line" : "lines"}` : `${initial} of ${n} — show all`;
  return (
    <>
      {shown.length ? (
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
      ) : null}
      {folds ? (
        <button
          type="button"
          className="button button--small button--ghost evidence__toggle"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? "Show fewer" : more}
        </button>
      ) : null}
    </>
  );
}
