"""A poem, a paper, a letter or a few random bytes is refused with a reason, never roasted."""

from __future__ import annotations

from pathlib import Path

import pytest

from resumeroast.core.analysis import ensure_resume
from resumeroast.core.analysis.resume_like import not_a_resume
from resumeroast.core.documents import Document, sniff_kind
from resumeroast.core.readers import read_document
from resumeroast.errors import DocumentError, NotAResume
from tests.unit.core.analysis.analysis_helpers import AS_OF, GOOD, document, run

SHARED = Path(__file__).resolve().parents[5] / "shared" / "fixtures"
#: In the shared fixtures, the files that are not resumes (their MANIFEST says so).
NOT_RESUMES = ("resumes/hostile/", "resumes/jobs/", "resumes/pdf/awesomecv__coverletter.pdf")

POEM = """\
The Lantern Keeper
I kept the lantern through the winter dark,
and counted ships that never came to shore.
The gulls grew quiet, and the tide grew stark;
I kept the lantern burning, nothing more.
"""
LETTER = """\
Dear Ms. Alvarez,
I am writing to apply for the Staff Engineer position advertised on your careers page.
For eight years I have built payment systems, and I would bring that care to your team.
I would welcome the chance to talk about how I could help Initech grow.
Sincerely,
Jane Smith
"""
PAPER = (
    "Sediment Transport in Braided Rivers\n"
    "A. Researcher, Department of Earth Sciences, a.researcher@example.edu\n"
    + "We measure how gravel moves through braided channels during seasonal floods in the "
    "Alps, and we compare the measured fluxes with three transport models used in practice.\n" * 8
)
THIN_RESUME = "Jane Smith\njane@example.test\nExperience\nEngineer | Acme | 2020 - Present\n"


def _reason(text: str) -> str | None:
    doc = document(text)
    return not_a_resume(doc, run(text))


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (POEM, "only 35 words"),
        (LETTER, "reads as a letter"),
        (PAPER, "article, a story or a paper"),
        ("oops", "only 1 word,"),
        ("x7#qZ 9!!v k@@p ~~", "no contact details, dates or resume sections"),
    ],
)
def test_what_is_not_a_resume_is_refused_with_a_reason(text: str, says: str) -> None:
    doc = document(text)

    with pytest.raises(NotAResume) as refused:
        ensure_resume(doc, run(text))

    assert refused.value.user_message.startswith("This does not look like a resume")
    assert says in refused.value.user_message
    assert "Upload your resume itself" in refused.value.user_message
    assert refused.value.code == "not_a_resume"
    assert isinstance(refused.value, DocumentError)  # permanent: the job fails at once


@pytest.mark.parametrize(
    "text",
    [GOOD, THIN_RESUME, LETTER + GOOD],
    ids=["good", "thin", "letter-on-top"],
)
def test_a_resume_however_thin_is_never_refused(text: str) -> None:
    assert _reason(text) is None


def _fixtures() -> list[Path]:
    paths = sorted(p for p in SHARED.rglob("*") if p.is_file())
    return [
        p
        for p in paths
        if p.suffix not in {".toml", ".tsv"}
        and p.parent.name != "gold"
        and not str(p.relative_to(SHARED)).startswith(NOT_RESUMES)
    ]


def _read(path: Path) -> Document | None:
    data = path.read_bytes()
    try:
        return read_document(data, sniff_kind(data, path.name))
    except DocumentError:
        return None  # the readers refuse it already (an RTF file): not this check's call


def test_no_real_resume_in_the_shared_fixtures_is_refused() -> None:
    paths = _fixtures()
    if not paths:
        pytest.skip("shared fixtures not available")
    read = {path: doc for path in paths if (doc := _read(path)) is not None}
    from resumeroast.core.analysis import analyze

    refused = {
        str(path.relative_to(SHARED)): reason
        for path, doc in read.items()
        if (reason := not_a_resume(doc, analyze(doc, as_of=AS_OF))) is not None
    }

    assert len(read) >= 40
    assert refused == {}


def test_the_cover_letter_fixture_is_refused_as_a_letter() -> None:
    path = SHARED / "resumes/pdf/awesomecv__coverletter.pdf"
    if not path.exists():
        pytest.skip("shared fixtures not available")
    doc = _read(path)
    assert doc is not None
    from resumeroast.core.analysis import analyze

    assert "reads as a letter" in (not_a_resume(doc, analyze(doc, as_of=AS_OF)) or "")


def test_a_resume_written_as_prose_with_a_phone_is_reviewed() -> None:
    prose = (
        "Jane Smith, +1 (555) 201-3344, jane.smith@example.test\n"
        + "I am a registered nurse who has cared for patients in busy emergency departments, "
        "and I have trained new nurses on triage and on the hospital's record system.\n" * 6
    )

    assert _reason(prose) is None
