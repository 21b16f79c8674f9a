"""DOCX via python-docx: body, tables, text boxes, content controls, headers and footers.

The archive passes `zipsafe` first (zip bombs, DOCTYPE/entity declarations); python-docx
then opens the package (its lxml parser runs with resolve_entities=False) and the XML is
walked here directly, because python-docx's paragraph text skips text boxes and content
controls. Hidden runs (w:vanish, under 2 pt, or coloured like the fill behind them: see
docx_colors) go to LayoutFacts.hidden_text only.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from resumeroast.core.documents import Document, DocumentKind, HiddenText, LayoutFacts, Region
from resumeroast.core.readers.assemble import RawLine, number_lines
from resumeroast.core.readers.docx_colors import page_colour
from resumeroast.core.readers.docx_palette import Theme
from resumeroast.core.readers.docx_styles import StyleIndex, hidden_reason
from resumeroast.core.readers.normalize import BULLET_PREFIX, clean_text
from resumeroast.core.readers.zipsafe import open_checked_zip
from resumeroast.errors import EmptyDocument, UnreadableDocument

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CELL_SEPARATOR = " | "
_RUN_TEXT = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
# Inside a paragraph, these subtrees hold no visible text of the paragraph itself.
_SKIPPED = frozenset(
    {_W + "del", _W + "moveFrom", _W + "txbxContent", _MC + "Fallback", _W + "pPr", _W + "rPr"}
)


def read_docx(data: bytes) -> Document:
    with open_checked_zip(data) as archive:
        pages = _declared_pages(archive)
    package = _open_package(data)
    theme = _theme(package)
    header_parts, footer_parts = _header_footer_parts(package)
    parts = [package.element, *header_parts, *footer_parts]
    styles = StyleIndex(package.styles.element, theme, page_colour(parts, theme))
    reader = _Reader(styles)
    body = package.element.body
    for part in header_parts:
        reader.blocks(part, Region.HEADER)
    reader.blocks(body, Region.BODY)
    for part in footer_parts:
        reader.blocks(part, Region.FOOTER)
    lines = number_lines(reader.lines, join_hyphens=False)
    if not lines:
        raise EmptyDocument("the Word document has no text")
    layout = LayoutFacts(
        pages=pages,
        columns=_section_columns(body),
        tables=reader.tables,
        text_boxes=reader.text_boxes,
        text_box_share=reader.text_box_share(),
        hidden_text=tuple(reader.hidden),
    )
    return Document(kind=DocumentKind.DOCX, lines=lines, layout=layout)


def _open_package(data: bytes) -> docx.document.Document:
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise UnreadableDocument(f"python-docx cannot open it: {exc}") from exc
    except etree.XMLSyntaxError as exc:
        raise UnreadableDocument(f"a part is not well-formed XML: {exc}") from exc


def _theme(package: docx.document.Document) -> Theme:
    try:
        part = package.part.part_related_by(RELATIONSHIP_TYPE.THEME)
    except KeyError:
        return Theme(None)
    try:
        # zipsafe refused any DOCTYPE already; no entities, no network.
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        return Theme(etree.fromstring(part.blob, parser))
    except etree.XMLSyntaxError:
        return Theme(None)


def _declared_pages(archive: zipfile.ZipFile) -> int:
    """Word records the page count it last laid out in docProps/app.xml."""
    try:
        app = archive.read("docProps/app.xml")
    except KeyError:
        return 1
    match = re.search(rb"<(?:\w+:)?Pages>\s*(\d{1,4})\s*<", app)
    return max(1, int(match.group(1))) if match else 1


def _header_footer_parts(
    package: docx.document.Document,
) -> tuple[list[etree._Element], list[etree._Element]]:
    """Header and footer parts referenced by the sections, each once, in section order."""
    headers: list[etree._Element] = []
    footers: list[etree._Element] = []
    seen: set[str] = set()
    related = package.part.related_parts
    for reference in package.element.body.iter(_W + "headerReference", _W + "footerReference"):
        rel_id = reference.get(_R + "id")
        if rel_id is None or rel_id in seen or rel_id not in related:
            continue
        seen.add(rel_id)
        target = headers if reference.tag == _W + "headerReference" else footers
        target.append(related[rel_id].element)
    return headers, footers


def _section_columns(body: etree._Element) -> int:
    counts = [int(c.get(_W + "num", "1")) for c in body.iter(_W + "cols") if _is_int(c, "num")]
    return max([1, *counts])


def _is_int(element: etree._Element, name: str) -> bool:
    return (element.get(_W + name) or "").isdigit()


class _Reader:
    """Walks block-level content (body, cell, text box, header) into raw lines."""

    def __init__(self, styles: StyleIndex) -> None:
        self.styles = styles
        self.lines: list[RawLine] = []
        self.hidden: list[HiddenText] = []
        self.tables = 0
        self.text_boxes = 0
        self.words = 0
        self.box_words = 0
        self._box_depth = 0

    def text_box_share(self) -> float:
        return round(self.box_words / self.words, 3) if self.words else 0.0

    def blocks(self, parent: etree._Element, region: Region) -> None:
        for child in parent:
            if child.tag == _W + "p":
                self.paragraph(child, region)
            elif child.tag == _W + "tbl":
                self.table(child, region)
            elif child.tag in (_W + "sdt", _W + "customXml", _W + "sdtContent"):
                self.blocks(child, region)  # content controls and custom XML wrap blocks

    def paragraph(self, paragraph: etree._Element, region: Region) -> None:
        visible: list[str] = []
        hidden: dict[str, list[str]] = {}
        for run in _runs(paragraph):
            text = _run_text(run)
            reason = hidden_reason(run, paragraph, self.styles) if text.strip() else None
            if reason is None:
                visible.append(text)
            else:
                hidden.setdefault(reason, []).append(text)
        prefix = BULLET_PREFIX if self.styles.is_list_item(paragraph) else ""
        for index, part in enumerate("".join(visible).split("\n")):
            if part.strip():
                text = (prefix if index == 0 else "") + part
                self.lines.append(RawLine(text=text, region=region))
                self._count(part)
        for reason, texts in hidden.items():
            if text := clean_text("".join(texts)):
                self.hidden.append(HiddenText(text=text, page=1, reason=reason))
        for box in _text_boxes(paragraph):
            self.text_boxes += 1
            self._box_depth += 1
            try:
                self.blocks(box, region)
            finally:
                self._box_depth -= 1

    def _count(self, text: str) -> None:
        words = len(text.split())
        self.words += words
        if self._box_depth:
            self.box_words += words

    def table(self, table: etree._Element, region: Region) -> None:
        holds_text = False
        for row in _children(table, _W + "tr"):
            cells = [self._cell_lines(cell, region) for cell in _children(row, _W + "tc")]
            holds_text = holds_text or any(cells)
            if all(len(cell) <= 1 for cell in cells):
                texts = [cell[0].text.strip() for cell in cells if cell]
                if texts := [text for text in texts if text]:
                    self.lines.append(RawLine(text=_CELL_SEPARATOR.join(texts), region=region))
            else:
                self.lines.extend(line for cell in cells for line in cell)
        # A template's empty layout table (a footer's frame) puts nothing in an ATS's way.
        self.tables += holds_text

    def _cell_lines(self, cell: etree._Element, region: Region) -> list[RawLine]:
        outer, self.lines = self.lines, []
        try:
            self.blocks(cell, region)
            return [line for line in self.lines if line.text.strip()]
        finally:
            self.lines = outer


def _runs(paragraph: etree._Element) -> Iterator[etree._Element]:
    """The paragraph's runs in order, through hyperlinks, fields, content controls and
    insertions, skipping deleted text, text boxes and the fallback copy of drawings."""
    for child in paragraph:
        if child.tag in _SKIPPED:
            continue
        if child.tag == _W + "r":
            yield child
        elif child.tag == _MC + "AlternateContent":
            choice = child.find(_MC + "Choice")
            if choice is not None:
                yield from _runs(choice)
        else:
            yield from _runs(child)


def _run_text(run: etree._Element) -> str:
    parts: list[str] = []
    for child in run:
        if child.tag == _W + "t":
            parts.append(child.text or "")
        elif child.tag in _RUN_TEXT:
            parts.append(_RUN_TEXT[child.tag])
        elif child.tag == _W + "sym":
            parts.append(_symbol(child.get(_W + "char", "")))
    return "".join(parts)


def _symbol(code: str) -> str:
    try:
        return chr(int(code, 16))
    except ValueError:
        return ""


def _text_boxes(paragraph: etree._Element) -> Iterator[etree._Element]:
    """Text boxes anchored in this paragraph (not nested ones, not fallback copies)."""
    for child in paragraph:
        if child.tag == _MC + "Fallback":
            continue
        if child.tag == _W + "txbxContent":
            yield child
        else:
            yield from _text_boxes(child)


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Child elements with this tag, also when wrapped in content controls or custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            yield from _children(child, tag)
