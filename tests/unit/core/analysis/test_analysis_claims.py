"""A claim of experience that the resume's own dates contradict."""

from __future__ import annotations

import pytest

from resumeroast.core.feedback import Severity
from tests.unit.core.analysis.analysis_helpers import GOOD, codes, found, quotes, run, swap

CODE = "content.claim_contradicted"
SUMMARY = "Backend engineer with eight years of experience building payment and data systems"
EDUCATION = "B.S. Computer Science | Oregon State University | 2013 - 2017"
JUNIOR = swap(
    "Mar 2017 - Dec 2020", "Mar 2023 - Dec 2023", swap("Jan 2021 - Present", "Jan 2024 - Present")
)


def test_a_claim_twice_the_dated_roles_is_quoted_with_the_dated_total() -> None:
    text = swap(EDUCATION, EDUCATION.replace("2013 - 2017", "2019 - 2023"), JUNIOR)

    analysis = run(text)

    item = found(analysis, CODE)
    assert item is not None
    assert item.severity is Severity.WARNING
    assert quotes(analysis, CODE) == ["eight years of experience"]
    assert "2.3 years" in item.message  # Jan 2024 - Jun 2025 and Mar - Dec 2023: 28 months


def test_a_claim_the_dates_allow_is_left_alone() -> None:
    assert CODE not in codes(run(GOOD))
    assert CODE not in codes(run(swap(SUMMARY, SUMMARY.replace("eight", "nine"))))


def test_a_senior_who_left_old_roles_off_is_not_contradicted() -> None:
    """Graduated in 2017: eight years since school leave room for roles not listed."""
    assert CODE not in codes(run(JUNIOR))


def test_no_claim_is_judged_when_no_role_has_dates() -> None:
    undated = swap(" | Mar 2023 - Dec 2023", "", swap(" | Jan 2024 - Present", "", JUNIOR))
    text = swap(EDUCATION, EDUCATION.replace("2013 - 2017", "2019 - 2023"), undated)

    assert CODE not in codes(run(text))


@pytest.mark.parametrize(
    ("old", "new", "quote"),
    [
        ("Mar 2017 - Dec 2020", "Nov 2020 - May 2020", "Nov 2020 - May 2020"),
        ("Mar 2017 - Dec 2020", "04/19 - 08/10", "04/19 - 08/10"),
        ("2013 - 2017", "2017 - 2013", "2017 - 2013"),
    ],
)
def test_a_range_that_ends_before_it_starts_is_quoted(old: str, new: str, quote: str) -> None:
    analysis = run(swap(old, new))

    item = found(analysis, "dates.contradict")
    assert item is not None
    assert item.severity is Severity.WARNING
    assert quotes(analysis, "dates.contradict") == [quote]


def test_ranges_that_run_forward_are_left_alone() -> None:
    text = swap("Mar 2017 - Dec 2020", "Mar 2017 - Mar 2017", swap("2013 - 2017", "05/13 - 06/17"))

    assert "dates.contradict" not in codes(run(GOOD))
    assert "dates.contradict" not in codes(run(text))


MISSION = "Missionary | Church Service | Nov 2018 - Nov 2022 | Worked 65+ hours weekly for {}\n"


def test_a_role_that_states_a_length_its_dates_contradict_is_quoted() -> None:
    analysis = run(GOOD + "Volunteering\n" + MISSION.format("24 months"))

    item = found(analysis, CODE)
    assert item is not None and item.severity is Severity.WARNING
    assert "'Worked 65+ hours weekly for 24 months'" in item.message
    assert "'Nov 2018 - Nov 2022'" in item.message
    assert quotes(analysis, CODE) == [MISSION.format("24 months").strip()]


@pytest.mark.parametrize("length", ["four years", "48 months", "45 months"])
def test_a_stated_length_near_the_dates_is_left_alone(length: str) -> None:
    """Nov 2018 - Nov 2022 is 48 or 49 months; 45 is rounding, not a slip."""
    assert CODE not in codes(run(GOOD + "Volunteering\n" + MISSION.format(length)))


def test_a_statement_under_a_role_counts_as_the_role_speaking() -> None:
    bullet = "• Served on the on-call rotation for 8 years, owning 3 incident reviews a month"
    analysis = run(swap("• Migrated 40 services", bullet + "\n• Migrated 40 services"))

    item = found(analysis, CODE)
    assert item is not None and "'Served on the on-call rotation for 8 years'" in item.message
    assert quotes(analysis, CODE) == [
        "Senior Software Engineer | Acme Payments | Jan 2021 - Present"
    ]
