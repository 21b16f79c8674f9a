"""Spelling with a technology vocabulary, and doubled words."""

from __future__ import annotations

import pytest

from resumeroast.core.analysis import render_feedback
from resumeroast.core.feedback import Level
from tests.unit.core.analysis.analysis_helpers import GOOD, codes, found, lines_of, run, swap

INGEST = "• Built an ingestion pipeline in Python that processes 12M events per day"


#: A short German resume without a typo.
GERMAN = (
    "Max Mustermann\nmax@example.de\nBerufserfahrung\n"
    "Entwickler | Beispiel AG | 2019 - 2023\n"
    "• Entwicklung mehrerer Schnittstellen und Verbesserung der Antwortzeiten um 30%\n"
    "• Einführung automatischer Tests für alle wichtigen Dienste der Firma\n"
    "• Betreuung von zwölf Kunden und regelmäßige Schulungen für neue Mitarbeiter\n"
)


def test_a_typo_is_reported_with_a_correction() -> None:
    analysis = run(
        swap(INGEST, "• Built an ingestion pipline in Python that processes 12M events per day")
    )

    finding = found(analysis, "spelling.misspelling")
    assert finding is not None and "'pipline' → 'pipeline'" in finding.message
    assert lines_of(analysis, "spelling.misspelling") == {12}


def test_a_typo_in_the_opening_verb_is_reported() -> None:
    analysis = run(
        swap(INGEST, "• Buitl an ingestion pipeline in Python that processes 12M events")
    )

    assert lines_of(analysis, "spelling.misspelling") == {12}


@pytest.mark.parametrize(
    "words",
    ["Kubernetes and PostgreSQL", "microservices on kubernetes", "a serverless backend",
     "the organisation's colour palette", "Phabricator and Splunk dashboards"],
)  # fmt: skip
def test_technology_words_british_spelling_and_names_are_not_typos(words: str) -> None:
    text = swap(INGEST, f"• Built {words} that processes 12M events per day")

    assert "spelling.misspelling" not in codes(run(text))


@pytest.mark.parametrize(
    ("slip", "name"),
    [("Kuberentes", "Kubernetes"), ("Pyhton", "Python"), ("Terrafrom", "Terraform"),
     ("Javascirpt", "JavaScript")],
)  # fmt: skip
def test_a_slip_in_a_technology_name_is_a_typo_though_capitalised(slip: str, name: str) -> None:
    analysis = run(swap(INGEST, f"• Built an ingestion pipeline in {slip} for 12M events per day"))

    finding = found(analysis, "spelling.misspelling")
    assert finding is not None and f"'{slip}' → '{name}'" in finding.message
    assert lines_of(analysis, "spelling.misspelling") == {12}


@pytest.mark.parametrize("name", ["Martinez", "Okonkwo", "Jenkins", "Pythons", "Redix"])
def test_names_near_no_technology_are_still_names(name: str) -> None:
    text = swap(INGEST, f"• Built an ingestion pipeline with {name} for 12M events per day")

    assert "spelling.misspelling" not in codes(run(text))


def test_links_and_emails_are_not_spell_checked() -> None:
    assert "spelling.misspelling" not in codes(
        run(swap("linkedin.com/in/janesmith", "github.com/jnsmth"))
    )


def test_doubled_words_are_reported_but_not_names() -> None:
    doubled = run(
        swap(INGEST, "• Built an an ingestion pipeline in Python that processes 12M events")
    )
    name = run(GOOD + "Awards\nWalla Walla Startup Prize, 2019\n")

    assert lines_of(doubled, "spelling.doubled_word") == {12}
    assert "spelling.doubled_word" not in codes(name)


def test_a_resume_in_another_language_skips_english_word_checks_and_says_so() -> None:
    german = (
        "Max Mustermann\nmax@example.de\nBerufserfahrung\n"
        "Entwickler | Beispiel AG | 2019 - 2023\n"
        "• Entwicklung mehrerer Schnittstellen und Verbesserung der Antwortzeiten um 30%\n"
        "• Einführung automatischer Tests für alle wichtigen Dienste der Firma\n"
    )

    analysis = run(german)

    assert not {"spelling.misspelling", "verbs.no_verb"} & codes(analysis)
    assert "spelling" in render_feedback(analysis, Level.HONEST).verdict


def test_another_language_is_no_finding_of_the_resume() -> None:
    """Written in German for a German employer is no flaw: nothing to fix, nothing listed."""
    german = (
        "Max Mustermann\nmax@example.de\nBerufserfahrung\n"
        "Entwickler | Beispiel AG | 2019 - 2023\n"
        "• Entwicklung mehrerer Schnittstellen und Verbesserung der Antwortzeiten um 30%\n"
    )

    assert not any(code.startswith("language.") for code in codes(run(german)))


