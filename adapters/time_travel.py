"""A report as it stood at a moment, rebuilt from the log.

"As of T" means the events *recorded* by T, so last month's report can be
reproduced exactly even if late entries arrived since. For each aggregate that
is a prefix of its history: once one of its events was recorded after T, its
later versions are left out too, the same rule `audit replay --as-of` follows
(clocks of different writers may disagree by a little).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from adapters.clock import local_tz
from adapters.event_feed import EventFeed
from projections.case_stats import CaseClosingRow, CaseCountRow, CaseStatRow, CaseStatsProjection
from projections.framework import MemoryState
from projections.summary import group_counts, in_period, summarize


def summary_as_of(app: Any, since: date | None, until: date | None,
                  as_of: datetime, by: tuple[str, ...] = ()) -> dict[str, Any]:
    projection = CaseStatsProjection(local_tz())
    state = MemoryState()
    cut: set[str] = set()
    for _, event in EventFeed(app).events(topics=projection.topics()):
        if event.originator_id in cut or event.timestamp > as_of:
            cut.add(event.originator_id)
            continue
        projection.apply(state, event)
    histogram: dict[int, int] = {}
    for closing in state.rows(CaseClosingRow):
        if in_period(closing.closed_on, since, until):
            histogram[closing.days_to_close] = histogram.get(closing.days_to_close, 0) + 1
    figures = summarize(state.rows(CaseStatRow), since, until, histogram)
    if by:
        figures["cross"] = group_counts(state.rows(CaseCountRow), since, until, by)
    figures["as_of"] = as_of.isoformat()
    return figures
