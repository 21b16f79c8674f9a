"""JSON Resume (jsonresume.org schema v1) → the lines of a resume."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from resumeroast.core.readers.structured import (
    bullets,
    date_range,
    entry_line,
    items,
    join,
    paragraphs,
    text,
)

_Entry = Callable[[dict[str, Any]], Iterator[str]]


def json_resume(data: dict[str, Any]) -> Iterator[str]:
    basics = data.get("basics")
    if isinstance(basics, dict):
        yield from _basics(basics)
    for key, title, entry in _SECTIONS:
        entries = [item for item in items(data.get(key)) if isinstance(item, dict)]
        if entries:
            yield title
            for item in entries:
                yield from entry(item)


def _basics(basics: dict[str, Any]) -> Iterator[str]:
    for key in ("name", "label"):
        if line := text(basics.get(key)):
            yield line
    location = basics.get("location")
    place = (
        join(location.get("address"), location.get("city"), location.get("region"),
             location.get("postalCode"), location.get("countryCode"))
        if isinstance(location, dict)
        else ""
    )  # fmt: skip
    profiles = [
        text(p.get("url")) or join(p.get("network"), p.get("username"), sep=": ")
        for p in items(basics.get("profiles"))
        if isinstance(p, dict)
    ]
    contact = [text(basics.get("email")), text(basics.get("phone")), text(basics.get("url"))]
    if line := " | ".join(part for part in [*contact, place, *profiles] if part):
        yield line
    if summary := list(paragraphs(basics.get("summary"))):
        yield "Summary"
        yield from summary


def _work(item: dict[str, Any]) -> Iterator[str]:
    title = join(
        item.get("position"), item.get("name") or item.get("company"), item.get("location")
    )
    yield entry_line(title, date_range(item.get("startDate"), item.get("endDate")))
    yield from paragraphs(item.get("summary") or item.get("description"))
    yield from bullets(item.get("highlights"))


def _volunteer(item: dict[str, Any]) -> Iterator[str]:
    title = join(item.get("position"), item.get("organization"))
    yield entry_line(title, date_range(item.get("startDate"), item.get("endDate")))
    yield from paragraphs(item.get("summary"))
    yield from bullets(item.get("highlights"))


def _education(item: dict[str, Any]) -> Iterator[str]:
    degree = join(item.get("studyType"), item.get("area"), sep=" in ")
    title = join(degree, item.get("institution"))
    yield entry_line(title, date_range(item.get("startDate"), item.get("endDate")))
    if score := text(item.get("score")):
        yield f"Grade: {score}"
    if courses := [text(course) for course in items(item.get("courses")) if text(course)]:
        yield "Courses: " + ", ".join(courses)


def _award(item: dict[str, Any]) -> Iterator[str]:
    title = join(item.get("title"), item.get("awarder"))
    yield entry_line(title, date_range(None, None, item.get("date")))
    yield from paragraphs(item.get("summary"))


def _certificate(item: dict[str, Any]) -> Iterator[str]:
    yield entry_line(
        join(item.get("name"), item.get("issuer")), date_range(None, None, item.get("date"))
    )


def _publication(item: dict[str, Any]) -> Iterator[str]:
    title = join(item.get("name"), item.get("publisher"))
    yield entry_line(title, date_range(None, None, item.get("releaseDate")))
    yield from paragraphs(item.get("summary"))


def _project(item: dict[str, Any]) -> Iterator[str]:
    yield entry_line(text(item.get("name")), date_range(item.get("startDate"), item.get("endDate")))
    yield from paragraphs(item.get("description"))
    yield from bullets(item.get("highlights"))


def _keywords(item: dict[str, Any]) -> Iterator[str]:
    words = ", ".join(text(word) for word in items(item.get("keywords")) if text(word))
    name = join(item.get("name"), item.get("level"), sep=" (") + (
        ")" if text(item.get("level")) else ""
    )
    if line := f"{name}: {words}" if name and words else name or words:
        yield line


def _reference(item: dict[str, Any]) -> Iterator[str]:
    """The schema's name and quote, and the fields people add beside them (relationship, phone,
    e-mail): a referee's details on the page are what the references check looks for."""
    if name := join(item.get("name"), item.get("relationship")):
        yield name
    if details := join(item.get("email"), item.get("phone"), sep=" | "):
        yield details
    yield from paragraphs(item.get("reference"))


def _language(item: dict[str, Any]) -> Iterator[str]:
    if line := join(item.get("language"), item.get("fluency"), sep=": "):
        yield line


_SECTIONS: tuple[tuple[str, str, _Entry], ...] = (
    ("work", "Experience", _work),
    ("volunteer", "Volunteering", _volunteer),
    ("education", "Education", _education),
    ("projects", "Projects", _project),
    ("awards", "Awards", _award),
    ("certificates", "Certifications", _certificate),
    ("publications", "Publications", _publication),
    ("skills", "Skills", _keywords),
    ("languages", "Languages", _language),
    ("interests", "Interests", _keywords),
    ("references", "References", _reference),
)
