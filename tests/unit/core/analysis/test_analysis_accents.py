"""A PDF text layer that splits accented letters ("Pers¨onliche") is an ATS problem."""

from __future__ import annotations

import pytest

from resumeroast.core.analysis.checks.accents import restored
from resumeroast.core.documents import DocumentKind
from tests.unit.core.analysis.analysis_helpers import GOOD, codes, found, run

#: what pdfLaTeX without T1 encoding leaves in the text layer of a French and German page
SPLIT = (
    "Languages\n"
    "Fran¸cais (langue maternelle), Allemand: Pers¨onliche Daten und F¨uhrerschein\n"
    "R´esum´e written for the ´Ecole Polytechnique\n"
)


@pytest.mark.parametrize(
    ("word", "whole"),
    [
        ("Fran¸cais", "Français"),
        ("Pers¨onliche", "Persönliche"),
        ("Perso¨nliche", "Persönliche"),  # the accent after its letter, as some fonts put it
        ("R´esum´e", "Résumé"),
        ("Boys´", None),  # an apostrophe typed as an accent: "Boys´ Day"
        ("Peter´s", None),
    ],
)
def test_a_split_accent_is_put_back_on_its_letter(word: str, whole: str | None) -> None:
    assert restored(word) == whole


def test_a_pdf_whose_text_layer_splits_accents_is_an_ats_warning() -> None:
    split = run(GOOD + SPLIT, kind=DocumentKind.PDF)

    item = found(split, "ats.split_accents")
    assert item is not None and item.severity.value == "warning"
    assert "'Fran¸cais' for 'Français'" in item.message
    whole = GOOD + SPLIT.replace("Fran¸cais", "Français").replace("Pers¨onliche", "Persönliche")
    whole = whole.replace("F¨uhrerschein", "Führerschein").replace("R´esum´e", "Résumé")
    whole = whole.replace("´Ecole", "École")
    assert "ats.split_accents" not in codes(run(whole, kind=DocumentKind.PDF))


def test_two_odd_words_an_apostrophe_accent_or_a_typed_file_are_no_split_layer() -> None:
    two = GOOD + "Languages\nFran¸cais, J¨org's reading group\n"
    apostrophes = GOOD + "Activities\nBoys´ Day 2016, Boys´ Day 2017, Peter´s Bistro 2018\n"

    assert "ats.split_accents" not in codes(run(two, kind=DocumentKind.PDF))
    assert "ats.split_accents" not in codes(run(apostrophes, kind=DocumentKind.PDF))
    assert "ats.split_accents" not in codes(run(GOOD + SPLIT, kind=DocumentKind.TXT))
