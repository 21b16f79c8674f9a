"""Missing sections, empty roles, length limits, too little text, and how role headers read."""

from __future__ import annotations

import pytest

from resumeroast.core.documents import LayoutFacts
from resumeroast.core.feedback import Severity
from tests.unit.core.analysis.analysis_helpers import (
    EDUCATION,
    GOOD,
    SECOND_ROLE,
    SKILLS,
    codes,
    found,
    lines_of,
    quotes,
    run,
    swap,
)

EXPERIENCE = GOOD[GOOD.index("Experience\n") : GOOD.index("Projects\n")]
PROJECTS = GOOD[GOOD.index("Projects\n") : GOOD.index("Education\n")]


@pytest.mark.parametrize(
    ("removed", "code", "severity"),
    [(EDUCATION, "sections.no_education", Severity.WARNING)],
)  # fmt: skip
def test_a_missing_section_is_reported_only_when_it_is_missing(
    removed: str, code: str, severity: Severity
) -> None:
    item = found(run(swap(removed, "")), code)

    assert item is not None and item.severity is severity
    assert code not in codes(run(GOOD))


def test_a_resume_without_a_skills_section_is_not_told_to_add_one() -> None:
    # measured on the gold set: never a problem the expert raised (docs/scoring.md)
    assert not any(code.startswith("sections.") for code in codes(run(swap(SKILLS, ""))))


def test_no_experience_and_no_projects_is_critical_and_caps_the_score() -> None:
    analysis = run(swap(PROJECTS, "", swap(EXPERIENCE, "")))

    item = found(analysis, "sections.no_experience")
    assert item is not None and item.severity is Severity.CRITICAL
    assert analysis.overall_score <= 40  # nothing to show, and a critical finding


def test_a_student_with_projects_but_no_experience_gets_only_a_note() -> None:
    stars = (
        "• Published a rate limiting library with 1,200 GitHub stars and 30 outside contributors"
    )
    analysis = run(swap(stars, stars + "\n" + SECOND_ROLE.rstrip(), swap(EXPERIENCE, "")))

    item = found(analysis, "sections.no_experience")
    assert item is not None and item.severity is Severity.INFO
    assert analysis.sub_scores.impact == 100  # the project bullets carry the impact score
    assert analysis.sub_scores.completeness == 90  # a student's missing Experience costs 10
    # under 300 words, only the thin cap holds it down (docs/scoring.md)
    assert {p.code for p in analysis.penalties if p.score == "overall"} == {"cap.thin"}


def test_a_role_with_no_bullets_is_reported_at_its_header() -> None:
    analysis = run(swap(SECOND_ROLE, ""))

    assert lines_of(analysis, "sections.empty_role") == {11}
    assert "sections.empty_role" not in codes(run(GOOD))


def test_a_description_read_into_the_role_header_after_its_dates_is_no_empty_role() -> None:
    acme = "Senior Software Engineer | Acme Payments | Jan 2021 - Present\n"
    student = "Working Student\nT-Systems MMS GmbH, Dresden since 02/2022\n"
    # a word broken at the line end ("NRW-") joins the description to the header above it
    description = "Backend, modelling of OZG forms for NRW-\nService portal\n"
    described = run(swap(acme, student + description + acme))
    bare = run(swap(acme, student + acme))
    titled = run(swap(acme, student + "Lecturer in Earth Sciences\n" + acme))
    clerk = "Office Clerk\nVital Academy, Berlin 11/2019 - 05/2020\n"
    duties = run(swap(acme, student + "Leadership, organisation, admin, staff\n" + clerk + acme))

    assert "sections.empty_role" not in codes(described)
    assert [q.split(" Vital")[0] for q in quotes(duties, "sections.empty_role")] == ["Office Clerk"]
    assert "sections.empty_role" in codes(bare)
    assert "sections.empty_role" in codes(titled)  # a title after the dates describes nothing


def test_a_page_of_bare_titles_is_told_that_no_role_says_what_was_done() -> None:
    """Every role a title, an employer and dates ("Kassierer bei ..."): the page's whole problem,
    not a reason to stay silent."""
    titles_only = swap(SECOND_ROLE, "").replace(
        "• Cut checkout latency by 38% by redesigning the payment service cache in Redis\n"
        "• Led a team of 5 engineers that shipped 3 fraud models, blocking $2.1M in losses a year\n"
        "• Migrated 40 services from a monolith to Kubernetes with zero customer downtime\n",
        "",
    )

    finding = found(run(titles_only), "sections.empty_role")

    assert finding is not None
    assert [e.quote.split(" |")[0] for e in finding.evidence] == [
        "Senior Software Engineer",
        "Software Engineer",
    ]


def test_an_old_role_with_a_title_only_needs_no_description() -> None:
    old = "Deckhand | Harbor Tours | Jun 2008 - Aug 2008\n"  # 2025 is the test's today
    recent = "Deckhand | Harbor Tours | Jun 2016 - Aug 2016\n"

    assert "sections.empty_role" not in codes(run(swap("Projects\n", old + "Projects\n")))
    assert "sections.empty_role" in codes(run(swap("Projects\n", recent + "Projects\n")))


