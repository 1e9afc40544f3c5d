"""The `commitments` read model: one row per commitment, with its validity interval.

A commitment is open from the day it was made (`made_on`) until the day it was
settled (`settled_on`, null while open). So its state on any past day D is one
WHERE away, without replaying anything:

    open on D:     made_on <= D AND (settled_on IS NULL OR settled_on > D)
    overdue on D:  the same AND due < D

Statuses: `open` (not yet settled), `fulfilled` and `breached` (terminal: a
settled commitment never changes again).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

import attrs

from domain.case import CaseEvents
from projections.framework import Projection, State, handles, update
from projections.local_days import LocalDays


@attrs.frozen
class CommitmentRow:
    __table__: ClassVar[str] = "commitments"
    __key__: ClassVar[tuple[str, ...]] = ("ref", "commitment_id")
    __indexes__: ClassVar[tuple[tuple[str, ...], ...]] = (
        ("due",), ("status",), ("made_on",), ("settled_on",))

    ref: str
    commitment_id: str
    party: str  # party key (c1, r1) or department code
    party_name: str
    duty: str
    due: date
    status: str  # open; fulfilled, breached (terminal)
    is_open: int  # 1 while open
    made_at: datetime
    made_on: date
    settled_at: datetime | None
    settled_on: date | None
    note: str | None


class CommitmentsProjection(LocalDays, Projection):
    name = "commitments"
    version = 2  # 2: local days made_on / settled_on, is_open
    tables = (CommitmentRow,)

    @handles(CaseEvents.CommitmentMade)
    def made(self, state: State, e: Any) -> None:
        state.put(CommitmentRow(
            ref=e.originator_id, commitment_id=e.commitment_id, party=e.party,
            party_name=e.party_name, duty=e.duty, due=e.due, status="open", is_open=1,
            made_at=e.occurred_at, made_on=self.day(e.occurred_at), settled_at=None,
            settled_on=None, note=None,
        ))

    @handles(CaseEvents.CommitmentFulfilled)
    def fulfilled(self, state: State, e: Any) -> None:
        self._settle(state, e, "fulfilled")

    @handles(CaseEvents.CommitmentBreached)
    def breached(self, state: State, e: Any) -> None:
        self._settle(state, e, "breached")

    def _settle(self, state: State, e: Any, status: str) -> None:
        update(state, CommitmentRow, (e.originator_id, e.commitment_id), status=status,
               is_open=0, settled_at=e.occurred_at, settled_on=self.day(e.occurred_at),
               note=e.note)
