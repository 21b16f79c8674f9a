"""Duplicated sections, a cover letter inside the resume, and personal details that hurt."""

from __future__ import annotations

import pytest

from resumeroast.core.feedback import Severity
from tests.unit.core.analysis.analysis_helpers import (
    EDUCATION,
    GOOD,
    SECOND_ROLE,
    codes,
    found,
    lines_of,
    quotes,
    run,
    swap,
)

CONTACT = "jane.smith@example.test | +1 (555) 201-3344 | Portland, OR | linkedin.com/in/janesmith"


def test_a_second_education_heading_is_a_duplicate() -> None:
    analysis = run(GOOD + EDUCATION)

    item = found(analysis, "content.duplicated")
    assert item is not None
    assert item.severity is Severity.INFO
    second = len([row for row in GOOD.splitlines() if row.strip()]) + 1  # the appended heading
    assert [(e.quote, e.line) for e in item.evidence] == [("Education", second)]


def test_a_block_read_twice_is_a_duplicate() -> None:
    text = swap(SECOND_ROLE, SECOND_ROLE + SECOND_ROLE)

    assert lines_of(run(text), "content.duplicated") == {16}


def test_a_menu_of_headings_at_the_top_is_not_a_second_copy() -> None:
    # a web page's navigation lists the sections before they come
    menu = swap("Jane Smith\n", "Jane Smith\nProjects\nEducation\nSkills\nContact\n")

    assert "content.duplicated" not in codes(run(menu))
    assert "content.duplicated" in codes(run(menu + EDUCATION))


def test_sections_of_one_kind_with_different_headings_are_not_duplicates() -> None:
    text = GOOD.replace("Projects\n", "Research Experience\n")

    assert "content.duplicated" not in codes(run(GOOD))
    assert "content.duplicated" not in codes(run(text))


@pytest.mark.parametrize(
    "details",
    [
        "Date of birth: 12 March 1994",
        "Age: 31 | Marital status: married",
        "Nationality: Greek",
        "31 years old, two children",
        "Left my home country seeking asylum in 2019",
        "Father's name: Ramesh Kumar",
        # the same fields in French, Spanish, Portuguese and German
        "Date et lieu de naissance : 15/06/1995 à Lyon",
        "Situation familiale : célibataire",
        "Née le 3 mai 1996",
        "Fecha de nacimiento: 12/03/1994",
        "Estado civil: soltera | Nacionalidad: mexicana",
        "Religión: católica",
        "Data de nascimento: 12/03/1994",
        "Estado civil: casado, 2 filhos",
        "Nacionalidade: brasileira",
        "Geburtsdatum: 12.03.1994 in Jena",
        "Familienstand: ledig",
        "Staatsangehörigkeit: deutsch",
        "Vater: Peter Müller, Ingenieur",
        "NAISSANCE 09.02.1999",
        "Bern | 10. Januar 1966",  # a date to the day in the contact block: a birth date
    ],
)
def test_personal_details_are_flagged_for_us_and_uk_employers(details: str) -> None:
    analysis = run(swap(CONTACT, f"{CONTACT}\n{details}"))

    item = found(analysis, "personal.details")
    assert item is not None
    assert item.severity is Severity.INFO
    assert quotes(analysis, "personal.details") == [details]


def test_names_and_words_that_contain_a_label_are_not_personal_details() -> None:
    text = swap(SECOND_ROLE, SECOND_ROLE + "• Co-wrote a paper with B. Dobson on sewer overflow\n")
    cleared = swap(CONTACT, f"{CONTACT}\nCitizenship: U.S. citizen, Secret clearance")
    authorised = swap(CONTACT, f"{CONTACT}\nAuthorized to work in the US; no visa sponsorship")

    assert "personal.details" not in codes(run(text))
    assert "personal.details" not in codes(run(GOOD))
    assert "personal.details" not in codes(run(cleared))  # US federal jobs ask for it
    assert "personal.details" not in codes(run(authorised))  # work authorisation is wanted
    ages = swap(SECOND_ROLE, SECOND_ROLE + "• Taught children aged 6 to 12 in a weekend club\n")
    named = swap(CONTACT, f"{CONTACT}\nAnne Marie, Lyon | Expérience : 12 ans")
    assert "personal.details" not in codes(run(ages))
    assert "personal.details" not in codes(run(named))


