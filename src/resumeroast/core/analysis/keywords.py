"""Skills and keywords: a curated lexicon with aliases ("JS" = "JavaScript"), and job matching."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from wordfreq import top_n_list

from resumeroast.core.analysis.lexicon import job_generic_words, read_toml, stopwords
from resumeroast.core.analysis.wordlists import other_language

_TOKEN = re.compile(r"\.?[A-Za-z0-9](?:[A-Za-z0-9+#]|\.(?=[A-Za-z0-9]))*[+#]*")
_JOINER = re.compile(r"[\s/-]*")  #: what may sit between the words of one skill name
_LONGEST = 4  #: words in the longest skill name


@dataclass(frozen=True, slots=True)
class Skill:
    name: str
    hard: bool


@dataclass(frozen=True, slots=True)
class SkillIndex:
    folded: dict[tuple[str, ...], Skill]  #: lower-case word tuples -> skill
    exact: dict[tuple[str, ...], Skill]  #: case-sensitive names ("Go", "R", "Excel")
    words: frozenset[str]  #: every single lower-case word of every alias
    starts: frozenset[str]  #: first words (lower case) of every name: the only places to look


@cache
def skill_index() -> SkillIndex:
    folded: dict[tuple[str, ...], Skill] = {}
    exact: dict[tuple[str, ...], Skill] = {}
    for kind, groups in read_toml("skills.toml").items():
        for table in groups.values():
            for name, aliases in table.items():
                skill = Skill(name, kind == "hard")
                strict = f"={name}" in aliases
                for alias in [name, *aliases]:
                    if alias.startswith("=") or (strict and alias == name):
                        exact[_key(alias.lstrip("="), fold=False)] = skill
                    else:
                        folded[_key(alias, fold=True)] = skill
    words = frozenset(word for key in folded for word in key if word.isalpha())
    starts = frozenset(key[0] for key in folded) | frozenset(key[0].lower() for key in exact)
    return SkillIndex(folded, exact, words, starts)


def _key(text: str, fold: bool) -> tuple[str, ...]:
    tokens = tuple(m.group(0) for m in _TOKEN.finditer(text))
    return tuple(t.lower() for t in tokens) if fold else tokens


def find_skills(text: str) -> list[tuple[Skill, int, int]]:
    """Every skill mention in the text, with its span; the longest name wins ("Spring Boot")."""
    index = skill_index()
    tokens = list(_TOKEN.finditer(text))
    words = [token.group(0) for token in tokens]
    found: list[tuple[Skill, int, int]] = []
    i = 0
    while i < len(tokens):
        hit = (
            _longest_at(tokens, words, i, text, index) if words[i].lower() in index.starts else None
        )
        if hit is None:
            i += 1
            continue
        skill, size = hit
        found.append((skill, tokens[i].start(), tokens[i + size - 1].end()))
        i += size
    return found


def _longest_at(
    tokens: list[re.Match[str]], words: list[str], i: int, text: str, index: SkillIndex
) -> tuple[Skill, int] | None:
    # the run of tokens from i joined only by spaces, slashes or hyphens, each gap looked at once
    joined = 1
    while joined < min(_LONGEST, len(tokens) - i) and _JOINER.fullmatch(
        text, tokens[i + joined - 1].end(), tokens[i + joined].start()
    ):
        joined += 1
    for size in range(joined, 0, -1):
        run = tuple(words[i : i + size])
        skill = index.exact.get(run) or index.folded.get(tuple(w.lower() for w in run))
        if skill is not None:
            return skill, size
    return None


def skill_vocabulary() -> frozenset[str]:
    """Single lower-case words from skill names and aliases, for the spelling dictionary."""
    return skill_index().words


@dataclass(frozen=True, slots=True)
class JobTerms:
    skills: tuple[Skill, ...]  #: from the lexicon, weight 1.0 (hard) or 0.5 (soft)
    phrases: tuple[str, ...]  #: salient words and word pairs the description repeats, weight 0.5


MAX_PHRASES = 12


@lru_cache(maxsize=32)
def job_terms(description: str) -> JobTerms:
    mentions = find_skills(description)
    skills = tuple(dict.fromkeys(skill for skill, _, _ in mentions))
    masked = list(description)
    for _, start, end in mentions:
        masked[start:end] = " " * (end - start)
    return JobTerms(skills, _salient_phrases("".join(masked)))


FUNCTION_WORDS = 250  #: a language's most frequent words: "mit", "und", "para", "nuestro"


@cache
def _ignored(language: str) -> frozenset[str]:
    """Words that are never keywords: function words and what every job ad says, in the job
    description's own language (the most frequent words of wordfreq's list for it)."""
    ignored = stopwords() | job_generic_words()
    if language == "en":
        return ignored
    return ignored | frozenset(top_n_list(language, FUNCTION_WORDS, wordlist="large"))


def _salient_phrases(text: str) -> tuple[str, ...]:
    ignore = _ignored(other_language(text) or "en")
    counts: Counter[str] = Counter()
    # Letters of any alphabet stay whole: "prácticas" is one word, not "pr" and "cticas".
    for chunk in re.split(r"[^\w\s-]+|[\d_]+|\s-\s", text.lower()):
        tokens = [t for t in chunk.split() if len(t) >= 3]
        run: list[str] = []
        for token in tokens + [""]:
            if token and token not in ignore:
                run.append(token)
                continue
            counts.update(run)
            counts.update(f"{a} {b}" for a, b in zip(run, run[1:], strict=False))
            run = []
    repeated = [term for term, n in counts.most_common() if n >= 2]
    pairs = {term for term in repeated if " " in term}
    singles = [t for t in repeated if " " not in t and not any(t in p.split() for p in pairs)]
    return tuple(sorted(pairs, key=lambda t: -counts[t]) + singles)[:MAX_PHRASES]


def has_phrase(phrase: str, text: str) -> bool:
    """Word-boundary match that accepts plurals ("pipeline" finds "pipelines")."""
    return _phrase_pattern(phrase).search(text) is not None


@lru_cache(maxsize=512)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w.rstrip("s")) + r"s?" for w in phrase.split()]
    return re.compile(r"\b" + r"[\s-]+".join(words) + r"\b", re.IGNORECASE)
