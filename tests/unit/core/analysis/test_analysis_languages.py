"""Section headings, dates and whole resumes in French, German, Spanish and Portuguese."""

from datetime import date

import pytest

from resumeroast.core.analysis.analyzer import analyze
from resumeroast.core.analysis.dates import find_range
from resumeroast.core.analysis.model import YearMonth
from resumeroast.core.analysis.sections import lookup_heading
from resumeroast.core.documents import DocumentKind
from resumeroast.core.readers import read_document


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Expériences", "experience"),
        ("EXPÉRIENCES PROFESSIONNELLES", "experience"),
        ("Formation", "education"),
        ("Compétences", "skills"),
        ("Centres d'intérêt", "interests"),
        ("Berufserfahrung", "experience"),
        ("Beruflicher Werdegang", "experience"),
        ("Ausbildung", "education"),
        ("Kenntnisse", "skills"),
        ("Experiencia", "experience"),
        ("Formación académica", "education"),
        ("Habilidades", "skills"),
        ("Experiência Profissional", "experience"),
        ("Educação", "education"),
        ("Formação Acadêmica", "education"),
        ("Competências", "skills"),
        ("Idiomas", "languages"),
    ],
)
def test_headings_in_other_languages_name_their_section(heading: str, kind: str) -> None:
    found = lookup_heading(heading)
    assert found is not None and found[0] == kind


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        # the adjective after the noun, in either number
        ("EXPERIENCIA LABORAL", "experience"),
        ("Experiencias profesionales", "experience"),
        ("Historial profesional", "experience"),
        ("Parcours professionnel", "experience"),
        ("Experiências profissionais", "experience"),
        ("Estudios realizados", "education"),
        ("Cursus universitaire", "education"),
        ("Formación complementaria", "education"),
        ("Conocimientos informáticos", "skills"),
        # German plurals, compounds and leading adjectives
        ("Berufserfahrungen", "experience"),
        ("Praktische Erfahrungen", "experience"),
        ("Akademische Ausbildung", "education"),
        ("Schule - Berufsausbildung", "education"),
        # "and" in each language: the first known part names the section
        ("Educación y formación", "education"),
        ("Stages et expériences", "experience"),
        ("Studium und Ausbildung", "education"),
        ("Cursos e certificações", "courses"),
        # written with or without accents, with a participle after the noun
        ("Éducation", "education"),
        ("FORMATION SUIVIE", "education"),
        ("ETUDES SUPERIEURES", "education"),
        ("FORMACAO ACADEMICA", "education"),
        ("EXPERIENCES PROFESSIONNELLES", "experience"),
        ("LANGUES ETRANGERES", "languages"),
        ("ETAT CIVIL", "contact"),
        # an academic CV's headings
        ("PEER-REVIEWED PUBLICATIONS", "publications"),
        ("PAST ACADEMIC WORK EXPERIENCE", "experience"),
        ("Current Position", "experience"),
        ("EARNED DEGREES", "education"),
        ("ACADEMIC ADMINISTRATIVE EXPERIENCE", "experience"),
        ("PUBLISHED BOOKS", "publications"),
        ("BOOK CHAPTERS", "publications"),
        ("CONFERENCE PRESENTATIONS", "publications"),
    ],
)
def test_composed_headings_in_other_languages_name_their_section(heading: str, kind: str) -> None:
    found = lookup_heading(heading)
    assert found is not None and found[0] == kind


@pytest.mark.parametrize(
    "line", ["Services", "Operations", "Sales", "Laboral", "Profesional", "Resume", "Suivie"]
)
def test_plural_or_adjective_lines_alone_are_no_heading(line: str) -> None:
    assert lookup_heading(line) is None


