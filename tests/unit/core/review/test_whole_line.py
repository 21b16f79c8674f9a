"""Faithful to the whole line: titles in a title position, elided quotes, numbers in advice."""

from __future__ import annotations

import pytest

from resumeroast.core.review.grounding import (
    QuoteIndex,
    invented_facts,
    resume_counts,
    unsupported_numbers,
)
from tests.support.llm_resumes import from_text


@pytest.mark.parametrize(
    ("original", "improved"),
    [
        # A title word used as a verb, or a noun in a sentence, names no title.
        ("Responsible for daily store operations", "Lead daily store operations"),
        ("Worked with accounting on month-end close", "Partner with Accounting to close month-end"),
        ("Worked with accounting on month-end close", "Partnered with accounting on month-end"),
        ("Responsible for the backend", "Architect and build the backend"),
        # The resume's own title, shortened.
        ("Team Leader for the night shift", "Served as team lead for the night shift"),
        ("Shift Supervisor, night crew", "Supervisor, night crew"),
    ],
)
def test_title_words_outside_a_title_position_are_no_invented_title(
    original: str, improved: str
) -> None:
    assert invented_facts(original, improved) == []


@pytest.mark.parametrize(
    ("original", "improved"),
    [
        ("Ran the night shift", "Served as team lead for the night shift"),
        ("Ran the night shift", "Promoted to shift supervisor; ran the night shift"),
        ("Ran the night shift", "Senior Manager, night shift operations"),
        ("Ran the night shift", "Ran the night shift for the Operations Director"),
        ("Ran the night shift", "Ran the night shift in a team lead role"),
        ("Team Leader for the night shift", "Served as team manager for the night shift"),
    ],
)
def test_a_truly_invented_title_still_fails(original: str, improved: str) -> None:
    problems = invented_facts(original, improved)
    assert any(p.startswith("titles") for p in problems), problems


ELIDED = """Experience
- Led a cross-functional team of analysts that rebuilt the month-end close and cut manual
  reconciliation work to 40% of its former volume
- Improved vendor onboarding time
"""


def _index(text: str, spans: list[tuple[int, int]]) -> QuoteIndex:
    return QuoteIndex(from_text(text).lines, spans)


def test_a_quote_with_an_inner_ellipsis_is_found_as_ordered_pieces_of_one_statement() -> None:
    index = _index(ELIDED, [(2, 3), (4, 4)])
    for quote in ("Led ... to 40%", "Led … to 40%", "led a cross-functional team...cut manual"):
        located = index.locate(quote)
        assert located is not None, quote
        assert located.line == 2 and located.end == 3 if "40" in quote else located.line == 2
        assert located.text.startswith("Led a cross-functional team")  # the resume's own words
    assert index.locate("Led ... to 40%").text.endswith("to 40%")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "quote",
    [
        "to 40% ... Led",  # out of order
        "Led ... vendor onboarding",  # two statements
        "Led ... to 75%",  # a piece that is not there
        "Led ... a",  # a piece too short to prove anything
    ],
)
def test_an_elided_quote_whose_pieces_do_not_fit_one_statement_is_not_found(quote: str) -> None:
    assert _index(ELIDED, [(2, 3), (4, 4)]).locate(quote) is None


RESUME = "\n".join(
    ["Sam Doe", "Experience", "Store Manager, 2019 - 2023"]
    + [f"- Handled task number {n} for the store" for n in range(3)]
    + ["Skills", "Excel", "Word", "Payroll"]
)


def _counts() -> dict[str, int]:
    lines = from_text(RESUME).lines
    return dict(resume_counts(lines, bullets=3, sections=2, roles=1))


@pytest.mark.parametrize(
    "remark",
    [
        "You have 4 one-word lines that read as noise",  # Skills, Excel, Word, Payroll
        "Split the long one into 2-3 bullets, each with a result",
        "Keep it to 1 page",
        "Use 3 to 5 bullets per role",
        "3 bullets in one role read as a list of duties",
    ],
)
def test_numbers_about_the_resume_or_the_advice_are_allowed(remark: str) -> None:
    assert unsupported_numbers(remark, RESUME, _counts()) == set()


@pytest.mark.parametrize(
    ("remark", "numbers"),
    [
        ("You onboarded 400 accounts in 6 weeks", {"400", "6"}),
        ("You cut costs by 30% across the store", {"30"}),
        ("You have 12 one-word lines", {"12"}),  # more than the resume has
        ("Reconciled 200 statements a month", {"200"}),  # more than the resume has: a claim
    ],
)
def test_numbers_claimed_for_the_person_must_come_from_the_resume(
    remark: str, numbers: set[str]
) -> None:
    assert unsupported_numbers(remark, RESUME, _counts()) == numbers


def test_a_verb_before_a_noun_that_can_be_a_title_word_is_still_a_verb() -> None:
    assert invented_facts("Managed the hotel's staff", "Lead staff to meet daily demand") == []
    problems = invented_facts("Built the payments API", "Lead Engineer, payments API")
    assert any(p.startswith("titles") for p in problems), problems


@pytest.mark.parametrize(
    ("original", "improved"),
    [
        # The parts of a compound the original writes are its words, and back.
        (
            "Analyzed survey data on Central-South American politics",
            "Analyzed survey data on Central and South American politics",
        ),
        ("Implemented QR code brochures for the trail", "Added QR-code brochures to the trail"),
        # A prefixed verb opening the rewrite is a verb, not a name.
        ("Helped teach two courses", "Co-taught two courses"),
        ("Designed the intake form again", "Re-designed the intake form"),
    ],
)
def test_compounds_and_prefixed_verbs_are_no_new_names(original: str, improved: str) -> None:
    assert invented_facts(original, improved) == []


def test_a_rewrite_may_name_the_title_of_the_role_its_line_is_under() -> None:
    original = "Helped teach 114 students in Microeconomics"
    improved = "Co-taught 114 students in Microeconomics as Teaching Assistant"
    assert invented_facts(original, improved, "Teaching Assistant Jan 2019 – May 2020") == []
    # Not another role's title, and not a title the header does not give.
    problems = invented_facts(original, improved, "Research Fellow Jan 2021 – Present")
    assert any(p.startswith("names") for p in problems), problems
    problems = invented_facts(
        original, "Taught 114 students as Senior Lecturer", "Teaching Assistant 2019 – 2020"
    )
    assert any(p.startswith(("titles", "names")) for p in problems), problems


@pytest.mark.parametrize(
    ("original", "improved", "kind"),
    [
        # One part said is not the compound said: a new name stays a new name.
        (
            "Analyzed survey data on Central American politics",
            "Analyzed Central-Asian data",
            "names",
        ),
        ("Analyzed survey data", "Analyzed survey data at Hewlett-Packard", "names"),
        # A prefix does not make a name ordinary.
        ("Helped teach two courses", "Co-taught two courses with Stanford", "names"),
    ],
)
def test_a_truly_new_compound_name_still_fails(original: str, improved: str, kind: str) -> None:
    problems = invented_facts(original, improved)
    assert any(p.startswith(kind) for p in problems), problems


@pytest.mark.parametrize(
    "remark",
    [
        "Every bullet claims a gain; give 2-3 of them a figure",
        "Pick 2 of these and add the result",
    ],
)
def test_a_share_of_the_items_discussed_is_advice(remark: str) -> None:
    assert unsupported_numbers(remark, RESUME, _counts()) == set()


def test_a_share_larger_than_the_resume_has_is_a_claim() -> None:
    assert unsupported_numbers("You automated 30 of them", RESUME, _counts()) == {"30"}
