"""The job's requirements, each against the resume's evidence: present, missing or only implied.

Requirements come only from what a recruiter would screen for: skills and tools named in the
skills lexicon, degrees, certifications and the years of experience asked for. Generic job-ad
words ("web", "product", "testing", "team") are never requirements: they are not in the lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from resumeroast.core.analysis.keywords import Skill, find_skills
from resumeroast.core.analysis.lexicon import read_toml
from resumeroast.core.analysis.skill_lists import is_keyword_list


class Status(StrEnum):
    PRESENT = "present"  #: used in a statement of what the person did
    IMPLIED = "implied"  #: only listed among skills, or a weaker form of the requirement shown
    MISSING = "missing"


class Kind(StrEnum):
    SKILL = "skill"
    TOOL = "tool"
    QUALIFICATION = "qualification"
    SENIORITY = "seniority"


@dataclass(frozen=True, slots=True)
class Requirement:
    name: str
    kind: Kind
    status: Status
    evidence: str | None  #: a line quoted from the resume, or None when missing


@dataclass(frozen=True, slots=True)
class RequirementTable:
    rows: tuple[Requirement, ...]

    @property
    def match_rate(self) -> float:
        """Present counts whole, implied half: a listed skill is a claim, a used one is proof."""
        if not self.rows:
            return 0.0
        credit = {Status.PRESENT: 1.0, Status.IMPLIED: 0.5, Status.MISSING: 0.0}
        return round(sum(credit[row.status] for row in self.rows) / len(self.rows), 3)

    def count(self, status: Status) -> int:
        return sum(1 for row in self.rows if row.status is status)


#: Degree levels, lowest first; a higher degree satisfies a lower one.
_DEGREES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "Bachelor's degree",
        re.compile(r"\b(?:[Bb]achelor|B\.[SA]\.|BSc|B\.Sc|BEng|B[SA](?= in| degree))"),
    ),
    (
        "Master's degree",
        re.compile(
            r"\b(?:[Mm]aster'?s? (?:degree|of|in)|M\.S\.|MSc|M\.Sc|MEng|MBA|MS(?= in| degree))"
        ),
    ),
    ("PhD", re.compile(r"\b(Ph\.?\s?D|doctorate)\b", re.IGNORECASE)),
)
_CERTIFICATION = re.compile(
    r"\b((?:AWS|Azure|GCP|Google Cloud|Kubernetes|CKA|PMP|CPA|CFA|Scrum|CISSP|CompTIA)"
    r"[\w\s-]{0,40}?(?:certification|certified|certificate)|"
    r"(?:PMP|CPA|CFA|CISSP|CKA|CKAD|CSM)\b)",
    re.IGNORECASE,
)
_YEARS_ASKED = re.compile(r"\b(\d{1,2})\s*\+?\s*(?:-\s*\d{1,2}\s*)?years?\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_TOOL_GROUPS = ("cloud", "devops", "tools", "data", "databases")


def requirement_table(description: str, resume_text: str) -> RequirementTable:
    lines = [_clean(line) for line in resume_text.splitlines()]
    lines = [line for line in lines if line]
    named = [(line, tuple(found for found, _, _ in find_skills(line))) for line in lines]
    rows = [_skill_row(skill, named) for skill in _job_skills(description)]
    rows += _degree_rows(description, lines)
    rows += [_certification_row(name, lines) for name in _certifications(description)]
    seniority = _seniority_row(description, lines)
    if seniority is not None:
        rows.append(seniority)
    return RequirementTable(tuple(rows))


def _clean(line: str) -> str:
    return line.strip().lstrip("-•*·▪◦ ").strip()


def _job_skills(description: str) -> list[Skill]:
    return list(dict.fromkeys(skill for skill, _, _ in find_skills(description)))


#: Each resume line with the skills it names, found once per line, not once per requirement.
_Named = list[tuple[str, tuple[Skill, ...]]]


def _skill_row(skill: Skill, named: _Named) -> Requirement:
    listed: str | None = None
    for line, skills in named:
        if skill not in skills:
            continue
        if not is_keyword_list(line):
            return Requirement(skill.name, _kind(skill), Status.PRESENT, line)
        listed = listed or line
    evidence = listed or _related(skill, named)
    status = Status.IMPLIED if evidence else Status.MISSING
    return Requirement(skill.name, _kind(skill), status, evidence)


def _related(skill: Skill, named: _Named) -> str | None:
    """A line naming a narrower or broader form of the skill ("Django" for "Django REST
    Framework"): related experience, not the thing asked for."""
    words = skill.name.lower().split()
    for line, skills in named:
        for found in skills:
            other = found.name.lower().split()
            if found != skill and (other == words[: len(other)] or words == other[: len(words)]):
                return line
    return None


def _kind(skill: Skill) -> Kind:
    return Kind.SKILL if not skill.hard or not _is_tool(skill.name) else Kind.TOOL


def _is_tool(name: str) -> bool:
    return name in _tool_names()


@cache
def _tool_names() -> frozenset[str]:
    """Read once: parsing the skills file per requirement took most of a job match's time."""
    groups = read_toml("skills.toml")["hard"]
    return frozenset(name for group in _TOOL_GROUPS for name in groups.get(group, {}))


def _degree_level(text: str) -> int:
    """Index of the highest degree the text names, -1 when none."""
    return max((i for i, (_, pattern) in enumerate(_DEGREES) if pattern.search(text)), default=-1)


def _degree_rows(description: str, lines: list[str]) -> list[Requirement]:
    # The lowest degree the ad names is the requirement ("BS required, MS preferred").
    asked = [i for i, (_, pattern) in enumerate(_DEGREES) if pattern.search(description)]
    if not asked:
        return []
    needed = min(asked)
    name = _DEGREES[needed][0]
    best = max(lines, key=_degree_level, default="")
    level = _degree_level(best)
    if level >= needed:
        return [Requirement(name, Kind.QUALIFICATION, Status.PRESENT, best)]
    if level >= 0:
        return [Requirement(name, Kind.QUALIFICATION, Status.IMPLIED, best)]
    return [Requirement(name, Kind.QUALIFICATION, Status.MISSING, None)]


def _certifications(description: str) -> list[str]:
    names = (" ".join(m.group(0).split()) for m in _CERTIFICATION.finditer(description))
    return list(dict.fromkeys(names))


def _certification_row(name: str, lines: list[str]) -> Requirement:
    head = name.split()[0].lower()
    for line in lines:
        if _CERTIFICATION.search(line) and head in line.lower():
            return Requirement(name, Kind.QUALIFICATION, Status.PRESENT, line)
    return Requirement(name, Kind.QUALIFICATION, Status.MISSING, None)


def _seniority_row(description: str, lines: list[str]) -> Requirement | None:
    asked = [int(m.group(1)) for m in _YEARS_ASKED.finditer(description)]
    asked = [n for n in asked if 1 <= n <= 30]
    if not asked:
        return None
    needed = max(asked)
    name = f"{needed}+ years of experience"
    for line in lines:
        stated = [int(m.group(1)) for m in _YEARS_ASKED.finditer(line)]
        if stated and max(stated) >= needed and "experience" in line.lower():
            return Requirement(name, Kind.SENIORITY, Status.PRESENT, line)
    # The dates of the roles only imply it: the span from the first to the last year named.
    dated = [(int(y), line) for line in lines for y in _YEAR.findall(line)]
    if dated and max(dated)[0] - min(dated)[0] >= needed:
        return Requirement(name, Kind.SENIORITY, Status.IMPLIED, min(dated)[1])
    return Requirement(name, Kind.SENIORITY, Status.MISSING, None)
