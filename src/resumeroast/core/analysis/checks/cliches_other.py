"""Clichés of resumes in German, French, Spanish and Portuguese (data/cliches_other.toml).

The English word checks skip a resume in another language; clichés need no dictionary, only the
language's own list, so a French CV is told about "esprit d'équipe" as an English one is about
"team player". A phrase counts in any sentence, a bare soft skill only in the summary's. A list of
strengths ("Persönliche Stärken: Teamfähigkeit, Belastbarkeit", "Aptitudes") is a section these
CVs are expected to have, not a cliché (held-out sets: each such word was judged trivial).
"""

from __future__ import annotations

import re
from functools import cache

from resumeroast.core.analysis.checks.base import Context
from resumeroast.core.analysis.checks.language import cliche_findings
from resumeroast.core.analysis.lexicon import read_toml
from resumeroast.core.analysis.wordlists import other_language
from resumeroast.core.feedback import Finding

#: what separates the items of a list: "Teamfähigkeit, Belastbarkeit und Flexibilität"
_ITEM_SEPARATOR = re.compile(
    r"\s*(?:[,;|•·:&/()]|\b(?:and|und|sowie|et|y|e|ou|o|oder)\b)\s*", re.IGNORECASE
)


def _whole_item(text: str, match: re.Match[str]) -> bool:
    before = _ITEM_SEPARATOR.split(text[: match.start()])[-1]
    after = _ITEM_SEPARATOR.split(text[match.end() :])[0]
    return not before.strip(" .-–") and not after.strip(" .-–")


@cache
def _patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    table = read_toml("cliches_other.toml").get(language)
    if not table:
        return None
    return _regex(table["phrases"]), _regex(table["soft"])


def _regex(words: list[str]) -> re.Pattern[str]:
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(
        r"(?<![\w'’-])(?:" + "|".join(re.escape(w) for w in ordered) + r")(?![\w'’-])",
        re.IGNORECASE,
    )


def check_cliches_other_language(context: Context) -> list[Finding]:
    if context.english:
        return []
    language = other_language(context.document.text)
    patterns = _patterns(language) if language else None
    if patterns is None:
        return []
    phrases, soft = patterns
    hits = []
    for line in context.own_words:
        summary = context.section_of(line.number) == "summary"
        found = [
            m.group(0)
            for m in [*phrases.finditer(line.text), *soft.finditer(line.text)]
            if not _whole_item(line.text, m) and (summary or m.re is phrases)
        ]
        if found:
            hits.append((line, found))
    return cliche_findings(hits, language=", in the resume's own language")
