"""The `case_stats` read model: the figures a sub-district reports each month.

Tables (rows in projections/stat_rows.py):

* `case_facts`: one row per case with what reporting needs (dates, place,
  categories, the highest level reached, the last closing, resolution time);
* `case_closings`: one row per closing, so "closings" and "cases closed" can
  be reconciled and medians taken;
* `case_stats`: counters per local day and dimension (all, category, grid,
  community, channel, level, outcome, satisfaction, mediator), so any period's
  report is a SUM over the days in it;
* `case_rates`: resolution and satisfaction rates per month and dimension;
* `case_counts`: cases opened / closed per day x grid x category.

Days are local days (the time zone is given, Asia/Shanghai by default).
"""

from __future__ import annotations

from typing import Any

from domain.case import CaseEvents
from domain.vocabulary import Level
from projections.framework import Projection, State, handles, replace, update
from projections.local_days import CST, LocalDays, month, place_keys
from projections.stat_rows import (
    COUNTERS,
    NO_MEDIATOR,
    SATISFIED,
    UNREACHABLE,
    CaseClosingRow,
    CaseCountRow,
    CaseFactRow,
    CaseRateRow,
    CaseStatRow,
    count,
    count_cases,
    count_rate,
)

__all__ = ["COUNTERS", "CST", "CaseClosingRow", "CaseCountRow", "CaseFactRow", "CaseRateRow",
           "CaseStatRow", "CaseStatsProjection"]


class CaseStatsProjection(LocalDays, Projection):
    name = "case_stats"
    # 2: resolved_in_grid counts resolved closings only (was closed_in_grid)
    # 3: grid keys, months, mediators, rates, closings and the grid x category counts
    # 4: a retracted escalation no longer counts
    version = 4
    tables = (CaseFactRow, CaseStatRow, CaseClosingRow, CaseRateRow, CaseCountRow)

    @handles(CaseEvents.Opened)
    def opened(self, state: State, e: Any) -> None:
        loc = e.location
        opened_on = self.day(e.occurred_at)
        fact = CaseFactRow(
            ref=e.originator_id, opened_at=e.occurred_at, opened_on=opened_on,
            opened_month=month(opened_on), channel=e.channel, community=loc.community,
            grid=loc.grid, grid_key=place_keys(loc.community, loc.grid)[0],
            categories=",".join(e.categories), first_level=e.level, max_level=e.level,
            escalations=0, mediator=None, is_closed=0, closed_at=None, closed_on=None,
            closed_month=None, outcome=None, satisfaction=None, resolution_days=None,
            times_closed=0, reopened=0,
        )
        state.put(fact)
        count(state, opened_on, dimensions(fact, e.level), opened=1)
        count_cases(state, opened_on, fact, opened=1)

    @handles(CaseEvents.MediatorAssigned, CaseEvents.MediatorReassigned)
    def assigned(self, state: State, e: Any) -> None:
        update(state, CaseFactRow, (e.originator_id,), mediator=e.mediator)

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
        seconds = (e.occurred_at - fact.opened_at).total_seconds()
        days, closed_on = round(seconds / 86400, 3), self.day(e.occurred_at)
        fact = replace(fact, is_closed=1, closed_at=e.occurred_at, closed_on=closed_on,
                       closed_month=month(closed_on), outcome=e.outcome,
                       satisfaction=e.satisfaction, resolution_days=days,
                       times_closed=fact.times_closed + 1)
        state.put(fact)
        state.put(CaseClosingRow(
            ref=fact.ref, closing=fact.times_closed, closed_at=e.occurred_at, closed_on=closed_on,
            month=month(closed_on), community=fact.community, grid=fact.grid,
            grid_key=fact.grid_key, mediator=fact.mediator, max_level=fact.max_level,
            outcome=e.outcome, satisfaction=e.satisfaction, resolution_days=days,
            days_to_close=int(seconds // 86400), is_last=1,
        ))
        resolved = int(e.outcome == "resolved")
        mediator = ("mediator", fact.mediator or NO_MEDIATOR)
        dims = [*dimensions(fact, fact.max_level), ("outcome", e.outcome),
                ("satisfaction", e.satisfaction), mediator]
        count(state, closed_on, dims, closed=1, resolved=resolved,
              resolved_in_grid=int(resolved and fact.max_level == Level.GRID),
              resolution_days_total=days, reached=int(e.satisfaction != UNREACHABLE),
              satisfied=int(e.satisfaction in SATISFIED))
        rate_dims = [("all", "*"), ("community", fact.community), ("grid", fact.grid_key),
                     *(("category", c) for c in fact.categories.split(",") if c), mediator]
        count_rate(state, month(closed_on), rate_dims, e.outcome, e.satisfaction)
        count_cases(state, closed_on, fact, closed=1, resolved=resolved)

    @handles(CaseEvents.Reopened)
    def reopened(self, state: State, e: Any) -> None:
        fact = state.get(CaseFactRow, (e.originator_id,))
        if fact is None:
            return
        update(state, CaseClosingRow, (fact.ref, fact.times_closed), is_last=0)
        fact = replace(fact, is_closed=0, closed_at=None, closed_on=None, closed_month=None,
                       outcome=None, satisfaction=None, resolution_days=None,
                       reopened=fact.reopened + 1)
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
    dims = [("all", "*"), ("community", fact.community), ("grid", fact.grid_key),
            ("channel", fact.channel), ("level", level)]
    dims += [("category", c) for c in fact.categories.split(",") if c]
    return dims

