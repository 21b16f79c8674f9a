"""Contact details: email, phone, profile links and a location, with the lines they are on."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from resumeroast.core.analysis.contact_fields import (
    address,
    international_phone,
    labelled_location,
    labelled_phone,
)
from resumeroast.core.analysis.lexicon import place_names
from resumeroast.core.analysis.lines import TextLine
from resumeroast.core.analysis.model import ContactInfo, Link
from resumeroast.core.documents import Region

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
#: Grouped digits; the last groups may be long ("+49 151 23456789"), after an area code
#: in brackets the first up to five digits ("(11) 98765-4321", a Brazilian mobile; a ZIP+4 is
#: no phone).
_PHONE = re.compile(
    r"(?<![\w/.+$€£-])(?:\+\s?\d{1,3}[\s.\-]{0,2})?(?:\(\d{1,4}\)[\s.\-]{0,2}\d{1,5}|\d{1,4})(?:[\s.\-]{1,2}\d{2,8}){1,4}(?![\w/%])"
)
#: Digits with no separators ("5552013344") are a phone only as a field of their own
#: ("… | 5552013344 | …", "Phone: 5552013344"): in a sentence they are an amount or an id.
_BARE_PHONE = re.compile(r"(?:(?:phone|tel|mobile|cell|ph)\.?\s*:?\s*)?(\+?\d{10,15})", re.I)
#: Nine digits alone on a line ("612345678", a Spanish mobile): too short to be a field among
#: others, but a line of nothing else in a contact block is a phone, not an amount.
_LINE_PHONE = re.compile(r"\+?\d{9}")
_FIELD = re.compile(r"\s*[|•·;,]\s*|\s{2,}")
_RANGE_LIKE = re.compile(r"^(?:19|20)\d{2}\s*-+\s*(?:19|20)\d{2}$")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s)\]>|,]+"
    r"|\b(?:[a-z0-9-]+\.)+(?:com|io|dev|me|net|org|ai|co|app|tech|site|page|xyz|info|design|studio"
    r"|codes|blog|uk|de|nl|fr|es|ca|in)\b(?:/[^\s)\]>|,]*)?",
    re.IGNORECASE,
)
_LABELLED = re.compile(r"\b(linkedin|github|gitlab)\s*:\s*(/?(?:in/)?@?[\w-]{2,}/?)", re.IGNORECASE)
_CONTACT_KINDS = frozenset({"header", "contact"})
HEADER_LINES = 8  #: the top of the page, where contact details sit when no section holds them
#: The end of the page, where a CV closing with a declaration is signed "City, Region" and dated.
SIGNATURE_LINES = 4


def find_contact(lines: tuple[TextLine, ...], kinds: dict[int, str]) -> ContactInfo:
    """Search the header and contact sections first, then the whole document. A References
    section's addresses and numbers are the referees', not the writer's: only an e-mail there
    that carries the writer's name (a sidebar read into the section), and the phone beside it."""
    preferred = [line for line in lines if kinds.get(line.number) in _CONTACT_KINDS]
    referees = [line for line in lines if kinds.get(line.number) == "references"]
    lines = tuple(line for line in lines if kinds.get(line.number) != "references")
    email = _first(preferred, _email) or _first(lines, _email) or _own_email(referees, lines)
    top = list(lines[:HEADER_LINES])
    phone = (
        # As written: "(11) 98765-4321" would lose its area code to the bullet reader.
        _first(preferred, _phone, raw=True)
        or _first(lines, _phone, raw=True)
        or _first(preferred + top, international_phone)
        or _first(lines, labelled_phone)
        or _beside(referees, email)
    )
    near = _near(lines, [found[0] for found in (email, phone) if found is not None])
    # Not the top lines at large: "Acme, Logan, UT" there is where a job was, not the address.
    location = (
        _first(preferred or top, find_location)
        or _first(near, find_location)
        or _first(lines, labelled_location)
        or _first(preferred + near, address)
        or _first(lines[-SIGNATURE_LINES:], _place_alone)
    )
    found = [line for line in (email, phone) if line is not None]
    return ContactInfo(
        email=email[1] if email else None,
        email_line=email[0].number if email else None,
        phone=phone[1] if phone else None,
        phone_line=phone[0].number if phone else None,
        links=_links(lines),
        location=location[1] if location else None,
        location_line=location[0].number if location else None,
        only_in_header_footer=bool(found)
        and all(line.region is not Region.BODY for line, _ in found),
    )


def _own_email(
    referees: list[TextLine], lines: tuple[TextLine, ...]
) -> tuple[TextLine, str] | None:
    """An e-mail among the referees whose name part holds a word of the page's first line (the
    writer's name): "carlijjohansen@" under "Carli Johansen"."""
    name = {w.lower() for w in re.findall(r"[^\W\d_]{3,}", lines[0].text)} if lines else set()
    for line, value in ((line, _email(line.text)) for line in referees):
        if value and any(word in value.split("@")[0].lower() for word in name):
            return line, value
    return None


