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
    party: str  # party key (c1, r1) or department code; names stay in the sealed log
    duty: str
    due: date
    status: str  # open; fulfilled, breached (terminal); retracted (recorded in error: 撤销)
    is_open: int  # 1 while open
    made_at: datetime
    made_on: date
    settled_at: datetime | None
    settled_on: date | None
    note: str | None


class CommitmentsProjection(LocalDays, Projection):
    name = "commitments"
    # 2: corrections and retractions; 3: local days made_on / settled_on, is_open;
    # 4: no party_name (personal data)
    version = 4
    tables = (CommitmentRow,)

    @handles(CaseEvents.CommitmentMade)
    def made(self, state: State, e: Any) -> None:
        state.put(CommitmentRow(
            ref=e.originator_id, commitment_id=e.commitment_id, party=e.party,
            duty=e.duty, due=e.due, status="open", is_open=1,
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

    # -- corrections (domain.case_corrections) --------------------------------------
    @handles(CaseEvents.EntryRetracted)
    def retracted(self, state: State, e: Any) -> None:
        if e.kind == "commitment":
            update(state, CommitmentRow, (e.originator_id, e.entry_id), status="retracted",
                   is_open=0)
        elif e.kind == "settlement":  # the commitment is open again
            update(state, CommitmentRow, (e.originator_id, e.entry["commitment_id"]),
                   status="open", is_open=1, settled_at=None, settled_on=None, note=None)

    @handles(CaseEvents.EntryCorrected)
    def corrected(self, state: State, e: Any) -> None:
        if e.kind == "commitment":
            fields = {k: v for k, v in e.changes.items() if k in ("party", "duty",
                                                                   "due")}
            update(state, CommitmentRow, (e.originator_id, e.entry_id), **fields)
        elif e.kind == "settlement" and getattr(e, "parent", None):  # the commitment settled
            update(state, CommitmentRow, (e.originator_id, e.parent), note=e.changes["note"])
