"""Read models as SQL tables: catch up, rebuild, query, export.

Every read first catches the projections it uses up with the log, so a listing
never shows rows older than the last write. Writes never touch read models.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

import attrs
from sqlalchemy import and_, exists, func, or_, select

from adapters.clock import local_tz
from adapters.event_feed import EventFeed
from adapters.plain_read import PlainReads
from adapters.projector import Progress, Projector, stale
from adapters.read_ddl import TRACKING
from adapters.read_fallback import cannot_update, folded_in_memory, read_only_models, refusals
from adapters.read_shapes import READ_TIME_COLUMNS, as_lists, overdue_count, read_time_columns
from adapters.settings import StoreConfig
from adapters.sql_engine import make_engine, make_memory_engine
from projections.registry import all_projections, table_owners
from projections.stat_rows import COUNTERS
from projections.summary import cross_rows
from projections.summary import figures as report_figures


@attrs.frozen
class CaseFilter:
    today: date
    status: str | None = None
    mediator: str | None = None
    community: str | None = None
    grid: str | None = None
    building: str | None = None
    category: str | None = None
    level: str | None = None
    overdue_only: bool = False
    limit: int = 200


class ReadModels:
    """The read models of a store. Where this role cannot update them (a SELECT-only
    auditor, read-only files), reads fold the log into an in-memory copy instead
    (adapters/read_fallback.py); `update` and `rebuild` then refuse clearly."""

    def __init__(self, app: Any, config: StoreConfig, progress: Progress | None = None) -> None:
        self.app, self.progress = app, progress
        self.in_memory = False
        self._borrowed: list[PlainReads] = []
        try:
            self.engine = make_engine(config)
        except PermissionError:  # a read store of its own that we may not create
            self._fold_in_memory()
            return
        self._project_into(self.engine, config.schema if config.kind == "postgres" else None)

    def _project_into(self, engine: Any, schema: str | None = None) -> None:
        self.engine = engine
        feed = EventFeed(self.app, personal=False)  # the read models hold no personal data
        self.projector = Projector(engine, feed, all_projections(local_tz()), schema=schema,
                                   progress=self.progress)

    @property
    def names(self) -> list[str]:
        return list(self.projector.projections)

    def catch_up(self, *names: str) -> dict[str, int]:
        """Bring the named projections up to date before a read; in memory if they cannot be
        updated here (reads always answer)."""
        names = tuple(dict.fromkeys(names or self.names))
        if not self.in_memory:
            try:
                return {name: self.projector.catch_up(name) for name in names}
            except Exception as error:
                if not cannot_update(error):
                    raise
                self._fold_in_memory()
        return {name: self.projector.catch_up(name) for name in names}

    def update(self, *names: str) -> dict[str, int]:
        """Catch the stored read models up (`projections catch-up`): refused if this role
        cannot write them."""
        if self.in_memory:
            raise read_only_models()
        with refusals():
            return {name: self.projector.catch_up(name)
                    for name in dict.fromkeys(names or self.names)}

    def rebuild(self, *names: str) -> dict[str, int]:
        """Rebuild the named projections (all by default) in one pass over the log."""
        names = tuple(dict.fromkeys(names or self.names))  # the projector folds each once
        if self.in_memory:
            raise read_only_models()
        with refusals():
            count = self.projector.rebuild(*names)
        return dict.fromkeys(names, count)

    def _fold_in_memory(self) -> None:
        if getattr(self, "engine", None) is not None:
            self.engine.dispose()
        self._project_into(make_memory_engine())
        self.in_memory = True
        folded_in_memory()

    def plain(self, row_classes: tuple[type, ...] = ()) -> PlainReads:
        """The engine's DB-API connection for plain-SQL readers (adapters/plain_read.py),
        returned to the pool on close()."""
        reads = PlainReads(self.engine.raw_connection(), self.engine.dialect.name,
                           self.projector.metadata.schema, row_classes)
        self._borrowed.append(reads)
        return reads

    def status(self) -> list[dict[str, Any]]:
        """Each projection's position and state: `not built` (tables empty, built on the first
        read), `behind` (lag events not yet folded in, caught up on the next read), `ok`,
        `needs rebuild` (another version or time zone), `log changed` (see log_changed)."""
        existing = None  # every table is there, unless this role cannot create them
        try:
            self.projector.ensure_schema()
        except Exception as error:
            if not cannot_update(error):
                raise
            from adapters.read_tables import catalogue

            with self.engine.connect() as conn:
                existing = set(catalogue(conn, self.projector.metadata.schema)[0])
        head = self.projector.feed.head()
        out = []
        with self.engine.connect() as conn:
            for name, projection in self.projector.projections.items():
                tracked = (self.projector.position(conn, name)
                           if existing is None or TRACKING in existing else None)
                position = tracked["position"] if tracked else 0
                rows = {table.name: conn.execute(select(func.count()).select_from(table)).scalar()
                        if existing is None or table.name in existing else 0
                        for table in self.projector.tables[name].values()}
                outdated = bool(tracked) and stale(tracked, projection)
                digest = self.projector.feed.log_hash_at(position) if tracked else None
                lag = max(head - position, 0)
                out.append({
                    "name": name, "version": projection.version, "position": position,
                    "head": head, "lag": lag, "rows": rows,
                    "state": ("not built" if not tracked else "needs rebuild" if outdated
                              else "log changed" if digest is None
                              or digest.hex() != tracked["log_hash"]
                              else "behind" if lag else "ok"),
                })
        return out

    # -- queries ---------------------------------------------------------------
    def list_cases(self, f: CaseFilter) -> list[dict[str, Any]]:
        self.catch_up("cases", "commitments")
        cases, cats = self.projector.table("cases"), self.projector.table("case_categories")
        overdue = overdue_count(cases, self.projector.table("commitments"), f.today)
        query = select(cases, overdue.label("overdue_commitments"))
        for column, value in (("status", f.status), ("mediator", f.mediator),
                              ("community", f.community), ("building", f.building),
                              ("level", f.level)):
            if value is not None:
                query = query.where(cases.c[column] == str(value))
        if f.grid is not None:  # a grid name, or the unambiguous key community/grid
            query = query.where(or_(cases.c.grid == f.grid, cases.c.grid_key == f.grid))
        if f.category is not None:
            query = query.where(exists().where(and_(cats.c.ref == cases.c.ref,
                                                    cats.c.category == str(f.category))))
        if f.overdue_only:
            query = query.where(overdue > 0)
        query = query.order_by(cases.c.ref.desc()).limit(f.limit)
        with self.engine.connect() as conn:
            return [as_lists("cases", _jsonable(r)) for r in conn.execute(query).mappings()]

    def summary(self, since: date | None, until: date | None,
                by: tuple[str, ...] = ()) -> dict[str, Any]:
        """The period's figures; with `by` (CROSS_DIMENSIONS) also the cross-dimensional counts."""
        self.catch_up("case_stats")
        stats, closings = self.projector.table("case_stats"), self.projector.table("case_closings")
        # Summed by the database: a month is thousands of daily rows, its report a few hundred.
        query = (select(stats.c.dimension, stats.c.value,
                        *(func.sum(stats.c[k]).label(k) for k in COUNTERS))
                 .where(*_between(stats.c.day, since, until))
                 .group_by(stats.c.dimension, stats.c.value))
        durations = (select(closings.c.days_to_close, func.count())
                     .where(*_between(closings.c.closed_on, since, until))
                     .group_by(closings.c.days_to_close))
        with self.engine.connect() as conn:
            sums = {(r["dimension"], r["value"]): {k: r[k] or 0 for k in COUNTERS}
                    for r in conn.execute(query).mappings()}
            histogram = {int(days): int(n) for days, n in conn.execute(durations)}
            figures = report_figures(sums, since, until, histogram)
            if by:
                figures["cross"] = self._cross(conn, since, until, by)
        return figures

    def _cross(self, conn: Any, since: date | None, until: date | None,
               by: tuple[str, ...]) -> list[dict[str, Any]]:
        counts = self.projector.table("case_counts")
        columns = [counts.c["grid_key" if d == "grid" else d].label(d) for d in by]
        query = (select(*columns, *(func.sum(counts.c[k]).label(k)
                                    for k in ("opened", "closed", "resolved")))
                 .where(*_between(counts.c.day, since, until)).group_by(*columns))
        return cross_rows(conn.execute(query).mappings(), by)

    def columns(self, table_name: str) -> list[str]:
        """A table's columns as `rows` gives them: the stored ones, then those judged on read."""
        return ([c.name for c in self.projector.table(table_name).columns]
                + list(READ_TIME_COLUMNS.get(table_name, ())))

    def rows(self, table_name: str, on: date | None = None) -> Iterator[dict[str, Any]]:
        """All rows of a read-model table, caught up first (for export); what depends on the
        day (adapters/read_shapes.py: overdue) is judged on `on`, default today."""
        extra = READ_TIME_COLUMNS.get(table_name, ())
        self.catch_up(table_owners()[table_name], *(["commitments"] if extra else []))
        table = self.projector.table(table_name)
        tables = {name: self.projector.table(name) for name in ("cases", "commitments")}
        day = on or datetime.now(local_tz()).date()
        with self.engine.connect() as conn:
            query = (select(table, *read_time_columns(table_name, tables, day))
                     .order_by(*table.primary_key.columns))
            for row in conn.execution_options(stream_results=True).execute(query).mappings():
                yield dict(row)

    def close(self) -> None:
        for reads in self._borrowed:
            reads.close()
        self._borrowed.clear()
        self.engine.dispose()


def _between(column: Any, since: date | None, until: date | None) -> list[Any]:
    return [c for c in (column >= since if since else None,
                        column <= until if until else None) if c is not None]


def _jsonable(row: Any) -> dict[str, Any]:
    from adapters.jsonable import jsonable

    return {k: jsonable(v) for k, v in row.items()}


@contextmanager
def open_read_models(app: Any, config: StoreConfig,
                     progress: Progress | None = None) -> Iterator[ReadModels]:
    models = ReadModels(app, config, progress)
    try:
        yield models
    finally:
        models.close()
