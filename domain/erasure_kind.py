"""The erasure's registration and references: ERASE-000001, numbered across the store."""

from __future__ import annotations

import re

from domain.registry import AggregateKind, numbered_ref
from domain.text import Bilingual

ERASURE_PREFIX = "ERASE-"
_TYPED = re.compile(r"^\s*erase-?\s*(\d{1,6})\s*$", re.IGNORECASE)


def erasure_ref(number: int) -> str:
    return numbered_ref(ERASURE_PREFIX, number)


def parse_erasure_ref(text: str) -> str | None:
    match = _TYPED.match(text)
    return erasure_ref(int(match.group(1))) if match and int(match.group(1)) else None


ERASURE_KIND = AggregateKind(
    code="erasure",
    name=Bilingual("个人信息删除", "erasure"),
    aggregate="domain.erasure:Erasure",
    ref_pattern=r"ERASE-\d{6}",
    parse_ref=parse_erasure_ref,
    ref_forms="ERASE-000001",
    view="cli_commands.erasure_presentation:ERASURE_VIEW",
    command="privacy",
    cli_group="cli_commands.privacy_group:privacy",
)
