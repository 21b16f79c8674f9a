"""Control characters in a client's text are refused by field name; ordinary text passes."""

from __future__ import annotations

import pytest

from resumeroast.core.text_fields import require_plain_text
from resumeroast.errors import InvalidField


@pytest.mark.parametrize("value", ["Résumé – 2024 (final).pdf", "履歴書.docx", "cv 😀.md", ""])
def test_ordinary_names_pass(value: str) -> None:
    assert require_plain_text("filename", value) == value


@pytest.mark.parametrize(
    ("value", "named"),
    [("cv\x00.txt", "U+0000"), ("a\x1bb", "U+001B"), ("a\x7f", "U+007F"), ("a\x85", "U+0085")],
)
def test_control_characters_are_refused_by_field(value: str, named: str) -> None:
    with pytest.raises(InvalidField) as refused:
        require_plain_text("filename", value)
    assert refused.value.field == "filename"
    assert named in refused.value.user_message
    assert value not in refused.value.user_message


def test_a_lone_surrogate_is_refused() -> None:
    with pytest.raises(InvalidField):
        require_plain_text("job_description", "Python \udc80 developer", multiline=True)


def test_multiline_text_keeps_its_line_breaks_and_tabs_but_not_nul() -> None:
    ad = "Requirements:\r\n\t- Python\n- SQL"
    assert require_plain_text("job_description", ad, multiline=True) == ad
    with pytest.raises(InvalidField):
        require_plain_text("job_description", ad, multiline=False)
    with pytest.raises(InvalidField):
        require_plain_text("job_description", ad + "\x00", multiline=True)
