"""Where the shared resume fixtures live, and small helpers to read them."""

from __future__ import annotations

from pathlib import Path

from resumeroast.core.documents import Document

FIXTURES = Path(__file__).resolve().parents[5] / "shared" / "fixtures" / "resumes"
GOLD = FIXTURES.parent / "gold"  #: real resumes with an expert's annotation beside each


def fixture(relative: str) -> bytes:
    return (FIXTURES / relative).read_bytes()


def position(document: Document, text: str) -> int:
    """Index of the first line containing `text` (fails the test if there is none)."""
    for index, line in enumerate(document.lines):
        if text in line.text:
            return index
    raise AssertionError(f"no line contains {text!r}")


def assert_consecutive(document: Document, *texts: str) -> None:
    """The lines containing these texts follow each other directly, in this order."""
    found = [position(document, text) for text in texts]
    assert found == list(range(found[0], found[0] + len(texts))), [
        document.lines[i].text for i in range(min(found), max(found) + 1)
    ]
