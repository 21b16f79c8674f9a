"""One score vocabulary: the bands the verdict names, as the API, page, CLI and export show them.

The analyzer's phrases define the bands (phrases.toml [bands]); everything a person reads takes
its word for a score from here, so "72/100 (Getting there)" never sits beside "Decent".
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from resumeroast.core.analysis.phrases import band, phrases

BandKey = Literal["strong", "getting_there", "needs_work"]


class ScoreBand(BaseModel):
    """A range of overall scores and the words for it."""

    model_config = ConfigDict(frozen=True)

    key: BandKey
    label: str  #: the word a person reads: "Strong", "Getting there", "Needs work"
    min_score: int  #: the lowest overall score in the band


def score_bands() -> list[ScoreBand]:
    """Every band, best first."""
    table = phrases()["bands"]
    labels = table["labels"]
    return [
        ScoreBand(key="strong", label=str(labels["strong"]), min_score=int(table["strong"])),
        ScoreBand(
            key="getting_there",
            label=str(labels["getting_there"]),
            min_score=int(table["getting_there"]),
        ),
        ScoreBand(key="needs_work", label=str(labels["needs_work"]), min_score=0),
    ]


def band_for(score: int) -> ScoreBand:
    key = band(score)
    return next(b for b in score_bands() if b.key == key)


#: A finding's category as a person reads it (never the code: "job_match", "red_flag").
CATEGORY_LABELS: dict[str, str] = {
    "contact": "Contact",
    "length": "Length",
    "impact": "Impact",
    "verbs": "Verbs",
    "language": "Wording",
    "brevity": "Brevity",
    "dates": "Dates",
    "spelling": "Spelling",
    "ats": "ATS readability",
    "sections": "Sections",
    "job_match": "Job match",
    "red_flag": "Red flag",
    "content": "Content",
    "placeholder": "Placeholder text",
    "personal": "Personal details",
    "security": "Safety",
}


def category_label(category: str) -> str:
    """The category in words: a known label, else the code with spaces, capitalised."""
    return CATEGORY_LABELS.get(category) or category.replace("_", " ").strip().capitalize()


def plural(count: int, one: str, many: str | None = None) -> str:
    """`1 role`, `2 roles`."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def section_note_parts(section: str, note: str) -> tuple[str, str]:
    """A section note as (heading, text), the heading said once: a note that begins with its
    section's name ("Education: …") gives that name; "other" is never a heading on its own."""
    head, sep, rest = note.partition(": ")
    if sep and head and len(head) <= 60:
        return head, rest
    if section == "other":
        return "", note
    return section.replace("_", " ").capitalize(), note
