"""Disputes: the model overrules an analyzer finding only by quoting the resume, and a
grounded dispute corrects the facts and the scores the finding stood on."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

from resumeroast.core.analysis import Analysis, analyze
from resumeroast.core.documents import Document
from resumeroast.core.feedback import Feedback, Level
from resumeroast.core.review.answer import AnswerLimits, LLMAnswer
from resumeroast.core.review.chat import ChatReply
from resumeroast.core.review.disputes import DisputeContext, claims, corrected_analysis
from resumeroast.core.review.grounding import QuoteIndex
from resumeroast.core.review.merge import GroundingContext, ground_answer, merged_feedback
from resumeroast.core.review.prompts import Message, PromptBudget
from resumeroast.core.review.reviewer import LLMReviewer
from tests.support.llm_resumes import from_text, request_for

AS_OF = date(2026, 1, 1)
#: One role under a heading the analyzer does not know ("Stations"): it reports no experience.
UNKNOWN_HEADING = """
Dana Roe
dana@example.test | 555-123-4567
## Summary
Regulatory affairs manager with ten years in medical devices.
## Stations
Regulatory Affairs Manager, Acme Medical, Springfield
Jan 2019 - Present
- Led 14 FDA 510(k) submissions, all cleared on first review
- Cut submission prep time by 30% by building a shared template library
- Trained 6 specialists on EU MDR technical documentation
## Education
B.S. Biomedical Engineering, State University, 2015
"""
ROLE = "Regulatory Affairs Manager, Acme Medical, Springfield"


def _review(text: str, disputes: list[dict[str, str]]) -> tuple[Analysis, Feedback]:
    document = from_text(text)
    analysis = analyze(document, as_of=AS_OF)
    feedback = _merge(document, analysis, disputes)
    return analysis, feedback


def _merge(document: Document, analysis: Analysis, disputes: list[dict[str, str]]) -> Feedback:
    context = GroundingContext(
        QuoteIndex(document.lines),
        {},
        document.text,
        DisputeContext(
            claims(analysis.findings),
            analysis.sections,
            {line.number: line.text for line in document.lines},
        ),
    )
    answer: dict[str, Any] = {
        "verdict": "A strong regulatory record with real numbers.",
        "findings": [],
        "section_notes": [],
        "rewrites": [],
        "score_adjustments": [],
        "disputes": disputes,
    }
    grounded = ground_answer(LLMAnswer.model_validate(answer), context)
    resolution = corrected_analysis(analysis, document, None, grounded.disputes, context.disputes)
    return merged_feedback(analysis, Level.HONEST, grounded, resolution)


def _claim_id(analysis: Analysis, code: str) -> str:
    return next(c.id for c in claims(analysis.findings) if c.finding.code == code)


def test_the_analyzer_misses_the_experience_under_an_unknown_heading() -> None:
    """The premise: a critical 'no experience', impact 0, the overall score capped."""
    analysis = analyze(from_text(UNKNOWN_HEADING), as_of=AS_OF)
    assert "sections.no_experience" in {f.code for f in analysis.findings}
    assert (analysis.facts.roles, analysis.facts.bullets, analysis.sub_scores.impact) == (0, 0, 0)


def test_a_grounded_dispute_removes_the_finding_and_corrects_the_facts_and_scores() -> None:
    analysis = analyze(from_text(UNKNOWN_HEADING), as_of=AS_OF)
    claim = _claim_id(analysis, "sections.no_experience")
    _, feedback = _review(
        UNKNOWN_HEADING,
        [{"claim": claim, "reason": "There is a dated experience section.", "quote": ROLE}],
    )
    assert "sections.no_experience" not in {f.code for f in feedback.findings}
    # The facts it stood on, re-read: one role, three statements, all quantified.
    assert (feedback.facts.roles, feedback.facts.bullets) == (1, 3)
    assert feedback.sub_scores.impact > analysis.sub_scores.impact
    assert feedback.sub_scores.completeness > analysis.sub_scores.completeness
    assert feedback.overall_score > analysis.overall_score
    # Shown as checked by the AI reviewer, with its evidence, and beside each moved score.
    [checked] = feedback.checked
    assert checked.code == "sections.no_experience" and checked.evidence.quote == ROLE
    assert checked.evidence.line == 6
    moved = {note.sub_score for note in feedback.score_notes}
    assert {"impact", "completeness"} <= moved
    assert all("Checked by the AI reviewer" in note.reason for note in feedback.score_notes)


def test_the_claim_may_be_named_by_its_code() -> None:
    _, feedback = _review(
        UNKNOWN_HEADING,
        [{"claim": "sections.no_experience", "reason": "Dated role here.", "quote": ROLE}],
    )
    assert [c.code for c in feedback.checked] == ["sections.no_experience"]


def test_ungrounded_disputes_change_nothing() -> None:
    analysis = analyze(from_text(UNKNOWN_HEADING), as_of=AS_OF)
    claim = _claim_id(analysis, "sections.no_experience")
    unchanged = _merge(from_text(UNKNOWN_HEADING), analysis, [])
    for dispute in (
        # a quote that is not in the resume
        {"claim": claim, "reason": "Ten years at Medtronic.", "quote": "Director, Medtronic"},
        # a quote that is in the resume but shows no dated experience
        {"claim": claim, "reason": "It has a summary.", "quote": "Regulatory affairs manager"},
        # a claim that was never shown
        {"claim": "A99", "reason": "Not true at all.", "quote": ROLE},
        # a reason that says nothing
        {"claim": claim, "reason": "x", "quote": ROLE},
        # a dated line, but under Education: a degree is no work history
        {
            "claim": claim,
            "reason": "Dated entry here.",
            "quote": "B.S. Biomedical Engineering, State University, 2015",
        },
    ):
        _, feedback = _review(UNKNOWN_HEADING, [dispute])
        assert feedback.checked == [] and feedback.score_notes == []
        assert feedback.model_dump() == unchanged.model_dump()


def test_a_disputed_absence_corrects_the_fact_shown() -> None:
    """The e-mail the reader missed (written "dana at example.test"), quoted by the reviewer
    in the form the resume gives it."""
    text = UNKNOWN_HEADING.replace("dana@example.test | 555-123-4567", "Reach me: 555-123-4567")
    text = text.replace("## Education", "Mail dana@example .com\n## Education")
    analysis = analyze(from_text(text), as_of=AS_OF)
    assert not analysis.facts.contact.email  # the premise: the reader missed it
    claim = _claim_id(analysis, "contact.no_email")
    dispute = {"claim": claim, "reason": "The address is there.", "quote": "Mail dana@example .com"}
    _, feedback = _review(text, [dispute])
    assert [c.code for c in feedback.checked] == ["contact.no_email"]
    assert feedback.facts.contact.email
    assert feedback.sub_scores.completeness > analysis.sub_scores.completeness


def test_years_are_no_phone_number() -> None:
    text = UNKNOWN_HEADING.replace("dana@example.test | 555-123-4567", "dana@example.test")
    analysis = analyze(from_text(text), as_of=AS_OF)
    claim = _claim_id(analysis, "contact.no_phone")
    dates = {"claim": claim, "reason": "Digits are there.", "quote": "Jan 2019 - Present"}
    _, feedback = _review(text, [dates])
    assert feedback.checked == []


def test_roles_under_no_experience_heading_stay_a_finding_whatever_is_quoted() -> None:
    """The warning says the heading is missing, not the roles: a dated role does not refute it."""
    text = UNKNOWN_HEADING.replace(
        "## Education",
        "Regulatory Specialist, Beta Devices, Springfield\nJun 2015 - Dec 2018\n"
        "- Prepared 20 technical files for CE marking\n## Education",
    )
    analysis = analyze(from_text(text), as_of=AS_OF)
    [warning] = [c for c in claims(analysis.findings) if c.finding.code == "sections.no_experience"]
    assert warning.finding.severity.value == "warning" and not warning.disputable
    _, feedback = _review(text, [{"claim": warning.id, "reason": "Dated roles.", "quote": ROLE}])
    assert feedback.checked == []


def test_a_claim_that_cites_lines_is_disputed_only_by_quoting_one_of_them() -> None:
    text = UNKNOWN_HEADING.replace("## Stations", "## Experience").replace(
        "Trained 6 specialists", "Responsible for training 6 specialists"
    )
    analysis = analyze(from_text(text), as_of=AS_OF)
    weak = next(f for f in analysis.findings if f.code == "verbs.weak_opener")
    claim = _claim_id(analysis, weak.code)
    elsewhere = {"claim": claim, "reason": "Strong verbs here.", "quote": "Led 14 FDA 510(k)"}
    _, feedback = _review(text, [elsewhere])
    assert weak.code in {f.code for f in feedback.findings} and feedback.checked == []
    cited = {"claim": claim, "reason": "Training is the duty.", "quote": weak.evidence[0].quote}
    _, feedback = _review(text, [cited])
    assert weak.code not in {f.code for f in feedback.findings}
    assert [c.code for c in feedback.checked] == [weak.code]


def test_red_flags_cannot_be_disputed() -> None:
    text = UNKNOWN_HEADING + "Lorem ipsum dolor sit amet, consectetur adipiscing elit\n"
    analysis = analyze(from_text(text), as_of=AS_OF)
    shown = claims(analysis.findings)
    placeholder = [c for c in shown if c.finding.code.startswith("placeholder.")]
    assert placeholder and not any(c.disputable for c in placeholder)
    quote = "Lorem ipsum dolor sit amet"
    disputes = [{"claim": c.id, "reason": "It is real text.", "quote": quote} for c in placeholder]
    _, feedback = _review(text, disputes[:3])
    assert feedback.checked == []


def test_the_same_answer_gives_the_same_result() -> None:
    dispute = [{"claim": "sections.no_experience", "reason": "Dated role here.", "quote": ROLE}]
    first, second = _review(UNKNOWN_HEADING, dispute)[1], _review(UNKNOWN_HEADING, dispute)[1]
    assert first.model_dump() == second.model_dump()


@dataclass
class _DisputingChat:
    """A model that reads the claim's id off the prompt and disputes it with the role line."""

    model: str = "disputing-1"
    prompts: list[str] = field(default_factory=list)

    def complete(
        self, messages: Sequence[Message], limits: AnswerLimits, *, timeout_s: float
    ) -> ChatReply:
        prompt = "\n".join(m.content for m in messages)
        self.prompts.append(prompt)
        found = re.search(r"- (A\d+) \(sections\.no_experience, critical\)", prompt)
        assert found, "the claim is shown with its id and code"
        answer = {
            "verdict": "A strong regulatory record with real numbers.",
            "findings": [],
            "section_notes": [],
            "rewrites": [],
            "score_adjustments": [
                {
                    "sub_score": "impact",
                    "direction": "raise",
                    "quote": "all cleared on first review",
                    "reason": "First-review clearance is a strong, verifiable result.",
                }
            ],
            "disputes": [
                {"claim": found.group(1), "reason": "A dated role is right here.", "quote": ROLE}
            ],
        }
        return ChatReply(json.dumps(answer), "stop", 1000, 200)

    def close(self) -> None:
        """Nothing to release."""


