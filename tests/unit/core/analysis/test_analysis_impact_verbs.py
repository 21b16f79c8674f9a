"""Impact (numbers in bullets) and how bullets open."""

from __future__ import annotations

import pytest

from tests.unit.core.analysis.analysis_helpers import (
    GOOD,
    codes,
    lines_of,
    quotes,
    run,
    swap,
)

MIGRATED = "• Migrated 40 services from a monolith to Kubernetes with zero customer downtime"


def test_a_bullet_without_a_number_is_quoted_with_its_line() -> None:
    analysis = run(swap(MIGRATED, "• Migrated services from a monolith to Kubernetes"))

    assert quotes(analysis, "impact.unquantified_bullets") == [
        "Migrated services from a monolith to Kubernetes"
    ]
    assert lines_of(analysis, "impact.unquantified_bullets") == {10}
    assert analysis.facts.quantified_bullets == analysis.facts.bullets - 1


def test_years_and_version_names_are_not_results() -> None:
    analysis = run(swap(MIGRATED, "• Migrated services to Python 3 on EC2 in 2019"))

    assert "Migrated services to Python 3 on EC2 in 2019" not in quotes(
        analysis, "impact.unquantified_bullets"
    )  # "Python 3" counts as a number, as in most checkers; the year alone would not
    assert "impact.unquantified_bullets" in codes(
        run(swap(MIGRATED, "• Migrated services to AWS in 2019"))
    )


@pytest.mark.parametrize(
    "dated",
    ["• 9/2019 - 6/2020: Migrated services to AWS", "• Migrated services to AWS on 01.08.2020"],
)
def test_a_date_written_in_digits_is_no_result(dated: str) -> None:
    analysis = run(swap(MIGRATED, dated))

    assert dated.lstrip("• ") in quotes(analysis, "impact.unquantified_bullets")
    # a count written as a fraction stays one
    shared = run(swap(MIGRATED, "• Migrated 12/15 services to AWS"))
    assert "Migrated 12/15 services to AWS" not in quotes(shared, "impact.unquantified_bullets")


def test_spelled_out_scale_counts_as_a_number() -> None:
    analysis = run(swap(MIGRATED, "• Migrated dozens of services from a monolith to Kubernetes"))

    assert "impact.unquantified_bullets" not in codes(analysis)


def test_weak_openers_are_flagged_and_strong_verbs_are_not() -> None:
    weak = run(swap(MIGRATED, "• Responsible for migrating 40 services to Kubernetes"))
    helped = run(swap(MIGRATED, "• Helped the platform team move 40 services to Kubernetes"))

    assert lines_of(weak, "verbs.weak_opener") == {10}
    assert lines_of(helped, "verbs.weak_opener") == {10}
    assert "verbs.weak_opener" not in codes(run(GOOD))


def test_a_label_over_the_people_of_a_role_is_no_duty_opener() -> None:
    label = run(swap(MIGRATED, "• Working with: L. Panico, O. Thevenon (OECD), L. Berger (UW)"))
    duty = run(swap(MIGRATED, "• Working with the platform team on 40 service migrations"))

    assert "verbs.weak_opener" not in codes(label)
    assert lines_of(duty, "verbs.weak_opener") == {10}


def test_a_bullet_that_opens_with_a_noun_has_no_verb() -> None:
    analysis = run(swap(MIGRATED, "• Kubernetes migration of 40 services with zero downtime"))

    assert lines_of(analysis, "verbs.no_verb") == {10}


def test_a_statement_whose_verb_comes_later_has_a_verb() -> None:
    text = swap(MIGRATED, "• My main job was moving 40 services from the monolith to Kubernetes")

    assert "verbs.no_verb" not in codes(run(text))


def test_labels_and_adverbs_before_a_verb_are_fine() -> None:
    text = swap(MIGRATED, "• Successfully migrated 40 services to Kubernetes")
    text = swap(
        "• Mentored 4 junior developers, two of whom were promoted within a year",
        "• Tech stack: Python, Go and Kafka across 12 services",
        text,
    )

    assert "verbs.no_verb" not in codes(run(text))


def test_the_same_opening_verb_three_times_is_no_finding_of_its_own() -> None:
    # measured on the gold set: 0 of 3 worth saying ('Created' five times is polish)
    text = swap("• Cut checkout", "• Led a cut in checkout", GOOD)
    text = swap("• Migrated 40", "• Led the migration of 40", text)

    assert codes(run(text)) == set()


def test_wrapped_bullets_are_one_statement() -> None:
    text = swap(
        MIGRATED,
        "• Migrated services from a monolith to Kubernetes across three regions while keeping\n"
        "customer-facing downtime at zero during the whole move",
    )

    bullet = next(b for b in run(text).bullets if b.line == 10)

    assert bullet.last_line == 11
    assert bullet.text.endswith("during the whole move")


@pytest.mark.parametrize(
    "line",
    ["• 3 years 4 months", "• Harbour Freight Logistics  Dayton, OH",
     "• [ 4 Feb 2019 – 30 Jun 2019 ]", "• Night Shift Supervisor, Riverside County, CA",
     "• Tidal research station, 12th Mar 2017 – 2nd Aug 2017 (volunteer)"],
)  # fmt: skip
def test_durations_and_employer_place_or_date_lines_are_not_statements(line: str) -> None:
    assert "verbs.no_verb" not in codes(run(swap(MIGRATED, line)))


NORTHWIND_BULLETS = """\
• Built an ingestion pipeline in Python that processes 12M events per day
• Reduced monthly cloud spend by $18K by rightsizing 200 PostgreSQL instances
• Mentored 4 junior developers, two of whom were promoted within a year
• Designed a schema migration tool adopted by 9 teams, cutting release prep from 2 days to 3 hours
"""


def test_noun_phrases_inside_a_running_paragraph_are_no_bullets_without_a_verb() -> None:
    # a role written as one 'Duties:' paragraph: its sentences share lines and run past the
    # paragraph length, so "Collection of billing data ..." is prose, not a verbless bullet
    paragraph = (
        "Duties: Built an ingestion pipeline in Python for 12M events a day. Collection of "
        "billing data\nfrom 200 PostgreSQL instances every night. Weekly reviews of cloud "
        "spend with the finance team and the\ntwo platform leads.\n"
    )
    terse = "• Inventory management and supplies. Vendor selection and sales."

    assert "verbs.no_verb" not in codes(run(swap(NORTHWIND_BULLETS, paragraph)))
    assert "verbs.no_verb" in codes(run(swap(MIGRATED, terse)))
