"""`roast --job FILE`: a job description in PDF, DOCX or text, read by the resume readers.

The file is parsed in the same sandbox as an upload (a job posting saved from the web is
as untrusted as a resume), and its text, line by line, is what the API receives.
"""

from __future__ import annotations

from pathlib import Path

from resumeroast.adapters.parsing import parse_document
from resumeroast.core.documents import sniff_kind
from resumeroast.errors import DocumentError
from resumeroast.settings import Settings


class UnreadableJobDescription(ValueError):
    """The job description file cannot be read; the message says why, for a person."""


def job_description_text(path: Path, settings: Settings | None = None) -> str:
    settings = settings or Settings()
    data = path.read_bytes()
    try:
        document = parse_document(
            data,
            sniff_kind(data, path.name),
            max_pages=settings.max_pdf_pages,
            timeout_s=settings.parse_timeout_s,
            memory_limit_mb=settings.parse_memory_mb,
        )
    except DocumentError as exc:
        raise UnreadableJobDescription(
            f"cannot read the job description {path.name}: {exc.detail}"
        ) from exc
    return document.text
