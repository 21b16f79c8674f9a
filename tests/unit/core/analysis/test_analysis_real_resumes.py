"""Real resumes from the shared fixtures, parsed by the real readers (public types only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from resumeroast.core.analysis import analyze, render_feedback
from resumeroast.core.documents import Document, sniff_kind
from resumeroast.core.feedback import Level
from resumeroast.core.readers import read_document
from tests.unit.core.analysis.analysis_helpers import AS_OF

FIXTURES = Path(__file__).resolve().parents[5] / "shared" / "fixtures" / "resumes"
SAMPLES = [
    "pdf/resumematcher__modern-two-column.pdf",
    "pdf/resumematcher__bruce_wayne_fullstack.pdf",
    "pdf/rendercv__John_Doe_EngineeringresumesTheme_CV.pdf",
    "docx/soupboss__01-Accountant.docx",
    "text/hrhelper__sample_resume.txt",
    "text/tomasino__resume.markdown",
]


def _read(name: str) -> Document:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"fixture {name} not available")
    data = path.read_bytes()
    return read_document(data, sniff_kind(data, path.name))


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", SAMPLES)
def test_every_quote_is_on_the_line_it_cites(name: str) -> None:
    document = _read(name)
    by_number = {line.number: line.text for line in document.lines}
    numbers = sorted(by_number)

    analysis = analyze(document, as_of=AS_OF)

    for item in analysis.findings:
        for evidence in item.evidence:
            if evidence.line is None:
                continue
            start = numbers.index(evidence.line)
            window = _squash(" ".join(by_number[n] for n in numbers[start : start + 6]))
            assert _squash(evidence.quote) in window, (item.code, evidence)


@pytest.mark.parametrize("name", SAMPLES)
def test_real_resumes_are_read_into_sections_roles_and_bullets(name: str) -> None:
    analysis = analyze(_read(name), as_of=AS_OF)

    assert "experience" in analysis.facts.sections
    assert len([r for r in analysis.roles if r.section == "experience"]) >= 2
    assert analysis.facts.bullets >= 5
    assert analysis.facts.contact.email
    assert render_feedback(analysis, Level.BRUTAL).overall_score == analysis.overall_score


def test_a_two_column_resume_keeps_its_experience_together() -> None:
    analysis = analyze(_read("pdf/resumematcher__modern-two-column.pdf"), as_of=AS_OF)

    employers = [r.title for r in analysis.roles if r.section == "experience"]
    assert len(employers) == 3
    assert all(b.role is not None for b in analysis.bullets if b.section == "experience")
