"""Contact details: what is found, what is missing, and where it sits on the page."""

from __future__ import annotations

import pytest

from resumeroast.core.analysis import analyze
from resumeroast.core.documents import Document, DocumentKind, Line, Region
from tests.unit.core.analysis.analysis_helpers import GOOD, codes, found, lines_of, run, swap

CONTACT = "jane.smith@example.test | +1 (555) 201-3344 | Portland, OR | linkedin.com/in/janesmith"


def test_contact_details_are_extracted_with_their_line() -> None:
    contact = run(GOOD).contact

    assert contact.email == "jane.smith@example.test"
    assert contact.phone == "+1 (555) 201-3344"
    assert contact.location == "Portland, OR"
    assert [(link.kind, link.url) for link in contact.links] == [
        ("linkedin", "linkedin.com/in/janesmith")
    ]
    assert contact.email_line == contact.phone_line == 2


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("+1 (555) 201-3344 | Portland, OR | linkedin.com/in/janesmith", "contact.no_email"),
        ("jane.smith@example.test | Portland, OR | linkedin.com/in/janesmith", "contact.no_phone"),
        (
            "jane.smith@example.test | +1 (555) 201-3344 | linkedin.com/in/janesmith",
            "contact.no_location",
        ),
    ],
)
def test_each_missing_contact_detail_is_reported(line: str, code: str) -> None:
    analysis = run(swap(CONTACT, line))

    assert code in codes(analysis)
    assert codes(analysis) - {code} == set()


def test_a_resume_without_a_profile_link_is_not_told_to_add_one() -> None:
    # measured on the gold set: 0 of 6 worth saying (nurses, teachers, billing specialists)
    analysis = run(swap(CONTACT, "jane.smith@example.test | +1 (555) 201-3344 | Portland, OR"))

    assert codes(analysis) == set()


def test_a_missing_email_is_critical_and_caps_the_score() -> None:
    analysis = run(swap(CONTACT, "+1 (555) 201-3344 | Portland, OR | linkedin.com/in/janesmith"))

    finding = found(analysis, "contact.no_email")
    assert finding is not None and finding.severity.value == "critical"
    assert analysis.overall_score <= 60


@pytest.mark.parametrize("text", ["2019 - 2021", "US Patent 11,234,567", "Jan 2020 - 03/2021"])
def test_numbers_that_are_not_phones_are_not_phones(text: str) -> None:
    analysis = run(swap("+1 (555) 201-3344 | ", "", swap("Portland, OR", f"Portland, OR | {text}")))

    assert analysis.contact.phone is None


def test_contact_only_in_the_page_header_is_an_ats_problem() -> None:
    rows = [row for row in GOOD.splitlines() if row.strip()]
    lines = tuple(
        Line(number=i, text=row, region=Region.HEADER if row == CONTACT else Region.BODY)
        for i, row in enumerate(rows, 1)
    )

    analysis = analyze(Document(DocumentKind.PDF, lines))

    finding = found(analysis, "ats.contact_in_header_footer")
    assert finding is not None
    assert [e.line for e in finding.evidence] == [2, 2]


@pytest.mark.parametrize(
    ("written", "phone"),
    [("5552013344", "5552013344"), ("Phone: 5552013344", "5552013344"),
     ("+49 151 23456789", "+49 151 23456789"), ("+44 20 7946 0958", "+44 20 7946 0958"),
     ("555.201.3344", "555.201.3344")],
)  # fmt: skip
def test_phones_are_found_however_they_are_grouped(written: str, phone: str) -> None:
    analysis = run(swap("+1 (555) 201-3344", written))

    assert analysis.contact.phone == phone
    assert "contact.no_phone" not in codes(analysis)


@pytest.mark.parametrize(
    "text",
    ["Portland, OR 97201-1234", "Revenue $1500000000", "processed 1500000000 events a day",
     "2019 2020 2021", "12/2019 - 03/2021", "Order 12345678"],
)  # fmt: skip
def test_amounts_zip_codes_and_years_are_not_phones(text: str) -> None:
    analysis = run(swap("+1 (555) 201-3344 | ", "", swap("Portland, OR", f"Portland, OR | {text}")))

    assert analysis.contact.phone is None
    assert "contact.no_phone" in codes(analysis)


@pytest.mark.parametrize(
    "contact_line",
    ["jane.smith@example.test | (+86) 139-4410-27xxx | Portland, OR",
     "jane.smith@example.test | +20 1004417788 | Portland, OR",
     "jane.smith@example.test | Tel.: 0151 44190872 | Portland, OR",
     "jane.smith@example.test | Teléfono: (+34) 622 41 90 87 | Portland, OR"],
)  # fmt: skip
def test_international_and_labelled_phone_numbers_are_phones(contact_line: str) -> None:
    text = swap(CONTACT, contact_line)

    assert "contact.no_phone" not in codes(run(text))


