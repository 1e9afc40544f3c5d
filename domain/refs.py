"""Case references: C<year>-<six-digit number>, e.g. C2026-000042.

The reference is the aggregate's id, so it is unique by the event store's
primary key: two mediators opening cases at once cannot both take a number.
"""

from __future__ import annotations

import re

import domain.case_messages  # noqa: F401  (registers bad_ref)
from domain.errors import InvalidInput
from domain.registry import numbered_ref

CASE_PREFIX = "C"
_REF = re.compile(r"^\s*[Cc]?\s*(\d{4})\s*[-/－]\s*(\d{1,6})\s*$")


def case_ref(year: int, number: int) -> str:
    # Zero-padded (registry.numbered_ref) so that text order is number order: the store
    # finds the highest number of a year by sorting ids.
    return numbered_ref(year_prefix(year), number)


def year_prefix(year: int) -> str:
    """All references of a year start with this (used to find the highest number)."""
    return f"{CASE_PREFIX}{year:04d}-"


def parse_case_ref(text: str) -> str:
    """Normalise 'C2026-42', '2026-42' or 'c2026-000042' to 'C2026-000042'."""
    match = _REF.match(text)
    if not match:
        raise InvalidInput("bad_ref", value=text)
    year, number = int(match.group(1)), int(match.group(2))
    if number == 0:
        raise InvalidInput("bad_ref", value=text)
    return case_ref(year, number)
