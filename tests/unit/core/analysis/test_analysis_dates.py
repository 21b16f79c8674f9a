"""Dates as resumes write them."""

from __future__ import annotations

import pytest

from resumeroast.core.analysis.dates import find_range, parse_point, split_range
from resumeroast.core.analysis.model import YearMonth


@pytest.mark.parametrize(
    ("written", "start", "end", "current"),
    [
        ("Jan 2020 – Mar 2021", YearMonth(2020, 1), YearMonth(2021, 3), False),
        ("January 2020 - March 2021", YearMonth(2020, 1), YearMonth(2021, 3), False),
        ("Sept. 2018 to May 2023", YearMonth(2018, 9), YearMonth(2023, 5), False),
        ("01/2020 - 03/2021", YearMonth(2020, 1), YearMonth(2021, 3), False),
        ("2020-01 to 2021-06", YearMonth(2020, 1), YearMonth(2021, 6), False),
        ("2018 - 2019", YearMonth(2018), YearMonth(2019), False),
        ("2020–Present", YearMonth(2020), None, True),
        ("Oct. 2021 – Current", YearMonth(2021, 10), None, True),
        ("March 2019 to date", YearMonth(2019, 3), None, True),
        ("Since 2019", YearMonth(2019), None, True),
        ("Jan '20 - Dec '21", YearMonth(2020, 1), YearMonth(2021, 12), False),
        ("Summer 2013", YearMonth(2013, 6), YearMonth(2013, 6), False),
        ("March (2021) - Present", YearMonth(2021, 3), None, True),
        ("desde el 2006", YearMonth(2006), None, True),
        ("10/2019 – hasta la actualidad", YearMonth(2019, 10), None, True),
        ("Mars 2020 - ce jour", YearMonth(2020, 3), None, True),
        ("Abril 2018 - hoje em dia", YearMonth(2018, 4), None, True),
    ],
)
def test_common_date_forms_parse(
    written: str, start: YearMonth, end: YearMonth | None, current: bool
) -> None:
    found = find_range(f"Engineer | Acme | {written}", 1)

    assert found is not None
    dates = found[0]
    assert (dates.start, dates.end, dates.current) == (start, end, current)


def test_styles_tell_formats_apart_but_may_june_july_are_neutral() -> None:
    styles = {
        text: parse_point(text).style
        for text in ("Jan 2020", "January 2020", "01/2020", "2020", "June 2020")
    }  # type: ignore[union-attr]

    assert styles == {
        "Jan 2020": "month_abbr",
        "January 2020": "month_full",
        "01/2020": "numeric",
        "2020": "year",
        "June 2020": "month",
    }


@pytest.mark.parametrize(
    "text", ["Built 2000+ dashboards", "Saved $2015 a month", "Grew 2019% YoY"]
)
def test_numbers_that_look_like_years_are_not_dates(text: str) -> None:
    assert find_range(text, 1) is None


def test_a_full_date_with_a_day_is_not_a_role_date() -> None:
    assert find_range("February 10, 2026 Jane Smith · Résumé 1", 1) is None


def test_a_range_split_over_two_lines_is_joined() -> None:
    split = split_range("June 2020 – MERN Developer, OpenAI", "Present Working on the API", 4)

    assert split is not None
    dates, _, _, carried = split
    assert (dates.start, dates.current) == (YearMonth(2020, 6), True)
    assert "Present Working on the API"[carried:] == "Working on the API"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [("Jan-2020 - Mar-2021", (2020, 1), (2021, 3)), ("2020/01 - 2021/03", (2020, 1), (2021, 3)),
     ("Sept/2018 to Jan/2019", (2018, 9), (2019, 1))],
)  # fmt: skip
def test_hyphenated_slashed_and_year_first_dates_are_read(
    text: str, start: tuple[int, int], end: tuple[int, int]
) -> None:
    found = find_range(f"Engineer | Acme | {text}", 1)

    assert found is not None
    dates = found[0]
    assert dates.end is not None
    assert (dates.start.year, dates.start.month, dates.end.year, dates.end.month) == (*start, *end)
