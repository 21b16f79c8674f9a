"""The parse sandbox: same answer as an in-process read, errors by type, limits enforced."""

import multiprocessing
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from multiprocessing.connection import Connection

import pytest

from resumeroast.adapters import parsing
from resumeroast.adapters.parsing import (
    ParserFailed,
    classify_answer,
    parse_document,
    render_page_images,
    stop_server,
)
from resumeroast.adapters.parsing_wire import document_from_json, document_to_json
from resumeroast.core.documents import DocumentKind
from resumeroast.core.page_marks import PageSize, to_area
from resumeroast.core.readers import ocr, read_document
from resumeroast.errors import (
    DocumentError,
    DocumentTooComplex,
    EmptyDocument,
    EncryptedDocument,
    UnreadableDocument,
)
from tests.unit.core.readers.fixtures import fixture
from tests.unit.core.readers.test_ocr import RESUME, scanned

TWO_COLUMN = "pdf/resumematcher__modern-two-column.pdf"
LIMITS = {"max_pages": 20, "timeout_s": 20, "memory_limit_mb": 256}


@pytest.mark.parametrize(
    ("relative", "kind"),
    [(TWO_COLUMN, DocumentKind.PDF), ("docx/soupboss__01-Accountant.docx", DocumentKind.DOCX)],
)
def test_sandboxed_parse_returns_the_same_document(relative: str, kind: DocumentKind) -> None:
    data = fixture(relative)
    assert parse_document(data, kind, **LIMITS) == read_document(data, kind)


@pytest.mark.parametrize(
    ("relative", "error"),
    [
        ("hostile/pypdfsamples__libreoffice-writer-password.pdf", EncryptedDocument),
        ("hostile/qpdf__empty.pdf", EmptyDocument),
        ("hostile/qpdf__bad-content.pdf", UnreadableDocument),
    ],
)
def test_document_errors_cross_the_process_boundary_with_their_type(
    relative: str, error: type[DocumentError]
) -> None:
    with pytest.raises(error) as raised:
        parse_document(fixture(relative), DocumentKind.PDF, **LIMITS)
    assert type(raised.value) is error
    assert raised.value.user_message == error.user_message


def test_a_pdf_with_no_text_crosses_the_process_boundary_with_its_layout_facts() -> None:
    document = parse_document(
        fixture("hostile/pypdfsamples__imagemagick-CCITTFaxDecode.pdf"), DocumentKind.PDF, **LIMITS
    )
    assert document.lines == ()
    assert document.layout.pages >= 1
    assert document.layout.image_only_pages == tuple(range(1, document.layout.pages + 1))


@pytest.mark.skipif(ocr.tessdata() is None, reason="Tesseract not installed")
def test_a_scanned_resume_is_read_by_ocr_inside_the_sandbox_limits() -> None:
    """Tesseract runs in the child: no file written (RLIMIT_FSIZE=0), 256 MB, the deadline."""
    data = scanned(RESUME)
    document = parse_document(data, DocumentKind.PDF, **LIMITS)
    assert [line.text for line in document.lines] == RESUME
    assert (document.layout.image_only_pages, document.layout.ocr_pages) == ((1,), (1,))


def test_page_limit_is_applied_in_the_child() -> None:
    with pytest.raises(DocumentTooComplex, match="9 pages"):
        parse_document(fixture("pdf/ampledata__greg_albrecht_resume.pdf"), DocumentKind.PDF,
                       max_pages=2, timeout_s=20, memory_limit_mb=256)  # fmt: skip


def test_a_parse_that_outgrows_its_memory_is_too_complex() -> None:
    huge_text = b"keyword " * 3_000_000  # 24 MB of text needs far more than 8 MB to decode
    with pytest.raises(DocumentTooComplex, match="memory"):
        parse_document(huge_text, DocumentKind.TXT, max_pages=20, timeout_s=20, memory_limit_mb=8)


def test_a_parse_past_its_deadline_is_stopped() -> None:
    with pytest.raises(DocumentTooComplex, match="longer than 0.01 s"):
        parse_document(
            fixture(TWO_COLUMN), DocumentKind.PDF, max_pages=20, timeout_s=0.01, memory_limit_mb=256
        )
    assert parse_document(fixture(TWO_COLUMN), DocumentKind.PDF, **LIMITS).lines  # server fine


