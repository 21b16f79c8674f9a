"""Checks calibrated on the gold set (docs/scoring.md): what a recruiter would not call a
problem is not reported, and the verdict names the costliest problem and its fix."""

from __future__ import annotations

from resumeroast.core.analysis import render_feedback
from resumeroast.core.analysis.ordering import order_findings
from resumeroast.core.documents import DocumentKind, LayoutFacts
from resumeroast.core.feedback import Evidence, Finding, Level, Severity
from tests.unit.core.analysis.analysis_helpers import GOOD, codes, found, run, swap

NORTHWIND = "Mar 2017 - Dec 2020"
EDUCATION = "B.S. Computer Science | Oregon State University | 2013 - 2017"
ACADEMIC = """\
Publications
Smith, J. and Lee, K. Caching payment data under load. Journal of Systems 12 (2021) 1-20
Teaching Experience
Lecturer, Distributed Systems, Portland State University, 2019 - 2020
"""
THREE_PAGES = {"kind": DocumentKind.PDF, "layout": LayoutFacts(pages=3)}


def test_an_academic_cv_is_not_held_to_a_resumes_length() -> None:
    academic = run(GOOD + ACADEMIC, **THREE_PAGES)
    publications_only = run(GOOD + ACADEMIC.replace("Teaching Experience", "Talks"), **THREE_PAGES)
    resume = run(GOOD, **THREE_PAGES)

    assert "length.too_many_pages" not in codes(academic)
    assert "length.too_many_pages" in codes(publications_only)
    assert "length.too_many_pages" in codes(resume)


def test_a_doctoral_candidates_cv_with_publications_is_not_held_to_a_resumes_length() -> None:
    papers = ACADEMIC.replace("Teaching Experience", "Talks")
    phd = swap("B.S. Computer Science", "PhD candidate in Demography", GOOD + papers)

    assert "length.too_many_pages" not in codes(run(phd, **THREE_PAGES))
    assert "length.too_many_pages" in codes(run(GOOD + papers, **THREE_PAGES))


def test_an_academic_cv_in_french_is_not_held_to_a_resumes_length() -> None:
    french = ACADEMIC.replace("Teaching Experience", "Enseignement").replace(
        "Publications", "Publications et conférences"
    )

    assert "length.too_many_pages" not in codes(run(GOOD + french, **THREE_PAGES))


def test_an_academic_cv_may_speak_in_the_first_person() -> None:
    statement = "• I study how caching shapes the tail latency of payment systems\n"
    # under Interests: a publication list's titles are not the writer's prose (NOT_PROSE)
    academic = run(GOOD + statement + ACADEMIC, **THREE_PAGES)
    one_page = run(GOOD + statement + ACADEMIC)  # a student's page with papers is no full record
    resume = run(GOOD + statement + ACADEMIC.replace("Teaching Experience", "Talks"), **THREE_PAGES)

    assert "language.first_person" not in codes(academic)
    assert "language.first_person" in codes(one_page) & codes(resume)


def test_an_academic_cv_with_an_email_is_not_asked_for_a_phone() -> None:
    contact = "jane.smith@example.test | +1 (555) 201-3344 | Portland, OR"
    academic = run(swap(contact, "jane.smith@example.test | Portland, OR", GOOD + ACADEMIC))
    resume = run(swap(contact, "jane.smith@example.test | Portland, OR"))

    assert "contact.no_phone" not in codes(academic)
    assert "contact.no_phone" in codes(resume)


def test_an_academic_cv_is_not_asked_for_a_town() -> None:
    """Its institution places the person; a resume without a town is told to add one."""
    contact = "jane.smith@example.test | +1 (555) 201-3344 | Portland, OR"
    no_town = "jane.smith@example.test | +1 (555) 201-3344"

    assert "contact.no_location" not in codes(run(swap(contact, no_town, GOOD + ACADEMIC)))
    assert "contact.no_location" in codes(run(swap(contact, no_town)))


def test_an_academic_cvs_referees_are_expected_on_the_page() -> None:
    referees = "References\nProf. Ada Lee, Portland State University, ada.lee@example.test\n"

    assert "content.references" not in codes(run(GOOD + ACADEMIC + referees))
    assert "content.references" in codes(run(GOOD + referees))


