"""Read-model test support: fresh stores, and tables read back from SQL or folded purely.

Shared by tests/test_projections.py and tests/test_projections_property.py.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import attrs
import pytest
from sqlalchemy import inspect, select

from adapters.app import Gongzhi
from adapters.clock import local_tz
from adapters.event_feed import EventFeed
from adapters.readmodels import ReadModels
from adapters.settings import StoreConfig
from projections.framework import row_key
from projections.registry import all_projections
from tests.conftest import PG_SKIP_REASON, PG_URL, drop_schema


@contextmanager
def fresh_store(kind: str, label: str = "events") -> Iterator[StoreConfig]:
    """A store nobody else uses: a file in a new temp dir, or a new PostgreSQL schema."""
    if kind == "sqlite":
        folder = tempfile.mkdtemp(prefix=f"gongzhi-{label}-")
        try:
            yield StoreConfig.parse(os.path.join(folder, "gongzhi.db"))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    if PG_SKIP_REASON:
        pytest.skip(PG_SKIP_REASON)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        yield StoreConfig.parse(f"{PG_URL}?schema={schema}")
    finally:
        drop_schema(schema)


def create_schema(config: StoreConfig) -> None:
    """A read store of its own on PostgreSQL needs its schema to exist."""
    if config.kind != "postgres":
        return
    import psycopg

    with psycopg.connect(host=config.host, port=config.port, user=config.user,
                         dbname=config.dbname, password=config.password or None,
                         autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{config.schema}"')


def _instant(value: Any) -> Any:
    """Datetimes compare by instant: the same moment in UTC whatever offset it came back in."""
    if isinstance(value, datetime):
        assert value.tzinfo is not None, f"naive datetime read back: {value!r}"
        return value.astimezone(UTC)
    return value


Tables = dict[str, dict[tuple[Any, ...], dict[str, Any]]]


def normalise(rows: list[Any]) -> dict[tuple[Any, ...], dict[str, Any]]:
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        key = row_key(row)
        assert key not in out, f"duplicate key {key} in {type(row).__table__}"
        out[key] = {k: _instant(v) for k, v in attrs.asdict(row, recurse=False).items()}
    return out


def sql_tables(models: ReadModels) -> Tables:
    """Every read-model table as stored, read back into its row class."""
    out: Tables = {}
    with models.engine.connect() as conn:
        for name in models.names:
            for row_class, table in models.projector.tables[name].items():
                rows = [row_class(**m) for m in conn.execute(select(table)).mappings()]
                out[table.name] = normalise(rows)
    return out


def sql_tables_exist(models: ReadModels) -> set[str]:
    with models.engine.connect() as conn:
        schema = models.projector.metadata.schema
        return set(inspect(conn).get_table_names(schema=schema))


def folded_tables(app: Gongzhi, stop: int | None = None) -> Tables:
    """The pure fold of the log (up to notification `stop`) for every registered projection."""
    events = [e for _, e in EventFeed(app).events(stop=stop)] if stop != 0 else []
    out: Tables = {}
    for projection in all_projections(local_tz()):
        state = projection.fold(events)
        for row_class in projection.tables:
            out[row_class.__table__] = normalise(state.rows(row_class))
    return out


def positions(models: ReadModels) -> dict[str, tuple[int, str | None, int]]:
    tracking = models.projector.tracking
    with models.engine.connect() as conn:
        return {r["name"]: (r["position"], r["log_hash"], r["version"])
                for r in conn.execute(select(tracking)).mappings()}


# -- a small synthetic district (the benchmark's plan, bench/district_plan.py) ------------------
DISTRICT_SEED = 20251


def seed_district(app: Gongzhi, cases: int, seed: int = DISTRICT_SEED) -> None:
    """Save the plan's `cases` cases (a year of 2025 in 5 communities x 10 grids)."""
    import sys
    from pathlib import Path

    bench = str(Path(__file__).resolve().parents[1] / "bench")
    if bench not in sys.path:
        sys.path.insert(0, bench)
    from district_plan import plan_district

    from domain.case import Case
    from domain.values import Stamp

    def stamp(step: Any) -> Stamp:
        return Stamp(actor=step.actor, occurred_at=step.occurred_at, recorded_at=step.recorded_at)

    batch = []
    for plan in plan_district(seed, cases):
        case = Case.open(ref=plan.ref, stamp=stamp(plan.opening), **plan.opening.kwargs)
        for step in plan.steps:
            getattr(case, step.command)(stamp=stamp(step), **step.kwargs)
        batch.append(case)
        if len(batch) == 100:
            app.save(*batch)
            batch = []
    if batch:
        app.save(*batch)
