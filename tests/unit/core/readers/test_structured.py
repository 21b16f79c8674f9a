"""JSON Resume, RenderCV YAML and AsciiDoc read as resumes; other structured files refused."""

import json
from datetime import date

import pytest

from resumeroast.core.analysis.analyzer import analyze
from resumeroast.core.documents import DocumentKind, sniff_kind
from resumeroast.core.readers import read_document
from resumeroast.errors import DocumentTooComplex, UnsupportedFileType

JSON_RESUME = {
    "basics": {
        "name": "Ana Souza",
        "label": "Registered Nurse",
        "email": "ana@example.test",
        "phone": "+55 11 91234-5678",
        "location": {"city": "Porto Alegre", "countryCode": "BR"},
        "summary": "Intensive care nurse with eight years on adult wards.",
    },
    "work": [
        {
            "name": "Hospital Moinhos",
            "position": "Charge Nurse",
            "startDate": "2019-04-01",
            "highlights": ["Led a team of 14 nurses on night shifts", "Cut handover time by 20%"],
        },
        {
            "name": "Santa Casa",
            "position": "Staff Nurse",
            "startDate": "2016-02",
            "endDate": "2019-03",
            "summary": "Adult intensive care unit, 20 beds.",
        },
    ],
    "education": [
        {"institution": "UFRGS", "studyType": "BSc", "area": "Nursing", "endDate": "2015"}
    ],
    "skills": [{"name": "Clinical", "keywords": ["ventilation", "sepsis protocols"]}],
}

RENDERCV = """\
cv:
  name: Jonas Weber
  location: Hamburg, Germany
  email: jonas@example.test
  social_networks:
    - network: GitHub
      username: jweber
  sections:
    experience:
      - company: Hafen Logistik
        position: Data Engineer
        start_date: 2020-09
        end_date: present
        highlights:
          - Built the **container tracking** pipeline used by 300 dispatchers
    education:
      - institution: TU Hamburg
        area: Computer Science
        degree: MSc
        start_date: 2018-10
        end_date: 2020-08
    skills:
      - label: Languages
        details: Python, SQL, Scala
"""


def read(data: bytes, name: str) -> list[str]:
    return [line.text for line in read_document(data, sniff_kind(data, name)).lines]


def test_json_resume_fields_become_header_sections_roles_and_bullets() -> None:
    data = json.dumps(JSON_RESUME).encode()
    assert read(data, "resume.json") == [
        "Ana Souza",
        "Registered Nurse",
        "ana@example.test | +55 11 91234-5678 | Porto Alegre, BR",
        "Summary",
        "Intensive care nurse with eight years on adult wards.",
        "Experience",
        "Charge Nurse, Hospital Moinhos | Apr 2019 – Present",
        "• Led a team of 14 nurses on night shifts",
        "• Cut handover time by 20%",
        "Staff Nurse, Santa Casa | Feb 2016 – Mar 2019",
        "Adult intensive care unit, 20 beds.",
        "Education",
        "BSc in Nursing, UFRGS | 2015",
        "Skills",
        "Clinical: ventilation, sepsis protocols",
    ]


def test_a_json_resume_is_analysed_like_the_same_resume_in_text() -> None:
    data = json.dumps(JSON_RESUME).encode()
    analysis = analyze(read_document(data, DocumentKind.JSON), as_of=date(2025, 6, 1))
    assert analysis.facts.roles == 2
    assert {"experience", "education", "skills"} <= set(analysis.facts.sections)
    assert analysis.facts.contact.email and analysis.facts.contact.phone
    assert analysis.facts.years_experience == pytest.approx(9.3, abs=0.2)


def test_a_json_resumes_references_are_read_and_their_contact_details_reported() -> None:
    referees = [
        {"name": "Rui Lima", "relationship": "Head Nurse", "email": "rui.lima@example.test",
         "phone": "(804) 555-0101", "reference": "Ana ran our night shifts."},
    ]  # fmt: skip
    data = json.dumps({**JSON_RESUME, "references": referees}).encode()

    assert read(data, "resume.json")[-4:] == [
        "References", "Rui Lima, Head Nurse", "rui.lima@example.test | (804) 555-0101",
        "Ana ran our night shifts.",
    ]  # fmt: skip
    analysis = analyze(read_document(data, DocumentKind.JSON), as_of=date(2025, 6, 1))
    assert "content.references" in {f.code for f in analysis.findings}
    assert analysis.contact.email == "ana@example.test"


def test_a_json_resume_saved_as_txt_is_still_read_as_one() -> None:
    assert read(json.dumps(JSON_RESUME).encode(), "resume.txt")[0] == "Ana Souza"


def test_rendercv_yaml_becomes_a_resume_with_markdown_stripped() -> None:
    assert read(RENDERCV.encode(), "Jonas_CV.yaml") == [
        "Jonas Weber",
        "jonas@example.test | Location: Hamburg, Germany | GitHub: jweber",
        "Experience",
        "Data Engineer, Hafen Logistik | Sep 2020 – Present",
        "• Built the container tracking pipeline used by 300 dispatchers",
        "Education",
        "MSc in Computer Science, TU Hamburg | Oct 2018 – Aug 2020",
        "Skills",
        "Languages: Python, SQL, Scala",
    ]


def test_a_rendercv_location_that_names_only_a_country_is_still_the_location() -> None:
    data = RENDERCV.replace("Hamburg, Germany", "Costa Rica").encode()
    analysis = analyze(read_document(data, sniff_kind(data, "cv.yaml")), as_of=date(2025, 6, 1))

    assert "contact.no_location" not in {item.code for item in analysis.findings}


