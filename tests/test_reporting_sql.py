"""Every SQL query of docs/reporting.md, verbatim, on SQLite and PostgreSQL, against the events.

Each ```sql block of the page starts with `-- check: NAME`; tests/report_oracle.py
computes the same figures by walking the events in Python. The PostgreSQL session
runs in a zone far from Beijing (America/Los_Angeles), so a query that leaned on
the session's zone for days would give other figures.

Also: the documented point-in-time WHERE for commitments equals a replay of the
cases up to random days, and the local-day columns are the same on both back ends
whatever the PostgreSQL session's zone.
"""

from __future__ import annotations

import random
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from adapters.app import Gongzhi
from adapters.event_feed import EventFeed
from adapters.readmodels import ReadModels
from adapters.settings import StoreConfig
from tests.conftest import PG_SKIP_REASON
from tests.readmodel_support import fresh_store, seed_district
from tests.report_oracle import CHECKS, ZONE, Oracle
from tests.report_oracle import day as local_day

DOC = Path(__file__).resolve().parents[1] / "docs" / "reporting.md"
CASES = 400  # about 4,500 events: every month of 2025 has closings, reopenings, commitments
FAR_ZONE = "America/Los_Angeles"


def doc_queries() -> dict[str, str]:
    queries: dict[str, str] = {}
    for block in re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S):
        found = re.match(r"-- check: (\w+)\n", block)
        assert found, f"a sql block in docs/reporting.md has no '-- check: NAME' line:\n{block}"
        assert found[1] not in queries, f"two sql blocks are named {found[1]}"
        queries[found[1]] = block
    return queries


QUERIES = doc_queries()


class District:
    """A seeded district store with its read models built, and a way to run SQL on it."""

    def __init__(self, config: StoreConfig) -> None:
        self.config = config
        self.app = Gongzhi(config)
        seed_district(self.app, CASES)
        self.events = [e for _, e in EventFeed(self.app).events()]
        self.oracle = Oracle(self.events)
        self.models = ReadModels(self.app, config)
        self.models.catch_up()
        self.pg: Any = None
        if config.kind == "postgres":
            import psycopg

            self.pg = psycopg.connect(host=config.host, port=config.port, user=config.user,
                                      dbname=config.dbname, password=config.password or None,
                                      autocommit=True)
            self.pg.execute(f'SET search_path TO "{config.schema}"')
            self.pg.execute(f"SET TIME ZONE '{FAR_ZONE}'")
        else:
            self.lite = sqlite3.connect(config.path)

    def sql(self, query: str) -> list[tuple[Any, ...]]:
        if self.pg is not None:
            return [tuple(r) for r in self.pg.execute(query).fetchall()]
        return self.lite.execute(query).fetchall()

    def close(self) -> None:
        if self.pg is not None:
            self.pg.close()
        else:
            self.lite.close()
        self.models.close()
        self.app.close()


@pytest.fixture(scope="module")
def sqlite_district() -> Iterator[District]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GONGZHI_TZ", "Asia/Shanghai")
        with fresh_store("sqlite", "district") as config:
            district = District(config)
            yield district
            district.close()


@pytest.fixture(scope="module")
def pg_district() -> Iterator[District]:
    if PG_SKIP_REASON:
        pytest.skip(PG_SKIP_REASON)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GONGZHI_TZ", "Asia/Shanghai")
        with fresh_store("postgres", "district") as config:
            district = District(config)
            yield district
            district.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def district(request: Any) -> District:
    name = {"sqlite": "sqlite_district", "postgres": "pg_district"}[request.param]
    return request.getfixturevalue(name)  # type: ignore[no-any-return]


