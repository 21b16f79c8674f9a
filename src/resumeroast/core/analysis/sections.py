"""Sections: which lines are headings, what each heading means, where each section ends."""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, replace
from functools import cache

from resumeroast.core.analysis.lexicon import read_toml
from resumeroast.core.analysis.lines import TextLine
from resumeroast.core.analysis.model import Section
from resumeroast.core.analysis.text import is_all_caps, words

_MAX_HEADING_WORDS = 6
_NOT_HEADING = re.compile(r"[@\d|•]|https?:|www\.")
#: a line that stops mid-phrase: the heading word under it finishes it ("Board Member for /
#: Education"), in any of the five languages
_OPEN_END = re.compile(
    r"(?:[,&]|(?<!\S)(?:for|of|and|in|to|with|the|at|on|de|des|du|la|le|et|und|für|der|die|das|y|del"
    r"|em|da|do|e))\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class HeadingLexicon:
    names: dict[str, tuple[str, bool]]  #: normalised heading -> (kind, standard)
    modifiers: frozenset[str]
    trailing: frozenset[str] = frozenset()  #: adjectives after the noun ("… laboral")


@dataclass(frozen=True, slots=True)
class Block:
    """A section and the lines under its heading."""

    section: Section
    lines: tuple[TextLine, ...]


@cache
def heading_lexicon() -> HeadingLexicon:
    table = read_toml("sections.toml")
    words_table = table.pop("modifiers")
    modifiers = frozenset(words_table["words"])
    trailing = frozenset(normalise_heading(w) for w in words_table.get("trailing", []))
    names: dict[str, tuple[str, bool]] = {}
    for kind, lists in table.items():
        for name in lists.get("standard", []):
            names[normalise_heading(name)] = (kind, True)
        for name in lists.get("creative", []):
            names[normalise_heading(name)] = (kind, False)
    return HeadingLexicon(names, modifiers, trailing)


#: folded names that are an English word first: a page titled "Resume" is no Summary ("Résumé")
_FOLD_CLASHES = frozenset({"resume"})


def fold_accents(text: str) -> str:
    """ "éducation" -> "education", "FORMAÇÃO" -> "FORMACAO": headings typed without accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _folded_lexicon() -> HeadingLexicon:
    lexicon = heading_lexicon()
    names: dict[str, tuple[str, bool]] = {}
    for name, found in lexicon.names.items():
        folded = fold_accents(name)
        if folded not in _FOLD_CLASHES:
            names.setdefault(folded, found)
    return HeadingLexicon(
        names,
        frozenset(fold_accents(w) for w in lexicon.modifiers),
        frozenset(fold_accents(w) for w in lexicon.trailing),
    )


def normalise_heading(text: str) -> str:
    text = (
        re.sub(r"\([^)]*\)", " ", text)
        .lower()
        .replace("&", " and ")
        .replace("/", " and ")
        .replace("+", " and ")
    )
    text = re.sub(r"\s[-–—·|]\s", " and ", text)  # "Schule - Berufsausbildung"
    text = re.sub(r"[’`]", "'", text)
    text = re.sub(r"[^\w' ]+", " ", text)
    return " ".join(text.split())


def lookup_heading(text: str) -> tuple[str, bool] | None:
    """(kind, standard) for a heading text, or None when it names no section we know; with or
    without its accents ("Éducation", "ETUDES", "Formação")."""
    name = normalise_heading(text)
    if not name:
        return None
    found = _lookup(name, heading_lexicon())
    if found is None and (folded := fold_accents(name)) not in _FOLD_CLASHES:
        found = _lookup(folded, _folded_lexicon())
    return found


def _lookup(name: str, lexicon: HeadingLexicon) -> tuple[str, bool] | None:
    if name in lexicon.names:
        return lexicon.names[name]
    for part in _CONNECTORS.split(name):
        found = _lookup_without_modifiers(part.strip(), lexicon)
        if found is not None:
            return found
    return None


#: "and" in the five languages: "Educación y formación", "Stages et expériences",
#: "Ausbildung und Studium", "Cursos e certificações"
_CONNECTORS = re.compile(r" (?:and|y|e|et|und|u) |,")


def _lookup_without_modifiers(name: str, lexicon: HeadingLexicon) -> tuple[str, bool] | None:
    """Drop leading modifiers ("Selected"), trailing ones ("… laboral") and plural endings
    ("Berufserfahrungen", "Experiencias profesionales") until a known name is left."""
    tokens = name.split()
    while tokens:
        for candidate in (" ".join(tokens), " ".join(_singular(t) for t in tokens)):
            if candidate in lexicon.names:
                return lexicon.names[candidate]
        if tokens[0] in lexicon.modifiers:
            tokens = tokens[1:]
        elif len(tokens) > 1 and (
            tokens[-1] in lexicon.trailing or _singular(tokens[-1]) in lexicon.trailing
        ):
            tokens = tokens[:-1]
        else:
            return None
    return None


def _singular(token: str) -> str:
    """ "experiencias" -> "experiencia", "profesionales" -> "profesional",
    "berufserfahrungen" -> "berufserfahrung"; short words, and English plurals ("Services" is
    a line of a job, not "Service"), are left alone."""
    if len(token) <= 4:
        return token
    for ending, cut in (("ales", 2), ("ungen", 2), ("ias", 1)):
        if token.endswith(ending):
            return token[:-cut]
    return token


def heading_shape(line: TextLine) -> bool:
    """Short, not a list item, not a sentence, no contact details or numbers."""
    text = line.text.strip().rstrip(":").strip()
    if line.glyph or not text or len(text) > 50 or _NOT_HEADING.search(text):
        return False
    if text.endswith((".", ",", ";")) or len(words(text)) > _MAX_HEADING_WORDS:
        return False
    return text[0].isupper() or not text[0].isalpha()


def known_heading(line: TextLine) -> tuple[str, bool] | None:
    if not heading_shape(line):
        return None
    return lookup_heading(line.text.strip().rstrip(":"))


def _listed_heading(line: TextLine, below: TextLine) -> tuple[str, bool] | None:
    """ "• EDUCATION" over unbulleted lines, in a page whose headings are capitals: a Word
    heading that kept the bullet of the list above it."""
    if line.glyph is None or below.glyph is not None or not is_all_caps(line.text):
        return None
    found = known_heading(replace(line, glyph=None))
    return found if found is not None and found[1] else None


def _glued_heading(line: TextLine) -> tuple[str, bool] | None:
    """ "Curling BERUFSERFAHRUNG": a standard heading in capitals (8 letters or more) that a
    sidebar's last one or two words were read into, in a page whose headings are capitals."""
    tokens = line.text.split()
    for head, tail in ((tokens[:cut], " ".join(tokens[cut:])) for cut in (1, 2)):
        if len(tail) >= 8 and is_all_caps(tail) and not any(is_all_caps(t) for t in head):
            found = known_heading(replace(line, text=tail, glyph=None))
            if found is not None and found[1]:
                return found
    return None


def split_sections(
    lines: tuple[TextLine, ...], experience_headings: frozenset[int] = frozenset()
) -> tuple[Block, ...]:
    """Blocks in reading order; lines before the first heading form the "header" block.
    Lines in `experience_headings` open an Experience section whatever their words."""
    known = {
        line.number: found
        for above, line in zip((None, *lines), lines, strict=False)
        if (found := known_heading(line)) and not (above and _OPEN_END.search(above.text))
    }
    if any(is_all_caps(_by_number(lines, n).text) for n in known):
        for line, below in zip(lines, lines[1:], strict=False):
            if (found := _listed_heading(line, below)) is not None:
                known[line.number] = found
        for line in lines:
            if line.number not in known and (found := _glued_heading(line)) is not None:
                known[line.number] = found
    style = _HeadingStyle.learn([line for line in lines if line.number in known], lines)
    known = {
        n: found for n, found in known.items() if style.sized_like_heading(_by_number(lines, n))
    }
    for line in lines:
        if line.number in experience_headings:
            known[line.number] = ("experience", known.get(line.number, ("", False))[1])
    first_known = min(known, default=None)
    starts: list[tuple[TextLine, str, bool]] = []
    open_kind, open_head = "header", None
    for line in lines:
        if line.number in known and _opens_section(
            line, known[line.number][0], open_head, open_kind
        ):
            kind, standard = known[line.number]
            starts.append((line, kind, standard))
            open_kind, open_head = kind, line
        elif line.number in known:
            continue
        elif first_known is not None and line.number > first_known and style.matches(line):
            starts.append((line, "other", False))
            open_kind, open_head = "other", line
    return _blocks(lines, starts)


def _opens_section(line: TextLine, kind: str, open_head: TextLine | None, open_kind: str) -> bool:
    """A heading word that repeats the open section in another case is a job title inside it
    ("VOLUNTEER EXPERIENCE" … "Volunteer"); "EXPERIENCE" then "RESEARCH" are two sections."""
    if kind != open_kind or open_head is None:
        return True
    return is_all_caps(line.text) == is_all_caps(open_head.text)


def _by_number(lines: tuple[TextLine, ...], number: int) -> TextLine:
    return next(line for line in lines if line.number == number)


def _blocks(
    lines: tuple[TextLine, ...], starts: list[tuple[TextLine, str, bool]]
) -> tuple[Block, ...]:
    blocks: list[Block] = []
    heads = {line.number: (kind, standard) for line, kind, standard in starts}
    current: list[TextLine] = []
    head: TextLine | None = None
    for line in lines:
        if line.number in heads:
            blocks.append(_block(head, current, heads))
            head, current = line, []
        else:
            current.append(line)
    blocks.append(_block(head, current, heads))
    return tuple(block for block in blocks if block.lines or block.section.heading_line is not None)


def _block(
    head: TextLine | None, body: list[TextLine], heads: dict[int, tuple[str, bool]]
) -> Block:
    if head is None:
        kind, standard, title = "header", True, ""
    else:
        (kind, standard), title = heads[head.number], head.text.strip().rstrip(":").strip()
    first = head.number if head else (body[0].number if body else 0)
    last = body[-1].number if body else first
    section = Section(kind, title, head.number if head else None, first, last, standard)
    return Block(section, tuple(body))


@dataclass(frozen=True, slots=True)
class _HeadingStyle:
    """How this document sets its known headings, to spot the headings we do not know."""

    md_level: int | None
    underline: str | None
    font_size: float | None
    #: every known heading is in capitals: a title in mixed case set in their size is a job's
    #: name inside a section ("Leiter Gastronomie" under BERUFSERFAHRUNG), not a heading
    capitals: bool = False

    @classmethod
    def learn(cls, headings: list[TextLine], lines: tuple[TextLine, ...]) -> _HeadingStyle:
        levels = [h.md_level for h in headings if h.md_level is not None]
        rules = [h.underline for h in headings if h.underline is not None]
        sizes = [h.font_size for h in headings if h.font_size is not None]
        heads = {h.number for h in headings}
        body = [x.font_size for x in lines if x.font_size is not None and x.number not in heads]
        size = statistics.median(sizes) if sizes else None
        if size is not None and body and size < statistics.median(body) + 1.0:
            size = None
        # the last word: a glued heading ("Curling BERUFSERFAHRUNG") is in capitals where it counts
        capitals = len(headings) >= 3 and all(is_all_caps(h.text.split()[-1]) for h in headings)
        rule = statistics.mode(rules) if rules else None
        return cls(max(levels) if levels else None, rule, size, capitals)

    def sized_like_heading(self, line: TextLine) -> bool:
        """When headings are set larger than the body, a heading word in body size is body text
        ("Open Source" in a list of skills)."""
        if self.font_size is None or line.font_size is None:
            return True
        return line.font_size >= self.font_size - 1.0

    def matches(self, line: TextLine) -> bool:
        if not heading_shape(line) or line.region.value != "body":
            return False
        if self.capitals and not is_all_caps(line.text):
            return False
        if self.md_level is not None and line.md_level is not None:
            return line.md_level <= self.md_level
        if self.underline is not None and line.underline == self.underline:
            return True
        if self.font_size is not None and line.font_size is not None:
            return abs(line.font_size - self.font_size) < 0.6
        return False
