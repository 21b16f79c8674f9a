"""Small builders for analyzer tests: documents from plain text, and readable assertions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from resumeroast.core.analysis import Analysis, analyze
from resumeroast.core.documents import Document, DocumentKind, LayoutFacts, Line
from resumeroast.core.feedback import Finding

AS_OF = date(2025, 6, 1)

#: Sections no check looks into; they carry GOOD past 300 words (scoring.THIN_WORDS)
EXTRAS = """\
Certifications
AWS Certified Solutions Architect, Professional | Amazon Web Services | 2022
Certified Kubernetes Administrator | Cloud Native Computing Foundation | 2021
Awards
Engineering Excellence Award for the checkout latency project | Acme Payments | 2023
Speaker at PyCon US 2022 on caching payment data safely under heavy load
Mentor of the Year, chosen by the 30 engineers of the platform group | Acme Payments | 2024
Hackathon winner for a fraud-alert prototype later shipped to all merchants | Acme Payments | 2022
Languages
English (native), Spanish (professional working proficiency)
Interests
Long-distance cycling, woodworking, and teaching Python at a weekend coding club for teenagers
"""

#: A resume with nothing wrong that any check looks for; tests change one thing at a time.
GOOD = (
    """\
Jane Smith
jane.smith@example.test | +1 (555) 201-3344 | Portland, OR | linkedin.com/in/janesmith
Summary
Backend engineer with eight years of experience building payment and data systems in Python.
Focused on services that stay fast under load and on teams that ship small changes every day.
Experience
Senior Software Engineer | Acme Payments | Jan 2021 - Present
• Cut checkout latency by 38% by redesigning the payment service cache in Redis
• Led a team of 5 engineers that shipped 3 fraud models, blocking $2.1M in losses a year
• Migrated 40 services from a monolith to Kubernetes with zero customer downtime
Software Engineer | Northwind Data | Mar 2017 - Dec 2020
• Built an ingestion pipeline in Python that processes 12M events per day
• Reduced monthly cloud spend by $18K by rightsizing 200 PostgreSQL instances
• Mentored 4 junior developers, two of whom were promoted within a year
• Designed a schema migration tool adopted by 9 teams, cutting release prep from 2 days to 3 hours
Projects
Open-source rate limiter for Python web services | 2019 - 2020
• Published a rate limiting library with 1,200 GitHub stars and 30 outside contributors
Education
B.S. Computer Science | Oregon State University | 2013 - 2017
Skills
Python, Go, PostgreSQL, Redis, Kubernetes, Docker, AWS, Terraform
"""
    + EXTRAS
)


#: Sections and a role that GOOD can gain or lose in a test.
EDUCATION = "Education\nB.S. Computer Science | Oregon State University | 2013 - 2017\n"
SKILLS = "Skills\nPython, Go, PostgreSQL, Redis, Kubernetes, Docker, AWS, Terraform\n"
SECOND_ROLE = """\
• Built an ingestion pipeline in Python that processes 12M events per day
• Reduced monthly cloud spend by $18K by rightsizing 200 PostgreSQL instances
• Mentored 4 junior developers, two of whom were promoted within a year
• Designed a schema migration tool adopted by 9 teams, cutting release prep from 2 days to 3 hours
"""


def document(
    text: str,
    *,
    kind: DocumentKind = DocumentKind.TXT,
    layout: LayoutFacts | None = None,
) -> Document:
    """Each non-blank line of `text` becomes one Line, numbered from 1."""
    rows = [row for row in text.splitlines() if row.strip()]
    lines = tuple(Line(number=i, text=row) for i, row in enumerate(rows, 1))
    return Document(kind=kind, lines=lines, layout=layout or LayoutFacts())


def run(text: str, *, job: str | None = None, **kwargs: object) -> Analysis:
    return analyze(document(text, **kwargs), job_description=job, as_of=AS_OF)  # type: ignore[arg-type]


def swap(old: str, new: str, text: str = GOOD) -> str:
    """GOOD with one line changed; fails loudly if `old` is not there."""
    assert old in text, old
    return text.replace(old, new)


def found(analysis: Analysis, code: str) -> Finding | None:
    return next((f for f in analysis.findings if f.code == code), None)


def codes(analysis: Analysis) -> set[str]:
    return {f.code for f in analysis.findings}


def quotes(analysis: Analysis, code: str) -> list[str]:
    item = found(analysis, code)
    return [e.quote for e in item.evidence] if item else []


def lines_of(analysis: Analysis, code: str) -> set[int | None]:
    item = found(analysis, code)
    return {e.line for e in item.evidence} if item else set()


def with_layout(doc: Document, **changes: object) -> Document:
    return replace(doc, layout=replace(doc.layout, **changes))  # type: ignore[arg-type]
