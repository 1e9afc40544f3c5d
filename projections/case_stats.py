"""The `case_stats` read model: the figures a sub-district reports each month.

Two tables:

* `case_facts`: one row per case with what reporting needs (dates, place,
  categories, the highest level reached, outcome, resolution time);
* `case_stats`: counters per local day and dimension (all, category, grid,
  community, channel, level, outcome, satisfaction), so any period's report is
  a SUM over the days in it.

Days are local days (the time zone is given, Asia/Shanghai by default).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any, ClassVar

import attrs

from domain.case import CaseEvents
from domain.vocabulary import Level
from projections.framework import Projection, State, handles, replace

CST = timezone(timedelta(hours=8))


@attrs.frozen
class CaseFactRow:
    __table__: ClassVar[str] = "case_facts"
    __key__: ClassVar[tuple[str, ...]] = ("ref",)

    ref: str
    opened_on: date
    opened_at: datetime
    channel: str
    community: str
    grid: str
    categories: str
    first_level: str
    max_level: str
    escalations: int
    closed_on: date | None
    outcome: str | None
    satisfaction: str | None
    resolution_days: float | None
    times_closed: int
    reopened: int


@attrs.frozen
class CaseStatRow:
    __table__: ClassVar[str] = "case_stats"
    __key__: ClassVar[tuple[str, ...]] = ("day", "dimension", "value")

    day: date
    dimension: str
    value: str
    opened: int = 0
    closed: int = 0
    resolved: int = 0
    resolved_in_grid: int = 0
    resolution_days_total: float = 0.0
    escalated: int = 0
    reopened: int = 0


COUNTERS = ("opened", "closed", "resolved", "resolved_in_grid", "resolution_days_total",
            "escalated", "reopened")


class CaseStatsProjection(Projection):
    name = "case_stats"
    version = 3  # 2: resolved_in_grid counts resolved closings only (was closed_in_grid)
    #              3: a retracted escalation no longer counts
    tables = (CaseFactRow, CaseStatRow)

    def __init__(self, tz: tzinfo = CST) -> None:
        self.tz = tz

    def settings(self) -> str:
        return f"tz={self.tz}"

    def day(self, moment: datetime) -> date:
        return moment.astimezone(self.tz).date()

    @handles(CaseEvents.Opened)
    def opened(self, state: State, e: Any) -> None:
        fact = CaseFactRow(
            ref=e.originator_id, opened_on=self.day(e.occurred_at), opened_at=e.occurred_at,
            channel=e.channel, community=e.location.community, grid=e.location.grid,
            categories=",".join(e.categories), first_level=e.level, max_level=e.level,
            escalations=0, closed_on=None, outcome=None, satisfaction=None,
            resolution_days=None, times_closed=0, reopened=0,
        )
        state.put(fact)
        count(state, fact.opened_on, dimensions(fact, e.level), opened=1)

    @handles(CaseEvents.Escalated)
    def escalated(self, state: State, e: Any) -> None:
        fact = state.get(CaseFactRow, (e.originator_id,))
        if fact is None:
            return
        highest = max(Level(fact.max_level), Level(e.to_level), key=lambda lv: lv.rank)
        fact = replace(fact, max_level=highest.value, escalations=fact.escalations + 1)
        state.put(fact)
        count(state, self.day(e.occurred_at), dimensions(fact, e.to_level), escalated=1)

    @handles(CaseEvents.Closed)
    def closed(self, state: State, e: Any) -> None:
        fact = state.get(CaseFactRow, (e.originator_id,))
        if fact is None:
            return
        days = round((e.occurred_at - fact.opened_at).total_seconds() / 86400, 3)
        fact = replace(fact, closed_on=self.day(e.occurred_at), outcome=e.outcome,
                            satisfaction=e.satisfaction, resolution_days=days,
                            times_closed=fact.times_closed + 1)
        state.put(fact)
        dims = [*dimensions(fact, fact.max_level), ("outcome", e.outcome),
                ("satisfaction", e.satisfaction)]
        count(state, fact.closed_on, dims, closed=1, resolved=int(e.outcome == "resolved"),
              resolved_in_grid=int(e.outcome == "resolved" and fact.max_level == Level.GRID),
              resolution_days_total=days)

    @handles(CaseEvents.Reopened)
    def reopened(self, state: State, e: Any) -> None:
        fact = state.get(CaseFactRow, (e.originator_id,))
        if fact is None:
            return
        fact = replace(fact, closed_on=None, outcome=None, satisfaction=None,
                            resolution_days=None, reopened=fact.reopened + 1)
        state.put(fact)
        count(state, self.day(e.occurred_at), dimensions(fact, fact.max_level), reopened=1)

    @handles(CaseEvents.EntryRetracted)
    def entry_retracted(self, state: State, e: Any) -> None:
        """An escalation recorded in error: uncounted on its day; the case is back where it
        came from (only the latest escalation can be retracted, so that is its highest)."""
        fact = state.get(CaseFactRow, (e.originator_id,))
        if fact is None or e.kind != "escalation":
            return
        fact = replace(fact, max_level=e.entry["from_level"], escalations=fact.escalations - 1)
        state.put(fact)
        count(state, self.day(e.entry["occurred_at"]), dimensions(fact, e.entry["to_level"]),
              escalated=-1)


def dimensions(fact: CaseFactRow, level: str) -> list[tuple[str, str]]:
    dims = [("all", "*"), ("community", fact.community),
            ("grid", f"{fact.community}/{fact.grid}"), ("channel", fact.channel),
            ("level", level)]
    dims += [("category", c) for c in fact.categories.split(",") if c]
    return dims


def count(state: State, day: date | None, dims: list[tuple[str, str]], **amounts: Any) -> None:
    if day is None:
        return
    for dimension, value in dims:
        key = (day, dimension, value)
        row = state.get(CaseStatRow, key) or CaseStatRow(day, dimension, value)
        state.put(replace(row, **{k: getattr(row, k) + v for k, v in amounts.items()}))
