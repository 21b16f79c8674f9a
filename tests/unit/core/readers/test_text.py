"""Plain text and Markdown: decoding and markup."""

import pytest

from resumeroast.core.documents import DocumentKind
from resumeroast.core.readers.markdown import markdown_lines
from resumeroast.core.readers.text import decode_text, read_text
from resumeroast.errors import EmptyDocument

RESUME = "Jürgen Müller\nSenior Engineer – Köln\n“Shipped” the café’s app\n"


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]
)
def test_unicode_encodings_with_or_without_byte_order_mark(encoding: str) -> None:
    data = RESUME.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = ("\ufeff" + RESUME).encode(encoding)  # a BOM is what makes UTF-16 detectable
    assert decode_text(data).lstrip("\ufeff") == RESUME


def test_legacy_single_byte_encoding_is_detected() -> None:
    text = "Jürgen Müller, Softwareentwickler in Köln. Erfahrung mit Python und Datenbanken. " * 3
    assert decode_text(text.encode("cp1252")) == text


def test_text_lines_are_normalised_and_numbered() -> None:
    document = read_text(
        "JANE DOE\n\n\u2022\tBuilt APIs\n  \n\uf0b7 Led a team of \ufb01ve\n".encode(),
        DocumentKind.TXT,
    )
    assert [(line.number, line.text) for line in document.lines] == [
        (1, "JANE DOE"), (2, "• Built APIs"), (3, "• Led a team of five"),
    ]  # fmt: skip
    assert document.kind is DocumentKind.TXT


def test_blank_text_is_empty() -> None:
    with pytest.raises(EmptyDocument):
        read_text(b"  \n\t\n", DocumentKind.TXT)


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("# Jane Doe", "Jane Doe"),
        ("### **Staff Engineer** at [Acme](https://acme.com) ###", "Staff Engineer at Acme (https://acme.com)"),
        ("- Email: [jane@x.io](mailto:jane@x.io)", "• Email: jane@x.io"),
        ("* Phone: [030 123](tel:030123)", "• Phone: 030 123"),
        ("  + nested *item* with `code`", "• nested item with code"),
        ("1. First **bold** step", "1. First bold step"),
        ("> quoted _emphasis_ here", "quoted emphasis here"),
        ("Snake_case_names and 2*3*4 stay", "Snake_case_names and 2*3*4 stay"),
        ("Escaped \\*stars\\* and \\# hash", "Escaped *stars* and # hash"),
        ("![photo](me.png) Portfolio <https://jane.dev>", "photo Portfolio https://jane.dev"),
        ("| Python | Expert |", "Python | Expert"),
        ("~~old~~ new<br>line", "old new line"),
        ("[site]: https://jane.dev", "site: https://jane.dev"),
    ],
)  # fmt: skip
def test_markdown_markup_is_stripped(markdown: str, plain: str) -> None:
    assert " ".join(markdown_lines(markdown)[0].split()) == plain


def test_markdown_keeps_one_output_line_per_source_line() -> None:
    source = "Jane Doe\n========\n\nSkills\n------\n| a | b |\n|---|---|\n```\nraw *code*\n```\n---"
    assert markdown_lines(source) == [
        "Jane Doe",
        "",
        "",
        "Skills",
        "",
        "a | b",
        "",
        "",
        "raw *code*",
        "",
        "",
    ]


def test_markdown_document_has_no_markup_left() -> None:
    document = read_text(b"# Jane\n\n## Skills\n- **Python**\n- Go\n", DocumentKind.MD)
    assert [line.text for line in document.lines] == ["Jane", "Skills", "• Python", "• Go"]