def test_the_reviewer_shows_claims_and_applies_a_grounded_dispute() -> None:
    request = request_for(from_text(UNKNOWN_HEADING), as_of=AS_OF)
    chat = _DisputingChat()
    reviewer = LLMReviewer(
        chat,
        name="scripted",
        budget=PromptBudget(8192, 2048),
        price=None,
        timeout_s=60,
        clock=lambda: 0.0,
    )
    feedback = reviewer.review(request)
    assert "dispute" in chat.prompts[0]
    assert [c.code for c in feedback.checked] == ["sections.no_experience"]
    assert "sections.no_experience" not in {f.code for f in feedback.findings}
    assert feedback.overall_score > request.analysis.overall_score
    impact_notes = [n.reason for n in feedback.score_notes if n.sub_score == "impact"]
    assert impact_notes[-1] == "First-review clearance is a strong, verifiable result."


# --- a fact with no finding behind it: "roles: 0" -----------------------------------------

#: Roles with no dates: the analyzer reads no role header, so it counts 0 roles; no finding
#: says so (the statements are there), only the fact.
UNDATED_ROLES = """
Dana Roe
dana@example.test | 555-123-4567
## Experience
Registered Nurse • Labor & Delivery
City Hospital • Springfield
- Cared for laboring and postpartum patients across a busy unit
- Precepted new graduate nurses through their first rotation
Charge Nurse • Antepartum
Memorial Hospital • Springfield
- Ran the antepartum unit on night shifts
## Education
B.S. Nursing, State University, 2015
"""