def _beside(
    referees: list[TextLine], email: tuple[TextLine, str] | None
) -> tuple[TextLine, str] | None:
    """The phone nearest the writer's own e-mail when that sits among the referees."""
    if email is None or email[0] not in referees:
        return None
    near = sorted(
        _near(tuple(referees), [email[0]]), key=lambda ln: abs(ln.number - email[0].number)
    )
    return _first(near, _phone, raw=True)


def _place_alone(text: str) -> str | None:
    """A line that is nothing but a place ("Pune, Maharashtra"): how a signed CV ends. A job's
    place shares its line with the employer or the dates, so it is never alone."""
    place = find_location(text)
    return place if place and place == text.strip(" .") else None


def _near(lines: tuple[TextLine, ...], anchors: list[TextLine]) -> list[TextLine]:
    """Lines within two of the e-mail or phone line: a contact block in a sidebar or a footer."""
    numbers = {anchor.number for anchor in anchors}
    return [line for line in lines if any(abs(line.number - n) <= 2 for n in numbers)]


def _first(
    lines: Sequence[TextLine], finder: Callable[[str], str | None], *, raw: bool = False
) -> tuple[TextLine, str] | None:
    for line in lines:
        value = finder(line.raw if raw else line.text)
        if value:
            return line, str(value)
    return None


def _email(text: str) -> str | None:
    match = EMAIL.search(text)
    return match.group(0) if match else None


def _phone(text: str) -> str | None:
    masked = EMAIL.sub(" ", _URL.sub(" ", text))
    for match in _PHONE.finditer(masked):
        candidate = match.group(0).strip()
        digits = re.sub(r"\D", "", candidate)
        if (
            9 <= len(digits) <= 15
            and not _RANGE_LIKE.match(candidate)
            and not _date_like(candidate)
        ):
            return candidate
    if _LINE_PHONE.fullmatch(masked.strip()) and not _date_like(masked.strip()):
        return masked.strip()
    for field in _FIELD.split(masked.strip()):
        if bare := _BARE_PHONE.fullmatch(field.strip()):
            return bare.group(1)
    return None


def _date_like(candidate: str) -> bool:
    groups = re.split(r"[\s.\-]+", candidate.strip("+() "))
    return all(re.fullmatch(r"(?:19|20)\d{2}|0?[1-9]|1[0-2]|[0-3]?\d", group) for group in groups)


def _links(lines: tuple[TextLine, ...]) -> tuple[Link, ...]:
    links: list[Link] = []
    seen: set[str] = set()
    for line in lines:
        text = EMAIL.sub(" ", line.raw)
        for url in [m.group(0) for m in _URL.finditer(text)] + _labelled(text):
            key = url.lower().rstrip("/")
            if key not in seen and not _is_file_name(url):
                seen.add(key)
                links.append(Link(_link_kind(url), url, line.number))
    return tuple(links)


def _labelled(text: str) -> list[str]:
    """ "LinkedIn: /in/jane" or "GitHub: @jane" written without the domain."""
    return [
        f"{m.group(1).lower()}:{m.group(2)}"
        for m in _LABELLED.finditer(text)
        if ".com" not in m.group(0)
    ]


def _is_file_name(url: str) -> bool:
    return bool(re.search(r"\.(?:js|ts|py|net)$", url, re.IGNORECASE)) and "/" not in url


def _link_kind(url: str) -> str:
    lower = url.lower()
    for kind in ("linkedin", "github", "gitlab"):
        if kind in lower:
            return "github" if kind == "gitlab" else kind
    if any(
        site in lower for site in ("twitter", "x.com/", "facebook", "instagram", "mailto", "tel:")
    ):
        return "other"
    return "portfolio"


@cache
def _location_pattern() -> re.Pattern[str]:
    places = sorted(place_names(), key=len, reverse=True)
    names = "|".join(re.escape(place) for place in places)
    city = r"[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3}"
    return re.compile(rf"\b{city},\s*(?:{names})(?![\w])|\b(?:Remote|Hybrid)\b")


_COMPANY_WORD = re.compile(r"^.*\b(?:Inc|Ltd|Corp|LLC|Co|GmbH|Company|University|College)\b\.?\s*")


def find_location(text: str) -> str | None:
    """ "Seattle, WA", "Seoul, Republic of Korea", "Remote"; never the company before the city."""
    match = _location_pattern().search(text)
    if match is None:
        return None
    return _COMPANY_WORD.sub("", match.group(0)) or None
