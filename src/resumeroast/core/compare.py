"""Every revision compared: what changed between two roasts of versions of one resume.

A finding is the same in both versions when its check id matches and it quotes the same text
(case and spacing folded), so a bullet that only moved down the page stays "still open" rather
than counting as fixed and new. Findings without quotes match on the check id alone. The line
diff is difflib's over the extracted text; unchanged lines are left out.
"""

from __future__ import annotations

import difflib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from resumeroast.core.feedback import Feedback, Finding

_SUB_SCORES = ("impact", "clarity", "ats", "completeness", "job_match")


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class ScoreChange(_Model):
    name: str  #: overall, impact, clarity, ats, completeness, job_match
    before: int | None
    after: int | None

    @property
    def change(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


class FindingRef(_Model):
    code: str
    category: str
    message: str
    quotes: list[str] = Field(default_factory=list)


class LineChange(_Model):
    kind: Literal["added", "removed"]
    text: str


class Comparison(_Model):
    scores: list[ScoreChange]
    fixed: list[FindingRef] = Field(default_factory=list)  #: in the earlier version only
    still_open: list[FindingRef] = Field(default_factory=list)  #: in both
    new: list[FindingRef] = Field(default_factory=list)  #: in the later version only
    lines: list[LineChange] = Field(default_factory=list)

    @property
    def overall_change(self) -> int:
        return self.scores[0].change or 0


def compare(
    before: Feedback,
    after: Feedback,
    *,
    before_text: str | None = None,
    after_text: str | None = None,
) -> Comparison:
    """The later version (`after`) against the earlier one; texts give the changed lines."""
    matched = _pairs(before.findings, after.findings)
    still_open = [_ref(f) for i, f in enumerate(after.findings) if i in matched]
    new = [_ref(f) for i, f in enumerate(after.findings) if i not in matched]
    kept = set(matched.values())
    fixed = [_ref(f) for i, f in enumerate(before.findings) if i not in kept]
    lines = _line_changes(before_text, after_text) if before_text is not None else []
    return Comparison(
        scores=_scores(before, after), fixed=fixed, still_open=still_open, new=new, lines=lines
    )


def _pairs(before: list[Finding], after: list[Finding]) -> dict[int, int]:
    """Later finding index → the earlier finding it continues. Same quotes first; then one
    that shares a quote (a list finding with one bullet fixed is still open), or, for a
    finding that quotes nothing, the same check."""
    quotes_before = [_quotes(f) for f in before]
    quotes_after = [_quotes(f) for f in after]
    free = set(range(len(before)))
    pairs: dict[int, int] = {}
    for same_quotes in (True, False):
        for a, item in enumerate(after):
            if a in pairs:
                continue
            for b in sorted(free):
                if before[b].code != item.code:
                    continue
                shared = quotes_before[b] & quotes_after[a]
                both_bare = not quotes_before[b] and not quotes_after[a]
                exact = quotes_before[b] == quotes_after[a]
                if exact if same_quotes else (shared or both_bare):
                    pairs[a] = b
                    free.discard(b)
                    break
    return pairs


def _quotes(item: Finding) -> frozenset[str]:
    return frozenset(_normalised(e.quote) for e in item.evidence)


def _normalised(quote: str) -> str:
    return " ".join(quote.casefold().split()).strip(" .;:,•-–")


def _ref(item: Finding) -> FindingRef:
    return FindingRef(
        code=item.code,
        category=item.category,
        message=item.message,
        quotes=[e.quote for e in item.evidence],
    )


def _scores(before: Feedback, after: Feedback) -> list[ScoreChange]:
    changes = [ScoreChange(name="overall", before=before.overall_score, after=after.overall_score)]
    for name in _SUB_SCORES:
        old, new = getattr(before.sub_scores, name), getattr(after.sub_scores, name)
        if old is not None or new is not None:
            changes.append(ScoreChange(name=name, before=old, after=new))
    return changes


def _line_changes(before_text: str, after_text: str | None) -> list[LineChange]:
    old = [line.rstrip() for line in before_text.splitlines() if line.strip()]
    new = [line.rstrip() for line in (after_text or "").splitlines() if line.strip()]
    changes: list[LineChange] = []
    for line in difflib.ndiff(old, new):
        if line.startswith("- "):
            changes.append(LineChange(kind="removed", text=line[2:]))
        elif line.startswith("+ "):
            changes.append(LineChange(kind="added", text=line[2:]))
    return changes
