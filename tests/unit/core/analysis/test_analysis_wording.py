"""Roast levels change words, never facts or scores; rewrites never invent facts."""

from __future__ import annotations

import re

from resumeroast.core.analysis import render_feedback
from resumeroast.core.analysis.lexicon import read_toml
from resumeroast.core.feedback import Level
from tests.unit.core.analysis.analysis_helpers import GOOD, run, swap

WEAK = swap(
    "• Migrated 40 services from a monolith to Kubernetes with zero customer downtime",
    "• Responsible for migrating services from a monolith to Kubernetes",
    swap("• Built an ingestion pipeline in Python that processes 12M events per day",
         "• I built an ingestion pipeline in Python", GOOD),
)  # fmt: skip


def test_levels_change_the_words_but_not_the_facts_or_scores() -> None:
    analysis = run(WEAK)
    feedbacks = {level: render_feedback(analysis, level) for level in Level}

    facts = {
        (
            f.overall_score,
            f.sub_scores.model_dump_json(),
            f.facts.model_dump_json(),
            len(f.findings),
        )
        for f in feedbacks.values()
    }
    assert len(facts) == 1
    for gentle, brutal in zip(
        feedbacks[Level.GENTLE].findings, feedbacks[Level.BRUTAL].findings, strict=True
    ):
        assert (gentle.code, gentle.evidence, gentle.severity) == (
            brutal.code,
            brutal.evidence,
            brutal.severity,
        )
    assert len({f.verdict for f in feedbacks.values()}) == 3
    assert (
        feedbacks[Level.BRUTAL].findings[0].message != feedbacks[Level.HONEST].findings[0].message
    )


def test_wording_is_stable_for_the_same_resume() -> None:
    assert render_feedback(run(WEAK), Level.BRUTAL) == render_feedback(run(WEAK), Level.BRUTAL)


def test_every_detected_section_gets_a_note() -> None:
    feedback = render_feedback(run(WEAK), Level.HONEST)

    assert [n.section for n in feedback.section_notes] == [
        "summary", "experience", "projects", "education", "skills",
    ]  # fmt: skip
    experience = feedback.section_notes[1].note
    assert "opening with a duty phrase" in experience


def test_rewrites_quote_the_resume_and_invent_no_numbers() -> None:
    feedback = render_feedback(run(WEAK), Level.HONEST)
    rewrites = {r.original: r.improved for r in feedback.rewrites}

    assert (
        rewrites["Responsible for migrating services from a monolith to Kubernetes"]
        == "Migrated services from a monolith to Kubernetes"
    )
    assert rewrites["I built an ingestion pipeline in Python"].startswith("Built an ingestion")
    for rewrite in feedback.rewrites:
        assert rewrite.original in WEAK
        invented = set(re.findall(r"\d+", rewrite.improved)) - set(
            re.findall(r"\d+", rewrite.original)
        )
        assert not invented


def test_brutal_phrases_roast_the_page_never_the_person() -> None:
    phrases = read_toml("phrases.toml")
    brutal = [p for table in phrases["lead"]["brutal"].values() for p in table]
    brutal += [p for table in phrases["verdict"]["brutal"].values() for p in table]
    insults = re.compile(
        r"\b(?:you(?:'re| are)|stupid|idiot|lazy|loser|pathetic|ugly|dumb|old)\b", re.I
    )

    assert brutal and not [p for p in brutal if insults.search(p)]
