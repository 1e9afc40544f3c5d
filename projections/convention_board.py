"""The building-convention status board (楼栋共治公约公示板) as a pure fold over events.

Four tables, joined by readers (adapters/convention_board.py):

* `convention_boards`: one row per convention: place, state, the version in force
  (0 before adoption) and the one being drafted, adoption and publication, counts;
* `convention_versions`: one row per version: its clause ids in order, adoption;
* `convention_clauses`: one row per clause per version, with its bound party, the
  party's signature on that version, and the clause's check record (last check,
  result, breaches, the last breach's case), carried to a new version on adoption;
* `convention_checks`: one row per compliance check, with its local day, for
  compliance rates over a period and the open breaches with their cases.

Whether a deadline is overdue and how many days have passed since the last
check depend on the day you ask: readers work them out, nothing here stores them.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from domain.convention import ConventionEvents
from projections.convention_board_rows import (
    NAME,
    TABLES,
    VERSION,
    ConventionBoardRow,
    ConventionCheckRow,
    ConventionClauseRow,
    ConventionVersionRow,
    board_settings,
)
from projections.framework import Projection, State, handles, replace, update

__all__ = ["ConventionBoardProjection", "convention_projections"]

CLAUSE_STATS = ("last_check_at", "last_result", "checks", "breaches", "open_breaches", "last_case")


def _ids(text: str) -> list[str]:
    return [i for i in text.split(",") if i]


class ConventionBoardProjection(Projection):
    name = NAME
    version = VERSION
    tables = TABLES

    def __init__(self, tz: tzinfo) -> None:
        self.tz = tz

    def settings(self) -> str:
        return board_settings(self.tz)

    # -- drafting ------------------------------------------------------------------
    @handles(ConventionEvents.Drafted)
    def drafted(self, state: State, e: Any) -> None:
        state.put(ConventionBoardRow(
            ref=e.originator_id, community=e.community, grid=e.grid, building=e.building,
            title=e.title, status="drafting", version=0, draft_version=1, drafted_at=e.occurred_at,
            adopted_at=None, published_on=None, published_where=None,
            source_cases=",".join(e.source_cases)))
        state.put(ConventionVersionRow(ref=e.originator_id, version=1, clause_ids=""))

    @handles(ConventionEvents.ClauseProposed)
    def proposed(self, state: State, e: Any) -> None:
        board, version = self._draft(state, e)
        if board is None or version is None:
            return
        ids = _ids(version.clause_ids)
        state.put(self._clause_row(board, e.version, len(ids) + 1, e.clause))
        update(state, ConventionVersionRow, (e.originator_id, e.version),
               clause_ids=",".join([*ids, e.clause.id]))
        self._void(state, e)

    @handles(ConventionEvents.ClauseAmended)
    def amended_clause(self, state: State, e: Any) -> None:
        board, _ = self._draft(state, e)
        old = state.get(ConventionClauseRow, (e.originator_id, e.version, e.clause.id))
        if board is None or old is None:
            return
        new = self._clause_row(board, e.version, old.position, e.clause)
        state.put(replace(new, **{k: getattr(old, k) for k in CLAUSE_STATS}))
        self._void(state, e)

    @handles(ConventionEvents.ClauseWithdrawn)
    def withdrawn(self, state: State, e: Any) -> None:
        version = state.get(ConventionVersionRow, (e.originator_id, e.version))
        if version is None:
            return
        ids = [i for i in _ids(version.clause_ids) if i != e.clause_id]
        state.put(replace(version, clause_ids=",".join(ids)))
        update(state, ConventionClauseRow, (e.originator_id, e.version, e.clause_id), position=0)
        for position, clause_id in enumerate(ids, 1):
            update(state, ConventionClauseRow, (e.originator_id, e.version, clause_id),
                   position=position)
        self._void(state, e)

    @handles(ConventionEvents.Signed, ConventionEvents.Declined)
    def signing(self, state: State, e: Any) -> None:
        status = "signed" if type(e).__name__ == "Signed" else "declined"
        for row in self._clauses(state, e.originator_id, e.version):
            if row.party == e.party:
                state.put(replace(row, signature=status))

    @handles(ConventionEvents.Amended)
    def amended(self, state: State, e: Any) -> None:
        board = state.get(ConventionBoardRow, (e.originator_id,))
        previous = state.get(ConventionVersionRow, (e.originator_id, e.version - 1))
        if board is None or previous is None:
            return
        state.put(ConventionVersionRow(ref=e.originator_id, version=e.version,
                                       clause_ids=previous.clause_ids))
        for row in self._clauses(state, e.originator_id, e.version - 1):
            state.put(replace(row, version=e.version, signature="unsigned"))
        state.put(replace(board, draft_version=e.version))

    # -- adoption and publication ------------------------------------------------------
    @handles(ConventionEvents.Adopted)
    def adopted(self, state: State, e: Any) -> None:
        board = state.get(ConventionBoardRow, (e.originator_id,))
        if board is None:
            return
        if board.version:  # a new version carries each clause's check record over
            for row in self._clauses(state, e.originator_id, e.version):
                old = state.get(ConventionClauseRow, (e.originator_id, board.version, row.clause_id))
                if old is not None:
                    state.put(replace(row, **{k: getattr(old, k) for k in CLAUSE_STATS}))
        update(state, ConventionVersionRow, (e.originator_id, e.version),
               adopted_at=e.occurred_at, override_reason=e.override_reason)
        state.put(replace(board, status="adopted", version=e.version, draft_version=0,
                          adopted_at=e.occurred_at, published_on=None, published_where=None))

    @handles(ConventionEvents.Published)
    def published(self, state: State, e: Any) -> None:
        update(state, ConventionVersionRow, (e.originator_id, e.version), published_on=e.from_day)
        update(state, ConventionBoardRow, (e.originator_id,), status="published",
               published_on=e.from_day, published_where=e.where)

    @handles(ConventionEvents.Suspended)
    def suspended(self, state: State, e: Any) -> None:
        update(state, ConventionBoardRow, (e.originator_id,), status="suspended")

    @handles(ConventionEvents.Repealed)
    def repealed(self, state: State, e: Any) -> None:
        update(state, ConventionBoardRow, (e.originator_id,), status="repealed")

    # -- compliance ---------------------------------------------------------------------
    @handles(ConventionEvents.ComplianceChecked)
    def checked(self, state: State, e: Any) -> None:
        board = state.get(ConventionBoardRow, (e.originator_id,))
        row = state.get(ConventionClauseRow, (e.originator_id, e.version, e.clause_id))
        if board is None or row is None:
            return
        breached = e.result == "breached"
        state.put(ConventionCheckRow(
            ref=e.originator_id, check_id=e.check_id, clause_id=e.clause_id, version=e.version,
            community=board.community, building=board.building, party=row.party,
            checked_at=e.checked_at, checked_on=e.checked_at.astimezone(self.tz).date(),
            result=e.result, case_ref=e.case_ref, remedied_at=None))
        later = row.last_check_at is not None and row.last_check_at > e.checked_at
        state.put(replace(
            row, checks=row.checks + 1, breaches=row.breaches + breached,
            open_breaches=row.open_breaches + breached,
            last_check_at=row.last_check_at if later else e.checked_at,
            last_result=row.last_result if later else e.result,
            last_case=e.case_ref if breached and e.case_ref else row.last_case))
        state.put(replace(board, checks=board.checks + 1, breaches=board.breaches + breached,
                          open_breaches=board.open_breaches + breached))

    @handles(ConventionEvents.BreachRemedied)
    def remedied(self, state: State, e: Any) -> None:
        check = state.get(ConventionCheckRow, (e.originator_id, e.check_id))
        board = state.get(ConventionBoardRow, (e.originator_id,))
        if check is None or board is None:
            return
        state.put(replace(check, remedied_at=e.occurred_at))
        state.put(replace(board, open_breaches=board.open_breaches - 1))
        row = state.get(ConventionClauseRow, (e.originator_id, board.version, check.clause_id))
        if row is not None:
            state.put(replace(row, open_breaches=max(row.open_breaches - 1, 0)))

    # -- helpers ------------------------------------------------------------------------
    def _draft(self, state: State, e: Any) -> tuple[Any, Any]:
        return (state.get(ConventionBoardRow, (e.originator_id,)),
                state.get(ConventionVersionRow, (e.originator_id, e.version)))

    def _clauses(self, state: State, ref: str, version: int) -> list[ConventionClauseRow]:
        row = state.get(ConventionVersionRow, (ref, version))
        found = [state.get(ConventionClauseRow, (ref, version, i))
                 for i in _ids(row.clause_ids)] if row else []
        return [r for r in found if r is not None]

    def _void(self, state: State, e: Any) -> None:
        """A change to the text voids every signature given to it (as the aggregate does)."""
        for row in self._clauses(state, e.originator_id, e.version):
            if row.signature != "unsigned":
                state.put(replace(row, signature="unsigned"))

    def _clause_row(self, board: ConventionBoardRow, version: int, position: int,
                    clause: Any) -> ConventionClauseRow:
        return ConventionClauseRow(
            ref=board.ref, version=version, clause_id=clause.id, position=position,
            community=board.community, building=board.building, party_kind=clause.party_kind,
            party=clause.party, duty=clause.duty,
            window=str(clause.window) if clause.window else None, deadline=clause.deadline,
            check_method=clause.check_method, frequency=clause.frequency, signature="unsigned")


def convention_projections(tz: tzinfo) -> list[Projection]:
    return [ConventionBoardProjection(tz)]
