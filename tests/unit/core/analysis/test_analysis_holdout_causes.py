"""False alarms read on real resumes nobody tuned on, each fixed at its cause (analyzer 1.4.2)."""

from __future__ import annotations

from resumeroast.core.analysis import analyze
from resumeroast.core.documents import DocumentKind, LayoutFacts
from tests.unit.core.analysis.analysis_helpers import (
    AS_OF,
    EDUCATION,
    GOOD,
    SKILLS,
    codes,
    document,
    found,
    quotes,
    run,
    swap,
)

INGEST = "• Built an ingestion pipeline in Python that processes 12M events per day"


def test_a_common_word_made_a_verb_is_no_typo_but_a_doubling_slip_still_is() -> None:
    informal = run(swap(INGEST, "• Admined the ingestion pipeline that processes 12M events"))
    doubling = run(swap(INGEST, "• Built an ingestion pipeline that planed 12M events per day"))

    assert "spelling.misspelling" not in codes(informal)
    finding = found(doubling, "spelling.misspelling")
    assert finding is not None and "'planed' → 'planned'" in finding.message


def test_a_capitalised_name_that_differs_from_a_word_in_its_first_letter_is_a_brand() -> None:
    brand = run(swap(INGEST, "• Built an ingestion pipeline for 12M events on Creality printers"))
    slip = run(swap(INGEST, "• Built an ingestion pipeline for 12M events for Adminstration"))

    assert "spelling.misspelling" not in codes(brand)
    assert "spelling.misspelling" in codes(slip)


SPANISH = """\
Experiencia laboral
Técnico de computadoras | INTECH | Enero 2021 - Enero 2022
• Instalación y configuraciôn de software Windows, Ubuntu y Debian para los clientes de la empresa.
• Soporte técnico en computadoras, ensamblaje y mantenimiento de los equipos de la oficina.
Educación
Técnico en computación e informática | Instituto Superior | 2015 - 2017
"""


def test_an_accent_misread_by_ocr_is_no_typo_but_the_same_slip_typed_is() -> None:
    scanned = LayoutFacts(image_only_pages=(1,), ocr_pages=(1,))
    read_by_ocr = analyze(document(SPANISH, layout=scanned), as_of=AS_OF)
    typed = analyze(document(SPANISH), as_of=AS_OF)

    assert "spelling.misspelling" not in codes(read_by_ocr)
    assert "spelling.misspelling" in codes(typed)


def test_a_page_menu_listing_a_heading_is_no_duplicated_section() -> None:
    menu = "Home\nExperience\nFamily contacts\nMy photos\n"
    with_menu = swap("Summary\n", menu + "Summary\n")
    early = "Experience\nLed a team of 4 on a payment project in 2016.\n"
    written_twice = swap("Summary\n", early + "Summary\n")

    assert "content.duplicated" not in codes(run(with_menu))
    assert quotes(run(written_twice), "content.duplicated") == ["Experience"]


def test_a_capitals_heading_that_kept_a_list_bullet_still_opens_its_section() -> None:
    capitals = GOOD.replace("Experience\n", "EXPERIENCE\n").replace(EDUCATION, "")
    text = capitals.replace(SKILLS, "SKILLS\n• Python\n• Go\n")
    bulleted = text + "• EDUCATION\nB.S. Computer Science | Oregon State University | 2013 - 2017\n"

    assert "sections.no_education" not in codes(run(bulleted))
    assert "sections.no_education" in codes(run(text))


def test_a_bullet_left_open_is_closed_by_the_plain_line_under_it() -> None:
    wrapped = swap(
        "• Mentored 4 junior developers, two of whom were promoted within a year",
        "• Mentored 4 junior developers and presented at the National Art\n"
        "Education Association conferences.",
    )

    assert "verbs.no_verb" not in codes(run(wrapped))


def test_a_statement_under_a_skills_label_is_still_a_statement() -> None:
    labelled = swap(
        "• Mentored 4 junior developers, two of whom were promoted within a year",
        "Editorial Skills:\n• Oversaw the review of 40 design documents, ensuring high\n"
        "standards of quality and accuracy.",
    )

    assert "verbs.no_verb" not in codes(run(labelled))


def test_tools_named_under_a_label_or_listed_by_a_statement_are_not_statements() -> None:
    mentored = "• Mentored 4 junior developers, two of whom were promoted within a year\n"
    tools = (
        "Technologies Include:\n• Distributed Version Control with Git and GitHub\n"
        "Deployed new technology for the team, including:\n"
        "• Managed Kubernetes service based on Google Kubernetes Engine\n"
        "• Use of public cloud services such as Amazon EC2\n"
    )
    listed = run(swap(mentored, mentored + tools))

    evidence = [e.quote for f in listed.findings for e in f.evidence]
    assert not [q for q in evidence if q.startswith(("Distributed", "Managed", "Use of"))]


RESEARCHER = (
    GOOD.replace("Projects\n", "Publications\n")
    + "".join(
        f"Smith, J. ({2015 + n}). Caching payment data, part {n}. Journal of Systems.\n"
        for n in range(8)
    )  # fmt: skip
)


def test_a_researchers_two_pages_are_not_too_long() -> None:
    two_pages = LayoutFacts(pages=2)
    researcher = analyze(document(RESEARCHER, kind=DocumentKind.PDF, layout=two_pages), as_of=AS_OF)
    three_pages = analyze(
        document(RESEARCHER, kind=DocumentKind.PDF, layout=LayoutFacts(pages=3)), as_of=AS_OF
    )

    assert "length.too_many_pages" not in codes(researcher)
    assert "length.too_many_pages" in codes(three_pages)


NO_EMAIL = GOOD.replace("jane.smith@example.test | ", "")


def test_a_page_without_an_e_mail_stays_in_needs_work_but_its_content_still_ranks() -> None:
    strong = run(NO_EMAIL)
    bullets = [row for row in NO_EMAIL.splitlines(keepends=True) if row.startswith("• ")]
    weak = run("".join(row for row in NO_EMAIL.splitlines(keepends=True) if row not in bullets))

    assert "contact.no_email" in codes(strong)
    assert strong.overall_score == 59  # "Needs work" (under 60), not the 50 of other criticals
    assert weak.overall_score < strong.overall_score


def test_dates_that_contradict_each_other_cap_the_score() -> None:
    contradicted = run(swap("Mar 2017 - Dec 2020", "Dec 2020 - Mar 2017"))

    assert "dates.contradict" in codes(contradicted)
    assert run(GOOD).overall_score > 60 >= contradicted.overall_score
