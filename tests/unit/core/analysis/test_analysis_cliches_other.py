"""Clichés in German, French, Spanish and Portuguese resumes: the language's own empty words."""

from __future__ import annotations

import pytest

from tests.unit.core.analysis.analysis_helpers import found, run

GERMAN = (
    "Max Beispiel\nmax@mail.test | +49 40 1234567 | Hamburg\nBerufserfahrung\n"
    "Entwickler | Beispiel AG | 2019 - 2023\n"
    "• Entwicklung mehrerer Schnittstellen und Verbesserung der Antwortzeiten um 30%\n"
    "• Einführung automatischer Tests für alle wichtigen Dienste der Firma\n"
    "Ausbildung\nInformatik, Universität Hamburg | 2014 - 2019\n"
    "Kenntnisse\n{skills}\n"
)
SPANISH = (
    "Ana Ejemplo\nana@mail.test | +34 612 345 678 | Madrid\nExperiencia\n"
    "Analista | Ejemplo SA | 2019 - 2023\n"
    "• Desarrollé los informes mensuales de ventas para cinco regiones del país\n"
    "• Reduje el tiempo de cierre contable de diez a seis días hábiles\n"
    "Educación\nAdministración de Empresas, Universidad de Madrid | 2014 - 2019\n"
    "Habilidades\n{skills}\n"
)


GERMAN_SUMMARY = GERMAN.replace(
    "Berufserfahrung\n", "Profil\n{summary}\nBerufserfahrung\n"
).replace("{skills}", "Python, SQL")
SPANISH_SUMMARY = SPANISH.replace("Experiencia\n", "Perfil\n{summary}\nExperiencia\n").replace(
    "{skills}", "Excel, SAP"
)


@pytest.mark.parametrize(
    ("template", "summary", "cliche"),
    [
        (GERMAN_SUMMARY, "Ich bin teamfähig, belastbar und arbeite gern mit Kunden.", "teamfähig"),
        (SPANISH_SUMMARY, "Soy una persona puntual y me gusta el análisis de datos.", "puntual"),
        (SPANISH_SUMMARY, "Analista con gran capacidad de adaptación y experiencia.", "capacidad"),
    ],
)
def test_a_cliche_in_the_resumes_own_language_is_reported(
    template: str, summary: str, cliche: str
) -> None:
    item = found(run(template.format(summary=summary)), "language.cliche")

    assert item is not None
    assert cliche in item.message.lower()


@pytest.mark.parametrize(
    ("template", "skills"),
    [
        (GERMAN, "Teamfähigkeit, Belastbarkeit und Flexibilität"),
        (SPANISH, "Excel, SAP, trabajo en equipo"),
        (SPANISH, "Responsable, puntual, Excel"),
    ],
)
def test_a_list_of_strengths_is_the_convention_of_these_cvs_not_a_cliche(
    template: str, skills: str
) -> None:
    """ "Persönliche Stärken", "Aptitudes": a German or Spanish CV is expected to list them."""
    assert found(run(template.format(skills=skills)), "language.cliche") is None


@pytest.mark.parametrize(
    ("template", "skills"),
    [
        (GERMAN, "Python, SQL, flexible Arbeitszeitmodelle in SAP HR"),  # not a bare item
        (SPANISH, "Excel, SAP, dinámica de sistemas"),  # 'dinámica' as a subject, not a trait
    ],
)
def test_the_same_words_inside_a_real_statement_are_no_cliche(template: str, skills: str) -> None:
    assert found(run(template.format(skills=skills)), "language.cliche") is None