@pytest.mark.parametrize(
    ("written", "start", "end", "current"),
    [
        ("Janvier 2020 – présent", YearMonth(2020, 1), None, True),
        ("Mars 2017 – Décembre 2019", YearMonth(2017, 3), YearMonth(2019, 12), False),
        ("févr. 2016 à juil. 2018", YearMonth(2016, 2), YearMonth(2018, 7), False),
        ("März 2019 bis heute", YearMonth(2019, 3), None, True),
        ("Mai 2018 – Dezember 2020", YearMonth(2018, 5), YearMonth(2020, 12), False),
        ("Okt. 2015 - Feb. 2017", YearMonth(2015, 10), YearMonth(2017, 2), False),
        ("Enero 2019 - Actualidad", YearMonth(2019, 1), None, True),
        ("Septiembre 2014 a Junio 2017", YearMonth(2014, 9), YearMonth(2017, 6), False),
        ("Fevereiro 2015 – Atual", YearMonth(2015, 2), None, True),
        ("Março 2012 até Dezembro 2014", YearMonth(2012, 3), YearMonth(2014, 12), False),
        ("desde enero 2018", YearMonth(2018, 1), None, True),
        ("depuis septembre 2021", YearMonth(2021, 9), None, True),
    ],
)
def test_dates_with_month_names_in_other_languages(
    written: str, start: YearMonth, end: YearMonth | None, current: bool
) -> None:
    found = find_range(written, 1)
    assert found is not None
    assert (found[0].start, found[0].end, found[0].current) == (start, end, current)


def test_english_words_that_look_like_portuguese_months_are_not_dates() -> None:
    found = find_range("set 2019 goals, out 2020", 1)
    assert found is not None and found[0].start == YearMonth(2019)  # the year alone


FRENCH_CV = """\
Camille Durand
Infirmière diplômée d'État
Téléphone : 06 12 34 56 78 | camille.durand@example.fr | Lyon, France

PROFIL
Infirmière en soins intensifs avec six ans d'expérience en réanimation adulte.

EXPÉRIENCES PROFESSIONNELLES
Infirmière en réanimation, Hospices Civils de Lyon
Janvier 2020 – Présent
• Prise en charge de 8 patients ventilés par garde de nuit
• Formation de 5 nouvelles infirmières aux protocoles de sédation

Infirmière, Clinique du Parc, Lyon
Mars 2017 – Décembre 2019
• Suivi post-opératoire de 20 patients par jour en chirurgie orthopédique

FORMATION
Diplôme d'État d'infirmier, IFSI Lyon Sud
Septembre 2014 – Juin 2017

COMPÉTENCES
Ventilation mécanique, gestion de la douleur, soins palliatifs
"""

GERMAN_CV = """\
Jonas Weber
Hamburg | jonas.weber@example.de | +49 40 1234567

Berufserfahrung
Data Engineer, Hafen Logistik GmbH, Hamburg
März 2020 – heute
• Aufbau der Datenpipeline für 300 Disponenten
Werkstudent Datenanalyse, Nordbank AG
Okt. 2017 – Feb. 2020
• Auswertung von 2 Mio. Transaktionen pro Monat

Ausbildung
M.Sc. Informatik, TU Hamburg, 2016 – 2020

Kenntnisse
Python, SQL, Spark, Airflow
"""


SPANISH_CV = """\
Lucía Ramírez Soto
Contadora pública | lucia.ramirez@example.pe | +51 987 654 321 | Arequipa, Perú

PERFIL PROFESIONAL
Contadora con cinco años en auditoría y tributación para empresas mineras.

EXPERIENCIA LABORAL
Analista contable, Minera del Sur S.A.
Marzo 2021 – Actualidad
• Cierre mensual de 14 centros de costo en 5 días hábiles
Asistente de auditoría, Estudio Paredes y Asociados
Enero 2019 – Febrero 2021
• Revisión de 40 expedientes tributarios por trimestre

ESTUDIOS REALIZADOS
Contabilidad, Universidad Nacional de San Agustín, 2014 – 2018

CONOCIMIENTOS INFORMÁTICOS
SAP FI, Excel avanzado, Power BI
"""


@pytest.mark.parametrize(
    "resume", [FRENCH_CV, GERMAN_CV, SPANISH_CV], ids=["french", "german", "spanish"]
)
def test_a_cv_in_another_language_has_its_experience_and_education(resume: str) -> None:
    document = read_document(resume.encode(), DocumentKind.TXT)
    analysis = analyze(document, as_of=date(2025, 6, 1))
    codes = {finding.code for finding in analysis.findings}
    assert not codes & {"sections.no_experience", "sections.no_education", "dates.missing"}
    assert {"experience", "education", "skills"} <= set(analysis.facts.sections)
    assert analysis.facts.roles == 2
    assert all(role.dates is not None for role in analysis.roles)
