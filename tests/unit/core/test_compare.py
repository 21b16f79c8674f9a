"""Every revision compared: a real resume and an edited copy, findings fixed / still open / new."""

from __future__ import annotations

from pathlib import Path

import pytest

from resumeroast.core.analysis import analyze, render_feedback
from resumeroast.core.compare import compare
from resumeroast.core.documents import sniff_kind
from resumeroast.core.feedback import Feedback, Level
from resumeroast.core.readers import read_document
from tests.unit.core.analysis.analysis_helpers import AS_OF

FIXTURE = (
    Path(__file__).resolve().parents[4]
    / "shared"
    / "fixtures"
    / "resumes"
    / "text"
    / "hrhelper__sample_resume.txt"
)
WEAK = "Participated in agile development processes with 2-week sprint cycles"
STRONG = "Ran 2-week agile sprints for a team of 6, shipping 24 releases a year"
SUMMARY = "and distributed systems."
CLICHE = "and distributed systems. A hard-working team player who thinks outside the box."


def roast(text: str) -> tuple[Feedback, str]:
    data = text.encode()
    document = read_document(data, sniff_kind(data, "resume.txt"))
    return render_feedback(analyze(document, as_of=AS_OF), Level.HONEST), document.text


@pytest.fixture
def original() -> str:
    if not FIXTURE.exists():
        pytest.skip("shared fixture resume not available")
    text = FIXTURE.read_text()
    assert WEAK in text and SUMMARY in text
    return text


def test_a_revision_counts_the_finding_fixed_the_one_new_and_those_still_open(
    original: str,
) -> None:
    # a line added at the top moves every later finding down a line: they must stay "open"
    revised = (
        original.replace("San Francisco, CA\n", "San Francisco, CA\nlinkedin.com/in/johndoe\n")
        .replace(WEAK, STRONG)
        .replace(SUMMARY, CLICHE)
    )
    before, before_text = roast(original)
    after, after_text = roast(revised)

    result = compare(before, after, before_text=before_text, after_text=after_text)

    assert [f.code for f in result.fixed] == ["verbs.weak_opener"]
    assert [f.code for f in result.new] == ["language.cliche"]
    assert len(result.still_open) == len(before.findings) - 1
    assert "impact.unquantified_bullets" in [f.code for f in result.still_open]
    changed = {(c.kind, c.text.lstrip("•- ")) for c in result.lines}
    assert ("removed", WEAK) in changed and ("added", STRONG) in changed
    assert ("added", "linkedin.com/in/johndoe") in changed
    assert len(result.lines) == 5  # the contact line, the summary line replaced, the bullet


def test_the_same_resume_moved_down_the_page_changes_nothing(original: str) -> None:
    before, before_text = roast(original)
    after, after_text = roast(original.replace("\n\nSUMMARY", "\n\n\nSUMMARY"))

    result = compare(before, after, before_text=before_text, after_text=after_text)

    assert (result.fixed, result.new, result.lines) == ([], [], [])
    assert result.overall_change == 0
    assert len(result.still_open) == len(before.findings)


def test_quantifying_one_bullet_keeps_the_list_finding_open_and_moves_the_score(
    original: str,
) -> None:
    bullet = "Built RESTful APIs using FastAPI and PostgreSQL"
    before, _ = roast(original)
    after, _ = roast(original.replace(bullet, bullet + " serving 3M requests a day"))

    result = compare(before, after)

    assert result.fixed == [] and result.new == []
    assert "impact.unquantified_bullets" in [f.code for f in result.still_open]
    impact = next(s for s in result.scores if s.name == "impact")
    assert impact.change is not None and impact.change > 0
