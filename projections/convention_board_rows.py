"""The status board's rows (楼栋共治公约公示板), and what says whether stored rows are current.

Apart from projections/convention_board.py (the fold), so that a reader of a
current board (adapters/convention_board.py) loads neither the aggregate nor
its events: only these classes, the projection's version and its settings.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import ClassVar

import attrs

VERSION = 1  # of ConventionBoardProjection: bump it when the rows it makes change


def board_settings(tz: tzinfo) -> str:
    """ConventionBoardProjection.settings(): rows made in another zone are rebuilt."""
    return f"tz={tz}"


@attrs.frozen
class ConventionBoardRow:
    __table__: ClassVar[str] = "convention_boards"
    __key__: ClassVar[tuple[str, ...]] = ("ref",)

    ref: str
    community: str
    grid: str
    building: str
    title: str
    status: str
    version: int  # in force (the latest adopted); 0 before the first adoption
    draft_version: int  # being drafted; 0 when none
    drafted_at: datetime
    adopted_at: datetime | None
    published_on: date | None
    published_where: str | None
    source_cases: str  # comma-separated case refs
    checks: int = 0
    breaches: int = 0
    open_breaches: int = 0

    @property
    def shown_version(self) -> int:
        return self.version or self.draft_version


@attrs.frozen
class ConventionVersionRow:
    __table__: ClassVar[str] = "convention_versions"
    __key__: ClassVar[tuple[str, ...]] = ("ref", "version")

    ref: str
    version: int
    clause_ids: str  # comma-separated, in the text's order
    adopted_at: datetime | None = None
    override_reason: str | None = None
    published_on: date | None = None


@attrs.frozen
class ConventionClauseRow:
    __table__: ClassVar[str] = "convention_clauses"
    __key__: ClassVar[tuple[str, ...]] = ("ref", "version", "clause_id")

    ref: str
    version: int
    clause_id: str
    position: int  # in the version's text, from 1; 0 once withdrawn
    community: str
    building: str
    party_kind: str
    party: str
    duty: str
    window: str | None
    deadline: date | None
    check_method: str | None
    frequency: str | None
    signature: str  # signed, declined, unsigned: the party's latest act on this version
    last_check_at: datetime | None = None
    last_result: str | None = None
    checks: int = 0
    breaches: int = 0
    open_breaches: int = 0
    last_case: str | None = None


@attrs.frozen
class ConventionCheckRow:
    __table__: ClassVar[str] = "convention_checks"
    __key__: ClassVar[tuple[str, ...]] = ("ref", "check_id")

    ref: str
    check_id: str
    clause_id: str
    version: int
    community: str
    building: str
    party: str
    checked_at: datetime
    checked_on: date  # local day
    result: str
    case_ref: str | None
    remedied_at: datetime | None


NAME = "convention_board"  # of ConventionBoardProjection, and what its position is tracked under
TABLES = (ConventionBoardRow, ConventionVersionRow, ConventionClauseRow, ConventionCheckRow)
