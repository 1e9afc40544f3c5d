"""Reading read-model tables with the plain driver (sqlite3 or psycopg), without SQLAlchemy.

Importing SQLAlchemy alone costs about three times the interpreter's start, more
than a status board read needs. When a projection is current (its tracked
position is the log's head and the log hash stored there still matches), its
tables are read here directly; only a projection that must catch up goes
through the SQLAlchemy projector (adapters/projector.py), whose engine can then
hand its connection to `PlainReads` so that both paths run the same queries.

Values come back as SQLAlchemy's read-model tables give them (adapters/sql_schema.py):
on SQLite, dates and times are stored as ISO text and booleans as 0/1, so
columns are converted by the Python type of the row class field of that name.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from adapters.read_ddl import TRACKING, column_list, columns, qualified
from adapters.settings import StoreConfig, sqlite_read_only_uri
from adapters.store_names import EVENTS_TABLE


def _sqlite_value(kind: type) -> Any:
    if kind is datetime:
        return lambda v: datetime.fromisoformat(v) if isinstance(v, str) else v
    if kind is date:
        return lambda v: date.fromisoformat(v) if isinstance(v, str) else v
    if kind is bool:
        return lambda v: bool(v) if isinstance(v, int) else v
    return None


class PlainReads:
    """One DB-API connection to a read store, read-only, in one snapshot where we opened it."""

    def __init__(self, connection: Any, dialect: str, schema: str | None,
                 row_classes: Iterable[type] = (), *, owned: bool = False) -> None:
        self.connection = connection
        self.dialect = dialect  # "sqlite" or "postgresql"
        self.schema = schema
        self.owned = owned  # opened here (closed here), or borrowed from an engine's pool
        self._convert: dict[str, Any] = {}
        if dialect == "sqlite":
            for row_class in row_classes:
                for name, kind, _ in columns(row_class):
                    converter = _sqlite_value(kind)
                    if converter is not None:
                        self._convert.setdefault(name, converter)

    def table(self, name: str) -> str:
        return qualified(name, self.schema)

    def select(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows as dicts in the selected order; `?` marks the parameters on either driver."""
        if self.dialect == "postgresql":
            sql = sql.replace("?", "%s")
        else:
            params = [p.isoformat() if isinstance(p, date) else p for p in params]
        cursor = self.connection.cursor()
        try:
            cursor.execute(sql, tuple(params))
            names = [d[0] for d in cursor.description]
            found = cursor.fetchall()
        finally:
            cursor.close()
            if not self.owned:  # a pooled connection: hold no snapshot (and no locks) between
                self.connection.rollback()  # reads, or a rebuild on another one would wait
        convert = [(i, self._convert[n]) for i, n in enumerate(names) if n in self._convert]
        out = []
        for row in found:
            values = list(row.values() if isinstance(row, dict) else row)
            for i, fn in convert:
                values[i] = fn(values[i])
            out.append(dict(zip(names, values, strict=True)))
        return out

    def columns_of(self, row_class: type, alias: str = "") -> str:
        """The row class's columns in its field order (quoted), optionally as `alias.col`."""
        names = tuple(name for name, _, _ in columns(row_class))
        if not alias:
            return column_list(names)
        return ", ".join(f'{alias}."{name}"' for name in names)

    def tracked(self, name: str) -> dict[str, Any] | None:
        rows = self.select(f"SELECT version, settings, position, log_hash FROM "
                           f"{self.table(TRACKING)} WHERE name = ?", (name,))
        return rows[0] if rows else None

    def close(self) -> None:
        try:
            self.connection.rollback()  # a read: nothing to keep; ends the snapshot
        finally:
            self.connection.close()


class PlainLog:
    """The log's head and the stored log hash at a position, from the events table."""

    def __init__(self, reads: PlainReads) -> None:
        self.reads = reads
        self.position = "rowid" if reads.dialect == "sqlite" else "notification_id"
        self.events = reads.table(EVENTS_TABLE)

    def head(self) -> int:
        rows = self.reads.select(f"SELECT MAX({self.position}) AS head FROM {self.events}")
        return int(rows[0]["head"] or 0)

    def log_hash_at(self, position: int) -> bytes | None:
        rows = self.reads.select(f"SELECT log_hash FROM {self.events} WHERE {self.position} = ?",
                                 (position,))
        return bytes(rows[0]["log_hash"]) if rows else None


def open_plain(config: StoreConfig, row_classes: Iterable[type] = ()) -> PlainReads:
    """A read-only connection in one read transaction (a snapshot). Raises FileNotFoundError
    for a missing SQLite file, the driver's error for anything else."""
    if config.kind == "sqlite":
        import sqlite3

        if not os.path.exists(config.path):
            raise FileNotFoundError(config.path)
        connection = sqlite3.connect(sqlite_read_only_uri(config.path), uri=True, timeout=30)
        connection.isolation_level = None
        connection.execute("BEGIN")
        return PlainReads(connection, "sqlite", None, row_classes, owned=True)
    import psycopg

    from adapters.pg_connect import connect

    pg = connect(config)
    pg.read_only = True
    pg.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    return PlainReads(pg, "postgresql", config.schema, row_classes, owned=True)


def is_current(log: PlainLog, reads: PlainReads, projection: Any) -> bool:
    """True when `projection`'s tables hold every event of the log and the log below them
    is still the one they were folded from; False for anything else (missing tables too):
    the projector then catches up, or says what is wrong."""
    tracked = reads.tracked(projection.name)
    if (tracked is None or tracked["version"] != projection.version
            or tracked["settings"] != projection.settings()):
        return False
    position = int(tracked["position"])
    if position <= 0 or log.head() != position:
        return False
    digest = log.log_hash_at(position)
    return digest is not None and digest.hex() == tracked["log_hash"]


@contextmanager
def current_reads(store: StoreConfig, read_store: StoreConfig, projection: Any,
                  row_classes: Iterable[type] = ()) -> Iterator[PlainReads | None]:
    """Plain reads of the read store when `projection` is current there, else None (then
    the caller catches up through the projector). Anything unexpected while checking
    (no tables yet, a locked file) also gives None: the projector's path says what is wrong."""
    from adapters.errors import AppError

    opened: list[PlainReads] = []
    reads: PlainReads | None = None
    try:
        events = open_plain(store)
        opened.append(events)
        if read_store == store:
            reads = PlainReads(events.connection, events.dialect, events.schema, row_classes)
        else:
            reads = open_plain(read_store, row_classes)
            opened.append(reads)
        if not is_current(PlainLog(events), reads, projection):
            reads = None
    except AppError:
        raise
    except Exception:  # checked again, and reported, by the projector's path
        reads = None
    try:
        yield reads
    finally:
        for connection in opened:
            connection.close()
