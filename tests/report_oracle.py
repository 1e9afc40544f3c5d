"""The documented report figures computed straight from the events, in Python.

Independent of projections/: walks the decoded events once, keeps what each
case went through, and answers each documented query (tests/test_reporting_sql.py)
from that. Local days are taken in Asia/Shanghai, the zone the tests run with.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from domain.vocabulary import LABELS, Category, Status

ZONE = ZoneInfo("Asia/Shanghai")
SATISFIED = {"satisfied", "basically_satisfied"}


def day(moment: datetime) -> date:
    return moment.astimezone(ZONE).date()


def month(moment: datetime) -> str:
    return day(moment).isoformat()[:7]


@dataclass
class Closing:
    at: datetime
    outcome: str
    satisfaction: str
    mediator: str | None
    days: float
    in_grid: bool  # the case never left the grid before this closing
    last: bool = True


@dataclass
class Life:
    ref: str
    opened_at: datetime
    community: str
    grid: str
    building: str
    categories: list[str]
    left_grid: bool
    status: str = "open"
    mediator: str | None = None
    closings: list[Closing] = field(default_factory=list)

    @property
    def grid_key(self) -> str:
        return f"{self.community}/{self.grid}"

    @property
    def closed_now(self) -> bool:
        return self.status == "closed"


@dataclass
class Promise:
    ref: str
    made_at: datetime
    due: date
    settled_at: datetime | None = None


class Oracle:
    def __init__(self, events: list[Any]) -> None:
        self.cases: dict[str, Life] = {}
        self.escalations: list[datetime] = []
        self.promises: dict[tuple[str, str], Promise] = {}
        for e in events:
            getattr(self, "on_" + type(e).__name__, lambda _e: None)(e)

    # -- the fold ---------------------------------------------------------------
    def on_Opened(self, e: Any) -> None:
        loc = e.location
        self.cases[e.originator_id] = Life(e.originator_id, e.occurred_at, loc.community, loc.grid,
                                           loc.building, list(e.categories), e.level != "grid")

    def on_Escalated(self, e: Any) -> None:
        self.cases[e.originator_id].left_grid = True
        self.escalations.append(e.occurred_at)

    def on_MediatorAssigned(self, e: Any) -> None:
        self.cases[e.originator_id].mediator = e.mediator

    on_MediatorReassigned = on_MediatorAssigned

    def on_AgreementReached(self, e: Any) -> None:
        self.cases[e.originator_id].status = "agreed"

    def on_MediationFailed(self, e: Any) -> None:
        self.cases[e.originator_id].status = "failed"

    def on_Closed(self, e: Any) -> None:
        life = self.cases[e.originator_id]
        life.status = "closed"
        days = (e.occurred_at - life.opened_at).total_seconds() / 86400
        life.closings.append(Closing(e.occurred_at, e.outcome, e.satisfaction, life.mediator, days,
                                     not life.left_grid))

    def on_Reopened(self, e: Any) -> None:
        life = self.cases[e.originator_id]
        life.status = "open"
        life.closings[-1].last = False

    def on_CommitmentMade(self, e: Any) -> None:
        self.promises[(e.originator_id, e.commitment_id)] = Promise(e.originator_id, e.occurred_at,
                                                                    e.due)

    def on_CommitmentFulfilled(self, e: Any) -> None:
        self.promises[(e.originator_id, e.commitment_id)].settled_at = e.occurred_at

    on_CommitmentBreached = on_CommitmentFulfilled

    # -- helpers ----------------------------------------------------------------
    def closings(self) -> list[tuple[Life, Closing]]:
        return [(life, c) for life in self.cases.values() for c in life.closings]

    def open_on(self, when: date) -> list[Promise]:
        return [p for p in self.promises.values() if day(p.made_at) <= when
                and (p.settled_at is None or day(p.settled_at) > when)]


def rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def lower_median(values: list[int]) -> int:
    return sorted(values)[(len(values) - 1) // 2]


def label_zh(kind: type, code: str) -> str:
    return LABELS[kind][code][0]


# -- one function per documented query (the name after "-- check:") -------------------
def labels_of_categories(o: Oracle) -> list[tuple[Any, ...]]:
    counts = Counter(c for life in o.cases.values() if month(life.opened_at) == "2025-06"
                     for c in life.categories)
    return sorted(((c, label_zh(Category, c), n) for c, n in counts.items()),
                  key=lambda r: (-r[2], r[0]))


def cases_by_status(o: Oracle) -> list[tuple[Any, ...]]:
    counts = Counter(life.status for life in o.cases.values())
    return sorted((s, label_zh(Status, s), int(s == "closed"), n) for s, n in counts.items())


def open_cases_in_grid(o: Oracle) -> list[tuple[Any, ...]]:
    return sorted((life.ref, life.status, life.building, life.mediator, day(life.opened_at))
                  for life in o.cases.values()
                  if life.grid_key == "双塔社区/3号网格" and not life.closed_now)


def commitments_as_of(o: Oracle, when: date = date(2025, 6, 30)) -> list[tuple[Any, ...]]:
    promised = o.open_on(when)
    overdue = sum(p.due < when for p in promised)
    return [(len(promised), overdue if promised else None)]


def overdue_by_grid_as_of(o: Oracle) -> list[tuple[Any, ...]]:
    when = date(2025, 6, 30)
    counts = Counter(o.cases[p.ref].grid_key for p in o.open_on(when) if p.due < when)
    return sorted(counts.items(), key=lambda r: (-r[1], r[0]))


def opened_closed_by_month(o: Oracle) -> list[tuple[Any, ...]]:
    opened: Counter[str] = Counter()
    closed: Counter[str] = Counter()
    for life in o.cases.values():
        opened[month(life.opened_at)] += 1
        closed[month(life.opened_at)] += life.closed_now
    return [(m, opened[m], closed[m]) for m in sorted(opened)]


def _june_closings(o: Oracle) -> list[Closing]:
    return [c for _, c in o.closings() if month(c.at) == "2025-06"]


def closings_reconciled(o: Oracle) -> list[tuple[Any, ...]]:
    june = _june_closings(o)
    last = sum(c.last for c in june)
    return [("2025-06", len(june), last, len(june) - last)] if june else []


def cases_closed_in_month(o: Oracle) -> list[tuple[Any, ...]]:
    return [(sum(life.closed_now and month(life.closings[-1].at) == "2025-06"
                 for life in o.cases.values()),)]


def closings_in_month(o: Oracle) -> list[tuple[Any, ...]]:
    june = _june_closings(o)
    return [(len(june) if june else None,)]


def median_days_by_month(o: Oracle) -> list[tuple[Any, ...]]:
    whole: dict[str, list[int]] = defaultdict(list)
    for _, c in o.closings():
        whole[month(c.at)].append(int(c.days))
    return [(m, lower_median(v)) for m, v in sorted(whole.items())]


def _rates(closings: list[Closing]) -> tuple[int, int, float | None, int, int, int, float | None]:
    resolved = sum(c.outcome == "resolved" for c in closings)
    reached = sum(c.satisfaction != "unreachable" for c in closings)
    satisfied = sum(c.satisfaction in SATISFIED for c in closings)
    return (len(closings), resolved, rate(resolved, len(closings)), reached, satisfied,
            len(closings) - reached, rate(satisfied, reached))


def rates_by_month(o: Oracle) -> list[tuple[Any, ...]]:
    by: dict[str, list[Closing]] = defaultdict(list)
    for _, c in o.closings():
        by[month(c.at)].append(c)
    return [(m, *_rates(v)) for m, v in sorted(by.items())]


def rates_by_mediator(o: Oracle) -> list[tuple[Any, ...]]:
    by: dict[str, list[Closing]] = defaultdict(list)
    for c in _june_closings(o):
        by[c.mediator or ""].append(c)
    rows = []
    for mediator, v in by.items():
        closed, _, resolution, _, _, _, satisfaction = _rates(v)
        rows.append((mediator, closed, resolution, satisfaction))
    return sorted(rows, key=lambda r: (-(r[2] or 0), r[0]))


def rates_by_grid_quarter(o: Oracle) -> list[tuple[Any, ...]]:
    by: dict[str, list[Closing]] = defaultdict(list)
    for life, c in o.closings():
        if "2025-04" <= month(c.at) <= "2025-06":
            by[life.grid_key].append(c)
    return [(g, _rates(v)[2], _rates(v)[6]) for g, v in sorted(by.items())]


def cross_month_grid_category(o: Oracle) -> list[tuple[Any, ...]]:
    counts: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for life in o.cases.values():
        for category in life.categories:
            counts[(month(life.opened_at), life.grid_key, category)][0] += 1
            for c in life.closings:
                counts[(month(c.at), life.grid_key, category)][1] += 1
    return [(*k, *v) for k, v in sorted(counts.items())]


def totals_june(o: Oracle) -> list[tuple[Any, ...]]:
    june = _june_closings(o)
    opened = sum(month(life.opened_at) == "2025-06" for life in o.cases.values())
    escalations = sum(month(at) == "2025-06" for at in o.escalations)
    in_grid = sum(c.outcome == "resolved" and c.in_grid for c in june)
    closed, resolved, resolution, _, _, _, satisfaction = _rates(june)
    mean = sum(c.days for c in june) / closed if closed else None
    return [(opened, closed, resolved, escalations, in_grid, rate(in_grid, closed), resolution,
             satisfaction, mean)]


def by_category_june(o: Oracle) -> list[tuple[Any, ...]]:
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for life in o.cases.values():
        for category in life.categories:
            if month(life.opened_at) == "2025-06":
                rows[category][0] += 1
            for c in life.closings:
                if month(c.at) == "2025-06":
                    rows[category][1] += 1
                    rows[category][2] += c.outcome == "resolved"
                    rows[category][3] += c.outcome == "resolved" and c.in_grid
    return sorted(((c, label_zh(Category, c), *v) for c, v in rows.items()),
                  key=lambda r: (-r[2], r[0]))


CHECKS = {fn.__name__: fn for fn in (
    labels_of_categories, cases_by_status, open_cases_in_grid, commitments_as_of,
    overdue_by_grid_as_of, opened_closed_by_month, closings_reconciled, cases_closed_in_month,
    closings_in_month, median_days_by_month, rates_by_month, rates_by_mediator,
    rates_by_grid_quarter, cross_month_grid_category, totals_june, by_category_june)}
