"""Every shared fixture through sniffing and reading, as an upload would go."""

from functools import cache
from pathlib import Path

import pytest

from resumeroast.core.documents import Document, DocumentKind, sniff_kind
from resumeroast.core.readers import read_document
from resumeroast.errors import (
    DocumentError,
    EmptyDocument,
    EncryptedDocument,
    UnreadableDocument,
    UnsupportedFileType,
)
from tests.unit.core.readers.fixtures import FIXTURES, assert_consecutive, fixture, position

# One phrase per file that a correct reading must contain, in one line.
EXPECTED = {
    "pdf/altacv__sample.pdf": "Thesis title: Wonderful Research",
    "pdf/ampledata__greg_albrecht_resume.pdf": "Greg Albrecht",
    "pdf/awesomecv__coverletter.pdf": "Claud D. Park",
    "pdf/awesomecv__resume.pdf": "DevOps Engineer · Software Architect",
    "pdf/billryan__resume-zh_CN.pdf": "你的大名",
    "pdf/deedy__deedy_resume-openfont.pdf": "2014 1st/50 Microsoft Coding Competition, Cornell",
    "pdf/openresume__laverne-resume.pdf": "(909) 555-5555",
    "pdf/pyresparser__OmkarResume.pdf": "Omkar Pathak",
    "pdf/rendercv__John_Doe_EmberTheme_CV.pdf": "Open-source library for high-performance LLM",
    "pdf/rendercv__John_Doe_EngineeringresumesTheme_CV.pdf": "FlashInfer Jan 2023 – present",
    "pdf/rendercv__John_Doe_ModerncvTheme_CV.pdf": "Princeton University, PhD in Computer Science",
    "pdf/resumematcher__alfred_pennyworth_pm.pdf": "Alfred Pennyworth",
    "pdf/resumematcher__bruce_wayne_fullstack.pdf": "Bruce Wayne",
    "pdf/resumematcher__harvey_dent_mle.pdf": "Harvey Dent",
    "pdf/resumematcher__modern-two-column.pdf": "Bachelor of Science, Computer Science",
    "pdf/resumematcher__single-column.pdf": "Senior Software Engineer Jan 2023 - Present",
    "pdf/soupboss__01-Accountant.pdf": "Seattle, WA | 206-555-0149 | emoore@email.com",
    "pdf/soupboss__02-Office Coordinator.pdf": "Cody Fredrickson",
    "docx/soupboss__01-Accountant.docx": "• Prepared tax returns for clients during tax season",
    "docx/soupboss__02-Office Coordinator.docx": "• Handle insurance billing and compliance",
    "docx/soupboss__Minnie01_docx.docx": "Sr. System Reliability Engineer",
    "docx/tomasino__resume.docx": "• Email: resume@jamestomasino.com",
    "text/hrhelper__sample_resume.txt": "• Built RESTful APIs using FastAPI and PostgreSQL",
    "text/jsonresume__sample.resume.json": "CEO/President, Pied Piper, Palo Alto, CA | Dec 2013",
    "text/rendercv__diacritics.yaml": "Software Engineer, Banco Santander, Madrid",
    "text/rendercv__sample_cv_text.txt": "SARAH JOHNSON",
    "text/resumematcher__german_resume_long.md": "Lebenslauf — Max Mustermann",
    "text/tomasino__resume.markdown": "• Email: resume@jamestomasino.com",
    "text/tomasino__resume.rst": "James Tomasino",
}


@cache
def upload(relative: str) -> Document:
    return read_document(fixture(relative), sniff_kind(fixture(relative), Path(relative).name))


def test_every_fixture_is_listed() -> None:
    on_disk = {
        f"{folder}/{path.name}"
        for folder in ("pdf", "docx", "text")
        for path in (FIXTURES / folder).iterdir()
    }
    refused = {"docx/tomasino__resume.rtf", "text/resumematcher__sample-resume.json"}
    assert on_disk - set(EXPECTED) == refused


@pytest.mark.parametrize("relative", sorted(EXPECTED))
def test_fixture_reads_to_numbered_clean_lines(relative: str) -> None:
    document = upload(relative)
    assert any(EXPECTED[relative] in line.text for line in document.lines)
    assert [line.number for line in document.lines] == list(range(1, len(document.lines) + 1))
    assert all(line.text and line.text == line.text.strip() for line in document.lines)
    assert document.word_count >= 60
    replaced = sum(document.text.count(c) for c in "\ufffd\ufb01\ufb02\u00a0\u200b")
    assert replaced <= len(document.text) // 200
    assert document.layout.hidden_text == ()


def test_markdown_is_read_without_markup() -> None:
    document = upload("text/tomasino__resume.markdown")
    assert document.kind is DocumentKind.MD
    assert not any(line.text.startswith(("#", "**", "- ", "---", "===")) for line in document.lines)
    assert "Technology Director, CSM at GSW (http://gsw-w.com)" in document.text


def test_rtf_is_refused_as_unsupported() -> None:
    with pytest.raises(UnsupportedFileType, match="RTF"):
        upload("docx/tomasino__resume.rtf")


def test_json_in_a_schema_of_its_own_is_refused_with_what_to_upload() -> None:
    with pytest.raises(UnsupportedFileType) as refused:
        upload("text/resumematcher__sample-resume.json")
    assert "JSON Resume" in refused.value.user_message


def test_pdf_and_docx_twins_read_the_same_words() -> None:
    from_pdf = set(upload("pdf/soupboss__01-Accountant.pdf").text.split())
    from_docx = set(upload("docx/soupboss__01-Accountant.docx").text.split())
    assert len(from_pdf & from_docx) >= 0.95 * len(from_docx)


# --- reading order -------------------------------------------------------------------------


