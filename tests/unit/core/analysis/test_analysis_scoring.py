"""Scores: deterministic, documented, capped, and monotone (fixing a problem never lowers one)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from resumeroast.core.analysis import Analysis, analyze
from resumeroast.core.analysis.scoring import PENALTIES, Statements, score
from resumeroast.core.documents import Document, DocumentKind, LayoutFacts, Line, Region
from resumeroast.core.feedback import DocumentFacts, Evidence, Finding, Severity
from tests.unit.core.analysis.analysis_helpers import (
    AS_OF,
    EDUCATION,
    EXTRAS,
    GOOD,
    SECOND_ROLE,
    codes,
    run,
    swap,
)

MIGRATED = "• Migrated 40 services from a monolith to Kubernetes with zero customer downtime"
CONTACT = "jane.smith@example.test | +1 (555) 201-3344 | Portland, OR | linkedin.com/in/janesmith"
ACME, NORTHWIND = "Jan 2021 - Present", "Mar 2017 - Dec 2020"
BUILT = "• Built an ingestion pipeline in Python that processes 12M events per day"
BUILD = BUILT.replace("Built", "Build")  #: present tense in a role that has ended
PDF = {"kind": DocumentKind.PDF}
SCANNED = {"layout": LayoutFacts(pages=2, image_only_pages=(2,))}
TWO_PAGES = {"layout": LayoutFacts(pages=2)}
#: a PDF font that dropped its "fi" glyphs from the text layer, and the text it should have
LOST_FI = "• Identi ed nancial risks and certi ed the of ce accounts for the board\n"
KEPT_FI = "• Identified financial risks and certified the office accounts for the board\n"
SPLIT_ACCENTS = "Languages\nFran¸cais, Allemand (Pers¨onliche Daten), R´esum´e\n"
WHOLE_ACCENTS = "Languages\nFrançais, Allemand (Persönliche Daten), Résumé\n"
STARS = "• Published a rate limiting library with 1,200 GitHub stars and 30 outside contributors"
PARAGRAPH = (
    "Built the ingestion pipeline that moves billing events into the warehouse every night. "
    "Reduced cloud spend by rightsizing the database fleet and retiring idle replicas. "
    "Mentored junior developers and ran the weekly design review for the data team.\n"
)
LETTER = "Dear Hiring Manager,\nI am writing to apply for the Staff Engineer role.\nSincerely,\n"
#: "eight years of experience" in the summary, two years of dated roles, school ended 2023
CLAIMED = swap("2013 - 2017", "2019 - 2023", swap("Mar 2017 - Dec 2020", "Mar 2023 - Dec 2023",
               swap("Jan 2021 - Present", "Jan 2024 - Present")))  # fmt: skip


@dataclass(frozen=True)
class FixPair:
    """A resume with one problem, and the same resume with it fixed."""

    code: str  #: the finding the fix removes
    broken: str
    fixed: str = GOOD
    broken_with: dict[str, object] = field(default_factory=dict)  #: document kind, layout
    fixed_with: dict[str, object] = field(default_factory=dict)


def _bullet(code: str, broken: str, fixed: str = MIGRATED) -> FixPair:
    return FixPair(code, swap(MIGRATED, broken), swap(MIGRATED, fixed))


def _dated(acme: str, northwind: str) -> str:
    return swap(NORTHWIND, northwind, swap(ACME, acme))


def _undated() -> str:
    return swap(" | Acme Payments | " + ACME, " | Acme Payments",
                swap(" | Northwind Data | " + NORTHWIND, " | Northwind Data"))  # fmt: skip


#: One fix per kind of finding that touches a score (test_every_scored_kind_has_a_fix_pair).
BROKEN_AND_FIXED = [
    _bullet("verbs.weak_opener", "• Responsible for migrating services to Kubernetes",
            "• Migrated services to Kubernetes"),
    _bullet("impact.unquantified_bullets", "• Migrated services from a monolith to Kubernetes"),
    _bullet("impact.keyword_bullets", "• Python, Go, AWS, Kubernetes"),
    _bullet("verbs.no_verb", "• Migration of 40 services from a monolith to Kubernetes"),
    _bullet("language.cliche", "• A hard-working team player who migrated 40 services to "
            "Kubernetes", "• Migrated 40 services to Kubernetes"),
    _bullet("language.first_person",
            "• I migrated 40 services to Kubernetes and I owned the rollout",
            "• Migrated 40 services to Kubernetes and owned the rollout"),
    _bullet("language.passive_voice", "• 40 services were migrated to Kubernetes by the team",
            "• Migrated 40 services to Kubernetes"),
    _bullet("spelling.misspelling", "• Migrated 40 servcies from a monolith to Kubernetes"),
    _bullet("spelling.tool_name_case", "• Migrated 40 services from a monolith to Kubernetes "
            "with Github Actions", "• Migrated 40 services from a monolith to Kubernetes with "
            "GitHub Actions"),
    _bullet("spelling.doubled_word", "• Migrated 40 services from a a monolith to Kubernetes"),
    _bullet("brevity.wall_of_text", " ".join(
        ["Owned the payment platform end to end for 4 years."] * 3
        + ["Worked with product and finance on 4 launches across 3 markets every year."] * 3)),
    FixPair("contact.no_email", swap(CONTACT, CONTACT.replace("jane.smith@example.test | ", ""))),
    FixPair("contact.no_phone", swap(CONTACT, CONTACT.replace("+1 (555) 201-3344 | ", ""))),
    FixPair("contact.no_location", swap(CONTACT, CONTACT.replace("Portland, OR | ", ""))),
    FixPair("contact.unprofessional_email",
            swap(CONTACT, CONTACT.replace("jane.smith@", "janeloves123@"))),
    FixPair("sections.no_experience", swap("Experience\n", "")),
    FixPair("sections.no_education", swap(EDUCATION, "")),
    FixPair("sections.empty_role", swap(SECOND_ROLE, "")),
    FixPair("ats.nonstandard_heading", swap("Education\n", "Where I Studied\n")),
    FixPair("ats.odd_bullets", swap("• Cut", "➢ Cut")),
    FixPair("ats.keyword_stuffing", GOOD + "Keywords: " + ", ".join(["Python", "AWS", "Go"] * 4)),
    # Writing the dates in reveals a gap, a future date, mixed formats and a tense slip: the
    # score must still not drop (dates.missing costs what those could).
    FixPair("dates.missing", swap(BUILT, BUILD, _undated()),
            swap(BUILT, BUILD, _dated("Jan 2026 - Present", "03/2017 - 2018"))),
    FixPair("dates.gap", _dated(ACME, "Mar 2017 - Oct 2019")),
    FixPair("dates.future", _dated("Jan 2021 - Present", "Mar 2017 - Dec 2026")),
    FixPair("dates.mixed_formats", _dated(ACME, "03/2017 - 12/2020")),
    FixPair("dates.contradict", _dated(ACME, "Dec 2020 - Mar 2017")),
    FixPair("content.claim_contradicted", CLAIMED, swap("eight years", "two years", CLAIMED)),
    FixPair("content.role_as_paragraph", swap(SECOND_ROLE, PARAGRAPH)),
    FixPair("content.number_without_unit", swap(MIGRATED, "• Cut support tickets by 40 in a year"),
            swap(MIGRATED, "• Cut support tickets by 40% in a year")),
    FixPair("content.cover_letter", LETTER + GOOD),
    FixPair("content.duplicated", GOOD + EDUCATION),
    FixPair("content.references", GOOD + "References\nJohn Doe, Manager, Acme | (555) 201-9876\n"),
    FixPair("personal.details", swap(CONTACT, CONTACT + "\nNationality: Greek")),
    FixPair("personal.id_number", swap(CONTACT, CONTACT + "\nSSN: 521-44-7788")),
    FixPair("content.product_not_contribution",
            swap(STARS, "• Throttle is an open source library for rate limiting Python services")),
    FixPair("length.too_short", swap(SECOND_ROLE, "", swap(EXTRAS, ""))),
    FixPair("length.too_many_words", GOOD + "Volunteering\n" + "".join(
        f"• Taught {n} evening classes on budgeting to {n * 3} families in the county library\n"
        for n in range(5, 65))),
    FixPair("length.too_many_pages", GOOD, GOOD, {**PDF, "layout": LayoutFacts(pages=3)}, PDF),
    FixPair("ats.columns", GOOD, GOOD, {"layout": LayoutFacts(columns=2)}),
    FixPair("ats.tables", GOOD, GOOD, {"layout": LayoutFacts(tables=1)}),
    FixPair("ats.lost_ligatures", GOOD + LOST_FI, GOOD + KEPT_FI, PDF, PDF),
    FixPair("ats.split_accents", GOOD + SPLIT_ACCENTS, GOOD + WHOLE_ACCENTS, PDF, PDF),
    FixPair("ats.text_box", GOOD, GOOD, {"layout": LayoutFacts(text_boxes=2, text_box_share=1.0)}),
    FixPair("ats.unmappable_fonts", GOOD, GOOD,
            {"layout": LayoutFacts(unmappable_text_pages=(1,))}),
    FixPair("ats.image_only_pages", GOOD, GOOD, SCANNED, TWO_PAGES),
    FixPair("ats.too_little_text", GOOD.split("Experience")[0], GOOD, SCANNED, TWO_PAGES),
    FixPair("ats.contact_in_header_footer", GOOD, GOOD, {"header": CONTACT}),
]  # fmt: skip


def _run(text: str, options: dict[str, object]) -> Analysis:
    options = dict(options)
    header = options.pop("header", None)
    if header is None:
        return run(text, **options)
    rows = [row for row in text.splitlines() if row.strip()]
    lines = tuple(
        Line(number=i, text=row, region=Region.HEADER if row == header else Region.BODY)
        for i, row in enumerate(rows, 1)
    )
    return analyze(Document(DocumentKind.TXT, lines), as_of=AS_OF)


def _scores(analysis: Analysis) -> tuple[int, ...]:
    sub = analysis.sub_scores
    return analysis.overall_score, sub.impact, sub.clarity, sub.ats, sub.completeness


@pytest.mark.parametrize("pair", BROKEN_AND_FIXED, ids=lambda pair: pair.code)
def test_fixing_a_problem_never_lowers_any_score(pair: FixPair) -> None:
    broken = _run(pair.broken, pair.broken_with)
    fixed = _run(pair.fixed, pair.fixed_with)

    assert pair.code in codes(broken) and pair.code not in codes(fixed)  # a real fix
    before, after = _scores(broken), _scores(fixed)
    assert all(a >= b for a, b in zip(after, before, strict=True)), (before, after)


def test_every_scored_kind_has_a_fix_pair() -> None:
    scored = {row.split(":")[0] for row in PENALTIES}
    impact = {"verbs.weak_opener", "verbs.no_verb", "impact.unquantified_bullets",
              "impact.keyword_bullets", "content.product_not_contribution"}  # fmt: skip

    assert scored | impact <= {pair.code for pair in BROKEN_AND_FIXED}


@pytest.mark.parametrize(
    ("old", "new"),
    [("jane.smith@example.test | ", ""), ("Education\n", "Schooling Notes\n"),
     ("Mar 2017 - Dec 2020", "Mar 2017 - Oct 2019")],
)  # fmt: skip
def test_adding_a_problem_never_raises_a_score(old: str, new: str) -> None:
    before = _scores(run(GOOD))
    after = _scores(run(swap(old, new)))

    assert all(a <= b for a, b in zip(after, before, strict=True))
    assert after[0] < before[0]


def test_the_same_resume_always_gets_the_same_result() -> None:
    first, second = run(GOOD, job="Python and Kafka"), run(GOOD, job="Python and Kafka")

    assert first == second


#: docs/scoring.md, "Overall": written here from the documentation, never imported.
DOCUMENTED_WEIGHTS = {"impact": 0.35, "clarity": 0.25, "ats": 0.20, "completeness": 0.20}
DOCUMENTED_WEIGHTS_WITH_JOB = {
    "impact": 0.25,
    "clarity": 0.15,
    "ats": 0.15,
    "completeness": 0.15,
    "job_match": 0.30,
}


def _documented_overall(sub: dict[str, int | None]) -> int:
    weights = DOCUMENTED_WEIGHTS if sub["job_match"] is None else DOCUMENTED_WEIGHTS_WITH_JOB
    return round(sum(weight * (sub[name] or 0) for name, weight in weights.items()))


def _finding(code: str, quotes: int = 1, severity: Severity = Severity.WARNING) -> Finding:
    evidence = [Evidence(quote=f"line {n}", line=n) for n in range(1, quotes + 1)]
    return Finding(
        code=code, severity=severity, category=code.split(".")[0], message=code, evidence=evidence
    )


#: Two uncapped profiles whose sub-scores lie far apart (each pair differs by 20 or more), so
#: moving 0.05 of weight from any sub-score to another moves the overall by a whole point.
SPREAD_PROFILES = {
    "strong impact, weak clarity and completeness": (
        (
            _finding("spelling.misspelling", 5),
            _finding("brevity.wall_of_text", 3),
            _finding("language.cliche", 4),
            _finding("ats.columns"),
            _finding("ats.tables"),
            _finding("contact.no_phone"),
            _finding("sections.no_education"),
            _finding("sections.no_skills"),
        ),
        Statements(total=10, quantified=10),
    ),
    "weak impact and ATS, full clarity": (
        (_finding("ats.image_only_pages"), _finding("ats.columns"), _finding("contact.no_phone")),
        Statements(total=10, quantified=0, weak=10),
    ),
}


@pytest.mark.parametrize("job_score", [None, 5, 95])
@pytest.mark.parametrize("profile", sorted(SPREAD_PROFILES))
def test_overall_is_the_documented_weighted_mean(profile: str, job_score: int | None) -> None:
    """Catches any change to the weights away from docs/scoring.md (0.35/0.25/0.20/0.20, and
    0.25/0.15/0.15/0.15 + 0.30 job match with a job description), e.g. 0.30/0.30."""
    findings, statements = SPREAD_PROFILES[profile]
    # A full page (docs/scoring.md caps a resume under 300 words): no cap hides the weights.
    facts = DocumentFacts(
        words=600, bullets=statements.total, quantified_bullets=statements.quantified
    )

    result = score(findings, facts, job_score, statements)
    sub = result.sub_scores.model_dump()

    assert not [p.code for p in result.penalties if p.score == "overall"]  # no cap in the way
    spread = [value for name, value in sub.items() if value is not None]
    assert max(spread) - min(spread) >= 40, sub  # the weights decide the result
    assert result.overall == _documented_overall(sub), sub


def test_the_analyzer_overall_follows_the_documented_weights() -> None:
    """The same rule end to end, through analyze(), with and without a job description."""
    broken = swap(MIGRATED, "• Responsible for migrating services")
    for job in (None, "Python and Kafka"):
        analysis = run(broken, job=job)
        sub = analysis.sub_scores.model_dump()

        assert analysis.overall_score == _documented_overall(sub), (job, sub)
        clarity_lost = sum(p.points for p in analysis.penalties if p.score == "clarity")
        assert clarity_lost == 100 - sub["clarity"]


def test_nothing_to_show_caps_the_overall_score() -> None:
    facts = DocumentFacts(bullets=0)

    result = score((), facts, job_score=100)

    assert result.overall <= 40
    assert any(p.code == "cap.no_bullets" for p in result.penalties)


def test_a_warning_costs_at_least_10_points_of_its_sub_score() -> None:
    """docs/scoring.md: one misspelling costs 10 clarity, not 4; five cost 4 each (20); an info
    finding keeps its own rate; graded length findings keep theirs (filler must not buy them)."""
    facts = DocumentFacts(words=600, bullets=8, quantified_bullets=8)
    one_typo = score((_finding("spelling.misspelling"),), facts, None).sub_scores
    five_typos = score((_finding("spelling.misspelling", 5),), facts, None).sub_scores
    gap = score((_finding("dates.gap"),), facts, None).sub_scores
    first_person = score((_finding("language.first_person", 1, Severity.INFO),), facts, None)
    short = DocumentFacts(words=180, bullets=8, quantified_bullets=8)  # 20 under 200
    too_short = score((_finding("length.too_short"),), short, None).sub_scores

    assert (one_typo.clarity, five_typos.clarity, gap.completeness) == (90, 80, 90)
    assert first_person.sub_scores.clarity == 98
    assert too_short.clarity == 98  # one point per 10 words short