@pytest.mark.parametrize(
    "words",
    ["a recommender service for the catalogue", "sales enablement material",
     "a loyal clientele of 300 shops", "courses on coursera", "a well-known bistro clientele"],
)  # fmt: skip
def test_rare_but_correct_words_are_not_corrected_into_other_words(words: str) -> None:
    text = swap(INGEST, f"• Built {words} that processes 12M events per day")

    assert "spelling.misspelling" not in codes(run(text))


@pytest.mark.parametrize(
    ("slip", "fix"),
    [("docemunts", "documents"), ("recieved", "received"), ("managment", "management"),
     ("thouroughly", "thoroughly")],
)  # fmt: skip
def test_a_scrambled_or_common_misspelling_is_corrected_to_the_common_word(
    slip: str, fix: str
) -> None:
    analysis = run(swap(INGEST, f"• Wrote {slip} for a pipeline that processes 12M events a day"))

    finding = found(analysis, "spelling.misspelling")
    assert finding is not None and f"'{slip}' → '{fix}'" in finding.message
    assert lines_of(analysis, "spelling.misspelling") == {12}


def test_a_german_resume_is_spell_checked_against_german_words() -> None:
    german = GERMAN
    typo = german.replace("automatischer", "automatsicher")

    assert "spelling.misspelling" not in codes(run(german))
    finding = found(run(typo), "spelling.misspelling")
    assert finding is not None and "'automatsicher' → 'automatischer'" in finding.message


def test_a_long_capitalised_slip_of_a_common_word_is_a_typo_but_names_are_not() -> None:
    slip = run(
        GOOD.replace("B.S. Computer Science", "B.S. Computer Science, Buisness Adminstration")
    )
    names = run(GOOD.replace("B.S. Computer Science", "B.S. Computer Science, Okonkwoville Trust"))

    finding = found(slip, "spelling.misspelling")
    assert finding is not None and "'Adminstration' → 'Administration'" in finding.message
    assert "spelling.misspelling" not in codes(names)


def test_a_typo_after_a_dash_is_checked() -> None:
    analysis = run(swap(INGEST, "• Built an ingestion pipeline in Python - proccesses 12M events"))

    assert lines_of(analysis, "spelling.misspelling") == {12}


@pytest.mark.parametrize(
    ("joined", "halves"), [("highschool", "high school"), ("longterm", "long term")]
)
def test_two_everyday_words_run_together_are_a_typo(joined: str, halves: str) -> None:
    analysis = run(swap(INGEST, f"• Built an ingestion pipeline for a {joined} client in Python"))

    finding = found(analysis, "spelling.misspelling")
    assert finding is not None and f"'{joined}' → '{halves}'" in finding.message


@pytest.mark.parametrize(
    "words",
    ["codebase and dataset", "toolset", "wellbeing", "preprocessing", "a virtual 'fieldtrip'"],
)
def test_real_compounds_prefixes_and_quoted_words_are_not_split(words: str) -> None:
    analysis = run(swap(INGEST, f"• Built an ingestion pipeline for {words} in Python"))

    assert "spelling.misspelling" not in codes(analysis)


def test_french_elisions_are_read_as_the_word_after_the_apostrophe() -> None:
    french = (
        "Camille Martin\ncamille@example.fr\nExpériences\n"
        "Ingénieure | Exemple SA | 2019 - 2023\n"
        "• Modélisation d'un réseau de capteurs pour l'équipe de recherche du laboratoire\n"
        "• Conception d'une méthode d'analyse qu'utilisent aujourd'hui trois équipes\n"
        "Formation\nMaster de statistique | Université de Lyon | 2017 - 2019\n"
    )

    assert "spelling.misspelling" not in codes(run(french))


def test_a_name_in_another_language_inside_an_english_line_is_not_a_typo() -> None:
    named = run(
        swap(INGEST, "• Analysed data from the Etude Longitudinale cohort for a Python pipeline")
    )
    slip = run(swap(INGEST, "• Built a profesional data pipeline in Python for 12M events a day"))

    assert "spelling.misspelling" not in codes(named)
    finding = found(slip, "spelling.misspelling")
    assert finding is not None and "'profesional'" in finding.message


def test_a_title_in_another_language_inside_an_english_resume_is_not_spell_checked() -> None:
    title = (
        "• Presented the paper Habiller pour genrer: pratiques sociales des parents at a seminar"
    )

    assert "spelling.misspelling" not in codes(run(swap(INGEST, title)))


def test_english_words_and_compounds_in_a_german_resume_are_not_typos() -> None:
    german = (
        GERMAN + "• 9/2012 - 7/2012: Baby-sitter und Nachhilfe für zwei Schüler der Nachbarschaft\n"
    )

    assert "spelling.misspelling" not in codes(run(german))
    typo = found(run(german.replace("automatischer", "automatsicher")), "spelling.misspelling")
    assert typo is not None and "'Baby" not in typo.message and "sitter" not in typo.message
