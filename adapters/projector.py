"""Keeps read-model tables in step with the log: exactly once, incremental, rebuildable.

Catch-up takes a batch of events after the projection's position, folds it into
the rows it touches, and writes those rows and the new position (with the log
hash found there) in ONE transaction. A process that dies half-way commits
nothing, so the next catch-up starts from the old position: no duplicates, no
gaps. Before each batch the stored log hash at the position is checked: if the
log below the position was deleted or rewritten (SQLite reuses the ids of
deleted newest rows), catch-up refuses instead of silently skipping events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

from sqlalchemy import Connection, Engine, MetaData, Table, insert, select, text, update
from sqlalchemy.schema import CreateSchema

from adapters.clock import utc_now
from adapters.errors import AppError
from adapters.event_feed import EventFeed
from adapters.read_ddl import LOCK_KEY, TRACKING, qualified
from adapters.read_fallback import cannot_update, check_writable
from adapters.read_tables import catalogue, labels_refresh, plan, replace_rows
from adapters.sql_schema import table_for, tracking_table
from adapters.sql_state import SqlState
from projections.framework import MemoryState, Projection

BATCH = 2000
INSERT_CHUNK = 5000
# Folding in memory and rewriting the tables beats row-by-row updates when a
# projection is far behind (say after a bulk import): rebuild past this lag if
# it is also a good share of the log.
REBUILD_LAG = 50_000
Tick = Callable[[int], None]
Progress = Callable[[str, int], AbstractContextManager[Tick]]


def log_changed(name: str, position: int) -> AppError:
    return AppError(
        f"事件日志在通知 {position} 处与读模型“{name}”不再一致：有事件被删除或改写。"
        f"请先运行 gongzhi audit verify 查明原因，再运行 gongzhi projections rebuild {name}。",
        f"the event log no longer matches read model '{name}' at notification {position}: "
        "events were deleted or rewritten. Run 'gongzhi audit verify' to see what changed, "
        f"then 'gongzhi projections rebuild {name}'.",
    )


class Projector:
    def __init__(self, engine: Engine, feed: EventFeed, projections: list[Projection],
                 schema: str | None = None, progress: Progress | None = None) -> None:
        self.engine = engine
        self.feed = feed
        self.projections = {p.name: p for p in projections}
        self.metadata = MetaData(schema=schema)
        self.tracking = tracking_table(self.metadata)
        self.tables: dict[str, dict[type, Table]] = {
            p.name: {row: table_for(row, self.metadata) for row in p.tables} for p in projections
        }
        self.progress = progress
        self._schema_ready = False

    def table(self, name: str) -> Table:
        for tables in self.tables.values():
            for table in tables.values():
                if table.name == name:
                    return table
        raise KeyError(name)

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction that holds the read models' write lock from its first statement.

        SQLite: BEGIN IMMEDIATE. PostgreSQL: a transaction-scoped advisory lock, so two
        processes creating or moving the same tables at once queue instead of colliding.
        """
        with self.engine.connect().execution_options(immediate=True) as conn, conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key, hashtext(:schema))"),
                             {"key": LOCK_KEY, "schema": self.metadata.schema or "public"})
            yield conn

    def ensure_schema(self) -> None:
        """Create what is missing of the read models' schema (tables, indexes, labels).

        Checked once per process, without the write lock when nothing is missing.
        """
        if self._schema_ready:
            return
        schema = self.metadata.schema
        row_classes = [row for p in self.projections.values() for row in p.tables]
        with self.engine.connect() as conn:
            needed = plan(conn, row_classes, schema)
        if needed:
            try:
                with self.writing() as conn:
                    if schema:  # a read store of its own may not have its schema yet
                        conn.execute(CreateSchema(schema, if_not_exists=True))
                    for statement in plan(conn, row_classes, schema):
                        conn.exec_driver_sql(statement)
            except Exception as error:
                # A role that may only read can still read tables that are all there
                # (what is missing is then an index or the labels' latest wording).
                if not cannot_update(error) or not self._tables_usable(row_classes):
                    raise
        self._schema_ready = True

    def _tables_usable(self, row_classes: list[Any]) -> bool:
        from adapters.read_tables import column_names

        with self.engine.connect() as conn:
            tables, _ = catalogue(conn, self.metadata.schema)
        return TRACKING in tables and all(
            tables.get(row.__table__) == column_names(row) for row in row_classes)

    def require_writable(self, names: list[str], rebuild: bool) -> None:
        """Refuse (ReadModelsReadOnly) before folding anything if the writes would be refused."""
        tables = [t.name for name in names for t in self.tables[name].values()]
        check_writable(self.engine, self.metadata.schema, tables, rebuild)

    def position(self, conn: Connection, name: str, lock: bool = False) -> Any:
        query = select(self.tracking).where(self.tracking.c.name == name)
        if lock and conn.dialect.name == "postgresql":
            query = query.with_for_update()
        return conn.execute(query).mappings().first()

    # -- incremental ---------------------------------------------------------
    def catch_up(self, name: str) -> int:
        """Apply every event after the projection's position; returns how many."""
        projection = self.projections[name]
        self.ensure_schema()
        with self.engine.connect() as conn:
            tracked = self.position(conn, name)
        if tracked is None or stale(tracked, projection):
            return self.rebuild(name)
        topics, head, applied = projection.topics(), self.feed.head(), 0
        lag = head - tracked["position"]
        if lag <= 0:  # nothing new: check the log below us without taking the write lock
            if self.feed.log_hash_at(tracked["position"]) != _unhex(tracked["log_hash"]):
                raise log_changed(name, tracked["position"])
            return 0
        if lag > REBUILD_LAG and lag * 4 > head:
            return self.rebuild(name)
        self.require_writable([name], rebuild=False)
        with self._progress(name, lag) as tick:
            while True:
                with self.writing() as conn:
                    tracked = self.position(conn, name, lock=True)
                    position = tracked["position"]
                    if self.feed.log_hash_at(position) != _unhex(tracked["log_hash"]):
                        raise log_changed(name, position)
                    if position >= head:
                        return applied
                    batch = self.feed.page(position, BATCH, stop=head, topics=topics)
                    state = SqlState(conn, self.tables[name])
                    for _, event in batch:
                        projection.apply(state, event)
                    state.flush()
                    # A short page means nothing else of interest up to the head.
                    moved_to = batch[-1][0] if len(batch) == BATCH else head
                    self._move(conn, projection, moved_to)
                applied += len(batch)
                tick(moved_to - position)

    # -- rebuild ---------------------------------------------------------------
    def rebuild(self, *names: str) -> int:
        """Empty the projections' tables and fold the whole log into them afresh.

        All the named projections are folded in one pass over the log, reading
        only the topics they need, and written in one transaction. Tables whose
        columns are unchanged are emptied, not dropped: indexes survive.
        """
        projections = [self.projections[name] for name in dict.fromkeys(names or self.projections)]
        self.ensure_schema()
        self.require_writable([p.name for p in projections], rebuild=True)
        topics = sorted({topic for p in projections for topic in p.topics()})
        states = {p.name: MemoryState() for p in projections}
        head, count = self.feed.head(), 0
        with self._progress("+".join(states), head) as tick:
            for _, event in self.feed.events(stop=head, topics=topics):
                for projection in projections:
                    projection.apply(states[projection.name], event)
                count += 1
                if count % 1000 == 0:
                    tick(1000)
        schema = self.metadata.schema
        with self.writing() as conn:
            existing, _ = catalogue(conn, schema)
            for statement in labels_refresh(schema):  # labels follow the code on every rebuild
                conn.exec_driver_sql(statement)
            for projection in projections:
                state = states[projection.name]
                for row_class, table in self.tables[projection.name].items():
                    indexes = replace_rows(conn, row_class, schema, existing)
                    rows: list[Any] = state.rows(row_class)
                    for start in range(0, len(rows), INSERT_CHUNK):
                        chunk = [_values(r) for r in rows[start:start + INSERT_CHUNK]]
                        conn.execute(insert(table), chunk)
                    for statement in indexes:
                        conn.exec_driver_sql(statement)
                    # Statistics for the planner: without them SQLite may drive a join from
                    # the wrong table (a 14x slower documented query at 100,000 cases).
                    conn.exec_driver_sql(f"ANALYZE {qualified(table.name, schema)}")
                self._move(conn, projection, head)
        return count

    def _move(self, conn: Connection, projection: Projection, position: int) -> None:
        name, digest = projection.name, self.feed.log_hash_at(position)
        values = {"version": projection.version, "settings": projection.settings(),
                  "position": position, "log_hash": digest.hex() if digest else None,
                  "updated_at": utc_now()}
        done = conn.execute(update(self.tracking).where(self.tracking.c.name == name)
                            .values(**values))
        if done.rowcount == 0:
            conn.execute(insert(self.tracking).values(name=name, **values))

    def _progress(self, label: str, total: int) -> AbstractContextManager[Tick]:
        if self.progress is None or total < 5 * BATCH:
            return nullcontext(lambda _n: None)
        return self.progress(label, total)


def stale(tracked: Any, projection: Projection) -> bool:
    """Rows made by another version of the projection, or under other settings."""
    return bool(tracked["version"] != projection.version
                or tracked["settings"] != projection.settings())


def _values(row: Any) -> dict[str, Any]:
    import attrs

    return attrs.asdict(row, recurse=False)


def _unhex(value: str | None) -> bytes | None:
    return bytes.fromhex(value) if value else None
