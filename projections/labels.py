"""The `labels` table: every code the read models store, with its Chinese and English label.

Not folded from events: it is the vocabulary of this version of the code
(domain/vocabulary.py and the registered departments), written with the schema
and refreshed whenever it differs, so SQL can show 噪音 instead of `noise`.
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from domain.departments import registered_departments
from domain.vocabulary import KIND_NAMES, LABELS


@attrs.frozen
class LabelRow:
    __table__: ClassVar[str] = "labels"
    __key__: ClassVar[tuple[str, ...]] = ("kind", "code")
    __indexes__: ClassVar[tuple[tuple[str, ...], ...]] = ()

    kind: str  # status, level, channel, category, outcome, satisfaction, department, ...
    code: str
    zh: str
    en: str


def kind_code(english_name: str) -> str:
    return english_name.replace(" ", "_").replace("-", "_")


def label_rows() -> list[LabelRow]:
    rows = []
    for kind, codes in LABELS.items():
        name = kind_code(KIND_NAMES[kind].en if kind in KIND_NAMES else kind.__name__)
        rows += [LabelRow(name, code, names[0], names[1]) for code, names in codes.items()]
    rows += [LabelRow("department", d.code, d.zh, d.en) for d in registered_departments()]
    return rows
