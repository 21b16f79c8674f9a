"""A single column with dates pushed to the right margin is not two columns."""

from resumeroast.core.readers.pdf import read_pdf
from tests.unit.core.readers.fixtures import GOLD
from tests.unit.core.readers.pdf_builder import Page, build_pdf, text

#: Helvetica's advance widths (per 1000 em) for the characters these tests write.
_WIDTHS = dict.fromkeys("0123456789", 556) | dict.fromkeys(" ,./", 278) | {"-": 333}
_WIDTHS |= dict(zip("abcdefghijklmnopqrstuvwxyz", [556, 556, 500, 556, 556, 278, 556, 556, 222,
    222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500],
    strict=True))  # fmt: skip
_WIDTHS |= dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", [667, 667, 722, 722, 667, 611, 778, 722, 278,
    500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611],
    strict=True))  # fmt: skip
RIGHT_MARGIN = 540.0
SIZE = 10.0


def flush_right(words: str, y: float) -> str:
    width = sum(_WIDTHS[c] for c in words) * SIZE / 1000
    return text(words, RIGHT_MARGIN - width, y, size=SIZE)


ROLES = [
    ("Data Analyst, Northwind Traders", "Lyon, France", "06/2021 - 03/2024",
     ["Built the weekly sales dashboard used by 40 managers", "Automated the stock report",
      "Trained two interns in SQL"]),
    ("Junior Analyst, Contoso Retail", "Paris, France", "09/2019 - 05/2021",
     ["Cleaned ten years of loyalty card data", "Wrote the pricing test plan"]),
    ("Intern, Fabrikam Logistics", "Lille, France", "02/2019 - 08/2019",
     ["Mapped delivery routes for the north depot", "Cut empty truck miles by 12 percent",
      "Presented the results to the board"]),
]  # fmt: skip


def stacked_gutter_page() -> str:
    """Each role: its title with the place flush right, the date flush right beside the
    first bullet (a LaTeX tabular beside an itemize), bullets on the left."""
    content = text("EXPERIENCE", 72, 720, size=14)
    y = 696.0
    for title, place, dates, bullets in ROLES:
        content += text(title, 72, y, size=SIZE) + flush_right(place, y)
        content += flush_right(dates, y - 12)
        for bullet in bullets:
            y -= 14
            content += text(f"- {bullet}", 84, y, size=SIZE)
        y -= 24
    return content


def test_a_right_aligned_date_gutter_is_one_column_and_dates_stay_with_their_role() -> None:
    document = read_pdf(build_pdf([Page(stacked_gutter_page())]))
    assert document.layout.columns == 1
    texts = [line.text for line in document.lines]
    for title, place, dates, bullets in ROLES:
        role_line = next(index for index, line in enumerate(texts) if title in line)
        assert place in texts[role_line] and dates in texts[role_line], texts
        assert [
            t.lstrip("•- ") for t in texts[role_line + 1 : role_line + 1 + len(bullets)]
        ] == bullets


def test_dates_on_the_title_line_stay_there() -> None:
    content = text("EXPERIENCE", 72, 720, size=14)
    y = 696.0
    for title, _, dates, bullets in ROLES:
        content += text(title, 72, y, size=SIZE) + flush_right(dates, y)
        for bullet in bullets:
            y -= 14
            content += text(f"- {bullet}", 84, y, size=SIZE)
        y -= 24
    document = read_pdf(build_pdf([Page(content)]))
    assert document.layout.columns == 1
    assert [line.text for line in document.lines][1] == f"{ROLES[0][0]} {ROLES[0][2]}"


def test_gold_one_column_cv_with_a_date_gutter_is_one_column() -> None:
    """Gold annotation: layout one-column; its entries put place and date flush right."""
    document = read_pdf((GOLD / "pdf" / "carsonaj__main.pdf").read_bytes())
    assert document.layout.columns == 1
    texts = [line.text for line in document.lines]
    talk = next(i for i, line in enumerate(texts) if "Research Group (Talk)" in line)
    assert "Sept 2024" in texts[talk - 1]
