"""Vocabulary words: a stable code stored in events, labels in Chinese and English.

Events store the code (a plain string), never the label, so labels can be
reworded without touching history. `parse_term` accepts the code, either label
or a common alias, so mediators can type Chinese or English. Each aggregate
defines its own words beside its code and registers their labels here
(`define_terms`); a kind nobody registered shows its codes as they are.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from domain.errors import InvalidInput
from domain.text import Bilingual


class Term(StrEnum):
    """A vocabulary word: compares equal to its code, knows its labels."""

    def label(self, lang: str = "zh") -> str:
        return label(type(self), self.value, lang)

    @classmethod
    def kind_name(cls, lang: str = "zh") -> str:
        return KIND_NAMES.get(cls, Bilingual(cls.__name__, cls.__name__)).label(lang)


# kind -> code -> (Chinese label, English label, *aliases). Keyed per kind because
# two kinds may share a code ("open" is both a case status and a commitment status).
LABELS: dict[type[Term], dict[str, tuple[str, ...]]] = {}
KIND_NAMES: dict[type[Term], Bilingual] = {}


def define_terms(kind: type[Term], name: Bilingual, labels: dict[str, tuple[str, ...]]) -> None:
    """Register a kind's labels; every code of the kind needs its Chinese and English label."""
    missing = [t.value for t in kind if len(labels.get(t.value, ())) < 2]
    if missing:
        raise ValueError(f"{kind.__name__}: no labels for {missing}")
    LABELS[kind] = labels
    KIND_NAMES[kind] = name


T = TypeVar("T", bound=Term)


def label(kind: type[Term], code: str, lang: str = "zh") -> str:
    """The label of a stored code; a code unknown to this version shows as it is."""
    names = LABELS.get(kind, {}).get(code)
    if not names:
        return code
    return names[0] if lang == "zh" else names[1]


def parse_term(kind: type[T], text: str) -> T:
    """Find the term whose code, label or alias matches `text` (case-insensitive)."""
    wanted = text.strip().casefold()
    for term in kind:
        names = (term.value, *LABELS.get(kind, {}).get(term.value, ()))
        if any(wanted == name.casefold() for name in names):
            return term
    raise InvalidInput(
        "unknown_term",
        kind_en=kind.kind_name("en"),
        kind_zh=kind.kind_name("zh"),
        value=text,
        choices=[f"{t.value} ({t.label('zh')})" for t in kind],
    )
