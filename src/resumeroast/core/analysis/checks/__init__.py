"""The checks: each takes the read resume (a Context) and returns findings with evidence."""

from __future__ import annotations

from collections.abc import Callable

from resumeroast.core.analysis.checks import (
    accents,
    ats,
    brevity,
    casing,
    claims,
    cliches_other,
    completeness,
    contact,
    contribution,
    duplicates,
    impact,
    language,
    length,
    ligatures,
    paragraph_roles,
    personal,
    placeholders,
    red_flags,
    references,
    spelling,
    stuffing,
    timeline,
    units,
    verbs,
)
from resumeroast.core.analysis.checks.base import Context
from resumeroast.core.feedback import Finding

Check = Callable[[Context], list[Finding]]

#: Checks that read words and so need English text.
ENGLISH_CHECKS: tuple[Check, ...] = (
    verbs.check_weak_openers,
    verbs.check_missing_verbs,
    contribution.check_product_descriptions,
    units.check_bare_numbers,
    personal.check_cover_letter,
    language.check_cliches,
    language.check_first_person,
    language.check_passive_voice,
    ligatures.check_lost_ligatures,
)

#: Checks that hold whatever the language.
LAYOUT_CHECKS: tuple[Check, ...] = (
    red_flags.check_hidden_text,
    placeholders.check_placeholders,
    cliches_other.check_cliches_other_language,
    ats.check_layout,
    accents.check_split_accents,  # a font's encoding, whatever the language
    ats.check_headings,
    ats.check_contact_placement,
    ats.check_bullet_glyphs,
    stuffing.check_keyword_stuffing,
    contact.check_contact,
    personal.check_personal_details,  # its labels in the five languages
    personal.check_id_number,
    completeness.check_sections,
    duplicates.check_duplicates,
    references.check_references,
    completeness.check_empty_roles,
    length.check_length,
    impact.check_quantified,
    impact.check_keyword_bullets,
    brevity.check_walls_of_text,
    paragraph_roles.check_paragraph_roles,
    spelling.check_doubled_words,
    spelling.check_spelling,  # in the resume's own language, where wordfreq has a list
    casing.check_tool_name_case,
    timeline.check_missing_dates,
    timeline.check_yearless_dates,
    timeline.check_date_formats,
    timeline.check_gaps,
    claims.check_claims,
    claims.check_reversed_ranges,
    timeline.check_future_dates,
)


def run_checks(context: Context) -> list[Finding]:
    checks = LAYOUT_CHECKS + (ENGLISH_CHECKS if context.english else ())
    return [finding for check in checks for finding in check(context)]
