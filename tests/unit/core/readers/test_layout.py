"""Reading order from glyph positions alone (no PDF library involved)."""

from itertools import count

from resumeroast.core.readers.layout import Glyph, build_fragments
from resumeroast.core.readers.reading_order import order_fragments

_order = count()


def line(words: str, x: float, baseline: float, *, size: float = 10.0) -> list[Glyph]:
    """Glyphs of one line of text, each half an em wide; spaces leave a gap."""
    glyphs: list[Glyph] = []
    space_before = False
    for char in words:
        if char == " ":
            x += 0.3 * size
            space_before = True
            continue
        width = 0.5 * size
        top, bottom = baseline - 0.8 * size, baseline + 0.2 * size
        glyphs.append(
            Glyph(char, x, top, x + width, bottom, baseline, size, space_before, next(_order))
        )
        x += width
        space_before = False
    return glyphs


def block(rows: list[str], x: float, first_baseline: float, leading: float = 14) -> list[Glyph]:
    return [g for i, row in enumerate(rows) for g in line(row, x, first_baseline + i * leading)]


def read(glyphs: list[Glyph]) -> tuple[list[str], int]:
    order = order_fragments(build_fragments(glyphs))
    return [" ".join(f.text for f in row) for row in order.lines], order.columns


SIDEBAR = ["SKILLS", "Python Go", "Kubernetes", "Terraform", "LANGUAGES", "English", "German"]
BODY = [
    "EXPERIENCE",
    "Staff engineer at Acme",
    "Led the payments team",
    "Cut latency by half",
    "Senior engineer at Beta",
    "Built the data platform",
    "Mentored four engineers",
]


def test_sidebar_is_read_whole_after_the_header_and_before_the_body() -> None:
    glyphs = line("Jane Doe Staff Software Engineer Berlin", 40, 40, size=14)
    glyphs += block(SIDEBAR, 40, 80) + block(BODY, 220, 80)
    texts, columns = read(glyphs)
    assert texts == ["Jane Doe Staff Software Engineer Berlin", *SIDEBAR, *BODY]
    assert columns == 2


def test_a_full_width_heading_between_two_column_areas_keeps_each_area_whole() -> None:
    top_left, top_right = ["a1 left", "a2 left", "a3 left"], ["b1 right", "b2 right", "b3 right"]
    low_left, low_right = ["c1 left", "c2 left", "c3 left"], ["d1 right", "d2 right", "d3 right"]
    glyphs = block(top_left, 40, 80) + block(top_right, 300, 80)
    glyphs += line("A section heading that runs right across the whole width of the page", 40, 140)
    glyphs += block(low_left, 40, 170) + block(low_right, 300, 170)
    texts, columns = read(glyphs)
    heading = "A section heading that runs right across the whole width of the page"
    assert texts == [*top_left, *top_right, heading, *low_left, *low_right]
    assert columns == 2


def test_dates_in_a_margin_stay_on_the_row_of_their_entry() -> None:
    glyphs: list[Glyph] = []
    for entry, (date, title) in enumerate(
        [("2019 - 2021", "Engineer, Acme"), ("2016 - 2019", "Analyst, Beta")]
    ):
        y = 80 + entry * 70
        glyphs += line(date, 40, y) + line(title, 160, y)
        glyphs += block(
            ["Shipped a thing that mattered", "Measured it twice", "Wrote it up"], 160, y + 14
        )
    texts, columns = read(glyphs)
    assert texts[0] == "2019 - 2021 Engineer, Acme"
    assert texts[4] == "2016 - 2019 Analyst, Beta"
    assert columns == 1


def test_right_aligned_dates_share_the_line_of_their_title() -> None:
    glyphs: list[Glyph] = []
    for entry in range(3):
        y = 80 + entry * 60
        glyphs += line(f"Engineer number {entry}", 40, y) + line(
            f"20{10 + entry} - 20{11 + entry}", 420, y
        )
        glyphs += line("Did a short thing", 40, y + 14) + line("And another", 40, y + 28)
    texts, columns = read(glyphs)
    assert texts[:3] == ["Engineer number 0 2010 - 2011", "Did a short thing", "And another"]
    assert columns == 1


def test_a_superscript_joins_the_word_it_follows() -> None:
    glyphs = line("Won 1", 40, 80) + line("st", 63, 76, size=6) + line("place", 73, 80)
    texts, _ = read(glyphs)
    assert texts == ["Won 1st place"]


def test_fake_bold_drawn_twice_is_read_once() -> None:
    glyphs = line("EXPERIENCE", 40, 80) + line("EXPERIENCE", 40.4, 80)
    texts, _ = read(glyphs)
    assert texts == ["EXPERIENCE"]


def test_two_texts_drawn_over_each_other_are_not_interleaved() -> None:
    glyphs = line("Requirements apply", 40, 80) + line("Advert overlay", 50, 80)
    texts, _ = read(glyphs)
    words = " ".join(texts).split()
    assert sorted(words) == sorted(["Requirements", "apply", "Advert", "overlay"])


def test_a_two_column_table_drawn_row_by_row_is_read_row_by_row() -> None:
    glyphs: list[Glyph] = []
    for row, (skill, level) in enumerate(
        [("Python", "Expert"), ("Go", "Advanced"), ("SQL", "Good"), ("Rust", "Basic")]
    ):
        glyphs += line(skill, 40, 80 + row * 14) + line(level, 300, 80 + row * 14)
    texts, columns = read(glyphs)
    assert texts == ["Python Expert", "Go Advanced", "SQL Good", "Rust Basic"]
    assert columns == 1
