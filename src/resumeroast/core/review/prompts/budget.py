"""Token budget: estimate sizes without a tokenizer, and trim long resumes by a stated rule.

The estimate is deliberately pessimistic (3 ASCII characters or 1 other character per token;
real tokenizers average about 4 and 1–2) so that a prompt we think fits really does fit.

Trimming rule, when the resume does not fit its share of the context:
1. always keep the first lines (name, contact, summary);
2. then section headings, then the lines the analyzer cites as evidence;
3. then lines with numbers (results) and short lines (roles, employers, dates), then
   bullets, then everything else;
4. within a tier, earlier lines first (most resumes put the recent, relevant work first);
5. every kept line is cut at MAX_LINE_CHARS; dropped runs become one "[... N lines omitted ...]"
   marker, so the model knows text is missing and never sees a false neighbour.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

HEAD_LINES = 6
MAX_LINE_CHARS = 300
_BULLET = re.compile(r"^\s*(?:[-*•●▪◦‣▶►·–]|\d+[.)])\s+")
_DIGIT = re.compile(r"\d")


def estimate_tokens(text: str) -> int:
    ascii_chars = sum(1 for char in text if ord(char) < 128)
    return -(-ascii_chars // 3) + (len(text) - ascii_chars) + 1


def shorten(text: str, max_chars: int) -> str:
    return text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"


@dataclass(frozen=True)
class Trimmed:
    lines: tuple[str, ...]  #: kept lines in order, with omission markers between runs
    omitted: int  #: how many lines were left out


_SECTION_WORDS = frozenset(
    "summary profile objective experience employment education skills projects certifications "
    "awards publications languages interests volunteering volunteer references contact "
    "work history professional experience technical skills".split()
    + ["work history", "professional experience", "technical skills"]
)


def _is_section_heading(text: str) -> bool:
    words = text.split()
    if not 0 < len(words) <= 4 or len(text) > 40:
        return False
    key = text.strip().rstrip(":").lower()
    return key in _SECTION_WORDS or (text.isupper() and any(c.isalpha() for c in text))


def _tier(index: int, text: str, cited: bool) -> int:
    if index < HEAD_LINES:
        return 0
    if _is_section_heading(text):
        return 1
    if cited:
        return 2
    if _DIGIT.search(text) or len(text.split()) <= 6:  # results; role, company and date lines
        return 3
    if _BULLET.match(text):
        return 4
    return 5


def trim_lines(lines: Sequence[str], budget_tokens: int, *, cited: Collection[int] = ()) -> Trimmed:
    """Keep the most informative lines (by the rule above) within budget_tokens.

    `cited` holds 0-based indexes of lines that must be kept if anything is.
    """
    cut = [shorten(line, MAX_LINE_CHARS) for line in lines]
    costs = [estimate_tokens(line) for line in cut]
    if sum(costs) <= budget_tokens:
        return Trimmed(lines=tuple(cut), omitted=0)
    order = sorted(range(len(cut)), key=lambda i: (_tier(i, cut[i], i in cited), i))
    keep: set[int] = set()
    spent = 0
    for index in order:
        # Reserve room for one omission marker per kept line (the worst case).
        cost = costs[index] + _MARKER_TOKENS
        if spent + cost <= budget_tokens:
            keep.add(index)
            spent += cost
    return Trimmed(lines=tuple(_with_markers(cut, keep)), omitted=len(cut) - len(keep))


_MARKER_TOKENS = estimate_tokens("[... 999 lines omitted ...]")


def _with_markers(lines: Sequence[str], keep: Collection[int]) -> list[str]:
    out: list[str] = []
    gap = 0
    for index, line in enumerate(lines):
        if index in keep:
            if gap:
                out.append(f"[... {gap} lines omitted ...]")
                gap = 0
            out.append(line)
        else:
            gap += 1
    if gap:
        out.append(f"[... {gap} lines omitted ...]")
    return out
