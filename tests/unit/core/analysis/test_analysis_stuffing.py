"""Keyword stuffing on one line, over several lines, and pasted more than once."""

from __future__ import annotations

import pytest

from tests.unit.core.analysis.analysis_helpers import GOOD, found, lines_of, run, swap

EIGHT = "Python, Java, AWS, Rust, Scala, React, Kafka, Docker"
NINETEEN = (
    "Python, Java, JavaScript, TypeScript, React, AWS, Azure, GCP, Docker, Kubernetes, "
    "Terraform, PostgreSQL, MongoDB, Redis, Kafka, Spark, GraphQL, Django, Scrum"
)
SKILLS = "Python, Go, PostgreSQL, Redis, Kubernetes, Docker, AWS, Terraform"


def _line_of(text: str, line: str) -> int:
    rows = [row for row in text.splitlines() if row.strip()]
    return rows.index(line) + 1


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a 19-term line labelled Keywords", GOOD + f"Keywords: {NINETEEN}\n"),
        ("a Keywords heading over a block of short lines",
         GOOD + "Keywords\nPython, Java, AWS, Rust\nScala, React, Kafka, Docker\n"),
        ("one 8-keyword line pasted three times, far apart",
         swap("Experience\n", f"{EIGHT}\nExperience\n",
              swap("Education\n", f"{EIGHT}\nEducation\n")) + EIGHT + "\n"),
        ("a block over three lines repeating its keywords",
         GOOD + "Python, Java, AWS\nPython, React, AWS\nPython, Kafka, AWS\n"),
        ("a bare list over lines outside the Skills section",
         swap("Summary\n", "Python, Java, JavaScript, React\nAWS, Azure, Docker, Kubernetes\n"
              "PostgreSQL, Redis, Kafka, Spark\nSummary\n")),
    ],
)  # fmt: skip
def test_stuffing_is_found_whatever_its_shape(name: str, text: str) -> None:
    # The honest resume shows 3 of the 5: a poor match would hold both to the same cap.
    job = "We need Python, Kubernetes, Redis, Kafka and Spark engineers."
    analysis = run(text, job=job)
    honest = run(GOOD, job=job)

    assert found(analysis, "ats.keyword_stuffing") is not None, name
    assert analysis.overall_score <= 50 < honest.overall_score
    assert analysis.sub_scores.job_match == honest.sub_scores.job_match  # it earned nothing


def test_every_copy_of_a_pasted_line_is_quoted() -> None:
    text = swap("Education\n", f"{EIGHT}\nEducation\n") + f"{EIGHT}\n{EIGHT}\n"

    assert len(lines_of(run(text), "ats.keyword_stuffing")) == 3


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("a dense Skills section in categories",
         swap(f"Skills\n{SKILLS}\n",
              "Skills\nLanguages: Python, Go, Java, TypeScript, SQL, Bash\n"
              "Data: PostgreSQL, Redis, Kafka, Spark, MongoDB, Snowflake\n"
              "Cloud: AWS, GCP, Kubernetes, Docker, Terraform, Helm\n"
              "Practices: CI/CD, TDD, Agile, Scrum, Microservices, REST\n")),
        ("certifications naming their vendor on every line",
         GOOD + "Certifications\n"
         "2023 AWS Certified Advanced Networking - Specialty, Amazon Web Services (AWS)\n"
         "2022 AWS Certified Security - Specialty, Amazon Web Services (AWS)\n"
         "2022 AWS Certified Solutions Architect - Professional, Amazon Web Services (AWS)\n"),
        ("a different tools caption under each role",
         swap("• Mentored 4", "Stack: Python, PostgreSQL, Redis, Kafka\n• Mentored 4",
              swap("• Led a team", "Stack: Go, AWS, Kubernetes, Terraform\n• Led a team"))),
        ("the same skill in a few bullets", swap("• Mentored 4 junior developers",
                                                 "• Mentored 4 junior Python developers")),
    ],
)  # fmt: skip
def test_honest_lists_are_not_stuffing(name: str, text: str) -> None:
    assert found(run(text), "ats.keyword_stuffing") is None, name