@pytest.mark.parametrize(
    "contact_line",
    ["jane.smith@example.test | +1 (555) 201-3344 | Location: Lisbon",
     "jane.smith@example.test | +1 (555) 201-3344 | Adresse : 14 Rue des Lilas, Lyon",
     "jane.smith@example.test | +1 (555) 201-3344 | 418 West 52nd Street",
     "jane.smith@example.test | +1 (555) 201-3344 | Leeds LS1 4DY",
     "jane.smith@example.test | +1 (555) 201-3344 | CEP: 41205-240",
     "jane.smith@example.test | +1 (555) 201-3344 | Postal code: M5V 2T6",
     "jane.smith@example.test | +1 (555) 201-3344 | 12 Rosebank Crescent",
     "jane.smith@example.test | +1 (555) 201-3344 | Rosenbergstrasse 4, CH-9000 St. Gallen",
     "jane.smith@example.test | +1 (555) 201-3344 | Mariahilfer Strasse 12, 1010 Wien",
     "jane.smith@example.test | +1 (555) 201-3344 | Bluewater Bay, Gqeberha, 6210",
     "jane.smith@example.test | +1 (555) 201-3344 | Address: Flat 3, Block B, Residencia "
     "Universitaria de la Facultad de Ingenieria, Avenida del Libertador"],
)  # fmt: skip
def test_labelled_locations_addresses_and_postcodes_are_locations(contact_line: str) -> None:
    assert "contact.no_location" not in codes(run(swap(CONTACT, contact_line)))


def test_a_year_before_a_word_is_no_postcode() -> None:
    awarded = swap(CONTACT, "jane.smith@example.test | +1 (555) 201-3344 | 2021 Hackathon winner")

    assert "contact.no_location" in codes(run(awarded))


def test_a_cv_signed_with_its_place_at_the_end_has_a_location() -> None:
    no_city = swap(
        CONTACT, "jane.smith@example.test | +1 (555) 201-3344 | linkedin.com/in/janesmith"
    )
    signed = no_city + "Declaration\nI hereby declare that the above is true.\nPune, Maharashtra\n"

    assert "contact.no_location" in codes(run(no_city))
    assert "contact.no_location" not in codes(run(signed))


def test_a_place_on_a_closing_job_line_is_not_the_candidates_location() -> None:
    no_city = swap(
        CONTACT, "jane.smith@example.test | +1 (555) 201-3344 | linkedin.com/in/janesmith"
    )
    job = no_city + "Volunteering\nFood bank driver | Pune, Maharashtra | 2015 - 2016\n"

    assert "contact.no_location" in codes(run(job))


@pytest.mark.parametrize("address", ["janeloves123@gmail.com", "sexy_kitty@example.test"])
def test_a_personal_email_address_is_reported_with_the_line_it_is_on(address: str) -> None:
    analysis = run(swap("jane.smith@example.test", address))

    assert lines_of(analysis, "contact.unprofessional_email") == {2}


@pytest.mark.parametrize("address", ["angela.smith@example.test", "lovelace@example.test"])
def test_names_that_hold_a_casual_word_are_professional_addresses(address: str) -> None:
    assert "contact.unprofessional_email" not in codes(
        run(swap("jane.smith@example.test", address))
    )


@pytest.mark.parametrize(
    "line",
    [
        "jane.smith@example.test | (11) 98765-4321 | Portland, OR",  # a five-digit first group
        "jane.smith@example.test\n612345678\nPortland, OR",  # nine digits alone on their line
    ],
)
def test_phones_written_the_way_other_countries_write_them_are_found(line: str) -> None:
    assert "contact.no_phone" not in codes(run(swap(CONTACT, line)))


def test_a_city_with_its_country_in_french_is_a_location() -> None:
    line = "jane.smith@example.test | +1 (555) 201-3344 | Nouakchott, Mauritanie"

    assert "contact.no_location" not in codes(run(swap(CONTACT, line)))


def test_a_phone_line_that_opens_with_its_bracketed_area_code_is_a_phone() -> None:
    line = "jane.smith@example.test | Portland, OR\n(11) 98765-4321"

    assert run(swap(CONTACT, line)).contact.phone == "(11) 98765-4321"


REFEREES = (
    "References\n"
    "Mark Olsen, Engineering Manager, Acme Payments\n"
    "mark.olsen@example.test | (801) 953-5031\n"
)


def test_a_referees_email_and_phone_are_not_the_writers() -> None:
    analysis = run(swap(CONTACT, "Portland, OR | linkedin.com/in/janesmith") + REFEREES)

    assert analysis.contact.email is None and analysis.contact.phone is None
    item = found(analysis, "contact.no_email")
    assert item is not None and item.severity.value == "critical"
    assert "contact.no_phone" in codes(analysis)


def test_the_writers_own_email_read_into_a_references_section_is_still_theirs() -> None:
    """A sidebar's contact block that the reader put under the referees: the address carries the
    writer's name (the page's first line), and the phone beside it is theirs too."""
    sidebar = "(541) 737-0123\njanesmith@example.test\n"
    analysis = run(swap(CONTACT, "Portland, OR | linkedin.com/in/janesmith") + REFEREES + sidebar)

    assert analysis.contact.email == "janesmith@example.test"
    assert analysis.contact.phone == "(541) 737-0123"
    assert not codes(analysis) & {"contact.no_email", "contact.no_phone"}
