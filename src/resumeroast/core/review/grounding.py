"""Grounding: nothing the model says about the resume is shown unless the resume backs it.

- Quotes are checked against the resume text after normalising case, punctuation and
  whitespace (and Unicode compatibility forms). A quote that is found is shown as the
  resume's own text, so what the person reads is always verbatim.
- A quote with an inner ellipsis ("Led ... to 40%") is found as ordered pieces of one
  statement (`QuoteIndex(lines, statements)`), and shown as the resume's text from the first
  piece to the last.
- Rewrites may not add employers, titles, dates, degrees or numbers that their original
  does not have (`invented_facts`); the original is the whole statement the quote comes
  from (merge.py), not the quote. Names are capitalised words, sentence-initial ones
  included unless they are ordinary words (a verb, a function word); a lowercase word
  after "at" is an employer ("at amazon") unless it is an ordinary word ("at scale").
  A title word counts only in a title position (`_titles`): after "as", "promoted to" …,
  capitalised mid-sentence, or opening a header ("Senior Engineer, Acme"); "Lead daily
  store operations" and "Partner with Accounting" are verbs, and "team lead" restates
  "Team Leader".
- Free remarks may not cite numbers that appear nowhere in what the model was given
  (`unsupported_numbers`), except numbers about the resume's own parts: a count no larger
  than the resume has ("12 one-word lines") or advice ("split it into 2-3 bullets").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from resumeroast.core.analysis.lexicon import stopwords
from resumeroast.core.analysis.verbs import is_verb
from resumeroast.core.documents import Line

#: A quote must carry at least this many letters or digits to count as evidence (a single
#: short word such as "Python" proves nothing about where the model was looking).
MIN_QUOTE_ALNUM = 8
_LEADING_SIGNS = frozenset("$€£¥#([+")
_TRAILING_SIGNS = frozenset("%)]+")


def _fold(char: str) -> str:
    """One character → its normalised form ('' for marks, ' ' for punctuation)."""
    out = []
    for c in unicodedata.normalize("NFKC", char).casefold():
        kind = unicodedata.category(c)
        if kind.startswith("M"):
            continue
        out.append(c if c.isalnum() else " ")
    return "".join(out)


def normalise(text: str) -> str:
    return " ".join("".join(_fold(char) for char in text).split())


@dataclass(frozen=True)
class Located:
    text: str  #: the resume's own words for the quote (verbatim, lines joined by a space)
    line: int  #: the 1-based number of the line the quote starts on
    last_line: int = 0  #: the line it ends on (0: the line it starts on)

    @property
    def end(self) -> int:
        return self.last_line or self.line


_ELLIPSIS = re.compile(r"\.{3,}|…")
#: Each piece of an elided quote must carry this much; the whole, MIN_QUOTE_ALNUM.
MIN_PIECE_ALNUM = 2


class QuoteIndex:
    """The resume text, normalised once, with a map back to the original characters.

    `statements` are (first line, last line) spans of the resume's statements (the
    analyzer's bullets): the pieces of an elided quote must lie in one of them, or on one
    line."""

    def __init__(self, lines: Sequence[Line], statements: Sequence[tuple[int, int]] = ()) -> None:
        self._statements = tuple(statements)
        self._original = "\n".join(line.text for line in lines)
        chars: list[str] = []
        sources: list[int] = []
        starts: list[tuple[int, int]] = []  # (offset in original, line number)
        offset = 0
        for line in lines:
            starts.append((offset, line.number))
            offset += len(line.text) + 1
        for position, char in enumerate(self._original):
            for folded in _fold(char) if char != "\n" else " ":
                if folded == " " and (not chars or chars[-1] == " "):
                    continue
                chars.append(folded)
                sources.append(position)
        self._text = "".join(chars)
        self._sources = sources
        self._line_starts = starts

    def locate(self, quote: str) -> Located | None:
        pieces = [normalise(piece) for piece in _ELLIPSIS.split(quote)]
        pieces = [piece for piece in pieces if piece]
        if len(pieces) > 1:  # the span it stands for must carry MIN_QUOTE_ALNUM, not the pieces
            return self._locate_pieces(pieces)
        if sum(c.isalnum() for piece in pieces for c in piece) < MIN_QUOTE_ALNUM:
            return None
        found = self._text.find(pieces[0]) if pieces else -1
        if found == -1:
            return None
        return self._located(found, found + len(pieces[0]) - 1)

    def _locate_pieces(self, pieces: Sequence[str]) -> Located | None:
        """Ordered pieces of one statement: the first occurrence that works."""
        if any(sum(c.isalnum() for c in piece) < MIN_PIECE_ALNUM for piece in pieces):
            return None
        start = self._text.find(pieces[0])
        while start != -1:
            end = start + len(pieces[0])
            for piece in pieces[1:]:
                at = self._text.find(piece, end)
                if at == -1:
                    return None
                end = at + len(piece)
            span = self._text[start:end]
            if sum(c.isalnum() for c in span) >= MIN_QUOTE_ALNUM and self._one_statement(
                start, end - 1
            ):
                return self._located(start, end - 1)
            start = self._text.find(pieces[0], start + 1)
        return None

    def _one_statement(self, start: int, end: int) -> bool:
        first = self._line_at(self._sources[start])
        last = self._line_at(self._sources[end])
        return first == last or any(a <= first and last <= b for a, b in self._statements)

    def _located(self, found: int, found_last: int) -> Located:
        first, last = self._sources[found], self._sources[found_last]
        original = self._original
        # Keep the signs that belong to a word: "40%", "(p95)", "$2M", "C++".
        while first > 0 and original[first - 1] in _LEADING_SIGNS:
            first -= 1
        while last + 1 < len(original) and original[last + 1] in _TRAILING_SIGNS:
            last += 1
        text = " ".join(original[first : last + 1].split())
        return Located(text=text, line=self._line_at(first), last_line=self._line_at(last))

    def _line_at(self, position: int) -> int:
        number = self._line_starts[0][1] if self._line_starts else 1
        for start, line_number in self._line_starts:
            if start > position:
                break
            number = line_number
        return number


# --- facts a rewrite may not invent ---------------------------------------------------

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
    "fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions "
    "billion billions dozen dozens half halved halving percent twice thrice".split()
)
#: Multipliers are numbers too: "doubling throughput" claims a figure.
_MULTIPLIER_WORDS = frozenset(
    f"{stem}{ending}"
    for stem in ("doubl", "tripl", "quadrupl")
    for ending in ("e", "ed", "es", "ing")
) | frozenset("twofold threefold fourfold fivefold tenfold hundredfold".split())
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_TITLES = frozenset(
    "senior junior lead principal staff head chief director manager vp president founder "
    "cofounder co-founder ceo cto cfo coo cio architect supervisor intern partner owner "
    "officer executive".split()
) | frozenset(  # role nouns, singular: "as a software engineer" names the person's title
    "engineer developer programmer scientist analyst consultant designer researcher "
    "specialist coordinator administrator accountant strategist recruiter technician "
    "technologist statistician economist auditor advisor adviser".split()
)
_DEGREES = frozenset(
    "bachelor bachelors bachelor's master masters master's phd doctorate mba bsc msc ba ma bs "
    "ms beng meng degree diploma certified certification certificate licensed license".split()
)
_EMPLOYER_SUFFIXES = frozenset("inc ltd llc gmbh corp corporation plc ag sa co company".split())
_WORD = re.compile(r"[A-Za-z][\w'&+.-]*[\w+]|[A-Za-z]")
_SENTENCE_START = re.compile(r"(?:^|[.!?;:•\n-]\s+|^\s*[-*•]\s*)$")
_AFTER_AT = re.compile(r"\bat\s+([a-z][a-z'&-]*)")
#: Ordinary words that open a sentence of a rewrite, or follow "at", besides function
#: words and verbs: capitalised there, they are not names.
_ORDINARY = frozenset(
    "key main core new first second top multiple various numerous daily weekly monthly "
    "cross-functional end-to-end hands-on full-stack team teams project projects result "
    "results customer customers client clients user users data revenue sales cost costs "
    "latency performance quality support product products service services scale pace "
    "speed peak launch work home risk level length volume runtime large low high lower "
    "higher minimal reduced record company org organisation organization".split()
)


#: Prefixes that make a verb or a noun of another: "Co-taught", "Re-designed", "Self-funded".
_PREFIXES = frozenset("co re pre non self cross multi over under out sub inter".split())


def _ordinary(word: str) -> bool:
    word = word.lower()
    if word in _ORDINARY or word in stopwords() or is_verb(word):
        return True
    head, _, tail = word.partition("-")
    if tail and head in _PREFIXES and _ordinary(tail):
        return True
    # Gerunds and adverbs ("Leading", "Successfully"); a short stem keeps "Boeing" a name.
    return any(word.endswith(end) and len(word) - len(end) >= 4 for end in ("ing", "ly"))


def _numbers(text: str) -> set[str]:
    return {re.sub(r"[.,]", "", n) for n in _NUMBER.findall(text)}


def _words(text: str) -> set[str]:
    return {w.lower().strip(".'") for w in _WORD.findall(text)}


def _with_parts(words: set[str]) -> set[str]:
    """The words and the parts of their compounds: "Central-South" says "central" and
    "south"; "QR code" says "qr-code" (each part said)."""
    return words | {part for w in words for part in re.split(r"[-/]", w) if part}


def _said(word: str, before: set[str]) -> bool:
    """A compound whose every part the original says is no new word ("QR-code")."""
    parts = [part for part in re.split(r"[-/]", word) if part]
    return word in before or (len(parts) > 1 and all(part in before for part in parts))


def _proper_nouns(text: str) -> set[str]:
    """Capitalised words and acronyms; at the start of a sentence or a bullet, only those
    that are not ordinary words ("Google: built …" names Google, "Built …" names nothing)."""
    found: set[str] = set()
    for match in _WORD.finditer(text):
        word = match.group(0).rstrip(".")
        if len(word) < 2 or not word[0].isupper():
            continue
        opens = not word.isupper() and _SENTENCE_START.search(text[: match.start()])
        if not opens or not _ordinary(word):
            found.add(word.lower())
    return found


def _employers_after_at(text: str) -> set[str]:
    """Lowercase names after "at": "built APIs at amazon"."""
    return {w for w in _AFTER_AT.findall(text) if not _ordinary(w)}


#: What puts a title word in a title position: "as a", "promoted to" … (and up to three
#: words of the title before it: "as a senior software engineer").
_TITLE_CUE = re.compile(
    r"\b(?:as|promoted\s+to|named|appointed|hired\s+as|became|become|becoming|"
    r"role\s+of|title\s+of|position\s+of|rank\s+of)\s+(?:(?:a|an|the)\s+)?"
    r"(?:[\w&/-]+\s+){0,3}$",
    re.IGNORECASE,
)
#: After a title word that opens a sentence, these make it a header ("Manager of Sales",
#: "Engineer at Acme", "Senior Analyst, Finance") rather than a verb ("Lead daily …").
_HEADER_NEXT = re.compile(r"^\s*(?:$|[,|–—(]|-\s|(?:of|at|for|with\s+[A-Z])\b)")
#: Title words that head a title after a verb-like opener ("Lead Engineer"); "staff" and
#: "partner" there are objects ("Lead staff to …", "Manage partner accounts").
_HEAD_NOUNS = _TITLES - {"staff", "partner", "owner"}
_ROLE_NOUN_NEXT = re.compile(r"^\s+(?:role|position|title|job)\b", re.IGNORECASE)


def _titles(text: str) -> set[str]:
    """Title words in a title position; a verb or a noun elsewhere in a sentence is none."""
    found: set[str] = set()
    for match in _WORD.finditer(text):
        word, lower = match.group(0).rstrip("."), match.group(0).rstrip(".").lower()
        if lower not in _TITLES:
            continue
        before, after = text[: match.start()], text[match.end() :]
        next_word = _WORD.match(after.lstrip())
        next_is_title = next_word is not None and next_word.group(0).lower() in _HEAD_NOUNS
        if _TITLE_CUE.search(before) or _ROLE_NOUN_NEXT.match(after):
            found.add(lower)
        elif _SENTENCE_START.search(before):  # opening a sentence: a header, or a verb
            if next_is_title or _HEADER_NEXT.match(after) or not is_verb(lower):
                found.add(lower)
        elif word[0].isupper():  # "reported to the Finance Director"
            found.add(lower)
    return found


def invented_facts(original: str, improved: str, header: str = "") -> list[str]:
    """What `improved` claims that `original` does not say: numbers, dates, titles, degrees,
    employers and other proper nouns. Empty when the rewrite only rephrases.

    `header` is the header of the role the original sits under ("Teaching Assistant Jan 2019
    – May 2020"): its title, employer and dates are the role's own, so a rewrite may name them
    ("… as Teaching Assistant")."""
    problems: list[str] = []
    if header:
        original = f"{original}\n{header}"
    new_numbers = _numbers(improved) - _numbers(original)
    if new_numbers:
        problems.append("numbers " + ", ".join(sorted(new_numbers)))
    before, after = _with_parts(_words(original)), _words(improved)
    before |= {w[:-1] for w in before if w.endswith("s")}  # "engineers" allows "engineer"
    after = {w for w in after if not _said(w, before)}
    titles = _titles(improved) - before - {w[:-2] for w in before if w.endswith("er")}
    if titles:  # "Team Leader" allows "team lead"
        problems.append("titles " + ", ".join(sorted(titles)))
    for label, vocabulary in (
        ("number words", _NUMBER_WORDS | _MULTIPLIER_WORDS),
        ("dates", _MONTHS),
        ("degrees", _DEGREES),
        ("employers", _EMPLOYER_SUFFIXES),
    ):
        added = (after & vocabulary) - before
        if added:
            problems.append(f"{label} " + ", ".join(sorted(added)))
    employers = {w for w in _employers_after_at(improved) if not _said(w, before)}
    if employers:
        problems.append("employers " + ", ".join(sorted(employers)))
    names = {w for w in _proper_nouns(improved) - employers if not _said(w, before)}
    if names:
        problems.append("names " + ", ".join(sorted(names)))
    return problems


#: Nouns naming the resume's own parts, and which count (ResumeCounts key) bounds them.
_PART_NOUNS = {
    **dict.fromkeys(("line", "lines"), "lines"),
    **dict.fromkeys(
        ("bullet", "bullets", "point", "points", "statement", "statements", "sentence"), "bullets"
    ),
    **dict.fromkeys(("sentences", "item", "items"), "bullets"),
    **dict.fromkeys(("page", "pages"), "pages"),
    **dict.fromkeys(("word", "words", "skill", "skills", "keyword", "keywords"), "words"),
    **dict.fromkeys(("verb", "verbs", "character", "characters", "chars"), "words"),
    **dict.fromkeys(("section", "sections", "heading", "headings"), "sections"),
    **dict.fromkeys(("role", "roles", "job", "jobs", "position", "positions"), "roles"),
    **dict.fromkeys(("entry", "entries"), "roles"),
}
_ONE_WORD = frozenset({"one-word", "single-word"})
#: Before a number: it describes the advice ("split it into 2 bullets", "keep to 1 page").
_ADVICE_CUE = re.compile(
    r"\b(?:into|to|at\s+most|than|under|within|up\s+to|about|around|max(?:imum)?|"
    r"add|use|pick|choose|give|top|first|only|aim\s+for)\s+$",
    re.IGNORECASE,
)
_RANGE_NEXT = re.compile(r"^\s*(?:-|–|—|to|or)\s*\d+(?:[.,]\d+)*")
_RANGE_BEFORE = re.compile(r"\d\s*(?:-|–|—|to|or)\s*$")
_PER_NEXT = re.compile(r"^\s+(?:per|each|every)\b", re.IGNORECASE)
_NEXT_WORDS = re.compile(r"\s*([A-Za-z][\w'-]*)")
#: "2-3 of them", "one of these": a share of the items the remark is about (the resume's own
#: statements), bounded as they are.
_OF_THEM = re.compile(r"^\s+of\s+(?:them|these|those)\b", re.IGNORECASE)

ResumeCounts = Mapping[str, int]
"""How many of each part the resume has: lines, one_word_lines, bullets, pages, words,
sections, roles (resume_counts builds it)."""


def resume_counts(lines: Sequence[Line], bullets: int, sections: int, roles: int) -> ResumeCounts:
    texts = [line.text for line in lines]
    pages = max((line.page for line in lines), default=1)
    dated = sum(bool(re.search(r"\b(?:19|20)\d\d\b", t)) for t in texts)
    return {
        "lines": len(texts),
        "one_word_lines": sum(len(t.split()) == 1 for t in texts),
        "bullets": max(bullets, len(texts)),
        "pages": pages,
        "words": sum(len(t.split()) for t in texts),
        "sections": max(sections, 1),
        "roles": max(roles, dated),
    }


def _about_the_resume(text: str, match: re.Match[str], counts: ResumeCounts) -> bool:
    """A number that counts the resume's own parts (no more than it has) or sizes the advice;
    a number of anything else ("400 accounts", "40%") is a claim about the person."""
    after = text[match.end() :]
    if after[:1] in "%$€£" or after.lstrip()[:1] in "%":
        return False
    ranged = _RANGE_NEXT.match(after)
    kind, position, modifiers = None, ranged.end() if ranged else 0, set()
    of_them = _OF_THEM.match(after[position:])
    if of_them is not None:
        kind, position = "bullets", position + of_them.end()
    for _ in range(0 if kind else 3):
        word = _NEXT_WORDS.match(after, position)
        if word is None:
            break
        lower = word.group(1).lower()
        if lower in _PART_NOUNS:
            kind = _PART_NOUNS[lower]
            position = word.end()
            break
        modifiers.add(lower)
        position = word.end()
    if kind is None:
        return False
    before = text[: match.start()]
    if (
        _ADVICE_CUE.search(before)
        or ranged
        or _RANGE_BEFORE.search(before)
        or _PER_NEXT.match(after[position:])
    ):
        return True
    if kind == "lines" and modifiers & _ONE_WORD:
        kind = "one_word_lines"
    value = float(re.sub(r",", "", match.group(0)))
    return value <= counts.get(kind, 0)


def unsupported_numbers(text: str, known: str, counts: ResumeCounts | None = None) -> set[str]:
    """Numbers in `text` that never appear in `known` (the resume, its facts, the job ad),
    other than numbers about the resume's own parts (`_about_the_resume`) when `counts` is
    given."""
    allowed = _numbers(known)
    return {
        number
        for match in _NUMBER.finditer(text)
        if (number := re.sub(r"[.,]", "", match.group(0))) not in allowed
        and not (counts is not None and _about_the_resume(text, match, counts))
    }
