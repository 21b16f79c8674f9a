"""Keyword lists: statements that name skills instead of saying what was done with them.

"Python, Go, AWS", "5 years of Kafka", "Proficient in SQL and Tableau" are written for a keyword
filter. They earn no impact credit (a number in them is not a result), and a resume made of
them cannot score well (docs/scoring.md, cap.keyword_bullets).
"""

from __future__ import annotations

import re
from functools import cache

from resumeroast.core.analysis.keywords import find_skills
from resumeroast.core.analysis.lexicon import read_toml, stopwords, weak_openers
from resumeroast.core.analysis.text import words
from resumeroast.core.analysis.verbs import is_verb, lemma

LIST_SHARE = 0.5  #: skill names make at least this share of the words that carry meaning
#: "Tools: Python, Docker" / "Stack - Go, AWS": a caption naming the tools, not a statement.
_CAPTION = re.compile(r"^[\"']?[A-Za-z][\w\s/&+-]{0,30}[\"']?\s*(?::|\s[-–—|])\s")


@cache
def _no_action_verbs() -> frozenset[str]:
    return frozenset(read_toml("verbs.toml")["no_action"]["words"])


def is_keyword_list(text: str) -> bool:
    """No action verb, and skill names make at least half of what the statement says. A duty
    phrase ("Responsible for Django development") is a weak opener, not a keyword list."""
    mentions = find_skills(text)
    if not mentions or text.lower().startswith(weak_openers()):
        return False
    masked = list(text)
    for _, start, end in mentions:
        masked[start:end] = " " * (end - start)
    rest = words("".join(masked))
    if any(is_verb(word) and lemma(word) not in _no_action_verbs() for word in rest):
        return False
    meaning = [
        word
        for word in rest
        if not any(ch.isdigit() for ch in word)
        and word.lower() not in stopwords()
        and lemma(word) not in _no_action_verbs()
    ]
    return len(mentions) >= LIST_SHARE * (len(mentions) + len(meaning))


def is_caption(text: str) -> bool:
    """A keyword list with a label ("Tools: …"): it names the stack of the role above it."""
    return _CAPTION.match(text) is not None and is_keyword_list(text)
