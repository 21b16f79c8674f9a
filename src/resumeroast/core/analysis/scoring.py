"""Scores from findings: a fixed, documented formula (docs/scoring.md). Monotone by design:
every finding only ever takes points away or caps the total, so fixing one never lowers a score.
Hidden text (red_flag.hidden_text) takes nothing and caps nothing: it is reported, never scored.
"""

from __future__ import annotations

from dataclasses import dataclass

from resumeroast.core.analysis.checks.length import MIN_WORDS, max_words
from resumeroast.core.analysis.job_match import POOR_MATCH
from resumeroast.core.analysis.model import Penalty
from resumeroast.core.analysis.phrases import band_floor
from resumeroast.core.feedback import DocumentFacts, Finding, KeywordMatch, Severity, SubScores

QUANTIFIED_TARGET = 0.6
IMPACT_QUANTIFIED_POINTS = 70
IMPACT_VERB_POINTS = 30
MIN_STATEMENTS = 5  #: full impact credit, and no cap, take at least this many statements

#: code -> (sub-score, points per instance, most points in all). Severity-specific rows win.
PENALTIES: dict[str, tuple[str, float, float]] = {
    "contact.no_email:critical": ("completeness", 30, 30),
    "contact.no_email:warning": ("completeness", 15, 15),  # an academic CV: see checks/contact
    "contact.no_phone": ("completeness", 15, 15),
    "contact.no_location": ("completeness", 5, 5),
    "contact.unprofessional_email": ("completeness", 10, 10),
    "sections.no_experience:critical": ("completeness", 35, 35),
    "sections.no_experience:warning": ("completeness", 20, 20),
    "sections.no_experience:info": ("completeness", 10, 10),
    "sections.no_education": ("completeness", 15, 15),
    "sections.empty_role": ("completeness", 3, 9),
    "dates.missing": ("completeness", 0, 0),  # what it hides: see DATES_HIDE
    "dates.gap": ("completeness", 5, 10),
    "dates.future": ("completeness", 5, 10),
    "dates.contradict": ("completeness", 5, 10),
    "content.claim_contradicted": ("completeness", 10, 10),
    "language.cliche": ("clarity", 4, 16),
    "language.first_person": ("clarity", 2, 10),
    "language.passive_voice": ("clarity", 2, 8),
    "brevity.wall_of_text": ("clarity", 6, 18),
    "spelling.misspelling": ("clarity", 4, 20),
    "spelling.doubled_word": ("clarity", 3, 9),
    "spelling.tool_name_case": ("clarity", 1, 3),
    "dates.mixed_formats": ("clarity", 4, 4),
    "content.role_as_paragraph": ("clarity", 4, 12),
    "content.number_without_unit": ("clarity", 3, 9),
    "content.cover_letter": ("clarity", 10, 10),
    "content.duplicated": ("clarity", 2, 4),
    "content.references": ("clarity", 2, 2),
    "personal.details": ("clarity", 2, 4),
    "personal.id_number": ("completeness", 10, 10),
    "length.too_many_pages:warning": ("clarity", 10, 10),
    "length.too_many_pages:info": ("clarity", 4, 4),
    "length.too_many_words": ("clarity", 6, 6),  # graded: see _length_points
    "length.too_short": ("clarity", 10, 10),  # graded: see _length_points
    "ats.unmappable_fonts": ("ats", 40, 40),
    "ats.image_only_pages": ("ats", 30, 30),
    "ats.text_box:critical": ("ats", 40, 40),
    "ats.text_box:warning": ("ats", 15, 15),
    "ats.lost_ligatures:critical": ("ats", 40, 40),
    "ats.lost_ligatures:warning": ("ats", 15, 15),
    "ats.split_accents": ("ats", 10, 10),
    "ats.too_little_text": ("ats", 20, 20),
    "ats.columns": ("ats", 15, 15),
    "ats.tables": ("ats", 10, 10),
    "ats.contact_in_header_footer": ("ats", 15, 15),
    "ats.nonstandard_heading": ("ats", 3, 9),
    "ats.odd_bullets": ("ats", 3, 3),
    "ats.keyword_stuffing": ("ats", 25, 25),
}

#: A warning weakens the application (docs/scoring.md): it costs at least this much of its
#: sub-score, whatever its count — 4 points of one sub-score moved the overall by one point.
WARNING_FLOOR = 10
#: Graded by the word (see _length_points): a floor would let a few words of filler buy it back.
GRADED = frozenset({"length.too_short", "length.too_many_words"})