def test_modern_two_column_sidebar_does_not_interleave_with_the_summary() -> None:
    document = upload("pdf/resumematcher__modern-two-column.pdf")
    assert_consecutive(
        document,
        "Senior Software Engineer with 5+ years of proven expertise designing",
        "and building scalable backend systems, distributed architectures, and",
        "cloud-native infrastructure. Proficient in Go, Python, and Node.js with",
    )
    assert_consecutive(
        document, "SKILLS", "Go Python Node.js TypeScript", "JavaScript SQL PostgreSQL"
    )
    # The whole sidebar comes after the last line of the main column.
    assert position(document, "EDUCATION") > position(document, "optimization capabilities")
    assert position(document, "John Doe") == 0
    assert document.layout.column_pages == (1,)


def test_altacv_right_column_stays_out_of_the_experience_section() -> None:
    document = upload("pdf/altacv__sample.pdf")
    assert_consecutive(document, "Job Title 1", "Company 1", "Date: Month 20XX – Ongoing")
    assert_consecutive(
        document, '"Something smart or heartfelt, preferably', 'in one sentence."', "MOST PROUD OF"
    )
    experience, abstract = position(document, "EXPERIENCE"), position(document, "A short abstract")
    philosophy = position(document, "MY LIFE PHILOSOPHY")
    assert not experience < philosophy < abstract
    assert document.layout.column_pages == (1, 2)


def test_deedy_narrow_left_column_is_read_before_the_experience_column() -> None:
    document = upload("pdf/deedy__deedy_resume-openfont.pdf")
    assert position(document, "Debarghya Das") < position(document, "EDUCATION")
    assert_consecutive(document, "EDUCATION", "CORNELL UNIVERSITY", "MENG IN COMPUTER SCIENCE")
    assert_consecutive(document, "Familiar:", "AS3 • iOS • Android • MySQL", "EXPERIENCE")
    assert_consecutive(
        document, "FACEBOOK | SOFTWARE ENGINEER", "Jan 2015 - Present | New York, NY"
    )


def test_single_column_resume_reads_top_to_bottom() -> None:
    document = upload("pdf/resumematcher__single-column.pdf")
    assert document.layout.columns == 1
    assert_consecutive(document, "EXPERIENCE", "Senior Software Engineer Jan 2023 - Present")
    assert (
        position(document, "SUMMARY")
        < position(document, "EXPERIENCE")
        < position(document, "SKILLS")
    )


def test_dates_in_a_left_margin_stay_with_their_role() -> None:
    document = upload("pdf/resumematcher__alfred_pennyworth_pm.pdf")
    assert document.layout.columns == 1
    assert any(
        line.text == "2012 – 2017 Software Development Engineer III, Amazon, Seattle, WA, USA"
        for line in document.lines
    )


# --- hostile files ---------------------------------------------------------------------------

#: None: a document with text; NO_TEXT: a document with no lines, its pages all images.
NO_TEXT = "no text"
HOSTILE: dict[str, type[DocumentError] | str | None] = {
    "pdfminer__issue-1113-evil-xobjects.pdf": None,
    "pypdf__Seige_of_Vicksburg_Sample_OCR.pdf": None,
    "pypdf__arrayabruptending.pdf": None,
    "pypdf__issue-297.pdf": None,
    "pypdfsamples__habibi.pdf": None,
    "pypdfsamples__imagemagick-CCITTFaxDecode.pdf": NO_TEXT,
    "pypdfsamples__libreoffice-writer-password.pdf": EncryptedDocument,
    "qpdf__bad-content.pdf": UnreadableDocument,
    "qpdf__empty.pdf": EmptyDocument,
}


def test_every_hostile_fixture_is_listed() -> None:
    assert {path.name for path in (FIXTURES / "hostile").iterdir()} == set(HOSTILE)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_gives_a_document_or_its_specific_error(name: str) -> None:
    data, expected = fixture(f"hostile/{name}"), HOSTILE[name]
    if expected is None:
        assert read_document(data, DocumentKind.PDF).lines
    elif expected == NO_TEXT:
        assert_no_text(read_document(data, DocumentKind.PDF))
    else:
        with pytest.raises(expected) as raised:
            read_document(data, DocumentKind.PDF)
        assert type(raised.value) is expected


def assert_no_text(document: Document) -> None:
    assert document.lines == ()
    pages = document.layout.pages
    assert document.layout.image_only_pages == tuple(range(1, pages + 1))


#: As an upload: sniffing refuses a fuzzed header before any reader sees it; else as HOSTILE.
HOSTILE_UPLOAD = HOSTILE | {"qpdf__bad-content.pdf": UnsupportedFileType}


@pytest.mark.parametrize("name", sorted(HOSTILE_UPLOAD))
def test_hostile_file_upload_gives_a_document_or_its_specific_error(name: str) -> None:
    expected = HOSTILE_UPLOAD[name]
    if expected is None:
        assert upload(f"hostile/{name}").lines
    elif expected == NO_TEXT:
        assert_no_text(upload(f"hostile/{name}"))
    else:
        with pytest.raises(DocumentError) as raised:
            upload(f"hostile/{name}")
        assert type(raised.value) is expected


def test_scanned_pages_with_an_ocr_layer_are_marked() -> None:
    document = upload("hostile/pypdf__Seige_of_Vicksburg_Sample_OCR.pdf")
    assert document.layout.scanned_pages == (1, 2, 3, 4, 5, 6)
    assert "VICKSBURG" in document.text


def test_broken_unicode_mapping_is_flagged() -> None:
    assert upload("hostile/pypdfsamples__habibi.pdf").layout.unmappable_text_pages == (1,)


def test_self_drawing_form_xobjects_terminate() -> None:
    document = upload("hostile/pdfminer__issue-1113-evil-xobjects.pdf")
    assert "Hello world" in document.text
