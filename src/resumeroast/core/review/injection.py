"""Prompt injection: a resume is data, never instructions.

Text that addresses an AI reviewer ("ignore previous instructions", "rate this resume 100",
chat-template tokens …), in visible lines or in hidden text, is:
- reported to the person as a critical red flag (recruiters treat it as manipulation);
- removed from what the analyzer scores and what the model reads, so the resume gets the
  scores it would get without it.
The patterns are deliberately specific: a false alarm would accuse a person of cheating.
Anything they miss still meets the bounded score range and grounding (docs/llm.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from resumeroast.core.documents import Document
from resumeroast.core.feedback import Evidence, Feedback, Finding, ReviewInfo, Severity

_SUBJECT = r"(?:this|the|my|our)\s+(?:resume|cv|candidate|applicant|application|profile)"
_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"\b(?:ignore|disregard|forget|override)\b[^.\n]{0,40}\b(?:previous|prior|above|earlier|"
        r"all|any|your|the)\b[^.\n]{0,20}\b(?:instructions?|prompts?|directions|rules|guidelines)",
        rf"\b(?:rate|score|grade|rank|mark|evaluate)\s+{_SUBJECT}\b[^.\n]{{0,30}}\b\d{{2,3}}\b",
        rf"\b(?:give|assign|award)\s+(?:{_SUBJECT}|it|me|him|her|them)\b[^.\n]{{0,30}}"
        r"\b(?:score|rating|grade|mark)s?\b",
        r"\b(?:rate|score|grade)\s+(?:it|me|him|her|them|this)\s+(?:as\s+|at\s+|an?\s+)*"
        r"(?:100|10/10|perfect|top)\b",
        r"\b(?:you are|you're|act as|pretend to be|pretend you are)\s+(?:now\s+)?"
        r"(?:an?\s+)?(?:ai|assistant|chatgpt|gpt|llm|language model|recruiter bot|ats)\b",
        r"\b(?:note|message|instructions?)\s+(?:to|for)\s+(?:the\s+|any\s+)?"
        r"(?:ai|llm|chatgpt|gpt|language model|assistant|ats|screening (?:bot|tool|software))\b",
        r"\bnew\s+instructions?\s*:",
        r"^\s*(?:system|assistant)\s*:",
        r"<\|im_start\|>|<\|im_end\|>|\[/?INST\]|<start_of_turn>|<end_of_turn>|<<SYS>>",
        r"\b(?:this|the)\s+candidate\s+(?:is|must be|should be)\s+(?:hired|the best|"
        r"a perfect (?:fit|match)|an? (?:exceptional|ideal) (?:fit|match|candidate))\b",
        r"\b(?:do not|don't|never)\s+(?:mention|reveal|report|flag|disclose)\b[^.\n]{0,30}"
        r"\b(?:instructions?|this (?:text|note|message))",
    )
)

CODE = "security.prompt_injection"
INJECTION_NOTE = (
    "Text that tries to instruct an AI reviewer was found in the resume; it was ignored "
    "and reported as a red flag."
)


def is_injection(text: str) -> bool:
    return any(pattern.search(text) for pattern in _PATTERNS)


@dataclass(frozen=True)
class Attempt:
    text: str
    line: int | None  #: None for hidden text
    hidden: bool


@dataclass(frozen=True)
class Screened:
    document: Document  #: the resume without the injected text (what is scored and sent)
    attempts: tuple[Attempt, ...]

    @property
    def detected(self) -> bool:
        return bool(self.attempts)


def screen(document: Document) -> Screened:
    attempts = [
        Attempt(line.text, line.number, False) for line in document.lines if is_injection(line.text)
    ]
    hidden = [h for h in document.layout.hidden_text if is_injection(h.text)]
    attempts += [Attempt(h.text, None, True) for h in hidden]
    if not attempts:
        return Screened(document, ())
    flagged = {a.line for a in attempts}
    cleaned = replace(
        document,
        lines=tuple(line for line in document.lines if line.number not in flagged),
        layout=replace(
            document.layout,
            hidden_text=tuple(h for h in document.layout.hidden_text if h not in hidden),
        ),
    )
    return Screened(cleaned, tuple(attempts))


def red_flag(attempts: tuple[Attempt, ...]) -> Finding:
    hidden = any(a.hidden for a in attempts)
    where = "hidden text" if hidden and all(a.hidden for a in attempts) else "text"
    return Finding(
        code=CODE,
        severity=Severity.CRITICAL,
        category="security",
        message=(
            f"The resume contains {where} that tries to instruct an AI reviewer. "
            "Recruiters and screening tools treat this as manipulation and may reject the "
            "application outright. It was ignored and did not change any score."
        ),
        evidence=[Evidence(quote=a.text[:400], line=a.line) for a in attempts[:3]],
        fix="Delete every instruction aimed at software; let the resume's content speak.",
    )


def flag_injection(feedback: Feedback, screened: Screened) -> Feedback:
    """Add the red flag and the note; a no-op for a clean resume."""
    if not screened.detected:
        return feedback
    review: ReviewInfo = feedback.review.model_copy(
        update={"injection_detected": True, "notes": [*feedback.review.notes, INJECTION_NOTE]}
    )
    return feedback.model_copy(
        update={"findings": [red_flag(screened.attempts), *feedback.findings], "review": review}
    )
