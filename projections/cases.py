"""The `cases` read model: one row per case, plus its categories for filtering.

Status codes: `open`, `agreed` and `failed` are all still in progress (an
agreement or a failed mediation is not a closing); only `closed` is terminal,
and even that until a reopening. `is_closed` says it without guessing.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

import attrs

from domain.case import CaseEvents
from projections.framework import Projection, State, handles, replace, topics_of, update
from projections.local_days import LocalDays, month, place_keys


@attrs.frozen
class CaseRow:
    __table__: ClassVar[str] = "cases"
    __key__: ClassVar[tuple[str, ...]] = ("ref",)
    __indexes__: ClassVar[tuple[tuple[str, ...], ...]] = (
        ("status", "is_closed"), ("opened_on",), ("closed_on",), ("community", "grid"), ("grid_key",),
        ("building_key",), ("mediator",), ("level",))

    ref: str
    status: str  # open, agreed, failed (in progress) or closed (terminal until reopened)
    is_closed: int  # 1 when status is closed, else 0
    level: str
    channel: str
    categories: str  # comma-separated codes, in the order given at intake
    community: str
    grid: str
    grid_key: str  # "community/grid": grid names repeat across communities
    building: str
    building_key: str  # "community/grid/building"; places stop at the building (no rooms)
    summary: str
    complainant_count: int
    respondent_count: int  # how many; names are personal data and stay in the (sealed) log
    mediator: str | None
    departments: str  # comma-separated codes of departments referred to
    open_commitments: int
    opened_at: datetime
    opened_on: date
    opened_month: str
    last_activity_at: datetime
    last_activity_on: date
    closed_at: datetime | None
    closed_on: date | None
    closed_month: str | None
    outcome: str | None
    satisfaction: str | None
    reopened_count: int
    version: int


@attrs.frozen
class CaseCategoryRow:
    __table__: ClassVar[str] = "case_categories"
    __key__: ClassVar[tuple[str, ...]] = ("ref", "category")
    __indexes__: ClassVar[tuple[tuple[str, ...], ...]] = (("category",),)

    ref: str
    category: str


def case_event_topics() -> list[str]:
    return topics_of(CaseEvents)


class CasesProjection(LocalDays, Projection):
    name = "cases"
    # 2: corrections and retractions; 3: place keys, local days and months, is_closed;
    # 4: no personal data (no unit, respondents counted);
    # 5: complainant_count, respondent_count, reopened_count (named as `case show` names them)
    version = 5
    tables = (CaseRow, CaseCategoryRow)

    def topics(self) -> list[str]:
        # Every event of a case moves its version and last activity, handled or not.
        return case_event_topics()

    def apply(self, state: State, event: Any) -> None:
        super().apply(state, event)
        if isinstance(event, CaseEvents.Event) and not isinstance(event, CaseEvents.Opened):
            row = state.get(CaseRow, (event.originator_id,))
            if row is not None:
                latest = max(row.last_activity_at, event.occurred_at)
                state.put(replace(row, version=event.originator_version,
                                  last_activity_at=latest, last_activity_on=self.day(latest)))

    @handles(CaseEvents.Opened)
    def opened(self, state: State, e: Any) -> None:
        loc = e.location
        grid_key, building_key = place_keys(loc.community, loc.grid, loc.building)
        opened_on = self.day(e.occurred_at)
        state.put(CaseRow(
            ref=e.originator_id, status="open", is_closed=0, level=e.level, channel=e.channel,
            categories=",".join(e.categories), community=loc.community, grid=loc.grid,
            grid_key=grid_key, building=loc.building, building_key=building_key,
            summary=e.summary, complainant_count=len(e.complainants),
            respondent_count=len(e.respondents), mediator=None, departments="",
            open_commitments=0, opened_at=e.occurred_at, opened_on=opened_on,
            opened_month=month(opened_on), last_activity_at=e.occurred_at,
            last_activity_on=opened_on, closed_at=None, closed_on=None, closed_month=None,
            outcome=None, satisfaction=None, reopened_count=0, version=e.originator_version,
        ))
        for category in e.categories:
            state.put(CaseCategoryRow(e.originator_id, category))

    @handles(CaseEvents.ComplainantJoined)
    def joined(self, state: State, e: Any) -> None:
        row = state.get(CaseRow, (e.originator_id,))
        if row is not None:
            state.put(replace(row, complainant_count=row.complainant_count + 1))

    @handles(CaseEvents.MediatorAssigned, CaseEvents.MediatorReassigned)
    def assigned(self, state: State, e: Any) -> None:
        update(state, CaseRow, (e.originator_id,), mediator=e.mediator)

    @handles(CaseEvents.Referred)
    def referred(self, state: State, e: Any) -> None:
        row = state.get(CaseRow, (e.originator_id,))
        if row is None:
            return
        codes = [c for c in row.departments.split(",") if c]
        codes += [r.department for r in e.referrals if r.department not in codes]
        state.put(replace(row, departments=",".join(codes)))

    @handles(CaseEvents.Escalated)
    def escalated(self, state: State, e: Any) -> None:
        update(state, CaseRow, (e.originator_id,), level=e.to_level)

    @handles(CaseEvents.CommitmentMade)
    def committed(self, state: State, e: Any) -> None:
        self._count_commitments(state, e, +1)

    @handles(CaseEvents.CommitmentFulfilled, CaseEvents.CommitmentBreached)
    def settled(self, state: State, e: Any) -> None:
        self._count_commitments(state, e, -1)

    def _count_commitments(self, state: State, e: Any, delta: int) -> None:
        row = state.get(CaseRow, (e.originator_id,))
        if row is not None:
            state.put(replace(row, open_commitments=row.open_commitments + delta))

    @handles(CaseEvents.AgreementReached)
    def agreed(self, state: State, e: Any) -> None:
        update(state, CaseRow, (e.originator_id,), status="agreed")

    @handles(CaseEvents.MediationFailed)
    def failed(self, state: State, e: Any) -> None:
        update(state, CaseRow, (e.originator_id,), status="failed")

    @handles(CaseEvents.Closed)
    def closed(self, state: State, e: Any) -> None:
        closed_on = self.day(e.occurred_at)
        update(state, CaseRow, (e.originator_id,), status="closed", is_closed=1,
               closed_at=e.occurred_at, closed_on=closed_on, closed_month=month(closed_on),
               outcome=e.outcome, satisfaction=e.satisfaction)

    @handles(CaseEvents.Reopened)
    def reopened(self, state: State, e: Any) -> None:
        row = state.get(CaseRow, (e.originator_id,))
        if row is not None:
            state.put(replace(row, status="open", is_closed=0, closed_at=None, closed_on=None,
                              closed_month=None, outcome=None, satisfaction=None,
                              reopened_count=row.reopened_count + 1))

    # -- corrections (domain.case_corrections) --------------------------------------
    @handles(CaseEvents.EntryRetracted)
    def entry_retracted(self, state: State, e: Any) -> None:
        row = state.get(CaseRow, (e.originator_id,))
        if row is None:
            return
        if e.kind == "commitment" and e.entry.get("status") == "open":
            row = replace(row, open_commitments=row.open_commitments - 1)
        elif e.kind == "settlement":  # its commitment is open again
            row = replace(row, open_commitments=row.open_commitments + 1)
        elif e.kind == "escalation":
            row = replace(row, level=e.entry["from_level"])
        elif e.kind == "party":
            row = replace(row, complainant_count=row.complainant_count - 1)
        elif e.kind == "referral" and not e.entry.get("still_referred"):
            codes = [c for c in row.departments.split(",") if c and c != e.entry["department"]]
            row = replace(row, departments=",".join(codes))
        state.put(row)
