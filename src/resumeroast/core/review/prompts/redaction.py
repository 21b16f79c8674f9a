"""Personal data out of the prompt, back into what the person reads.

Emails, phone numbers, street addresses, URLs and national identity numbers are replaced by
numbered placeholders ([EMAIL_1], [PHONE_1], [ADDRESS_1], [URL_1], [ID_1]) before any text is
sent to a model; an identity number keeps its label ("DNI [ID_1]"). A bare
personal domain ("janeroe.dev", "jane.github.io") is a URL too: it must end in a
lowercase top-level domain of the kind personal sites use, which keeps "ASP.NET" and
"Node.js" out, and a few library names that look like domains ("socket.io") are kept. The same
value always gets the same placeholder, so the model can still talk about "your email";
`restore` puts the originals back into the model's answer before it is shown or checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"')\]]+"
    r"|\b(?:linkedin|github|gitlab|bitbucket|twitter|x|medium|behance|dribbble|stackoverflow|kaggle)"
    r"\.com/[^\s<>\"')\]]*"
    r"|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/[\w./~%#?=&+-]+",
    re.IGNORECASE,
)
_BARE_DOMAIN = re.compile(
    r"(?<![\w@./-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+"
    r"(?:com|net|org|io|dev|me|co|app|page|site|xyz|tech|blog|info|online|website|design"
    r"|codes|studio|name|pro|cv)(?![\w-]|\.[A-Za-z0-9])"
)
#: Technologies whose names are written like domains.
_NOT_DOMAINS = frozenset({"socket.io", "asp.net", "vb.net", "ado.net", "dev.to"})
_PHONE = re.compile(r"(?<![\w/])\+?\(?\d[\d\s().-]{7,}\d(?![\w/])")
_STREET_WORDS = (
    r"Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl"
    r"|Terrace|Parkway|Pkwy|Square|Sq|Highway|Hwy"
)
_ADDRESS = re.compile(
    rf"\b\d{{1,5}}[A-Za-z]?\s+(?:[A-Z][\w'.-]*\s+){{1,4}}(?:{_STREET_WORDS})\b\.?"
    r"(?:,?\s*(?:Apt|Suite|Unit|#)\.?\s*[\w-]+)?"
    r"|\b[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|str\.|weg|gasse|platz|allee)\s+\d{1,4}[a-z]?\b"
)
#: an identity number after its label: only the number is replaced
_ID_NUMBER = re.compile(
    r"(?:^|(?<=[\s|•·;,(]))(?:ID|I\.D\.|SSN|CPF|RG|DNI|NIE|NIF|CURP|RUT|c[ée]dula"
    r"(?: de (?:ciudadan[ií]a|identidad))?|AHV-?(?:Nr\.?)?|Steuer-?ID|Personalausweis(?:nummer)?"
    r"|passport(?: (?:number|no\.?))?|national id(?: number)?|identity (?:number|card)"
    r"|social security (?:number|no\.?))\s*(?:n[°º]\.?|nr\.?|no\.?|#)?\s*[:#]?\s*"
    r"(?P<value>\d[\d .\-/]{5,}\d[A-Z]?)(?![\w])",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_TRAILING = ".,;:"

#: Order matters: emails and URLs contain digits and dots that the other patterns would claim.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("EMAIL", _EMAIL),
    ("URL", _URL),
    ("URL", _BARE_DOMAIN),
    ("ADDRESS", _ADDRESS),
    ("ID", _ID_NUMBER),
    ("PHONE", _PHONE),
)
_PLACEHOLDER = re.compile(r"\[(?:EMAIL|URL|ADDRESS|ID|PHONE)_\d+\]")


def _is_phone(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    if not 9 <= len(digits) <= 15:
        return False
    groups = re.findall(r"\d+", candidate)
    return not all(len(g) == 4 and _YEAR.fullmatch(g) for g in groups)


@dataclass
class Redactor:
    """Replaces personal data consistently across every text it is given."""

    originals: dict[str, str] = field(default_factory=dict)  #: placeholder → original
    _by_value: dict[str, str] = field(default_factory=dict)

    def redact(self, text: str) -> str:
        for kind, pattern in _KINDS:
            text = pattern.sub(partial(self._replace, kind), text)
        return text

    def _replace(self, kind: str, match: re.Match[str]) -> str:
        kept = match.start("value") - match.start() if "value" in match.re.groupindex else 0
        label, value = match.group(0)[:kept], match.group(0)[kept:]
        if _PLACEHOLDER.fullmatch(value):
            return match.group(0)
        if kind == "PHONE" and not _is_phone(value):
            return value
        if kind == "URL" and value.lower() in _NOT_DOMAINS:
            return value
        stripped = value.rstrip(_TRAILING)
        tail = value[len(stripped) :]
        placeholder = self._by_value.get(stripped)
        if placeholder is None:
            count = sum(1 for p in self.originals if p.startswith(f"[{kind}_"))
            placeholder = f"[{kind}_{count + 1}]"
            self.originals[placeholder] = stripped
            self._by_value[stripped] = placeholder
        return label + placeholder + tail


def redact_all(texts: Iterable[str]) -> tuple[list[str], dict[str, str]]:
    """Redact several texts with one shared set of placeholders."""
    redactor = Redactor()
    return [redactor.redact(text) for text in texts], redactor.originals


def restore(text: str, originals: Mapping[str, str]) -> str:
    """Put the original values back where the model repeated a placeholder."""
    if not originals or "[" not in text:
        return text
    return _PLACEHOLDER.sub(lambda m: originals.get(m.group(0), m.group(0)), text)
