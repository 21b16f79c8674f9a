"""One score vocabulary: the verdict's band word is the one the API, CLI and page show."""

from __future__ import annotations

import pytest

from resumeroast.core.vocabulary import (
    band_for,
    category_label,
    plural,
    score_bands,
    section_note_parts,
)


@pytest.mark.parametrize(
    ("score", "label"), [(100, "Strong"), (80, "Strong"), (72, "Getting there"), (59, "Needs work")]
)
def test_a_score_has_the_band_the_verdict_names(score: int, label: str) -> None:
    assert band_for(score).label == label
    assert [b.key for b in score_bands()] == ["strong", "getting_there", "needs_work"]


def test_people_read_words_not_codes() -> None:
    assert category_label("job_match") == "Job match"
    assert category_label("red_flag") == "Red flag"
    assert category_label("brand_new") == "Brand new"
    assert (plural(1, "role"), plural(3, "role")) == ("1 role", "3 roles")


def test_a_section_note_names_its_section_once_and_never_as_other() -> None:
    assert section_note_parts("education", "Education: No issues found.") == (
        "Education",
        "No issues found.",
    )
    assert section_note_parts("other", "Odd text without a name") == ("", "Odd text without a name")
