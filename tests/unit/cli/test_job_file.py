"""`roast --job FILE` reads a PDF, DOCX or text job description through the resume readers."""

from pathlib import Path

import httpx
import pytest
import respx

from resumeroast.cli.job_file import UnreadableJobDescription, job_description_text
from resumeroast.cli.roast import run_roast
from tests.unit.core.readers.docx_builder import new_document, save
from tests.unit.core.readers.fixtures import FIXTURES
from tests.unit.core.readers.pdf_builder import Page, build_pdf, lines

POSTING = ["Backend Engineer (Python)", "We need five years of Django and PostgreSQL."]


def test_a_pdf_job_description_becomes_its_text(tmp_path: Path) -> None:
    path = tmp_path / "jd.pdf"
    path.write_bytes(build_pdf([Page(lines(POSTING, 72, 700))]))
    assert job_description_text(path) == "\n".join(POSTING)


def test_a_docx_job_description_becomes_its_text(tmp_path: Path) -> None:
    document = new_document()
    for line in POSTING:
        document.add_paragraph(line)
    path = tmp_path / "jd.docx"
    path.write_bytes(save(document))
    assert job_description_text(path) == "\n".join(POSTING)


def test_a_real_pdf_posting_fits_the_api_limit() -> None:
    """The posting that used to be sent as raw bytes ("longer than 20000 characters")."""
    text = job_description_text(
        FIXTURES / "jobs" / "resumematcher__job_desc_full_stack_engineer.pdf"
    )
    assert 200 < len(text) < 20_000
    assert "%PDF" not in text


def test_an_unreadable_job_description_says_which_file_and_why(tmp_path: Path) -> None:
    path = tmp_path / "jd.pdf"
    path.write_bytes(b"%PDF-1.7\nbroken")
    with pytest.raises(UnreadableJobDescription, match="jd.pdf"):
        job_description_text(path)


@respx.mock
def test_roast_sends_the_job_descriptions_text_not_its_bytes(tmp_path: Path) -> None:
    job = tmp_path / "jd.pdf"
    job.write_bytes(build_pdf([Page(lines(POSTING, 72, 700))]))
    resume = tmp_path / "cv.txt"
    resume.write_text("Jane Doe\nEngineer\n")
    url = "http://resumeroast.test"
    respx.get(f"{url}/healthz").mock(return_value=httpx.Response(200))
    upload = respx.post(f"{url}/api/resumes").mock(
        return_value=httpx.Response(400, json={"detail": "stop here"})
    )
    assert run_roast(resume, job=job, level="honest", as_json=False, url=url) == 1
    body = upload.calls.last.request.content
    form = body.decode("utf-8", "replace")
    assert "Backend Engineer (Python)\r\nWe need five years" in form or all(
        p in form for p in POSTING
    )
    assert "%PDF" not in form
