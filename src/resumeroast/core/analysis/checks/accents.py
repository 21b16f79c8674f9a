"""A PDF text layer that splits accented letters: "Pers¨onliche" for "Persönliche".

pdfLaTeX without T1 font encoding draws an accent as a glyph of its own over the letter, and the
text layer then holds a spacing accent ("¨", "´", "¸") beside a plain letter. The page looks right;
an ATS reads "Fran¸caise", and a search for "Française", or for the person's own name, finds
nothing. Any language: an English CV with French names is read as wrongly as a German one.
"""

from __future__ import annotations

import re
import unicodedata

from resumeroast.core.analysis.checks.base import WARNING, Context, cite, finding
from resumeroast.core.documents import DocumentKind
from resumeroast.core.feedback import Finding

#: spacing accent -> the combining mark it stands for (the backtick is left out: Markdown and
#: reStructuredText use it as markup, and a PDF of either is no pdfLaTeX output)
_MARKS = {
    "\u00a8": "\u0308",  # ¨ diaeresis
    "\u00b4": "\u0301",  # ´ acute
    "\u02c6": "\u0302",  # ˆ circumflex
    "\u02dc": "\u0303",  # ˜ tilde
    "\u00b8": "\u0327",  # ¸ cedilla
    "\u02c7": "\u030c",  # ˇ caron
    "\u02d8": "\u0306",  # ˘ breve
    "\u02da": "\u030a",  # ˚ ring
}
_SPLIT = re.compile(r"[^\W\d_]*[" + "".join(_MARKS) + r"][^\W\d_]*")
MIN_SPLIT = 3  #: two odd words are a name typed oddly; three are the font's encoding


def check_split_accents(context: Context) -> list[Finding]:
    if context.document.kind is not DocumentKind.PDF:
        return []  # a typed accent in a text or Word file is the writer's, not the font's
    split = [
        (line, match.group())
        for line in context.lines
        for match in _SPLIT.finditer(line.text)
        if restored(match.group()) is not None
    ]
    if len(split) < MIN_SPLIT:
        return []
    examples = ", ".join(
        f"'{word}' for '{restored(word)}'" for word in list(dict.fromkeys(w for _, w in split))[:4]
    )
    lines = list(dict.fromkeys(line for line, _ in split))
    return [
        finding(
            "ats.split_accents",
            WARNING,
            f"The PDF's text layer splits accented letters ({examples}): an ATS reads these "
            "words broken, and a search for them, or for your name, finds nothing.",
            "In LaTeX add \\usepackage[T1]{fontenc} (or build with XeLaTeX or LuaLaTeX) and "
            "export again; then copy the text out of the PDF to check it.",
            [cite(line.quote, line.number) for line in lines[:5]],
        )
    ]


def restored(word: str) -> str | None:
    """ "Pers¨onliche" -> "Persönliche", "Perso¨nliche" too: each accent put on the letter after
    it (pdfTeX's usual order) or, failing that, before it, where the two make one accented
    letter. None when an accent fits neither ("Boys´ Day": an apostrophe typed as an accent)."""
    letters = list(word)
    for index, char in enumerate(word):
        if char not in _MARKS:
            continue
        for neighbour in (index + 1, index - 1):
            if 0 <= neighbour < len(word) and _composes(word[neighbour], char):
                letters[neighbour] = unicodedata.normalize("NFC", word[neighbour] + _MARKS[char])
                letters[index] = ""
                break
        else:
            return None
    return "".join(letters)


def _composes(letter: str, mark: str) -> bool:
    return unicodedata.normalize("NFC", letter + _MARKS[mark]) in _ACCENTED


#: the accented letters of the languages the checks read, and the carons of names: "Boys´" or
#: "Peter´s" would make an "ś", which is an apostrophe typed as an accent, not a split letter
_ACCENTED = frozenset("àáâãäåçèéêëìíîïñòóôõöùúûüýÿčšžřěůňďť")
_ACCENTED |= frozenset(letter.upper() for letter in _ACCENTED)
