"""A report as it stood at a moment, rebuilt from the log, in either of the two times.

Recorded time (`known_at`): the events *recorded* by then, so last month's report
can be reproduced exactly even if late entries arrived since. For each aggregate
that is a prefix of its history: once one of its events was recorded after the
moment, its later versions are left out too, the rule `audit replay --known-at`
follows (clocks of different writers may disagree by a little).

Business time (`as_of`): the events that *happened* by then, as known now (late
entries included), the rule of `audit replay --as-of`. Both together: what the
log held at `known_at` about the day `as_of`.

`report summary --as-of/--known-at` (cli_commands/report_cmds.py) calls
`summary_at` with the same two meanings as `audit replay`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from adapters.clock import local_tz
from adapters.event_feed import EventFeed
from projections.case_stats import CaseClosingRow, CaseCountRow, CaseStatRow, CaseStatsProjection
from projections.framework import MemoryState
from projections.summary import group_counts, in_period, summarize


def summary_at(app: Any, since: date | None, until: date | None, *,
               known_at: datetime | None = None, as_of: datetime | None = None,
               by: tuple[str, ...] = ()) -> dict[str, Any]:
    from adapters.replay import occurred_at

    projection = CaseStatsProjection(local_tz())
    state = MemoryState()
    cut: set[str] = set()
    for _, event in EventFeed(app).events(topics=projection.topics()):
        if known_at is not None and (event.originator_id in cut or event.timestamp > known_at):
            cut.add(event.originator_id)
            continue
        if as_of is not None and occurred_at(event) > as_of:
            continue  # had not happened yet; a later event of the same case may have
        projection.apply(state, event)
    histogram: dict[int, int] = {}
    for closing in state.rows(CaseClosingRow):
        if in_period(closing.closed_on, since, until):
            histogram[closing.days_to_close] = histogram.get(closing.days_to_close, 0) + 1
    figures = summarize(state.rows(CaseStatRow), since, until, histogram)
    if by:
        figures["cross"] = group_counts(state.rows(CaseCountRow), since, until, by)
    if known_at is not None:
        figures["known_at"] = known_at.isoformat()
    if as_of is not None:
        figures["as_of"] = as_of.isoformat()
    return figures

