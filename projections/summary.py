"""The monthly report, computed from `case_stats` and `case_facts` rows (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from projections.case_stats import COUNTERS, CaseStatRow

BREAKDOWNS = ("category", "grid", "community", "channel", "level", "outcome", "satisfaction")


def in_period(day: date | None, since: date | None, until: date | None) -> bool:
    return day is not None and (since is None or day >= since) and (until is None or day <= until)


def summarize(
    stats: Iterable[CaseStatRow], since: date | None = None, until: date | None = None,
) -> dict[str, Any]:
    """Sums of the daily counters over the period.

    Every figure counts closings in the period (a case closed, reopened and closed
    again counts twice), so the figures of consecutive periods add up.
    """
    totals: dict[str, float] = dict.fromkeys(COUNTERS, 0)
    breakdown: dict[str, dict[str, dict[str, float]]] = {d: {} for d in BREAKDOWNS}
    for row in stats:
        if not in_period(row.day, since, until):
            continue
        if row.dimension == "all":
            target = totals
        elif row.dimension in breakdown:
            target = breakdown[row.dimension].setdefault(row.value, dict.fromkeys(COUNTERS, 0))
        else:
            continue
        for counter in COUNTERS:
            target[counter] += getattr(row, counter)
    closed = totals["closed"]
    return {
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "opened": int(totals["opened"]),
        "closed": int(closed),
        "resolved": int(totals["resolved"]),
        "escalated": int(totals["escalated"]),
        "reopened": int(totals["reopened"]),
        "resolved_in_grid": int(totals["resolved_in_grid"]),
        "resolved_in_grid_share": round(totals["resolved_in_grid"] / closed, 4) if closed else None,
        "resolution_rate": round(totals["resolved"] / closed, 4) if closed else None,
        "mean_resolution_days": (round(totals["resolution_days_total"] / closed, 2)
                                 if closed else None),
        "by": {
            dimension: {
                value: {k: (round(v, 3) if isinstance(v, float) and k.endswith("total")
                            else int(v)) for k, v in counters.items()}
                for value, counters in sorted(values.items())
            }
            for dimension, values in breakdown.items()
        },
    }
