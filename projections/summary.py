"""The monthly report, computed from `case_stats` and `case_closings` rows (pure).

Rates are defined in projections/stat_rows.py and docs/reporting.md:
resolution rate = resolved / closed, satisfaction rate = satisfied / reached
(unreachable follow-ups in neither), over the closings in the period. The
median resolution time is taken from the distribution of whole days to close.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from projections.stat_rows import COUNTERS, CaseStatRow, ratio

BREAKDOWNS = ("category", "grid", "community", "channel", "level", "outcome", "satisfaction",
              "mediator")
CROSS_DIMENSIONS = ("month", "community", "grid", "category")  # report summary --by


def in_period(day: date | None, since: date | None, until: date | None) -> bool:
    return day is not None and (since is None or day >= since) and (until is None or day <= until)


def median_days(histogram: Mapping[int, int]) -> int | None:
    """The lower median of whole days to close: the day bucket holding closing ceil(n/2)."""
    total = sum(histogram.values())
    if not total:
        return None
    seen = 0
    for days in sorted(histogram):
        seen += histogram[days]
        if 2 * seen >= total:
            return days
    return None  # not reached: the loop ends at the largest bucket


def rates(counters: Mapping[str, float]) -> dict[str, float | None]:
    closed, reached = int(counters["closed"]), int(counters["reached"])
    return {"resolution_rate": ratio(int(counters["resolved"]), closed),
            "satisfaction_rate": ratio(int(counters["satisfied"]), reached)}


def _figures(counters: Mapping[str, float]) -> dict[str, Any]:
    out: dict[str, Any] = {k: (round(v, 3) if k.endswith("total") else int(v))
                           for k, v in counters.items()}
    return out | rates(counters)


Sums = dict[str, float]


def summarize(
    stats: Iterable[CaseStatRow], since: date | None = None, until: date | None = None,
    durations: Mapping[int, int] | None = None,
) -> dict[str, Any]:
    """Sums of the daily counters over the period, with rates and the median.

    Every figure counts closings in the period (a case closed, reopened and closed
    again counts twice), so the figures of consecutive periods add up.
    `durations` is the period's histogram: whole days to close -> closings.
    """
    sums: dict[tuple[str, str], Sums] = {}
    for row in stats:
        if in_period(row.day, since, until):
            target = sums.setdefault((row.dimension, row.value), dict.fromkeys(COUNTERS, 0))
            for counter in COUNTERS:
                target[counter] += getattr(row, counter)
    return figures(sums, since, until, durations)


def figures(sums: Mapping[tuple[str, str], Mapping[str, float]], since: date | None,
            until: date | None, durations: Mapping[int, int] | None = None) -> dict[str, Any]:
    """The report from the period's counters summed per (dimension, value)."""
    totals = sums.get(("all", "*"), dict.fromkeys(COUNTERS, 0))
    breakdown: dict[str, dict[str, Mapping[str, float]]] = {d: {} for d in BREAKDOWNS}
    for (dimension, value), counters in sums.items():
        if dimension in breakdown:
            breakdown[dimension][value] = counters
    closed = int(totals["closed"])
    return {
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "opened": int(totals["opened"]),
        "closed": closed,
        "resolved": int(totals["resolved"]),
        "escalated": int(totals["escalated"]),
        "reopened": int(totals["reopened"]),
        "resolved_in_grid": int(totals["resolved_in_grid"]),
        "resolved_in_grid_share": ratio(int(totals["resolved_in_grid"]), closed),
        **rates(totals),
        "reached": int(totals["reached"]),
        "satisfied": int(totals["satisfied"]),
        "unreachable": closed - int(totals["reached"]),
        "mean_resolution_days": (round(totals["resolution_days_total"] / closed, 2)
                                 if closed else None),
        "median_resolution_days": median_days(durations or {}),
        "by": {
            dimension: {value: _figures(counters) for value, counters in sorted(values.items())}
            for dimension, values in breakdown.items()
        },
    }


def cross_rows(groups: Iterable[Mapping[str, Any]], by: tuple[str, ...]) -> list[dict[str, Any]]:
    """Rows of `report summary --by`: the chosen dimensions, counts and resolution rate."""
    out = []
    for group in groups:
        row = {d: group[d] for d in by}
        opened, closed, resolved = (int(group[k] or 0) for k in ("opened", "closed", "resolved"))
        out.append(row | {"opened": opened, "closed": closed, "resolved": resolved,
                          "resolution_rate": ratio(resolved, closed)})
    return sorted(out, key=lambda r: tuple(str(r[d]) for d in by))


def group_counts(rows: Iterable[Any], since: date | None, until: date | None,
                 by: tuple[str, ...]) -> list[dict[str, Any]]:
    """`case_counts` rows summed by the `by` dimensions (grid means grid_key), in memory."""
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        if not in_period(row.day, since, until):
            continue
        key = tuple(getattr(row, "grid_key" if d == "grid" else d) for d in by)
        group = groups.setdefault(key, dict(zip(by, key, strict=True)) | dict.fromkeys(
            ("opened", "closed", "resolved"), 0))
        for counter in ("opened", "closed", "resolved"):
            group[counter] += getattr(row, counter)
    return cross_rows(groups.values(), by)
