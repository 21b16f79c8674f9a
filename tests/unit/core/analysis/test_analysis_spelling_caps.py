"""Typos the spelling check used to skip: words in capitals, capitalised words outside English
(every German noun), a languages list, and an English word in another language's resume."""

from __future__ import annotations

import pytest

from tests.unit.core.analysis.analysis_helpers import codes, found, run, swap
from tests.unit.core.analysis.test_analysis_spelling import GERMAN

DEGREE = "B.S. Computer Science | Oregon State University | 2013 - 2017"
LANGUAGES = "English (native), Spanish (professional working proficiency)"
PORTUGUESE = (
    "Ana Souza\nana@example.br\nExperiência\n"
    "Analista | Exemplo Ltda | 2019 - 2023\n"
    "• Desenvolvimento de relatórios mensais para a diretoria e melhoria dos processos internos\n"
    "• Atendimento aos clientes e organização dos documentos da equipe de vendas\n"
    "Formação\nBacharelado em Administração | Universidade Federal | 2014 - 2018\n"
)


@pytest.mark.parametrize(
    ("written", "slip", "fix"),
    [("B.S. COMPUTER SIENCE", "SIENCE", "SCIENCE"),
     ("B.S. SOFTWARE INGINEERING", "INGINEERING", "ENGINEERING")],
)  # fmt: skip
def test_a_slip_in_a_word_written_in_capitals_is_a_typo(written: str, slip: str, fix: str) -> None:
    analysis = run(swap(DEGREE, f"{written} | Oregon State University | 2013 - 2017"))

    finding = found(analysis, "spelling.misspelling")
    assert finding is not None and f"'{slip}' → '{fix}'" in finding.message


@pytest.mark.parametrize(
    "written",
    ["B.S. COMPUTER SCIENCE", "B.S. Computer Science, NASDAQ and UNESCO scholar",
     "B.S. Computer Science, ACCENTURE fellow", "B.S. Computer Science, COACHE survey member",
     "B.S. Computer Science, EXPERIENCE PROFESSIONNELLE",
     "B.S. Computer Science, advised by Prof. KEIDRA DAGORN of APTIVE"],
)  # fmt: skip
def test_correct_words_acronyms_and_names_in_capitals_are_not_typos(written: str) -> None:
    analysis = run(swap(DEGREE, f"{written} | Oregon State University | 2013 - 2017"))

    assert "spelling.misspelling" not in codes(analysis)


def test_a_name_in_capitals_at_the_top_is_not_checked() -> None:
    analysis = run(swap("Jane Smith\n", "JANE SMITHERSON OKONKWOVA\n"))

    assert "spelling.misspelling" not in codes(analysis)


def test_a_slip_in_a_languages_list_is_a_typo() -> None:
    analysis = run(swap(LANGUAGES, "English (native), Spanish (professional working proficency)"))

    finding = found(analysis, "spelling.misspelling")
    assert finding is not None and "'proficency' → 'proficiency'" in finding.message


def test_a_capitalised_slip_of_a_german_noun_is_a_typo_but_german_compounds_are_not() -> None:
    tutoring = GERMAN + "• Nachhilfe und Konversation auf Englisch für Schüler der Oberstufe\n"
    compounds = GERMAN + "• Softwareentwicklung, Kundenbetreuung und Excel (Pivot, SVERWEIS)\n"

    slip = found(run(tutoring.replace("Nachhilfe", "Nachilfe")), "spelling.misspelling")
    assert slip is not None and "'Nachilfe' → 'Nachhilfe'" in slip.message
    assert "spelling.misspelling" not in codes(run(tutoring))
    assert "spelling.misspelling" not in codes(run(compounds))


def test_a_slip_in_a_german_word_in_capitals_is_a_typo() -> None:
    heading = GERMAN + "• Schwerpunkt: SOFTWAREENTWICKLUNG und BUCHHALTUNG\n"

    slip = found(run(heading.replace("BUCHHALTUNG", "BUCHHALTNG")), "spelling.misspelling")
    assert "spelling.misspelling" not in codes(run(heading))
    assert slip is not None and "'BUCHHALTNG' → 'BUCHHALTUNG'" in slip.message


def test_an_english_word_with_a_slip_in_a_portuguese_resume_is_a_typo() -> None:
    course = PORTUGUESE + "Cursos\nUniversity of California, Irvine - Coursera - online\n"

    slip = found(run(course.replace("University", "Univerity")), "spelling.misspelling")
    assert "spelling.misspelling" not in codes(run(course))
    assert slip is not None and "'Univerity' → 'University'" in slip.message


def test_a_slip_in_a_label_before_a_colon_is_a_typo() -> None:
    focus = GERMAN + "Studium\nSchwerpunkt: Softwareentwicklung | Hochschule Ulm | 2014 - 2018\n"

    slip = found(run(focus.replace("Schwerpunkt", "Schwerpukt")), "spelling.misspelling")
    assert "spelling.misspelling" not in codes(run(focus))
    assert slip is not None and "'Schwerpukt' → 'Schwerpunkt'" in slip.message


def test_a_word_in_capitals_without_its_accents_is_read_against_the_accented_word() -> None:
    french = (
        "Camille Martin\ncamille@example.fr\nExpériences\n"
        "Ingénieure | Exemple SA | 2019 - 2023\n"
        "• Conception d'une méthode d'analyse pour trois équipes de recherche du laboratoire\n"
        "Formation\n2016 BACCALAUREAT SCIENTIFIQUE, lycée de Lyon\n"
    )

    slip = found(run(french.replace("BACCALAUREAT", "BACCALEAUREAT")), "spelling.misspelling")
    assert "spelling.misspelling" not in codes(run(french))
    assert slip is not None and "'BACCALEAUREAT' → 'BACCALAURÉAT'" in slip.message


def test_rare_words_the_german_list_knows_are_not_typos_capitalised_or_in_capitals() -> None:
    """ "Tarierung" (taring) and "Einbringer" are rare German nouns one slip from commoner
    words; the list knows them, so they are words, however a name-like capital reads."""
    rare = GERMAN + "• Tarierung der Waagen, Einbringer der Vorschläge, STEUERPFLICHTIGEM Umsatz\n"

    assert "spelling.misspelling" not in codes(run(rare))


def test_a_name_another_language_knows_is_no_typo_in_a_german_resume() -> None:
    named = GERMAN + "• Projekt mit Elisabete Santos, ELISABETE SANTOS, aus Lissabon\n"

    assert "spelling.misspelling" not in codes(run(named))