def test_an_academic_cv_without_an_email_is_warned_a_resume_is_told_it_is_critical() -> None:
    contact = "jane.smith@example.test | +1 (555) 201-3344 | Portland, OR"
    no_email = "+1 (555) 201-3344 | Portland, OR"
    academic = found(run(swap(contact, no_email, GOOD + ACADEMIC)), "contact.no_email")
    resume = found(run(swap(contact, no_email)), "contact.no_email")

    assert academic is not None and academic.severity is Severity.WARNING
    assert resume is not None and resume.severity is Severity.CRITICAL


def test_an_experience_heading_with_an_unknown_name_is_still_an_experience_section() -> None:
    clinical = run(swap("Experience\nSenior", "Clinical & Operational Experience\nSenior"))
    none = run(swap("Experience\nSenior", "Senior"))

    assert "sections.no_experience" not in codes(clinical)
    assert "sections.no_experience" in codes(none)


def test_a_dated_mission_under_volunteering_is_not_a_gap() -> None:
    gap = swap(NORTHWIND, "Mar 2017 - Jan 2019")
    mission = gap + "Volunteering\nMissionary | Church service in Oregon | Feb 2019 - Dec 2020\n"

    assert "dates.gap" in codes(run(gap))
    assert "dates.gap" not in codes(run(mission))


def test_a_gap_before_a_lone_graduation_date_is_time_at_school() -> None:
    # Two summer internships, a school year apart, before graduating in May 2022
    student = swap(EDUCATION, "B.S. Computer Science | Oregon State University | May 2022",
                   swap("Jan 2021 - Present", "Jun 2021 - Aug 2021",
                        swap(NORTHWIND, "Jun 2020 - Aug 2020")))  # fmt: skip
    graduated = swap("May 2022", "May 2019", student)

    assert "dates.gap" not in codes(run(student))
    assert "dates.gap" in codes(run(graduated))


def test_roles_dated_to_the_day_are_not_undated() -> None:
    europass = swap("Senior Software Engineer | Acme Payments | Jan 2021 - Present",
                    "Senior Software Engineer | Acme Payments\n[ 1 Jan 2021 – 31 May 2025 ]",
                    swap(" | Northwind Data | " + NORTHWIND,
                         " | Northwind Data\n[ 1 Mar 2017 – 31 Dec 2020 ]"))  # fmt: skip
    undated = swap("\n[ 1 Jan 2021 – 31 May 2025 ]", "",
                   swap("\n[ 1 Mar 2017 – 31 Dec 2020 ]", "", europass))  # fmt: skip

    assert "dates.missing" not in codes(run(europass))
    assert "dates.missing" in codes(run(undated))


def _finding(code: str, severity: Severity, line: int) -> Finding:
    evidence = [Evidence(quote="q", line=line)] if line else []
    return Finding(
        code=code, severity=severity, category=code.split(".")[0], message=code, evidence=evidence
    )


def test_findings_of_one_severity_come_costliest_first() -> None:
    ordered = order_findings(
        [
            _finding("language.cliche", Severity.WARNING, 1),
            _finding("impact.unquantified_bullets", Severity.WARNING, 9),
            _finding("spelling.misspelling", Severity.WARNING, 30),
            _finding("placeholder.filler", Severity.CRITICAL, 40),
            _finding("contact.no_email", Severity.CRITICAL, 0),
        ]
    )

    assert [f.code for f in ordered] == [
        "placeholder.filler", "contact.no_email",
        "spelling.misspelling", "impact.unquantified_bullets", "language.cliche",
    ]  # fmt: skip


def test_the_verdict_names_the_costliest_problem_and_its_fix() -> None:
    analysis = run(swap("jane.smith@example.test | ", "", swap(NORTHWIND, "Mar 2017 - Jan 2019")))
    top = analysis.findings[0]

    verdict = render_feedback(analysis, Level.HONEST).verdict

    assert top.code == "contact.no_email"
    assert top.message in verdict and top.fix in verdict


def test_a_full_academic_record_is_not_asked_for_a_number_or_a_stronger_verb_per_bullet() -> None:
    duties = "• Responsible for the group's seminar series\n• Contributed to a grant application\n"
    ingest = "• Built an ingestion pipeline in Python that processes 12M events per day\n"
    with_duties = swap(ingest, ingest + duties)
    academic = run(with_duties + ACADEMIC, **THREE_PAGES)
    resume = run(with_duties, **THREE_PAGES)

    assert not {"impact.unquantified_bullets", "verbs.weak_opener"} & codes(academic)
    assert {"impact.unquantified_bullets", "verbs.weak_opener"} <= codes(resume)
