"""State as it stood at a moment: an aggregate, or a report, rebuilt from the log.

"As of T" means: the events *recorded* by T (their recording time), so last
month's report can be reproduced exactly even if late entries arrived since.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from adapters.clock import local_tz
from adapters.event_feed import EventFeed
from projections.case_stats import CaseFactRow, CaseStatRow, CaseStatsProjection
from projections.framework import MemoryState
from projections.summary import summarize


def version_as_of(app: Any, ref: str, as_of: datetime) -> int:
    """The aggregate's last version recorded at or before `as_of` (0 if none)."""
    version = 0
    for event in app.events.get(ref):
        if event.timestamp > as_of:
            break
        version = event.originator_version
    return version


def summary_as_of(app: Any, since: date | None, until: date | None,
                  as_of: datetime) -> dict[str, Any]:
    projection = CaseStatsProjection(local_tz())
    state = MemoryState()
    for _, event in EventFeed(app).events():
        if event.timestamp <= as_of:
            projection.apply(state, event)
    figures = summarize(state.rows(CaseStatRow), state.rows(CaseFactRow), since, until)
    figures["as_of"] = as_of.isoformat()
    return figures