@pytest.fixture
def server_with_reader(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Run the real fork server with read_document replaced by the given code."""

    def start(reader_code: str) -> None:
        stop_server()
        code = (
            "import os, signal, sys, time\n"
            "import resumeroast.adapters.parsing_child as child\n"
            f"child.read_document = {reader_code}\n"
            "sys.exit(child.serve(sys.stdin.buffer, sys.stdout.buffer))\n"
        )
        monkeypatch.setattr(parsing, "SERVER_COMMAND", (sys.executable, "-c", code))

    yield start
    stop_server()


def test_a_hanging_parse_is_killed_at_the_deadline(
    server_with_reader: Callable[[str], None],
) -> None:
    server_with_reader("lambda *args, **kwargs: time.sleep(600)")
    started = time.monotonic()
    with pytest.raises(DocumentTooComplex, match="longer than 0.5 s"):
        parse_document(b"%PDF-", DocumentKind.PDF, max_pages=20, timeout_s=0.5, memory_limit_mb=256)
    assert time.monotonic() - started < 10


def test_a_crashing_parse_is_too_complex_and_the_server_carries_on(
    server_with_reader: Callable[[str], None],
) -> None:
    server_with_reader(
        "lambda data, *a, **k: os.kill(os.getpid(), signal.SIGSEGV) if data == b'x' else 1/0"
    )
    with pytest.raises(DocumentTooComplex, match="signal 11"):
        parse_document(b"x", DocumentKind.PDF, **LIMITS)
    with pytest.raises(UnreadableDocument, match="ZeroDivisionError"):
        parse_document(b"y", DocumentKind.PDF, **LIMITS)


def test_a_dead_server_is_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    stop_server()
    one_shot = (
        "import io, json, sys\n"
        "import resumeroast.adapters.parsing_child as child\n"
        "line = sys.stdin.buffer.readline()\n"
        "body = sys.stdin.buffer.read(int(json.loads(line)['length']))\n"
        "child.serve(io.BytesIO(line + body), sys.stdout.buffer)\n"
    )
    monkeypatch.setattr(parsing, "SERVER_COMMAND", (sys.executable, "-c", one_shot))
    data = fixture("text/hrhelper__sample_resume.txt")
    try:
        for _ in range(3):  # each server answers once and exits
            assert parse_document(data, DocumentKind.TXT, **LIMITS).lines
    finally:
        stop_server()


@pytest.mark.parametrize(
    ("output", "returncode", "error"),
    [
        (b"", -9, DocumentTooComplex),
        (b"", parsing.EXIT_OUT_OF_MEMORY, DocumentTooComplex),
        (b"", 1, ParserFailed),
        (b"not json", 0, ParserFailed),
        (b'{"ok": true, "document": {"kind": "pdf"}}', 0, ParserFailed),
        (
            b'{"ok": false, "error": {"type": "EncryptedDocument", "detail": "x"}}',
            0,
            EncryptedDocument,
        ),
        (b'{"ok": false, "error": {"type": "SomethingElse", "detail": "x"}}', 0, DocumentError),
    ],
)
def test_answers_are_classified(output: bytes, returncode: int, error: type[Exception]) -> None:
    with pytest.raises(error):
        classify_answer(output, returncode, timed_out=False, timeout_s=5)


def test_wire_format_round_trips_and_rejects_wrong_types() -> None:
    document = read_document(fixture("pdf/awesomecv__resume.pdf"), DocumentKind.PDF)
    wire = document_to_json(document)
    assert document_from_json(wire) == document
    wire["lines"][0][1] = 42
    with pytest.raises(TypeError):
        document_from_json(wire)


def test_wire_format_carries_the_text_box_share() -> None:
    document = read_document(fixture("pdf/awesomecv__resume.pdf"), DocumentKind.PDF)
    boxed = replace(document, layout=replace(document.layout, text_boxes=2, text_box_share=0.9))
    assert document_from_json(document_to_json(boxed)).layout.text_box_share == 0.9
    wire = document_to_json(boxed)
    wire["layout"]["text_box_share"] = 3.0
    with pytest.raises(ValueError):
        document_from_json(wire)


def _parse_in_daemon(connection: Connection, data: bytes) -> None:
    document = parse_document(data, DocumentKind.PDF, **LIMITS)
    connection.send(document.text)


def test_works_inside_a_daemonic_worker_process() -> None:
    """Celery's prefork children are daemonic: they may not use multiprocessing children."""
    parse_document(fixture(TWO_COLUMN), DocumentKind.PDF, **LIMITS)  # a server the fork inherits
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(
        target=_parse_in_daemon, args=(sender, fixture(TWO_COLUMN)), daemon=True
    )
    worker.start()
    try:
        assert receiver.poll(30), "the daemonic worker produced no document"
        assert "John Doe" in receiver.recv()
    finally:
        worker.join(30)
    assert worker.exitcode == 0
    assert parse_document(fixture(TWO_COLUMN), DocumentKind.PDF, **LIMITS).lines  # ours still works


def test_the_sandbox_does_not_see_secrets_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, server_with_reader: Callable[[str], None]
) -> None:
    monkeypatch.setenv("RESUMEROAST_LLM_API_KEY", "sk-secret")
    server_with_reader(
        "lambda *a, **k: 1 / 0 if 'RESUMEROAST_LLM_API_KEY' in os.environ else [][0]"
    )
    with pytest.raises(UnreadableDocument, match="IndexError"):  # not ZeroDivisionError
        parse_document(b"x", DocumentKind.TXT, **LIMITS)


def test_a_pdf_keeps_its_page_sizes_across_the_sandbox_so_every_line_can_be_marked() -> None:
    document = parse_document(fixture(TWO_COLUMN), DocumentKind.PDF, **LIMITS)

    assert len(document.layout.page_sizes) == document.layout.pages
    sizes = {
        number: PageSize(width, height)
        for number, (width, height) in enumerate(document.layout.page_sizes, start=1)
    }
    boxed = [line for line in document.lines if line.box is not None]
    assert boxed
    for line in boxed:
        assert line.box is not None
        area = to_area(line.box, sizes[line.page])
        assert area is not None, line.text
        assert 0 <= area.left < area.left + area.width <= 1
        assert 0 <= area.top < area.top + area.height <= 1


def test_pages_are_drawn_in_the_sandbox_as_pngs_of_the_page_shape() -> None:
    data = fixture(TWO_COLUMN)
    sizes = read_document(data, DocumentKind.PDF).layout.page_sizes

    images = render_page_images(data, max_pages=1, timeout_s=20, memory_limit_mb=256)

    assert [image.page for image in images] == [1]
    assert images[0].png.startswith(b"\x89PNG\r\n\x1a\n")
    width_pt, height_pt = sizes[0]
    assert abs(images[0].height / images[0].width - height_pt / width_pt) < 0.01


def test_a_file_that_will_not_draw_is_a_document_error_not_a_crash() -> None:
    with pytest.raises(UnreadableDocument):
        render_page_images(b"%PDF-1.4 not really", max_pages=5, timeout_s=20, memory_limit_mb=256)
