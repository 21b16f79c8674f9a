"""Rewrites worth copying, or none: better lines, every fact kept, nothing appended."""

from __future__ import annotations

import pytest

from resumeroast.core.analysis import render_feedback
from resumeroast.core.feedback import Level, Rewrite
from tests.unit.core.analysis.analysis_helpers import GOOD, run, swap

CUT = "• Cut checkout latency by 38% by redesigning the payment service cache in Redis"
UNQUANTIFIED = """\
Experience
Software Engineer | Acme Payments | Jan 2021 - Present
• Built the internal billing dashboard used by the finance team
• Designed the onboarding flow for new merchants in React
• Maintained the nightly settlement jobs and their alerts
"""


def _rewrites(text: str) -> list[Rewrite]:
    return render_feedback(run(text), Level.HONEST).rewrites


def _rewrite_of(line: str) -> str | None:
    original = line.removeprefix("• ")
    found = [r.improved for r in _rewrites(swap(CUT, line)) if r.original == original]
    return found[0] if found else None


@pytest.mark.parametrize(
    ("line", "improved"),
    [
        ("• Responsible for managing payroll for 200 staff at Initech",
         "Managed payroll for 200 staff at Initech"),
        ("• Responsible for the development of the billing API in Go",
         "Developed the billing API in Go"),
        ("• I built the Kafka consumer that settles 2M payments a day",
         "Built the Kafka consumer that settles 2M payments a day"),
    ],
)  # fmt: skip
def test_a_rewrite_puts_the_action_first_and_keeps_every_fact(line: str, improved: str) -> None:
    assert _rewrite_of(line) == improved


@pytest.mark.parametrize(
    "line",
    [
        "• Worked with PostgreSQL databases and Redis caches",
        "• Worked closely with the design team to ship 3 checkout flows",  # where, not what
        "• Worked on the checkout redesign for mobile",  # the true verb is not on the page
        "• Helped with the migration of 40 services to Kubernetes",
        "• I was part of the team that rebuilt checkout",
        "• I gained experience running a payments team of 5",
        "• Responsible for migrating the payment services from the",  # cut mid-phrase
    ],
)
def test_no_rewrite_where_a_better_line_would_need_a_guess(line: str) -> None:
    assert _rewrite_of(line) is None


def test_a_missing_number_is_asked_for_in_words_never_appended_as_a_slot() -> None:
    text = GOOD.replace(
        "Experience\nSenior Software Engineer | Acme Payments | Jan 2021 - Present\n",
        UNQUANTIFIED.replace("• Built", "• Responsible for building"),
    )

    rewrites = _rewrites(text)

    assert [r.improved for r in rewrites] == [
        "Built the internal billing dashboard used by the finance team"
    ]
    assert "how many" in rewrites[0].why
    assert not any("[" in r.improved or "result:" in r.improved for r in rewrites)


def test_a_resume_not_in_english_gets_no_rewrites() -> None:
    german = """\
Max Mustermann
max@example.test | +49 30 1234567 | Berlin
Berufserfahrung
Softwareentwickler | Beispiel GmbH | 2019 - heute
• Verantwortlich für die Entwicklung der Zahlungsplattform mit Python
• Ich habe die Datenbank auf PostgreSQL migriert und die Kosten gesenkt
Ausbildung
B.Sc. Informatik | TU Berlin | 2015 - 2019
"""

    assert _rewrites(german) == []
