"""Template leftovers: critical, quoted where they are, never mistaken for real text."""

from __future__ import annotations

import pytest

from resumeroast.core.analysis import render_feedback
from resumeroast.core.feedback import Level, Severity
from tests.unit.core.analysis.analysis_helpers import GOOD, codes, found, quotes, run, swap

LEFTOVER_CODES = {
    "placeholder.filler",
    "placeholder.sample_details",
    "placeholder.template_instructions",
    "placeholder.latex_residue",
}
CUT = "• Cut checkout latency by 38% by redesigning the payment service cache in Redis"


def _leftovers(text: str) -> set[str]:
    return codes(run(text)) & LEFTOVER_CODES


def test_a_clean_resume_has_no_leftovers() -> None:
    assert _leftovers(GOOD) == set()


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("• Grew revenue by xxx in the first year", "placeholder.filler"),
        ("• Shipped ??? features for enterprise customers", "placeholder.filler"),
        ("• Lorem ipsum dolor sit amet, consectetur adipiscing elit", "placeholder.filler"),
        ("• Led [Company Name]'s move to the cloud", "placeholder.filler"),
        ("• Managed budgets of $XX for XX years", "placeholder.filler"),
        ("Month Year - Month Year", "placeholder.filler"),
        ("• Portfolio: github.com/username", "placeholder.sample_details"),
        ("• See yourwebsite.com for case studies", "placeholder.sample_details"),
        ("SSN 000-00-0000", "placeholder.sample_details"),
        ("John Doe - Page 1 of 2", "placeholder.sample_details"),
        ("Welcome to your resume template! Replace this text with your summary.",
         "placeholder.template_instructions"),
        (r"\faPhone \hspace{2pt} Remote", "placeholder.latex_residue"),
        (r"\textbf{Senior Engineer} \vspace{4pt}", "placeholder.latex_residue"),
        ("% ---- Experience section ----", "placeholder.latex_residue"),
        # shapes of issue 13's list and of the templates people start from
        ("Age: XX | Marital status: single", "placeholder.filler"),
        ("Software Engineer | Acme Corp | YYYY - YYYY", "placeholder.filler"),
        ("Job Title | Company Name | City, State", "placeholder.filler"),
        ("University Name, 2019", "placeholder.filler"),
        ("Full Name", "placeholder.filler"),
        ("Your Location | Your Phone Number", "placeholder.sample_details"),
        ("Reach me at name@domain.com", "placeholder.sample_details"),
        ("Phone: (123) 456-7890", "placeholder.sample_details"),
        ("• Portfolio: https://yourname.github.io", "placeholder.sample_details"),
        ("• Insert your accomplishments here", "placeholder.template_instructions"),
        ("• Describe your responsibilities and results", "placeholder.template_instructions"),
        ("• Bullet point describing an achievement", "placeholder.template_instructions"),
        (r"Skills \\[2pt]", "placeholder.latex_residue"),
        (r"{\bf Senior Engineer} \hskip 2em", "placeholder.latex_residue"),
        (r"\cvsection{Experience}", "placeholder.latex_residue"),
        (r"• Led the R\&D budget of 2M", "placeholder.latex_residue"),
        ("Reach me at jane.smith@example.com", "placeholder.sample_details"),
        ("• Case studies at https://www.example.org/work", "placeholder.sample_details"),
        ("LinkedIn: linkedin.com/in/ | GitHub: github.com/", "placeholder.sample_details"),
        ("• TODO: add the migration project", "placeholder.filler"),
        ("• Portfolio: [Link]", "placeholder.filler"),
        (r"• Wrote a tool to craft \Lthose items for 2,000 players", "placeholder.latex_residue"),
        # the same leftovers in the templates of other languages
        ("Max Mustermann | Musterstraße 1, Musterstadt", "placeholder.sample_details"),
        ("Analista | Nome da Empresa | Cidade, Estado", "placeholder.sample_details"),
        ("Fulano de Tal", "placeholder.sample_details"),
        ("Desarrollador | MM/AAAA - MM/AAAA", "placeholder.filler"),
        ("• XX anos de experiência em vendas", "placeholder.filler"),
        ("Escriba aquí su perfil profesional", "placeholder.template_instructions"),
        # a template's asides to its user, and its numbered sample projects
        ("LinkedIn: @seuperfil (se tiver)", "placeholder.template_instructions"),
        ("Você poderá adicionar seu portfólio nesta seção", "placeholder.template_instructions"),
        ("Certifications (if applicable)", "placeholder.template_instructions"),
        ("Here you can add your volunteer work", "placeholder.template_instructions"),
        ("Nome do projeto 1 | 2023", "placeholder.filler"),
        ("Project Name 2 | Python, Flask", "placeholder.filler"),
    ],
)  # fmt: skip
def test_each_kind_of_leftover_is_a_critical_finding_quoting_it(line: str, code: str) -> None:
    analysis = run(swap(CUT, line))

    item = found(analysis, code)
    assert item is not None, codes(analysis)
    assert item.severity is Severity.CRITICAL
    assert any(quote in line for quote in quotes(analysis, code))


@pytest.mark.parametrize(
    "line",
    [
        "• Call (+86) 131-221-87xxx after 6 pm",  # a real number, masked for privacy
        "• Earned Certification # W8N7Y5W5 in 2019",
        "• Wrote the Break The Floor tour rigging plan for 12 venues",
        "• Linked every page to {{site.baseurl}}/dissertation with Jekyll",
        "• Presented at the XXI Congress of Nursing to 300 delegates",
        "• Username and password resets for 400 staff cut tickets by 30%",
        "• Recruited John Dorsey and 3 other engineers to the platform team",
        "• Moved the C:\\Users\\it share to SharePoint for 400 staff",
        "• Led R&D for a Job Title Analyst tool used by 12 recruiters",
        "• Years: 12 on the night shift; size: XL orders handled daily",
        "• Helped your company's customers file 300 claims a month",
        "• Built a Todo list app with counterexample.com-style routing for 3 clients",
        "• Published 40 repositories on github.com/janesmith and gitlab.com/jsmith",
        "• Research stay at the Max Planck Institute, Land Berlin, for 6 months",
        r"• Matched ticket ids with the regex \d+ and moved D:\Projects\Alpha for 40 users",
        # a stray backslash before a real word is a slip, not a LaTeX command
        r"• Spoke at the Language Convention,\Philadelphia, to 300 delegates in 2017",
        "• Trained 40 staff so that you can add a patient to the ward list in 2 clicks",
        "• Led Project 1 of the 3-phase ERP rollout for 400 users",
    ],
)
def test_text_that_only_looks_like_filler_is_left_alone(line: str) -> None:
    assert _leftovers(swap(CUT, line)) == set()


def test_a_percent_sign_wrapped_onto_its_own_line_is_not_a_latex_comment() -> None:
    text = swap(CUT, "• Cut checkout latency by 38\n% of its old value with a Redis cache")

    assert _leftovers(text) == set()


def test_leftovers_cap_the_score_and_are_never_offered_as_rewrites() -> None:
    text = swap(CUT, "• Responsible for xxx, [result: how many, how much, how fast?]")

    analysis = run(text)
    feedback = render_feedback(analysis, Level.HONEST)

    assert analysis.overall_score < run(GOOD).overall_score
    assert not any("xxx" in r.original or "xxx" in r.improved for r in feedback.rewrites)
