import { useEffect, useState } from "react";
import { compareVersions, type Comparison } from "@/features/versions/api/compare";
import type { KnownJob } from "@/lib/job-store";

const NAMES: Record<string, string> = {
  overall: "Overall",
  impact: "Impact",
  clarity: "Clarity",
  ats: "ATS",
  completeness: "Completeness",
  job_match: "Job match",
};

/** This version against the one it revises: score change, findings fixed, still open and new. */
export function VersionCompare({ job, earlier }: { job: KnownJob; earlier: KnownJob }) {
  const [comparison, setComparison] = useState<Comparison | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void compareVersions(job.id, job.token, earlier.id, earlier.token).then((found) => {
      if (live) setComparison(found);
    });
    return () => {
      live = false;
    };
  }, [job.id, job.token, earlier.id, earlier.token]);
  if (comparison === undefined) return null;
  if (comparison === null) {
    return (
      <section className="card version-compare" aria-labelledby="compare-title">
        <h2 id="compare-title">Compared with the earlier version</h2>
        <p>The earlier version is no longer available to compare.</p>
      </section>
    );
  }
  const groups = [
    { key: "fixed", label: "fixed", items: comparison.fixed ?? [] },
    { key: "open", label: "still open", items: comparison.still_open ?? [] },
    { key: "new", label: "new", items: comparison.new ?? [] },
  ];
  return (
    <section className="card version-compare" aria-labelledby="compare-title">
      <h2 id="compare-title">Compared with the earlier version ({earlier.filename})</h2>
      <ul className="version-compare__scores">
        {comparison.scores.map((score) => {
          const change = score.before != null && score.after != null ? score.after - score.before : null;
          return (
            <li key={score.name} data-score={score.name}>
              {NAMES[score.name] ?? score.name}: {score.before ?? "–"} → {score.after ?? "–"}
              {change != null ? ` (${change > 0 ? "+" : ""}${change})` : ""}
            </li>
          );
        })}
      </ul>
      <p className="version-compare__counts">
        {groups.map((group) => (
          <span key={group.key} data-count={group.key}>
            {group.items.length} {group.label}{" "}
          </span>
        ))}
      </p>
      {groups.map((group) =>
        group.items.length ? (
          <details key={group.key} className={`version-compare__group version-compare__group--${group.key}`}>
            <summary>
              {group.items.length} {group.label}
            </summary>
            <ul>
              {group.items.map((item, index) => (
                <li key={`${item.code}-${index}`}>
                  {item.message}
                  {item.quotes?.[0] ? <q>{item.quotes[0]}</q> : null}
                </li>
              ))}
            </ul>
          </details>
        ) : null,
      )}
      <ChangedLines lines={comparison.lines ?? []} />
    </section>
  );
}

/** The lines of the resume that changed: removed ones struck through, added ones marked. */
function ChangedLines({ lines }: { lines: NonNullable<Comparison["lines"]> }) {
  if (!lines.length) return null;
  return (
    <details className="version-compare__group version-compare__lines" data-testid="changed-lines">
      <summary>
        {lines.length} {lines.length === 1 ? "line" : "lines"} changed
      </summary>
      <ul>
        {lines.map((line, index) =>
          line.kind === "added" ? (
            <li key={index} className="line line--added">
              <ins>
                <span className="visually-hidden">Added: </span>
                {line.text}
              </ins>
            </li>
          ) : (
            <li key={index} className="line line--removed">
              <del>
                <span className="visually-hidden">Removed: </span>
                {line.text}
              </del>
            </li>
          ),
        )}
      </ul>
    </details>
  );
}
