"""The building convention's registration, and the form of its references.

A convention is `GY<year>-<six digits>` (公约: gōngyuē), e.g. GY2026-000001; typed
short as GY2026-1 or gy-2026-1. The prefix keeps it apart from cases
(`C\\d{4}-\\d{6}`), log seals (`SEAL-`) and joint meetings (`JM`). A clause is
referred to as the convention and its id: GY2026-000001/c3.
"""

from __future__ import annotations

import re

import domain.convention_messages  # noqa: F401  (registers bad_convention_ref)
from domain.convention_records import Clause
from domain.errors import InvalidInput
from domain.personal import PersonalData
from domain.registry import AggregateKind, numbered_ref
from domain.text import Bilingual
from domain.values import TimeWindow

CONVENTION_PREFIX = "GY"
_TYPED = re.compile(r"^\s*gy\s*-?\s*(\d{4})\s*[-/－]\s*(\d{1,6})\s*$", re.IGNORECASE)


def convention_year_prefix(year: int) -> str:
    return f"{CONVENTION_PREFIX}{year:04d}-"


def convention_ref(year: int, number: int) -> str:
    return numbered_ref(convention_year_prefix(year), number)


def parse_convention_ref_or_none(text: str) -> str | None:
    match = _TYPED.match(text)
    if not match or int(match.group(2)) == 0:
        return None
    return convention_ref(int(match.group(1)), int(match.group(2)))


def parse_convention_ref(text: str) -> str:
    ref = parse_convention_ref_or_none(text)
    if ref is None:
        raise InvalidInput("bad_convention_ref", value=text)
    return ref


CONVENTION_KIND = AggregateKind(
    code="convention",
    name=Bilingual("公约", "convention"),
    aggregate="domain.convention:Convention",
    ref_pattern=r"GY\d{4}-\d{6}",
    parse_ref=parse_convention_ref_or_none,
    ref_forms="GY2026-000001, GY2026-1",
    # Stored type names: never rename one without registering the old name too.
    value_objects={"ConventionClause": Clause, "TimeWindow": TimeWindow,
                   "PersonalData": PersonalData},
    view="cli_commands.convention_presentation:CONVENTION_VIEW",
    projections="projections.convention_board:convention_projections",
    command="convention",
    cli_group="cli_commands.convention_group:convention",
)