@pytest.mark.parametrize(
    ("data", "name", "what"),
    [
        (b'{"name": "Jane", "contact-details": {"email": "j@x.org"}}', "cv.json", "JSON file"),
        (b"[1, 2, 3]", "cv.json", "JSON file"),
        (b'{"basics": ', "cv.json", "JSON file is broken"),
        (b"name: Jane\nroles:\n  - engineer\n", "cv.yaml", "YAML file"),
        (b"cv: [unclosed", "cv.yml", "YAML file is broken"),
    ],
)
def test_other_structured_files_are_refused_with_a_clear_reason(
    data: bytes, name: str, what: str
) -> None:
    with pytest.raises(UnsupportedFileType) as refused:
        read(data, name)
    assert what in refused.value.user_message
    assert "JSON Resume (jsonresume.org) or RenderCV YAML" in refused.value.user_message


def test_yaml_aliases_that_multiply_a_small_file_are_too_complex() -> None:
    """One list of 100 highlights, reused by 100 entries: 10 000 lines from 2 KB."""
    highlights = "[" + ", ".join(["Did a thing"] * 100) + "]"
    entries = "".join(f"      - {{company: C{i}, highlights: *h}}\n" for i in range(100))
    bomb = f"cv:\n  name: X\n  h: &h {highlights}\n  sections:\n    experience:\n{entries}"
    with pytest.raises(DocumentTooComplex):
        read(bomb.encode(), "cv.yaml")


ASCIIDOC = """\
= Lea Martin
:email: lea@example.test
:toc:

// contact line
{email} | https://lea.dev[lea.dev]

== Experience

.Head Chef, Bistro Lumière | 2019 – Present
* Ran a kitchen of *9 cooks* serving 180 covers a night
* Cut food waste by 25% with _weekly_ stock counts

[source,text]
----
image::photo.png[]
----

== Skills
Cuisine:: French, Levantine
"""


def test_asciidoc_markup_is_stripped_like_markdown() -> None:
    assert read(ASCIIDOC.encode(), "cv.adoc") == [
        "Lea Martin",
        "lea@example.test | lea.dev (https://lea.dev)",
        "Experience",
        "Head Chef, Bistro Lumière | 2019 – Present",
        "• Ran a kitchen of 9 cooks serving 180 covers a night",
        "• Cut food waste by 25% with weekly stock counts",
        "Skills",
        "Cuisine: French, Levantine",
    ]
    assert read(ASCIIDOC.encode(), "cv.txt")[0] == "Lea Martin"


FRONT_MATTER = """\
---
title: Resume
layout: resume
resume-file: /uploads/cv.pdf
body: "I design **interfaces** for data tools.\\n\\n**Email:** kim@example.test"
sections:
- column: left
  text: "## Skills\\n\\n- Figma\\n- CSS"
- column: right
  text: "## Work Experience\\n\\n### Acme\\n**UX Designer**\\n*July 2016 - August 2018*"
---
"""


def test_a_resume_in_markdown_front_matter_is_read_as_markdown_not_as_keys() -> None:
    assert read(FRONT_MATTER.encode(), "resume.markdown") == [
        "I design interfaces for data tools.",
        "Email: kim@example.test",
        "Skills",
        "• Figma",
        "• CSS",
        "Work Experience",
        "Acme",
        "UX Designer",
        "July 2016 - August 2018",
    ]


def _codes(data: bytes, name: str) -> set[str]:
    document = read_document(data, sniff_kind(data, name))
    return {item.code for item in analyze(document, as_of=date(2025, 6, 1)).findings}


def test_template_text_in_a_json_field_no_line_shows_is_still_a_placeholder() -> None:
    """A theme prints a role's link; 'github.com/username' there is the template's, not yours."""
    resume = json.loads(json.dumps(JSON_RESUME))
    resume["work"][0]["url"] = "https://github.com/username/ward-rota"
    clean = json.dumps(JSON_RESUME).encode()
    data = json.dumps(resume).encode()

    assert "url: https://github.com/username/ward-rota" in read(data, "resume.json")
    assert "placeholder.sample_details" in _codes(data, "resume.json")
    assert not any(line.startswith("url:") for line in read(clean, "resume.json"))
    assert not any(code.startswith("placeholder.") for code in _codes(clean, "resume.json"))


@pytest.mark.parametrize(
    ("field", "code"),
    [
        ("  website: https://yourwebsite.com/\n", "placeholder.sample_details"),
        ("  location: Your Location\n", "placeholder.sample_details"),
        ("  phone: (123) 456-7890\n", "placeholder.sample_details"),
    ],
)
def test_template_values_in_a_rendercv_file_are_placeholders_and_cap_its_score(
    field: str, code: str
) -> None:
    data = RENDERCV.replace("  location: Hamburg, Germany\n", field).encode()
    clean = analyze(read_document(RENDERCV.encode(), DocumentKind.YAML), as_of=date(2025, 6, 1))
    analysis = analyze(read_document(data, DocumentKind.YAML), as_of=date(2025, 6, 1))

    assert code in {item.code for item in analysis.findings}
    assert analysis.overall_score <= 40 < clean.overall_score


def test_a_structured_file_that_nests_aliases_is_not_walked_without_end() -> None:
    levels = "".join(f"  x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9))
    bomb = f"cv:\n  name: A\n  x0: &a0 [xxx, v, v, v, v, v, v, v, v, v]\n{levels}"

    assert read(bomb.encode(), "cv.yaml")[0] == "A"
