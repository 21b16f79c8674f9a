"""Text a client sends in a form field or header, checked before anything stores it.

PostgreSQL refuses a NUL in text (the whole transaction fails with it) and SQLite stores it;
other control characters and lone surrogates have no place in a filename, a key or a job ad
either. Tab, line feed and carriage return are ordinary in multi-line text.
"""

from __future__ import annotations

import unicodedata

from resumeroast.errors import InvalidField

MULTILINE_ALLOWED = frozenset("\t\n\r")


def forbidden_character(value: str, *, multiline: bool = False) -> str | None:
    """The first control character or lone surrogate in value, or None when it has none."""
    allowed = MULTILINE_ALLOWED if multiline else frozenset()
    for char in value:
        if char in allowed:
            continue
        if unicodedata.category(char) in ("Cc", "Cs"):
            return char
    return None


def describe(char: str) -> str:
    """How a refused character is named in an answer: U+0000, never the character itself."""
    return f"U+{ord(char):04X}"


def require_plain_text(field: str, value: str, *, multiline: bool = False) -> str:
    """value unchanged; InvalidField naming the field when it holds a refused character."""
    char = forbidden_character(value, multiline=multiline)
    if char is not None:
        raise InvalidField(
            field,
            f"contains the control character {describe(char)}",
            user_message=(
                f"The {field.replace('_', ' ')} contains a control character ({describe(char)}). "
                "Remove it and send the request again."
            ),
        )
    return value
