"""Tool names in the wrong case ("Html5", "jquery", "AutoCad"): what a reader in the field sees."""

from __future__ import annotations

from tests.unit.core.analysis.analysis_helpers import codes, found, run, swap

SKILLS = "Python, Go, PostgreSQL, Redis, Kubernetes, Docker, AWS, Terraform"


def test_miscased_tool_names_are_named_with_their_right_spelling() -> None:
    analysis = run(swap(SKILLS, "Html5, Css3, jquery, AutoCad, Github, PostgreSQL"))

    item = found(analysis, "spelling.tool_name_case")
    assert item is not None and item.severity.value == "info"
    for pair in ("'Html5' → 'HTML5'", "'Css3' → 'CSS3'", "'jquery' → 'jQuery'",
                 "'AutoCad' → 'AutoCAD'", "'Github' → 'GitHub'"):  # fmt: skip
        assert pair in item.message
    assert "PostgreSQL" not in item.message
    assert [e.quote for e in item.evidence] == ["Html5, Css3, jquery, AutoCad, Github, PostgreSQL"]


def test_links_capitals_and_everyday_words_are_left_alone() -> None:
    lines = (
        "Python, GITHUB ACTIONS, HTML, REST APIs, a rest day, Go\n"
        "• Published code at github.com/janesmith and https://jquery.com/plugins for 3 teams"
    )
    analysis = run(swap(SKILLS, lines))

    assert "spelling.tool_name_case" not in codes(analysis)


def test_a_clean_resume_has_no_miscased_names() -> None:
    assert "spelling.tool_name_case" not in codes(run(swap(SKILLS, SKILLS)))
