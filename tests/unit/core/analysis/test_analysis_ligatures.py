"""A PDF text layer that lost its ligatures ("nancial" for "financial") is an ATS problem."""

from __future__ import annotations

from resumeroast.core.analysis.checks.ligatures import broken_words
from resumeroast.core.analysis.lines import visible_lines
from resumeroast.core.documents import Document, DocumentKind, Line
from tests.unit.core.analysis.analysis_helpers import GOOD, codes, found, run

#: what an extractor gives for a font whose fi/ff glyphs map to no character
LOST = (
    "Summary\n"
    "Certi ed public accountant and nancial controller for retail groups\n"
    "Experience\n"
    "• Identi ed 40 duplicate suppliers and cut costs by 12% across the of ce network\n"
    "• Led the nancial close for 3 subsidiaries in 4 days\n"
    "• Built the group's first nance dashboard for the board\n"
)


def _lines(text: str) -> list[str]:
    document = Document(DocumentKind.PDF, (Line(1, text),))
    return [f"{w.broken}->{w.restored}" for w in broken_words(visible_lines(document)[0])]


def test_words_that_lost_a_ligature_are_restored_by_the_dictionary() -> None:
    assert _lines("Quantitative nancial analyst") == ["nancial->financial"]
    assert _lines("Microsoft Of ce and Identi ed risks") == [
        "Of ce->Office", "Identi ed->Identified",
    ]  # fmt: skip
    assert _lines("Led the finance office with staff of five") == []


def test_a_pdf_that_lost_its_ligatures_is_a_critical_ats_finding() -> None:
    broken = run(GOOD + LOST, kind=DocumentKind.PDF)

    item = found(broken, "ats.lost_ligatures")
    assert item is not None and item.severity.value == "critical"
    assert "'nancial' for 'financial'" in item.message
    assert any("Identi ed" in e.quote for e in item.evidence)
    restored = GOOD + LOST.replace("nancial", "financial").replace("Certi ed", "Certified")
    restored = restored.replace("Identi ed", "Identified").replace("of ce", "office")
    restored = restored.replace("nance", "finance")
    assert "ats.lost_ligatures" not in codes(run(restored, kind=DocumentKind.PDF))


def test_one_odd_word_or_a_text_file_is_not_a_broken_text_layer() -> None:
    one = GOOD + "• Led the nancial close for 3 subsidiaries in 4 days\n"
    assert "ats.lost_ligatures" not in codes(run(one, kind=DocumentKind.PDF))
    assert "ats.lost_ligatures" not in codes(run(GOOD + LOST, kind=DocumentKind.TXT))
