"""A role written as one paragraph: no list items, only running prose.

Long blocks are already brevity.wall_of_text; this catches the shorter paragraph that still
holds a whole job (three or four sentences), where the reader has to dig for what was done.
"""

from __future__ import annotations

from resumeroast.core.analysis.checks.base import WARNING, Context, cite, finding, plural
from resumeroast.core.analysis.checks.brevity import WALL_WORDS
from resumeroast.core.analysis.model import Role
from resumeroast.core.analysis.text import word_count
from resumeroast.core.feedback import Finding

MIN_PROSE_WORDS = 30  #: under this a role's one sentence is a short description, not a paragraph
MIN_SENTENCES = 2


def check_paragraph_roles(context: Context) -> list[Finding]:
    roles = [role for role in context.roles if one_paragraph(role)]
    if not roles:
        return []
    return [
        finding(
            "content.role_as_paragraph",
            WARNING,
            f"{plural(len(roles), 'role')} written as a paragraph with no bullets: a recruiter "
            "scanning for what you did finds a block of prose.",
            "Turn each paragraph into 2–4 bullets, one achievement each, opening with what you "
            "did and ending with the result.",
            [cite(role.bullets[0].quote, role.bullets[0].line) for role in roles],
        )
    ]


def one_paragraph(role: Role) -> bool:
    """Sentences of running text only, long enough to be a paragraph, short of a wall."""
    return written_as_prose(role) and sum(word_count(b.text) for b in role.bullets) < WALL_WORDS


def written_as_prose(role: Role) -> bool:
    """Sentences of running text only, at least a paragraph long (a wall of text included).

    Sentences that run on (the next starts on the line where one ends) make a paragraph; one
    statement per line is a list whose bullet glyphs were drawn as pictures, not prose."""
    bullets = role.bullets
    if len(bullets) < MIN_SENTENCES or any(b.glyph for b in bullets):
        return False
    if not bullets[0].text[:1].isupper():
        return False  # it starts mid-sentence: a misread list (publications), not a role
    pairs = zip(bullets, bullets[1:], strict=False)
    runs_on = any(after.line == before.last_line for before, after in pairs)
    return runs_on and sum(word_count(b.text) for b in bullets) >= MIN_PROSE_WORDS
