"""Resumes written as data: JSON Resume (jsonresume.org) and RenderCV YAML.

Their fields are laid out as a resume reads: the name, the headline and a contact line
first, then one heading per section; a role is a line "Position, Company, Place | Mar 2021 –
Present" followed by its summary and its highlights as bullets. Markdown inside values
(RenderCV allows **bold** and links) is stripped. A JSON or YAML file that is neither
format is refused with a reason that says what to upload instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from resumeroast.core.readers.markdown import strip_inline
from resumeroast.core.readers.normalize import BULLET_PREFIX
from resumeroast.errors import DocumentTooComplex, UnsupportedFileType

_MAX_LINES = 5000  #: a resume has a few hundred; YAML aliases can multiply a small file
_MAX_DEPTH = 20  #: JSON Resume and RenderCV nest 4 deep; deeper is no resume field
_MAX_FIELDS = 20_000  #: values looked at for template text (YAML aliases can multiply them)
_MONTH_NAMES = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-\d{1,2})?$")
_RENDERCV_KEY = re.compile(r"^cv:\s*(?:#.*)?$", re.MULTILINE)
STRUCTURED_HELP = (
    "Upload the resume as PDF, DOCX, TXT or Markdown, or as a JSON Resume "
    "(jsonresume.org) or RenderCV YAML file."
)


def not_a_resume_format(what: str) -> UnsupportedFileType:
    return UnsupportedFileType(
        f"{what} that is neither a JSON Resume nor a RenderCV resume",
        user_message=f"This is {what}, but not a resume format we read. {STRUCTURED_HELP}",
    )


def looks_like_json(text: str) -> bool:
    return text.lstrip().startswith(("{", "["))


def looks_like_rendercv(text: str) -> bool:
    return _RENDERCV_KEY.search(text) is not None


def json_resume_lines(text: str) -> list[str]:
    """Lines of a JSON Resume; UnsupportedFileType for any other JSON."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise UnsupportedFileType(
            f"a JSON file that does not parse: {exc}",
            user_message=f"This JSON file is broken, so we cannot read it. {STRUCTURED_HELP}",
        ) from exc
    if not isinstance(data, dict) or not ({"basics", "work"} & data.keys()):
        raise not_a_resume_format("a JSON file")
    from resumeroast.core.readers.jsonresume import json_resume

    fields = {key: value for key, value in data.items() if key not in ("meta", "$schema")}
    return with_unshown_leftovers(_bounded(json_resume(data)), fields)


def load_yaml(text: str) -> Any:
    """YAML's safe loader (plain data, no Python objects), in C when PyYAML has it."""
    import yaml  # only YAML uploads need it

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def rendercv_lines(text: str) -> list[str]:
    """Lines of a RenderCV file (a `cv:` mapping); UnsupportedFileType for other YAML."""
    import yaml

    try:
        data = load_yaml(text)
    except (yaml.YAMLError, RecursionError) as exc:
        raise UnsupportedFileType(
            f"a YAML file that does not parse: {exc}",
            user_message=f"This YAML file is broken, so we cannot read it. {STRUCTURED_HELP}",
        ) from exc
    cv = data.get("cv") if isinstance(data, dict) else None
    if not isinstance(cv, dict):
        raise not_a_resume_format("a YAML file")
    from resumeroast.core.readers.rendercv import rendercv

    return with_unshown_leftovers(_bounded(rendercv(cv)), cv)


def _bounded(lines: Iterable[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        out.append(line)
        if len(out) > _MAX_LINES:
            raise DocumentTooComplex(f"the file expands to over {_MAX_LINES} lines")
    return out


def with_unshown_leftovers(lines: list[str], data: Any) -> list[str]:
    """The lines, with every field value that is not on them but holds template text
    ("url: https://github.com/username", "date: 20XX") put under the name: a theme prints
    links and dates these lines leave out, and the placeholder check must see them."""
    from resumeroast.core.analysis.placeholders import find_leftovers

    shown = "\n".join(lines)
    extra: dict[str, None] = {}
    for key, value in islice(_leaves(data, "", 0), _MAX_FIELDS):
        written = text(value)
        if written and written not in shown and find_leftovers(written):
            extra[f"{key}: {written}"] = None
    return [*lines[:1], *extra, *lines[1:]] if extra else lines


def _leaves(value: Any, key: str, depth: int) -> Iterator[tuple[str, Any]]:
    """(field name, scalar) for every scalar under `value`; a list item takes its list's name."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _leaves(item, str(name), depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item, key, depth + 1)
    else:
        yield key, value


# --- helpers the two formats share ----------------------------------------------------------


def text(value: Any) -> str:
    """A scalar as one line of plain text (Markdown stripped); anything else is empty."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float | str):
        return " ".join(strip_inline(str(value)).split())
    return str(value) if hasattr(value, "isoformat") else ""  # YAML dates


def items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def join(*parts: Any, sep: str = ", ") -> str:
    return sep.join(part for part in (text(p) for p in parts) if part)


def month_year(value: Any) -> str:
    """ "2021-03" → "Mar 2021"; "present" → "Present"; other text as written."""
    written = text(value)
    match = _ISO_DATE.match(written)
    if match is None:
        return "Present" if written.lower() in ("present", "now", "current") else written
    year, month = match.group(1), match.group(2)
    if month and 1 <= int(month) <= 12:
        return f"{_MONTH_NAMES[int(month) - 1]} {year}"
    return year


def date_range(start: Any, end: Any, single: Any = None) -> str:
    first, last = month_year(start), month_year(end)
    if first:
        return f"{first} – {last or 'Present'}"
    return month_year(single) or last


def entry_line(title: str, dates: str) -> str:
    return f"{title} | {dates}" if title and dates else title or dates


def paragraphs(value: Any) -> Iterator[str]:
    """A summary's paragraphs, each a line."""
    for part in re.split(r"\n\s*\n|\\n\\n", str(value) if isinstance(value, str) else ""):
        if line := text(part):
            yield line


def bullets(values: Any) -> Iterator[str]:
    for value in items(values):
        if line := text(value):
            yield BULLET_PREFIX + line


def heading(key: str) -> str:
    return key.replace("_", " ").strip().title()
