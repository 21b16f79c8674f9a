"""Mutated fixture files never crash a reader: each gives a Document or a clear DocumentError.

Property-based (hypothesis) with a fixed budget: byte flips, truncations, splices and
repeated regions of real resumes, through the same sandboxed parse the worker uses, so a
hang or a memory blow-up would also show (as DocumentTooComplex, never as a stuck test).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resumeroast.adapters.parsing import parse_document
from resumeroast.core.documents import Document, DocumentKind, sniff_kind
from resumeroast.errors import DocumentError

FIXTURES = Path(__file__).resolve().parents[4] / "shared" / "fixtures" / "resumes"
SEEDS = [
    FIXTURES / "pdf/resumematcher__single-column.pdf",
    FIXTURES / "pdf/resumematcher__modern-two-column.pdf",
    FIXTURES / "docx/soupboss__01-Accountant.docx",
    FIXTURES / "text/tomasino__resume.markdown",
]
SEED_BYTES = [path.read_bytes() for path in SEEDS]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[bytes, str]:
    index = draw(st.integers(0, len(SEEDS) - 1))
    data = bytearray(SEED_BYTES[index])
    for _ in range(draw(st.integers(1, 4))):
        operation = draw(st.sampled_from(["flip", "truncate", "splice", "repeat", "zero"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if operation == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif operation == "truncate":
            del data[at:]
        elif operation == "splice":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif operation == "repeat":
            data[at:at] = data[at : at + 512] * draw(st.integers(2, 8))
        elif operation == "zero":
            data[at : at + 256] = bytes(min(256, len(data) - at))
    return bytes(data), SEEDS[index].name


@given(mutated())
@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
def test_mutated_files_give_a_document_or_a_clear_error(case: tuple[bytes, str]) -> None:
    data, name = case
    try:
        kind = sniff_kind(data, name)
        document = parse_document(data, kind, max_pages=20, timeout_s=10, memory_limit_mb=512)
    except DocumentError as exc:
        assert exc.user_message and exc.code  # says what was wrong and what to do
        return
    assert isinstance(document, Document)
    assert all(line.text.strip() for line in document.lines)
    assert kind in DocumentKind
