"""Text caps: far above any real resume, refused at once (in the sandbox) above them."""

import pytest

from resumeroast.adapters.parsing import parse_document
from resumeroast.core.documents import DocumentKind
from resumeroast.core.readers import read_document
from resumeroast.core.readers.bounds import (
    MAX_CHARACTERS,
    MAX_LINE_CHARACTERS,
    MAX_LINE_WORDS,
    MAX_LINES,
)
from resumeroast.errors import DocumentTooLong, permanent_failure_codes

LIMITS = {"max_pages": 20, "timeout_s": 20, "memory_limit_mb": 256}
HEADER = "Jane Doe\njane@example.test\nExperience\nEngineer, Acme 2019 - 2023\n"


def _text(body: str) -> bytes:
    return (HEADER + body).encode()


def test_a_document_at_every_cap_is_read() -> None:
    line = ("word " * (MAX_LINE_WORDS - 1)).strip()[: MAX_LINE_CHARACTERS - 10]
    lines = MAX_CHARACTERS // (len(line) + 1) - 1
    document = read_document(_text("\n".join([line] * lines)), DocumentKind.TXT)
    assert len(document.lines) <= MAX_LINES
    assert sum(len(one.text) for one in document.lines) <= MAX_CHARACTERS


def test_a_full_academic_cv_is_read_not_refused() -> None:
    """A professor's 40-page CV (books, papers, talks, service) runs to some 90,000 characters."""
    entry = (
        "Salter, A. and Doe, J. A Portrait of the Auteur: Fan Cultures. Journal of Games 12, 2021."
    )
    body = "Publications\n" + "\n".join([entry] * (95_000 // (len(entry) + 1)))

    document = read_document(_text(body), DocumentKind.TXT)

    assert sum(len(one.text) for one in document.lines) > 90_000  # over the old cap of 80,000


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("x" * (MAX_LINE_CHARACTERS + 1), "per line"),
        ("a " * (MAX_LINE_WORDS + 1), "words"),
        ("\n".join(["short line"] * (MAX_LINES + 1)), "lines"),
        ("\n".join(["y" * 5_000] * (MAX_CHARACTERS // 5_000 + 1)), "characters"),
    ],
)
def test_text_over_a_cap_is_too_long_to_be_a_resume(body: str, named: str) -> None:
    with pytest.raises(DocumentTooLong) as raised:
        read_document(_text(body), DocumentKind.TXT)
    message = raised.value.user_message
    assert message.startswith("This is too long to be a resume")
    assert named in message and "Upload the resume alone" in message


def test_the_cap_is_applied_inside_the_sandbox_and_is_permanent() -> None:
    single_line = _text("z" * 5_000_000)  # issue 17: a 5 MB line took 28 s and 707 MB
    with pytest.raises(DocumentTooLong, match="5,000,0"):
        parse_document(single_line, DocumentKind.TXT, **LIMITS)
    assert DocumentTooLong.code in permanent_failure_codes()
