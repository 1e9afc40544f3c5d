"""The `commitments` read model: one row per commitment.

Whether a commitment is overdue depends on the day you ask, so it is not
stored: readers compare `due` with their date (`status = 'open' AND due < :day`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

import attrs

from domain.case import CaseEvents
from projections.framework import Projection, State, handles, update


@attrs.frozen
class CommitmentRow:
    __table__: ClassVar[str] = "commitments"
    __key__: ClassVar[tuple[str, ...]] = ("ref", "commitment_id")

    ref: str
    commitment_id: str
    party: str  # party key (c1, r1) or department code
    party_name: str
    duty: str
    due: date
    status: str  # open, fulfilled, breached, retracted (recorded in error: 撤销)
    made_at: datetime
    settled_at: datetime | None
    note: str | None


class CommitmentsProjection(Projection):
    name = "commitments"
    version = 2  # 2: corrections and retractions (status 'retracted')
    tables = (CommitmentRow,)

    @handles(CaseEvents.CommitmentMade)
    def made(self, state: State, e: Any) -> None:
        state.put(CommitmentRow(
            ref=e.originator_id, commitment_id=e.commitment_id, party=e.party,
            party_name=e.party_name, duty=e.duty, due=e.due, status="open",
            made_at=e.occurred_at, settled_at=None, note=None,
        ))

    @handles(CaseEvents.CommitmentFulfilled)
    def fulfilled(self, state: State, e: Any) -> None:
        update(state, CommitmentRow, (e.originator_id, e.commitment_id), status="fulfilled",
               settled_at=e.occurred_at, note=e.note)

    @handles(CaseEvents.CommitmentBreached)
    def breached(self, state: State, e: Any) -> None:
        update(state, CommitmentRow, (e.originator_id, e.commitment_id), status="breached",
               settled_at=e.occurred_at, note=e.note)

    # -- corrections (domain.case_corrections) --------------------------------------
    @handles(CaseEvents.EntryRetracted)
    def retracted(self, state: State, e: Any) -> None:
        if e.kind == "commitment":
            update(state, CommitmentRow, (e.originator_id, e.entry_id), status="retracted")
        elif e.kind == "settlement":  # the commitment is open again
            update(state, CommitmentRow, (e.originator_id, e.entry["commitment_id"]),
                   status="open", settled_at=None, note=None)

    @handles(CaseEvents.EntryCorrected)
    def corrected(self, state: State, e: Any) -> None:
        if e.kind == "commitment":
            fields = {k: v for k, v in e.changes.items() if k in ("party", "party_name", "duty",
                                                                   "due")}
            update(state, CommitmentRow, (e.originator_id, e.entry_id), **fields)
        elif e.kind == "settlement" and getattr(e, "parent", None):  # the commitment settled
            update(state, CommitmentRow, (e.originator_id, e.parent), note=e.changes["note"])