def test_a_cover_letter_pasted_into_the_resume_is_a_warning() -> None:
    letter = (
        "Dear Hiring Manager,\n"
        "I am writing to apply for the Staff Engineer role at Initech.\n"
        "Sincerely,\nJane Smith\n"
    )

    analysis = run(letter + GOOD)

    item = found(analysis, "content.cover_letter")
    assert item is not None
    assert item.severity is Severity.WARNING
    assert quotes(analysis, "content.cover_letter")[0] == "Dear Hiring Manager,"
    assert "content.cover_letter" not in codes(run(GOOD))


REFEREES = """\
References
Mark Olsen — Acme Payments, Engineering Manager
(801) 953-5031
Brenda Hall — Northwind Data, Director | brenda.hall@example.test
"""


def test_a_references_section_with_phone_numbers_is_reported_at_its_heading() -> None:
    analysis = run(GOOD + REFEREES)

    item = found(analysis, "content.references")
    assert item is not None and item.severity is Severity.INFO
    assert [e.quote for e in item.evidence] == ["References"]
    assert "References" in item.message


@pytest.mark.parametrize("heading", ["Referencia personal", "Referencias laborales", "Référence"])
def test_a_references_heading_in_another_language_is_read_as_one(heading: str) -> None:
    item = found(run(GOOD + REFEREES.replace("References", heading)), "content.references")

    assert item is not None
    assert [e.quote for e in item.evidence] == [heading]


def test_references_on_request_or_names_alone_are_left_alone() -> None:
    on_request = run(GOOD + "References\nAvailable upon request.\n")
    names_only = run(GOOD + "References\nMark Olsen, Engineering Manager, Acme Payments\n")

    assert "content.references" not in codes(on_request) | codes(names_only)


def test_a_menu_whose_first_entry_is_read_as_a_heading_is_not_a_second_copy() -> None:
    # "Experience" opens a section, but only other headings sit under it: the page's menu
    menu = swap("Jane Smith\n", "Jane Smith\nExperience\nVolunteer History\n")

    assert "content.duplicated" not in codes(run(menu))


def test_personal_details_are_found_in_a_resume_written_in_another_language() -> None:
    french = (
        "Camille Martin\ncamille@example.fr\nÉtat civil\n"
        "Date et lieu de naissance : 15/06/1995 à Lyon\nSituation familiale : célibataire\n"
        "Expériences\nIngénieure | Exemple SA | 2019 - 2023\n"
        "• Conception d'une méthode d'analyse qu'utilisent aujourd'hui trois équipes\n"
        "Formation\nMaster de statistique | Université de Lyon | 2017 - 2019\n"
    )

    assert quotes(run(french), "personal.details") == [
        "Date et lieu de naissance : 15/06/1995 à Lyon",
        "Situation familiale : célibataire",
    ]


def test_a_recent_or_a_work_date_to_the_day_is_no_birth_date() -> None:
    updated = swap(CONTACT, f"{CONTACT}\nUpdated 10 January 2025")
    in_a_role = swap(SECOND_ROLE, SECOND_ROLE + "• Went live on 10 January 1999 with 12 stores\n")

    assert "personal.details" not in codes(run(updated))
    assert "personal.details" not in codes(run(in_a_role))


@pytest.mark.parametrize(
    "line",
    ["ID: 0112065336086", "CPF: 123.456.789-09", "DNI 45123456", "SSN: 521-44-7788",
     "Cédula de ciudadanía: 1.098.765.432", "AHV-Nr. 756.1234.5678.97"],
)  # fmt: skip
def test_a_national_identity_number_is_a_warning(line: str) -> None:
    analysis = run(swap(CONTACT, f"{CONTACT}\n{line}"))

    item = found(analysis, "personal.id_number")
    assert item is not None and item.severity is Severity.WARNING
    assert quotes(analysis, "personal.id_number") == [line]


def test_member_numbers_and_template_zeros_are_no_identity_number() -> None:
    for line in ("Student ID: 2019123", "ORCID iD: 0000-0002-1825-0097", "SSN: 000-00-0000",
                 "Member ID 77 1234"):  # fmt: skip
        assert "personal.id_number" not in codes(run(swap(CONTACT, f"{CONTACT}\n{line}"))), line
