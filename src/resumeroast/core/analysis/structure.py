"""Reading a resume: lines, sections, roles, bullets and contact details, before any judgement."""

from __future__ import annotations

from dataclasses import dataclass, replace

from resumeroast.core.analysis.contact import find_contact
from resumeroast.core.analysis.entries import Entries, read_entries
from resumeroast.core.analysis.headers import find_anchor
from resumeroast.core.analysis.lines import TextLine, paragraph_per_line, visible_lines
from resumeroast.core.analysis.model import ContactInfo, Section
from resumeroast.core.analysis.sections import Block, split_sections
from resumeroast.core.analysis.wrapping import WrapModel
from resumeroast.core.documents import Document


@dataclass(frozen=True, slots=True)
class Structure:
    lines: tuple[TextLine, ...]
    blocks: tuple[Block, ...]
    entries: Entries
    contact: ContactInfo
    kinds: dict[int, str]  #: line number -> the kind of section it is in
    implicit_experience: bool = False  #: roles found, but under no experience-like heading

    @property
    def sections(self) -> tuple[Section, ...]:
        return tuple(block.section for block in self.blocks)

    def has_section(self, *kinds: str) -> bool:
        return any(block.section.kind in kinds for block in self.blocks)


def read_structure(
    document: Document,
    skip: frozenset[int] = frozenset(),
    experience_headings: frozenset[int] = frozenset(),
) -> Structure:
    """Read the document; lines numbered in `skip` (keyword stuffing) are left out, lines in
    `experience_headings` are read as Experience headings (a reviewer's grounded dispute)."""
    lines = tuple(line for line in visible_lines(document) if line.number not in skip)
    blocks = split_sections(lines, experience_headings)
    kinds = {line.number: block.section.kind for block in blocks for line in block.lines}
    for block in blocks:
        if block.section.heading_line is not None:
            kinds[block.section.heading_line] = block.section.kind
    wrap = WrapModel(
        lines,
        paragraph_per_line=paragraph_per_line(document),
        column_pages=document.layout.column_pages,
    )
    implicit = _implicit_experience(blocks)
    entries = read_entries(implicit or blocks, wrap)
    return Structure(lines, blocks, entries, find_contact(lines, kinds), kinds, bool(implicit))


_HOSTS = frozenset({"header", "other", "summary"})


def _implicit_experience(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """With no Experience heading, read a block holding two or more dated roles as experience
    (roles pasted under the name, or under the summary, when the heading was forgotten)."""
    if any(block.section.kind == "experience" for block in blocks):
        return ()
    found = False
    result = []
    for block in blocks:
        anchors = sum(1 for i in range(len(block.lines)) if find_anchor(block.lines, i))
        if block.section.kind in _HOSTS and anchors >= 2:
            block = Block(replace(block.section, kind="experience"), block.lines)
            found = True
        result.append(block)
    return tuple(result) if found else ()
