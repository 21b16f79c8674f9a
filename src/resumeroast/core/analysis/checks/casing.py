"""Technology names written in the wrong case: "Html5", "Css3", "jquery", "AutoCad", "Github".

A spell checker passes them (the letters are right), yet a reader in the field sees at once that
the writer does not use the tool's own name. Only names whose case is part of the name are
checked: camel case ("JavaScript", "jQuery", "GitHub", "AutoCAD") and acronyms of three letters
or more ("HTML", "SQL"), each from the skills lexicon, optionally with a version ("HTML5").
Left alone: words in capitals throughout (a heading's typography), an acronym whose lower-case
spelling is an everyday word, and anything inside a link or an e-mail address.
"""

from __future__ import annotations

import re
from functools import cache

from resumeroast.core.analysis.checks.base import INFO, Context, cite, finding, plural
from resumeroast.core.analysis.keywords import skill_index
from resumeroast.core.analysis.lines import TextLine
from resumeroast.core.analysis.speller import in_dictionary
from resumeroast.core.feedback import Finding

MIN_ACRONYM = 3  #: "R", "Go", "C" are too short to tell a name from a letter or a word
#: a name, maybe with a version ("Css3"), not part of a link, an address or a file name
_NAME = re.compile(r"(?<![\w@/.\\-])([A-Za-z]+)(\d*)(?![\w@/\\-]|\.\w)")
_LINKISH = re.compile(r"\S*(?:@|://|www\.|\.(?:com|org|net|io|dev)\b)\S*", re.IGNORECASE)


@cache
def distinctive_names() -> dict[str, str]:
    """One-word skill names whose case is part of the name, by their lower-case spelling."""
    names = {skill.name for skill in skill_index().folded.values()}
    names |= {skill.name for skill in skill_index().exact.values()}
    return {name.lower(): name for name in names if name.isalpha() and _distinctive(name)}


def _distinctive(name: str) -> bool:
    camel = any(a.islower() and b.isupper() for a, b in zip(name, name[1:], strict=False))
    acronym = name.isupper() and len(name) >= MIN_ACRONYM
    return camel or (acronym and not in_dictionary(name))


def miscased(text: str) -> list[tuple[str, str]]:
    """(as written, as the tool writes it) for each miscased name in the text."""
    names = distinctive_names()
    found = []
    for match in _NAME.finditer(_LINKISH.sub(" ", text)):
        letters, version = match.groups()
        name = names.get(letters.lower())
        if name is None or letters == name or letters.isupper():
            continue
        found.append((letters + version, name + version))
    return found


def check_tool_name_case(context: Context) -> list[Finding]:
    hits: list[tuple[TextLine, str, str]] = [
        (line, written, right)
        for line in context.prose_lines
        if context.section_of(line.number) != "header"  # the name: "Seo" is a surname
        for written, right in miscased(line.text)
    ]
    if not hits:
        return []
    pairs = list(dict.fromkeys(f"'{written}' → '{right}'" for _, written, right in hits))
    lines = list({line.number: line for line, _, _ in hits}.values())
    return [
        finding(
            "spelling.tool_name_case",
            INFO,
            f"{plural(len(pairs), 'tool name')} not written the way the tool writes it: "
            f"{', '.join(pairs[:6])}. A reader in the field notices.",
            "Write each name exactly as its maker does (HTML5, jQuery, GitHub, AutoCAD).",
            [cite(line.quote, line.number) for line in lines],
        )
    ]