def _fact_review(text: str, disputes: list[dict[str, str]]) -> tuple[Analysis, Feedback]:
    document = from_text(text)
    analysis = analyze(document, as_of=AS_OF)
    shown = claims(analysis.findings, analysis.facts)
    context = GroundingContext(
        QuoteIndex(document.lines),
        {},
        document.text,
        DisputeContext(shown, analysis.sections, {ln.number: ln.text for ln in document.lines}),
    )
    empty: dict[str, Any] = dict.fromkeys(
        ("findings", "section_notes", "rewrites", "score_adjustments"), []
    )
    answer = LLMAnswer.model_validate(
        {"verdict": "Solid clinical record, no dates.", **empty, "disputes": disputes}
    )
    grounded = ground_answer(answer, context)
    resolution = corrected_analysis(analysis, document, None, grounded.disputes, context.disputes)
    return analysis, merged_feedback(analysis, Level.HONEST, grounded, resolution)


def _roles_dispute(quote: str) -> list[dict[str, str]]:
    return [{"claim": "roles", "reason": "Each title heads its own entry.", "quote": quote}]


def test_zero_roles_above_statements_is_a_claim_the_prompt_names_by_the_fact() -> None:
    analysis = analyze(from_text(UNDATED_ROLES), as_of=AS_OF)
    assert analysis.facts.roles == 0 and analysis.facts.bullets > 0
    [fact] = [c for c in claims(analysis.findings, analysis.facts) if c.id == "roles"]
    assert fact.disputable and fact.finding.code == "facts.roles"
    # With dated roles, or with no statements at all, there is no such claim.
    for text in (UNKNOWN_HEADING, UNKNOWN_HEADING.replace("## Stations", "## Experience")):
        dated = analyze(from_text(text), as_of=AS_OF)
        assert "roles" not in {c.id for c in claims(dated.findings, dated.facts)}


