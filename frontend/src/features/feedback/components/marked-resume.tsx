import type { Feedback, Finding } from "@/lib/api/client";
import { categoryLabel, plural } from "@/features/feedback/scores";
import "@/features/feedback/components/marked-resume.css";

/** A quoted line of the resume, with the findings that quote it (first one opens on click). */
export interface LineMark {
  line: number;
  page: number;
  area: { left: number; top: number; width: number; height: number } | null;
  findings: number[];
}

/** One mark per quoted line, in page and line order: two findings quoting a line share it. */
export function lineMarks(feedback: Feedback): LineMark[] {
  const byLine = new Map<number, LineMark>();
  for (const mark of feedback.marks ?? []) {
    const known = byLine.get(mark.line);
    if (known) {
      if (!known.findings.includes(mark.finding)) known.findings.push(mark.finding);
    } else {
      byLine.set(mark.line, { line: mark.line, page: mark.page, area: mark.area ?? null, findings: [mark.finding] });
    }
  }
  return [...byLine.values()].sort((a, b) => a.page - b.page || a.line - b.line);
}

/** The DOM id of a quoted line's mark, for the finding's "Show on your resume" link. */
export function markId(line: number): string {
  return `resume-line-${line}`;
}

/**
 * The person's own resume with each quoted line marked: page images for a PDF (boxes placed
 * by the reader's coordinates), the text with the same lines highlighted otherwise. A mark is
 * a button named after its findings: it opens the first one (the findings list is the same
 * path for keyboard and screen-reader users, each finding linking back here).
 */
export function MarkedResume({
  feedback,
  pageUrls,
  current,
  onOpenFinding,
}: {
  feedback: Feedback;
  /** Object URLs of the page images (index 0 = page 1); null while loading or unavailable. */
  pageUrls: (string | null)[];
  /** The line whose mark was last asked for, shown as current. */
  current: number | null;
  onOpenFinding: (finding: number) => void;
}) {
  const marks = lineMarks(feedback);
  const lines = feedback.resume?.lines ?? [];
  const imagePages = feedback.resume?.page_images ?? 0;
  const pageCount = Math.max(imagePages, ...lines.map((line) => line.page), ...marks.map((mark) => mark.page), 0);
  const findings = feedback.findings ?? [];
  const markButton = (mark: LineMark, className: string, style?: Record<string, string>, text?: string) => (
    <button
      key={mark.line}
      type="button"
      id={markId(mark.line)}
      className={`${className}${current === mark.line ? " is-current" : ""}`}
      style={style}
      aria-label={markLabel(mark, findings)}
      title={markLabel(mark, findings)}
      data-findings={mark.findings.join(" ")}
      onClick={() => onOpenFinding(mark.findings[0] ?? 0)}
    >
      {text}
    </button>
  );
  return (
    <div className="marked-resume" data-testid="marked-resume">
      {Array.from({ length: pageCount }, (_, index) => index + 1).map((page) => {
        const onPage = marks.filter((mark) => mark.page === page);
        const url = page <= imagePages ? (pageUrls[page - 1] ?? null) : null;
        const placed = url ? onPage.filter((mark) => mark.area) : [];
        return (
          <section key={page} className="resume-page" aria-label={`Page ${page}`}>
            {url ? (
              <div className="resume-page__sheet">
                <img src={url} alt={`Page ${page} of your resume`} className="resume-page__image" />
                {placed.map((mark) =>
                  markButton(mark, "resume-mark", {
                    left: percent(mark.area!.left),
                    top: percent(mark.area!.top),
                    width: percent(mark.area!.width),
                    height: percent(mark.area!.height),
                  }),
                )}
              </div>
            ) : page <= imagePages && pageUrls.length === 0 ? (
              <p className="muted small" aria-busy="true">
                Loading page {page}…
              </p>
            ) : (
              <ol className="resume-text">
                {lines
                  .filter((line) => line.page === page)
                  .map((line) => {
                    const mark = onPage.find((item) => item.line === line.number);
                    return (
                      <li key={line.number} value={line.number} className="resume-text__line">
                        {mark ? markButton(mark, "resume-text__mark", undefined, line.text) : line.text || " "}
                      </li>
                    );
                  })}
              </ol>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** How many marks, for the toggle that opens the view. */
export function marksSummary(feedback: Feedback): string {
  return plural(lineMarks(feedback).length, "marked line");
}

function markLabel(mark: LineMark, findings: Finding[]): string {
  const named = mark.findings
    .map((index) => findings[index])
    .filter((finding): finding is Finding => finding !== undefined)
    .map((finding) => `${categoryLabel(finding.category)}: ${finding.message}`);
  return `Line ${mark.line}, page ${mark.page}. ${named.join(" · ")}`;
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)}%`;
}