def test_dates_written_after_a_role_close_that_role_not_the_next() -> None:
    # the second job is dated under its description; the first, current one has no line at all
    experience = (
        "Experience\n"
        "Harbor Marina, Annapolis: Dock Supervisor\n"
        "From: 2019 - Present\n"
        "Bayside Bikes, Baltimore, Maryland\n"
        "Co-owner of a repair shop. Ran stock control and vendor selection for 3 brands.\n"
        "From: 2012-2018\n"
    )
    analysis = run(GOOD.split("Experience\n")[0] + experience + EDUCATION + SKILLS)

    assert [(r.header.split(",")[0], len(r.bullets)) for r in analysis.roles] == [
        ("Harbor Marina", 0),
        ("Bayside Bikes", 2),
    ]
    assert [q.split(",")[0] for q in quotes(analysis, "sections.empty_role")] == ["Harbor Marina"]


def test_an_experience_heading_over_one_word_is_told_it_shows_no_work() -> None:
    hollow = run(GOOD.split("Experience\n")[0] + "Experience\nPhysiotherapy\n" + EDUCATION + SKILLS)

    finding = found(hollow, "sections.no_experience")
    assert finding is not None and finding.severity is Severity.CRITICAL
    assert [e.quote for e in finding.evidence] == ["Physiotherapy"]
    # not "add a number to 'Physiotherapy'", nor "date your roles": there is no role
    assert not codes(hollow) & {"impact.unquantified_bullets", "dates.missing"}


def test_a_title_of_two_words_is_not_a_statement_to_quantify() -> None:
    text = swap(
        SECOND_ROLE, SECOND_ROLE + "• Stagehand / Rigger\n• Ran the weekly safety briefing\n"
    )

    assert quotes(run(text), "impact.unquantified_bullets") == ["Ran the weekly safety briefing"]
    assert "sections.no_experience" not in codes(run(GOOD))


def test_too_many_words_depends_on_seniority() -> None:
    filler = "".join(
        f"• Taught {n} evening classes on budgeting to {n * 3} families in the county library\n"
        for n in range(5, 65)
    )  # about 780 more words: over 900 in all, under 1,200
    junior = run(GOOD + "Volunteering\n" + filler)
    senior = run(
        swap("Mar 2017 - Dec 2020", "Mar 2009 - Dec 2020", GOOD + "Volunteering\n" + filler)
    )

    assert 900 < junior.facts.words < 1200
    assert "length.too_many_words" in codes(junior)
    assert "length.too_many_words" not in codes(senior)  # 16 years: 1,200 words are fine


def test_too_little_text_only_when_pages_are_images() -> None:
    short = GOOD.split("Experience")[0]
    scanned = run(short, layout=LayoutFacts(pages=2, image_only_pages=(2,)))
    typed = run(short, layout=LayoutFacts(pages=1))

    assert {"ats.too_little_text", "ats.image_only_pages"} <= codes(scanned)
    assert "ats.too_little_text" not in codes(typed)


def test_a_role_location_is_read_from_its_header() -> None:
    text = swap(
        "Senior Software Engineer | Acme Payments | Jan 2021 - Present",
        "Senior Software Engineer | Acme Payments | Seattle, WA | Jan 2021 - Present",
    )

    role = run(text).roles[0]

    assert (role.title, role.employer, role.location) == (
        "Senior Software Engineer", "Acme Payments", "Seattle, WA"
    )  # fmt: skip


def test_a_two_line_header_with_the_employer_first_is_read() -> None:
    text = swap(
        "Senior Software Engineer | Acme Payments | Jan 2021 - Present",
        "Acme Payments, Portland, OR\nSenior Software Engineer    Jan 2021 - Present",
    )

    roles = run(text).roles

    assert roles[0].employer == "Acme Payments" and roles[0].title == "Senior Software Engineer"
    assert roles[0].location == "Portland, OR"
    assert roles[0].dates is not None and roles[0].dates.current
    assert len(roles[0].bullets) == 3


HOLLOW = """\
Maria Lopez
maria.lopez@example.test | +1 (555) 201-3344 | Tampa, FL
Summary
Caring nurse who puts patients and families first.
Experience
Nursing
Education
B.S. Nursing | University of South Florida | 05/2008
Skills
Quality Nursing Care, Neonatal care, Teamwork
"""


def test_an_experience_heading_with_one_word_under_it_is_no_experience() -> None:
    analysis = run(HOLLOW)

    item = found(analysis, "sections.no_experience")
    assert item is not None and item.severity.value == "critical"
    assert "'Nursing'" in item.message and [e.quote for e in item.evidence] == ["Nursing"]
    assert "impact.unquantified_bullets" not in codes(analysis)  # no number to ask for


def test_a_short_experience_section_with_a_dated_role_is_experience() -> None:
    analysis = run(
        HOLLOW.replace("Nursing\nEducation", "Staff Nurse | Tampa General | 2009 - 2015\nEducation")
    )

    assert "sections.no_experience" not in codes(analysis)