WEIGHTS = {"impact": 0.35, "clarity": 0.25, "ats": 0.20, "completeness": 0.20}
#: With a job description the fit weighs as much as impact and clarity together: a recruiter
#: for that job reads it first (issue 14), so a resume written for another job cannot pass.
WEIGHTS_WITH_JOB = {
    "impact": 0.25,
    "clarity": 0.15,
    "ats": 0.15,
    "completeness": 0.15,
    "job_match": 0.30,
}

#: With no dates, these checks cannot run; dates.missing costs the most they could take from
#: each sub-score, so writing the dates in never lowers a score.
DATES_HIDE = {
    "completeness": (
        "dates.gap",
        "dates.future",
        "dates.contradict",
        "content.claim_contradicted",
    ),
    "clarity": ("dates.mixed_formats",),
}

CAP_NO_BULLETS = 40  #: nothing that shows what you did: a keyword list cannot score well
CAP_STUFFING = 50
CAP_CRITICAL = 50  #: a critical problem costs the interview as sent: "Needs work" at best
#: No way to reply (contact.no_email): "Needs work" still, but a one-line fix, so the content
#: behind it keeps its rank (gold: three pages without an e-mail scored 58, 44 and 34).
CAP_UNREACHABLE = 59
CONTACT_PREFIX = "contact."
#: Dates that contradict each other or the page's own claim ("over 8 years" over 3 years of
#: roles): a recruiter doubts every other line, so polish cannot lift it past "Getting there".
CAP_CONTRADICTED = 60
CONTRADICTIONS = ("dates.contradict", "content.claim_contradicted")
CAP_PLACEHOLDER = 40  #: template text left in: a recruiter stops reading there
PLACEHOLDER_PREFIX = "placeholder."
CAP_FLOOR = 40  #: graded caps run from here (nothing to show) up to 100 (no problem)
THIN_WORDS = 300  #: under this, a page cannot show enough to compete with a complete resume
CAP_THIN = 65
CAP_POOR_MATCH = "cap.poor_job_match"


@dataclass(frozen=True, slots=True)
class Statements:
    """The Experience and Projects statements impact is judged on."""

    total: int
    quantified: int  #: with a number, and not a keyword list
    weak: int = 0  #: open with a duty phrase or no verb, or only list skills
    listed: int = 0  #: keyword lists ("Python, Go, AWS")
    roles: int = 0  #: dated roles in Experience and Projects
    empty_roles: int = 0  #: of those, roles with not one statement under them
    #: an academic CV: its record is its papers, teaching and grants, and its posts are listed,
    #: not described, so no statement count caps it (the impact sub-score still reads them)
    academic: bool = False


@dataclass(frozen=True, slots=True)
class Scores:
    sub_scores: SubScores
    overall: int
    penalties: tuple[Penalty, ...]


def instances(item: Finding) -> int:
    return max(len(item.evidence), 1)


def score(
    findings: tuple[Finding, ...],
    facts: DocumentFacts,
    job_score: int | None,
    statements: Statements | None = None,
    job: KeywordMatch | None = None,
) -> Scores:
    """`statements` defaults to facts.bullets, all opening with a verb, none a keyword list;
    `job` (with a job description) caps the overall when too little of it is shown."""
    counted = statements or Statements(facts.bullets, facts.quantified_bullets)
    scored = tuple(f for f in findings if f.category != "red_flag")
    penalties = [p for f in scored for p in _penalties(f, facts)]
    subs = {name: _deduct(name, penalties) for name in ("clarity", "ats", "completeness")}
    impact = _impact(counted)
    sub_scores = SubScores(impact=impact, job_match=job_score, **subs)
    weighted = _weighted(sub_scores)
    caps = _caps(scored, counted, facts.words) + poor_match_cap(job)
    overall = min([weighted, *(limit for _, limit in caps)])
    penalties += [Penalty("overall", code, max(0, weighted - limit)) for code, limit in caps]
    return Scores(sub_scores, overall, tuple(penalties))


def _penalties(item: Finding, facts: DocumentFacts) -> list[Penalty]:
    row = PENALTIES.get(f"{item.code}:{item.severity.value}") or PENALTIES.get(item.code)
    if row is None:
        return []
    target, each, most = row
    points = min(each * instances(item), most)
    if item.code in GRADED:
        points = min(most, _length_points(item.code, facts))
    if item.severity is Severity.WARNING and item.code not in GRADED:
        points = max(points, WARNING_FLOOR)
    found = [Penalty(target, item.code, points)]
    if item.code == "dates.missing":
        found += [
            Penalty(name, item.code, sum(PENALTIES[code][2] for code in hidden))
            for name, hidden in DATES_HIDE.items()
        ]
    return found


