"""RenderCV YAML (the `cv:` mapping) → the lines of a resume.

Sections are a mapping of title → entries, and each entry's type shows in its keys:
experience (company, position), education (institution, area, degree), publication
(title, authors), one-line (label, details), bullet (bullet), normal (name) or plain text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from resumeroast.core.readers.normalize import BULLET_PREFIX
from resumeroast.core.readers.structured import (
    bullets,
    date_range,
    entry_line,
    heading,
    items,
    join,
    paragraphs,
    text,
)


def rendercv(cv: dict[str, Any]) -> Iterator[str]:
    for key in ("name", "headline", "label"):
        if line := text(cv.get(key)):
            yield line
    networks = [
        join(n.get("network"), n.get("username"), sep=": ")
        for n in items(cv.get("social_networks"))
        if isinstance(n, dict)
    ]
    contact = [text(cv.get(key)) for key in ("email", "phone", "website")]
    if place := text(cv.get("location")):
        # Labelled as the file labels it: "Costa Rica" alone reads as no place without it.
        contact.append(f"Location: {place}")
    if line := " | ".join(part for part in [*contact, *networks] if part):
        yield line
    sections = cv.get("sections")
    for title, entries in sections.items() if isinstance(sections, dict) else ():
        yield heading(str(title))
        for entry in items(entries):
            yield from _entry(entry)


def _entry(entry: Any) -> Iterator[str]:
    if not isinstance(entry, dict):
        yield from paragraphs(entry)  # a text entry
        return
    dates = date_range(entry.get("start_date"), entry.get("end_date"), entry.get("date"))
    if "bullet" in entry:
        yield BULLET_PREFIX + text(entry.get("bullet"))
        return
    if "label" in entry and "details" in entry:
        yield join(entry.get("label"), entry.get("details"), sep=": ")
        return
    yield entry_line(_title(entry), dates)
    for key in ("summary", "journal", "doi"):
        yield from paragraphs(entry.get(key))
    yield from bullets(entry.get("highlights"))


def _title(entry: dict[str, Any]) -> str:
    if "position" in entry or "company" in entry:
        return join(entry.get("position"), entry.get("company"), entry.get("location"))
    if "institution" in entry:
        degree = join(entry.get("degree"), entry.get("area"), sep=" in ")
        return join(degree, entry.get("institution"), entry.get("location"))
    if "authors" in entry:
        authors = ", ".join(text(a) for a in items(entry.get("authors")) if text(a))
        return join(entry.get("title"), authors, sep=" — ")
    return join(entry.get("name") or entry.get("title"), entry.get("location"))
