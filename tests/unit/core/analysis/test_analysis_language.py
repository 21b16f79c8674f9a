"""Clichés, first person, passive voice; grand words are no finding."""

from __future__ import annotations

import pytest

from tests.unit.core.analysis.analysis_helpers import (
    GOOD,
    SECOND_ROLE,
    codes,
    found,
    lines_of,
    run,
    swap,
)

SUMMARY = "Backend engineer with eight years of experience building payment and data systems"


@pytest.mark.parametrize(
    "phrase",
    ["team player", "hard-working", "hardworking", "results-driven", "detail oriented", "synergy",
     "go-getter", "think outside the box"],
)  # fmt: skip
def test_cliches_are_quoted_on_their_line(phrase: str) -> None:
    analysis = run(swap(SUMMARY, f"A {phrase} backend engineer with eight years of experience"))

    assert lines_of(analysis, "language.cliche") == {4}


def test_a_stock_objective_is_a_cliche() -> None:
    objective = "To obtain a position as a backend engineer where I can use my skills"

    assert lines_of(run(swap(SUMMARY, objective)), "language.cliche") == {4}


def test_first_person_is_reported_but_roman_numerals_and_icons_are_not() -> None:
    pronoun = run(swap(SUMMARY, f"I am a {SUMMARY.lower()}"))
    numeral = run(swap("Software Engineer | Northwind", "Software Engineer II | Northwind"))
    icon = run(swap("+1 (555) 201-3344", "I +1 (555) 201-3344"))

    assert lines_of(pronoun, "language.first_person") == {4}
    assert "language.first_person" not in codes(numeral) | codes(icon)


@pytest.mark.parametrize(
    "link",
    [
        "• Portfolio: janesmith.github.io/my-resume/",
        "• Slides at speakerdeck.com/jane/me-and-my-cache",
    ],
)
def test_words_inside_a_web_address_are_not_first_person(link: str) -> None:
    text = swap(SECOND_ROLE, SECOND_ROLE + link + "\n")
    mine = swap(SECOND_ROLE, SECOND_ROLE + "• I rebuilt my team's release process in 3 weeks\n")

    assert "language.first_person" not in codes(run(text))
    assert "language.first_person" in codes(run(mine))


def test_one_possessive_inside_a_sentence_is_a_slip_but_two_lines_are_a_voice() -> None:
    once = "• Rebuilt my team's release process in 3 weeks\n"
    twice = once + "• Ran my own on-call rotation for 2 payment services\n"

    assert "language.first_person" not in codes(run(swap(SECOND_ROLE, SECOND_ROLE + once)))
    assert "language.first_person" in codes(run(swap(SECOND_ROLE, SECOND_ROLE + twice)))


def test_quoted_recommendations_are_other_peoples_words() -> None:
    text = GOOD + 'References\n"I loved working with Jane, a true team player."\n'

    assert not {"language.first_person", "language.cliche"} & codes(run(text))


def test_passive_voice_but_not_honours() -> None:
    passive = run(swap("• Built an ingestion", "• An ingestion pipeline was built in Python that"))
    honour = run(swap("• Built an ingestion", "• Was promoted after I built an ingestion"))

    assert lines_of(passive, "language.passive_voice") == {12}
    assert "language.passive_voice" not in codes(honour)


def test_passive_voice_quotes_the_words_that_triggered_it() -> None:
    text = swap("• Built an ingestion", "• The billing schema was quietly migrated to Postgres and")

    finding = found(run(text), "language.passive_voice")

    assert finding is not None and "'was quietly migrated'" in finding.message
    assert "were managed" not in finding.message


@pytest.mark.parametrize(
    "bullet",
    ["• The booking app is used by 3,000 students each term; built its API in Python",
     "• Trained 6 new analysts until they were fully onboarded on the pipeline in Python",
     "• Wrote the ingestion service, which was adopted by 9 teams, in Python",
     "• Catalogued 40 beetle species, some of which had not yet been described, in Python",
     "• Wrote a booking site in Python; the site has been made to load in under a second"],
)  # fmt: skip
def test_product_descriptions_and_other_peoples_passives_are_not_reported(bullet: str) -> None:
    text = swap("• Built an ingestion pipeline in Python that processes 12M events per day", bullet)

    assert "language.passive_voice" not in codes(run(text))


def test_grand_words_are_no_finding_of_their_own() -> None:
    # measured on the gold set: 'leveraged', 'utilized', 'spearheaded' were 0 of 5 worth saying
    pile = swap("• Led a team", "• Spearheaded a team", GOOD)
    pile = swap("• Designed a schema", "• Architected a schema", pile)
    pile = swap("• Migrated 40", "• Utilized Kubernetes to move 40", pile)

    assert codes(run(pile)) == set()


def test_soft_skills_listed_as_items_are_cliches() -> None:
    skills = "Critical Thinking, Problem-Solving & Multitasking, Python, Go,"
    analysis = run(swap("Python, Go,", skills))
    finding = found(analysis, "language.cliche")

    assert finding is not None
    assert "'critical thinking'" in finding.message.lower()
    assert "multitasking" in finding.message.lower()


@pytest.mark.parametrize(
    "item", ["Engineering Problem Solving", "several problem-solving projects on GitHub"]
)
def test_soft_skill_words_inside_a_course_or_a_phrase_are_no_cliche(item: str) -> None:
    analysis = run(swap("Python, Go,", f"Python, {item}, Go,"))

    assert "language.cliche" not in codes(analysis)


def test_words_in_the_titles_of_a_publication_list_are_not_the_writers_voice() -> None:
    paper = 'Doe, J. and Roe, A. "My Team: Think Outside the Box in Fan Studies." Journal 3, 2021.'
    listed = run(GOOD + "Publications\n" + paper + "\n")
    written = run(swap(SUMMARY, "I think outside the box as a backend engineer with eight years"))

    assert not {"language.cliche", "language.first_person"} & codes(listed)
    assert "language.cliche" in codes(written)