def plain(value: Any) -> Any:
    """One spelling per value: SQLite gives text days and floats, psycopg dates and Decimals."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def same_rows(actual: list[tuple[Any, ...]], expected: list[tuple[Any, ...]], name: str) -> None:
    actual = [tuple(plain(v) for v in row) for row in actual]
    expected = [tuple(plain(v) for v in row) for row in expected]
    assert len(actual) == len(expected), (name, actual[:5], expected[:5])
    for got, want in zip(actual, expected, strict=True):
        assert len(got) == len(want), (name, got, want)
        for a, b in zip(got, want, strict=True):
            if isinstance(b, float) and a is not None:
                # stored rates have 4 decimals, day counts 3 per closing
                assert a == pytest.approx(b, abs=0.011 if "totals" in name else 1e-4), (name, got, want)
            else:
                assert a == b, (name, got, want)


def test_every_documented_query_has_a_check_and_every_check_a_query() -> None:
    assert set(QUERIES) == set(CHECKS)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_a_documented_query_gives_the_figures_of_the_events(district: District, name: str) -> None:
    expected = CHECKS[name](district.oracle)
    assert expected and any(v not in (None, 0) for v in expected[0]), f"{name}: nothing to compare"
    same_rows(district.sql(QUERIES[name]), expected, name)


def replay_open_commitments(events: list[Any], when: date) -> tuple[int, int]:
    """Open and overdue commitments at the end of `when`: each case replayed up to that day."""
    streams: dict[str, list[Any]] = defaultdict(list)
    for e in events:
        streams[e.originator_id].append(e)
    open_, overdue = 0, 0
    for stream in streams.values():
        case = None
        for e in stream:
            if e.occurred_at.astimezone(ZONE).date() > when:
                break
            case = e.mutate(case)
        if case is None:
            continue
        for commitment in case.commitments.values():
            if commitment.status == "open":
                open_ += 1
                overdue += commitment.due < when
    return open_, overdue


def test_business_times_of_each_case_only_move_forward(sqlite_district: District) -> None:
    """What makes a replay up to a day the same as 'the events of days up to it'."""
    last: dict[str, Any] = {}
    for e in sqlite_district.events:
        assert e.occurred_at >= last.get(e.originator_id, e.occurred_at)
        last[e.originator_id] = e.occurred_at


@pytest.mark.parametrize("seed", [1, 2])
def test_commitments_as_of_any_day_equal_a_replay_to_that_day(district: District, seed: int) -> None:
    rng = random.Random(seed)
    days = [date(2025, 1, 1) + timedelta(days=rng.randrange(400)) for _ in range(12)]
    seen_overdue = 0
    for when in days:
        query = QUERIES["commitments_as_of"].replace("2025-06-30", when.isoformat())
        (open_, overdue), = district.sql(query)
        assert (open_, overdue or 0) == replay_open_commitments(district.events, when), when
        seen_overdue += overdue or 0
    assert seen_overdue, "no date had an overdue commitment: the comparison proved nothing"


DAY_COLUMNS = {
    "cases": "ref, opened_on, opened_month, last_activity_on, closed_on, closed_month",
    "commitments": "ref, commitment_id, due, made_on, settled_on",
    "case_facts": "ref, opened_on, opened_month, closed_on, closed_month",
    "case_closings": "ref, closing, closed_on, month",
    "case_stats": "day, month, dimension, value",
    "case_counts": "day, month, grid_key, category",
    "case_rates": "month, dimension, value",
}


@pytest.mark.postgres
@pytest.mark.parametrize("zone", ["UTC", FAR_ZONE, "Pacific/Kiritimati"])
def test_local_days_agree_between_sqlite_and_postgres_whatever_the_session_zone(
    sqlite_district: District, pg_district: District, zone: str,
) -> None:
    pg_district.pg.execute(f"SET TIME ZONE '{zone}'")
    try:
        for table, columns in DAY_COLUMNS.items():
            query = f"SELECT {columns} FROM {table} ORDER BY {columns}"
            lite = [tuple(plain(v) for v in r) for r in sqlite_district.sql(query)]
            assert lite, table
            assert [tuple(plain(v) for v in r) for r in pg_district.sql(query)] == lite, table
        # ... while the session's zone does move a day taken from a time by hand.
        naive = pg_district.sql("SELECT COUNT(*) FROM cases WHERE CAST(opened_at AS DATE) <> opened_on")
        shifted = sum(local_day(e.occurred_at) != e.occurred_at.astimezone(ZoneInfo(zone)).date()
                      for e in pg_district.events if type(e).__name__ == "Opened")
        assert naive == [(shifted,)]
        if zone == FAR_ZONE:
            assert shifted > 0
    finally:
        pg_district.pg.execute(f"SET TIME ZONE '{FAR_ZONE}'")