def _length_points(code: str, facts: DocumentFacts) -> float:
    """One point per 10 words short of MIN_WORDS, or per 50 words over the limit: a few words
    of filler never buy more than they cost."""
    if code == "length.too_short":
        return max(0.0, (MIN_WORDS - facts.words) / 10)
    return max(0.0, (facts.words - max_words(facts.years_experience)) / 50)


def _deduct(name: str, penalties: list[Penalty]) -> int:
    lost = sum(p.points for p in penalties if p.score == name)
    return max(0, round(100 - lost))


def _impact(counted: Statements) -> int:
    """70 points for quantified statements (full at 60%), 30 for statements that open with an
    action; shares are of at least MIN_STATEMENTS, so one good bullet is not a full score."""
    if counted.total == 0:
        return 0
    base = max(counted.total, MIN_STATEMENTS)
    share = counted.quantified / base
    verbs = max(0, counted.total - counted.weak) / base
    points = IMPACT_QUANTIFIED_POINTS * min(1.0, share / QUANTIFIED_TARGET)
    return round(points + IMPACT_VERB_POINTS * verbs)


def weighted_overall(sub: SubScores) -> int:
    """The overall score the sub-scores give before any cap (the weights above)."""
    return _weighted(sub)


def _weighted(sub: SubScores) -> int:
    values: dict[str, int] = sub.model_dump()
    weights = WEIGHTS if sub.job_match is None else WEIGHTS_WITH_JOB
    return round(sum(weight * values[name] for name, weight in weights.items()))


def _caps(findings: tuple[Finding, ...], counted: Statements, words: int) -> list[tuple[str, int]]:
    caps: list[tuple[str, int]] = []
    if words < THIN_WORDS:
        caps.append(("cap.thin", CAP_THIN))
    if any(f.code.startswith(PLACEHOLDER_PREFIX) for f in findings):
        caps.append(("cap.placeholder", CAP_PLACEHOLDER))
    if counted.total == 0 and not counted.academic:
        caps.append(("cap.no_bullets", CAP_NO_BULLETS))
    elif counted.total < MIN_STATEMENTS and not counted.academic:
        # Counted in statements, not words: a word cap would let filler (a cliché) buy points.
        caps.append(("cap.few_statements", _graded(counted.total / MIN_STATEMENTS)))
    if counted.empty_roles and not counted.academic:
        # A dated role with nothing under it shows nothing: the page reads as half a resume.
        described = (counted.roles - counted.empty_roles) / counted.roles
        caps.append(("cap.empty_roles", _graded(described)))
    if counted.listed:
        shown = (counted.total - counted.listed) / counted.total
        caps.append(("cap.keyword_bullets", _graded(shown)))
    if any(f.code == "ats.keyword_stuffing" for f in findings):
        caps.append(("cap.keyword_stuffing", CAP_STUFFING))
    if any(f.code in CONTRADICTIONS for f in findings):
        caps.append(("cap.contradicted", CAP_CONTRADICTED))
    critical = sorted({f.code for f in findings if f.severity is Severity.CRITICAL})
    caps += [(f"cap.{code}", _critical_cap(code)) for code in critical]
    return caps


def _critical_cap(code: str) -> int:
    return CAP_UNREACHABLE if code.startswith(CONTACT_PREFIX) else CAP_CRITICAL


def poor_match_cap(job: KeywordMatch | None) -> list[tuple[str, int]]:
    """A poor match (job_match.POOR_MATCH) stays under "Getting there" however well written, as
    a recruiter for that job would pass: from CAP_FLOOR with nothing shown, in a straight line
    up to one point under the band at the threshold."""
    if job is None or not job.poor_match:
        return []
    top = band_floor("getting_there") - 1
    share = min(1.0, job.requirement_rate / POOR_MATCH)
    return [(CAP_POOR_MATCH, round(CAP_FLOOR + (top - CAP_FLOOR) * share))]


def _graded(share: float) -> int:
    """From CAP_FLOOR (share 0) to 100 (share 1), in a straight line: every bit fixed counts."""
    return round(CAP_FLOOR + (100 - CAP_FLOOR) * min(1.0, max(0.0, share)))