def test_a_role_header_quoted_corrects_the_roles_fact() -> None:
    analysis, feedback = _fact_review(UNDATED_ROLES, _roles_dispute("Charge Nurse • Antepartum"))
    # Both header blocks above statements are counted, not only the one quoted.
    assert (analysis.facts.roles, feedback.facts.roles) == (0, 2)
    [checked] = feedback.checked
    assert checked.code == "facts.roles" and checked.evidence.quote == "Charge Nurse • Antepartum"
    # No score stands on undated roles: none moves, and nothing else changes.
    assert feedback.sub_scores == analysis.sub_scores and feedback.score_notes == []


def test_the_same_claim_named_by_its_code_is_the_same_dispute() -> None:
    disputes = _roles_dispute("Registered Nurse • Labor & Delivery")
    for name in ("facts.roles", "Roles"):
        disputes[0]["claim"] = name
        _, feedback = _fact_review(UNDATED_ROLES, disputes)
        assert feedback.facts.roles == 2, name


@pytest.mark.parametrize(
    "quote",
    [
        "Cared for laboring and postpartum patients across a busy unit",  # a statement
        "B.S. Nursing, State University, 2015",  # not a section that holds roles
        "Dana Roe",  # no statement under it
        "Staff Nurse • Pediatrics",  # not in the resume
    ],
)
def test_a_quote_that_is_no_role_header_changes_no_fact(quote: str) -> None:
    analysis, feedback = _fact_review(UNDATED_ROLES, _roles_dispute(quote))
    assert feedback.facts.roles == analysis.facts.roles == 0
    assert feedback.checked == []
