import pytest

from resumeroast.core.readers.normalize import (
    canonical_bullet,
    clean_text,
    join_broken_words,
    normalize_line,
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\ufb01nance and work\ufb02ow", "finance and workflow"),
        ("e\ufb00ort, e\ufb03cient, ba\ufb04e", "effort, efficient, baffle"),
        ("“Led” the team’s ‘launch’", "\"Led\" the team's 'launch'"),
        ("Jan\u00a02020\u2009–\u202fPresent", "Jan 2020 – Present"),
        ("zero\u200bwidth\ufeff and soft\u00adhyphen", "zerowidth and softhyphen"),
        ("tabs\there\t\tand   spaces  ", "tabs here and spaces"),
        ("Python\u2011based, \u2010dash", "Python-based, -dash"),
        ("control\x07 char", "control char"),
        ("2019 — 2021: Acme – Berlin", "2019 — 2021: Acme – Berlin"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    "raw",
    ["• Led a team", "● Led a team", "▪ Led a team", "◦ Led a team", "‣ Led a team",
     "▶ Led a team", "► Led a team", "· Led a team", "– Led a team", "- Led a team",
     "* Led a team", "\uf0b7 Led a team", "\uf0b7Led a team", "\ufffd Led a team", "•Led a team"],
)  # fmt: skip
def test_bullet_glyphs_become_one_prefix(raw: str) -> None:
    assert normalize_line(raw) == "• Led a team"


@pytest.mark.parametrize("raw", ["-5% churn", "*nix systems", "–2 days", "\ufffdx", "Python"])
def test_characters_that_only_look_like_bullets_are_kept(raw: str) -> None:
    assert canonical_bullet(raw) == raw


def test_word_broken_at_line_end_is_rejoined_on_the_first_line() -> None:
    joined = join_broken_words(["built a distrib-", "uted, scalable system", "for pay-", "ments"])
    assert joined == ["built a distributed,", "scalable system", "for payments", ""]


def test_compound_words_keep_their_hyphen() -> None:
    assert join_broken_words(["a self-", "motivated lead"]) == ["a self-motivated", "lead"]
    assert join_broken_words(["community-", "driven work"]) == ["community-driven", "work"]


@pytest.mark.parametrize(
    "pair",
    [
        ["Skills: Python, C-", "family languages"],  # no word before the hyphen
        ["2019-", "present"],  # a date range
        ["Languages: Go -", "rust"],  # a dash, not a hyphen
        ["Python-", "Go and Rust"],  # the next line starts with a capital
        ["cloud-", "• migrated services"],  # the next line is a bullet
    ],
)
def test_lines_that_are_not_a_broken_word_stay_apart(pair: list[str]) -> None:
    assert join_broken_words(pair) == pair
