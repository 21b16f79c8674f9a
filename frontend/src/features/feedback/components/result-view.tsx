import { useEffect, useRef, useState } from "react";
import { Icon } from "@/components/icons";
import type { Feedback, ScoreBand, TopFix } from "@/lib/api/client";
import { DEFAULT_SCORE_BANDS } from "@/lib/score-bands";
import { usePageImages } from "@/features/feedback/api/page-images";
import { FindingsList } from "@/features/feedback/components/findings-list";
import { KeywordChips } from "@/features/feedback/components/keyword-chips";
import { MarkedResume, lineMarks, markId, marksSummary } from "@/features/feedback/components/marked-resume";
import { RewritesList } from "@/features/feedback/components/rewrites-list";
import { ScoreGauge } from "@/features/feedback/components/score-gauge";
import { SubScoreChart } from "@/features/feedback/components/sub-score-chart";
import { TopFixes, jumpTo } from "@/features/feedback/components/top-fixes";
import { plural, scoreBand, sectionNoteParts } from "@/features/feedback/scores";
import { downloadText, feedbackToMarkdown, markdownFilename, scoreReasons } from "@/features/feedback/to-markdown";

/** The roast: verdict and scores first, then findings, notes, rewrites and keywords. */
export function ResultView({
  feedback,
  filename,
  band = null,
  bands = DEFAULT_SCORE_BANDS,
  topFixes = [],
  onAddJobDescription,
  jobId,
  token,
}: {
  feedback: Feedback;
  filename: string;
  /** The overall score's band as the API named it (job.score_band). */
  band?: ScoreBand | null;
  /** The API's bands (GET /api/config), for the sub-scores' words. */
  bands?: ScoreBand[];
  /** What to fix first (job.top_fixes): the fixes worth the most points. */
  topFixes?: TopFix[];
  /** Opens the form that re-roasts against a job description (the owner's page only). */
  onAddJobDescription?: () => void;
  /** The job and a token that reads it: the resume view fetches its page images with them. */
  jobId?: string;
  token?: string | null;
}) {
  const resume = useResumeMarks(feedback, jobId, token);
  const bandLabel = band?.label ?? scoreBand(feedback.overall_score, bands).label;
  const notes = feedback.section_notes ?? [];
  const facts = feedback.facts;
  const reviewNotes = feedback.review?.notes ?? [];
  const checked = feedback.checked ?? [];
  // No rewrites: no card saying so (on a phone it is a screen's worth of scrolling for nothing).
  const rewrites = feedback.rewrites ?? [];
  // With a requirements table (shown above the roast) the keyword chips would repeat it.
  const chips = feedback.keywords && !feedback.keywords.requirements?.length ? feedback.keywords : null;
  const jumps = [
    topFixes.length ? { id: "top-fixes-heading", label: "Fix first" } : null,
    { id: "findings-heading", label: `Findings (${feedback.findings?.length ?? 0})` },
    resume.open ? { id: "resume-heading", label: "Your resume" } : null,
    notes.length ? { id: "notes-heading", label: "Sections" } : null,
    rewrites.length ? { id: "rewrites-heading", label: "Rewrites" } : null,
    chips ? { id: "keywords-heading", label: "Keywords" } : null,
  ].filter((jump) => jump !== null);
  return (
    <article className="result" aria-label="Your roast">
      <section className="card summary" aria-labelledby="verdict-heading">
        <div className="summary__verdict">
          <p className="eyebrow">Verdict</p>
          <h2 id="verdict-heading" className="verdict" data-testid="verdict">
            {feedback.verdict}
          </h2>
          {facts ? (
            <ul className="facts" aria-label="About the document">
              <li>{plural(facts.pages ?? 0, "page")}</li>
              <li>{plural(facts.words ?? 0, "word")}</li>
              <li>
                {facts.quantified_bullets}/{plural(facts.bullets ?? 0, "bullet")} with numbers
              </li>
              {facts.roles ? <li>{plural(facts.roles, "role")}</li> : null}
            </ul>
          ) : null}
          <div className="actions no-print">
            <button
              type="button"
              className="button"
              onClick={() =>
                downloadText(feedbackToMarkdown(feedback, filename, bandLabel, topFixes), markdownFilename(filename))
              }
            >
              <Icon name="download" />
              Download Markdown
            </button>
            <button type="button" className="button" onClick={() => window.print()}>
              <Icon name="print" />
              Print or save as PDF
            </button>
          </div>
        </div>
        <div className="summary__scores">
          <ScoreGauge score={feedback.overall_score} band={band ?? null} />
          <SubScoreChart
            scores={feedback.sub_scores}
            bands={bands}
            reasons={scoreReasons(feedback, (text) => text)}
            onAddJobDescription={onAddJobDescription}
          />
        </div>
      </section>

      <nav className="jump-links no-print" aria-label="Parts of the roast">
        <ul>
          {jumps.map((jump) => (
            <li key={jump.id}>
              <a href={`#${jump.id}`} onClick={(event) => jumpTo(event, jump.id)}>
                {jump.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {topFixes.length ? (
        <section className="card card--highlight" aria-labelledby="top-fixes-heading">
          <h2 id="top-fixes-heading">Fix these first</h2>
          <p className="muted small">The changes that would raise your score the most, biggest first.</p>
          <TopFixes fixes={topFixes} />
        </section>
      ) : null}

      <section className="card" aria-labelledby="findings-heading">
        <h2 id="findings-heading">Findings</h2>
        {resume.marked.length ? (
          <button
            type="button"
            className="button button--small no-print findings__resume-toggle"
            aria-expanded={resume.open}
            aria-controls="marked-resume"
            onClick={resume.toggle}
          >
            {resume.open ? "Hide your resume" : `See them on your resume (${marksSummary(feedback)})`}
          </button>
        ) : null}
        <FindingsList
          findings={feedback.findings ?? []}
          pinned={topFixes.map((fix) => fix.finding_index)}
          opened={resume.openedFinding}
          marked={resume.marked}
          onShowOnResume={resume.showOnResume}
        />
      </section>

      {resume.open ? (
        <section className="card" id="marked-resume" aria-labelledby="resume-heading">
          <h2 id="resume-heading">Your resume, marked up</h2>
          <p className="muted small">
            Each marked line is quoted by a finding: select a mark to open it. The same findings are listed
            above, each with a link back here.
          </p>
          <button type="button" className="button button--small no-print" onClick={resume.toggle}>
            Hide your resume
          </button>
          <MarkedResume
            feedback={feedback}
            pageUrls={resume.pageUrls}
            current={resume.currentLine}
            onOpenFinding={resume.openFinding}
          />
        </section>
      ) : null}

      {checked.length ? (
        <section className="card card--quiet" aria-labelledby="checked-heading">
          <h2 id="checked-heading">Checked by the AI reviewer</h2>
          <ul className="muted">
            {checked.map((item) => (
              <li key={`${item.code}-${item.evidence.line ?? ""}`}>
                Withdrawn: {item.message} {item.reason} <mark>{item.evidence.quote}</mark>
                {item.evidence.line ? ` (line ${item.evidence.line})` : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {notes.length ? (
        <section className="card" aria-labelledby="notes-heading">
          <h2 id="notes-heading">Notes per section</h2>
          <dl className="notes">
            {notes.map((note, index) => {
              const { head, text } = sectionNoteParts(note.section, note.note);
              return (
                <div key={`${note.section}-${index}`} className="notes__item">
                  {head ? <dt>{head}</dt> : null}
                  <dd>{text}</dd>
                </div>
              );
            })}
          </dl>
        </section>
      ) : null}

      {rewrites.length ? (
        <section className="card" aria-labelledby="rewrites-heading">
          <h2 id="rewrites-heading">Rewrites</h2>
          <RewritesList rewrites={rewrites} />
        </section>
      ) : null}

      {chips ? (
        <section className="card" aria-labelledby="keywords-heading">
          <h2 id="keywords-heading">Keywords from the job description</h2>
          <KeywordChips keywords={chips} />
        </section>
      ) : null}

      {reviewNotes.length || feedback.review?.ai_review_discarded ? (
        <section className="card card--quiet" aria-labelledby="review-heading">
          <h2 id="review-heading">About this review</h2>
          <ul className="muted">
            {feedback.review?.ai_review_discarded ? (
              <li>The AI reviewer's answer failed our checks and was left out; the findings come from the analyzer.</li>
            ) : null}
            {reviewNotes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}

/**
 * The resume view's state: folded until asked for (the result stays a few screens tall), a
 * mark opens its finding and a finding shows its mark, each scrolled to and focused.
 */
function useResumeMarks(feedback: Feedback, jobId: string | undefined, token: string | null | undefined) {
  const [open, setOpen] = useState(false);
  const [openedFinding, setOpenedFinding] = useState<number | null>(null);
  const [currentLine, setCurrentLine] = useState<number | null>(null);
  const [target, setTarget] = useState<{ id: string; nonce: number } | null>(null);
  const marks = lineMarks(feedback);
  const marked = [...new Set(marks.flatMap((mark) => mark.findings))];
  const pageUrls = usePageImages(jobId, token, feedback.resume?.page_images ?? 0, open);
  const jumped = useRef(0);
  useEffect(() => {
    // A mark on a page image exists once the image has loaded: jump when it is there.
    if (!target || jumped.current === target.nonce || !document.getElementById(target.id)) return;
    jumped.current = target.nonce;
    jumpTo({ preventDefault: () => undefined }, target.id);
  }, [target, pageUrls]);
  return {
    open,
    toggle() {
      // Opened: the view appears below the findings, so go there; closed: back to the findings.
      setOpen(!open);
      setTarget({ id: open ? "findings-heading" : "resume-heading", nonce: Date.now() });
    },
    openedFinding,
    currentLine,
    marked,
    pageUrls,
    openFinding(finding: number) {
      setOpenedFinding(finding);
      setTarget({ id: `finding-${finding}`, nonce: Date.now() });
    },
    showOnResume(finding: number) {
      const mark = marks.find((item) => item.findings.includes(finding));
      if (!mark) return;
      setOpen(true);
      setCurrentLine(mark.line);
      setTarget({ id: markId(mark.line), nonce: Date.now() });
    },
  };
}
