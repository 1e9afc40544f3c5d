"""Read the stored log directly, row by row with its hashes, in read-only mode.

Audits must not be able to change what they check: SQLite is opened with
`mode=ro`, PostgreSQL in a READ ONLY transaction. Rows stream in notification
order, so a million events need no more memory than a page of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from adapters.errors import no_store
from adapters.settings import StoreConfig, sqlite_read_only_uri
from adapters.store_names import EVENTS_TABLE

TABLE = EVENTS_TABLE
COLUMNS = "originator_id, originator_version, topic, state, event_hash, log_hash"
FETCH = 5000


def _bytes(value: Any) -> bytes:
    """Column bytes as stored; a value edited into TEXT by hand is taken as its UTF-8."""
    if type(value) is bytes:
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    return bytes(value) if value is not None else b""


def _row(r: tuple[Any, ...]) -> LogRow:
    return LogRow(r[0], r[1], r[2], r[3], _bytes(r[4]), _bytes(r[5]), _bytes(r[6]))


class LogRow(NamedTuple):
    """One stored event as it is in the table (a tuple: a million of them stream by)."""

    notification_id: int
    originator_id: str
    version: int
    topic: str
    state: bytes
    event_hash: bytes
    log_hash: bytes


class LogReader:
    """Base: subclasses provide `_query(sql, params)` yielding tuples."""

    position = "rowid"
    mark = "?"
    table: str

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
        raise NotImplementedError

    def rows(self, after: int = 0, until: int | None = None) -> Iterator[LogRow]:
        sql = f"SELECT {self.position}, {COLUMNS} FROM {self.table} WHERE {self.position} > {self.mark}"
        params: tuple[Any, ...] = (after,)
        if until is not None:
            sql += f" AND {self.position} <= {self.mark}"
            params += (until,)
        for r in self._query(sql + f" ORDER BY {self.position}", params):
            yield _row(r)

    def stream(self, originator_id: str) -> list[LogRow]:
        sql = (f"SELECT {self.position}, {COLUMNS} FROM {self.table} "
               f"WHERE originator_id = {self.mark} ORDER BY originator_version")
        return [_row(r) for r in self._query(sql, (originator_id,))]

    def rows_with_topic(self, topic: str) -> list[LogRow]:
        sql = (f"SELECT {self.position}, {COLUMNS} FROM {self.table} "
               f"WHERE topic = {self.mark} ORDER BY {self.position}")
        return [_row(r) for r in self._query(sql, (topic,))]

    def count_upto(self, until: int) -> int:
        sql = f"SELECT COUNT(*) FROM {self.table} WHERE {self.position} <= {self.mark}"
        return int(next(self._query(sql, (until,)))[0])

    def log_hash_upto(self, until: int) -> bytes | None:
        """The stored log hash of the last row at or before `until`."""
        sql = (f"SELECT log_hash FROM {self.table} WHERE {self.position} <= {self.mark} "
               f"ORDER BY {self.position} DESC LIMIT 1")
        return next((_bytes(r[0]) for r in self._query(sql, (until,))), None)

    def event_hash_of(self, originator_id: str, version: int) -> bytes | None:
        sql = (f"SELECT event_hash FROM {self.table} "
               f"WHERE originator_id = {self.mark} AND originator_version = {self.mark}")
        return next((_bytes(r[0]) for r in self._query(sql, (originator_id, version))), None)

    def head(self) -> int:
        return next(self._query(f"SELECT MAX({self.position}) FROM {self.table}"))[0] or 0

    def close(self) -> None:
        raise NotImplementedError

    def server_stamps(self, originator_id: str) -> dict[int, tuple[str, Any]]:
        """version -> (database user, server time) as the server recorded them (PostgreSQL's
        column defaults); empty where the store keeps none (SQLite, older tables)."""
        return {}

    def retyped(self) -> list[tuple[int | None, str | None, int | None, str, str, str]]:
        """Stored values whose type is not the column's: (position, aggregate, version,
        column, found, expected). A state stored as TEXT hashes the same as its BLOB
        but can no longer be read by the application."""
        raise NotImplementedError


# column -> (SQLite storage class, PostgreSQL type)
COLUMN_TYPES = {
    "originator_id": ("text", "text"), "originator_version": ("integer", "bigint"),
    "topic": ("text", "text"), "state": ("blob", "bytea"), "event_hash": ("blob", "bytea"),
    "log_hash": ("blob", "bytea"),
}
RETYPED_LIMIT = 1000


class SQLiteLogReader(LogReader):
    def __init__(self, path: str) -> None:
        import os
        import sqlite3

        if not os.path.exists(path):
            raise no_store(path)
        self.table = TABLE
        self.connection = sqlite3.connect(sqlite_read_only_uri(path), uri=True, timeout=30)

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
        cursor = self.connection.execute(sql, params)
        while batch := cursor.fetchmany(FETCH):
            yield from batch

    def close(self) -> None:
        self.connection.close()

    def retyped(self) -> list[tuple[int | None, str | None, int | None, str, str, str]]:
        checks = " OR ".join(f"typeof({c}) != '{t}'" for c, (t, _) in COLUMN_TYPES.items())
        kinds = ", ".join(f"typeof({c})" for c in COLUMN_TYPES)
        found: list[tuple[int | None, str | None, int | None, str, str, str]] = []
        for r in self._query(f"SELECT rowid, originator_id, originator_version, {kinds} "
                             f"FROM {self.table} WHERE {checks} ORDER BY rowid "
                             f"LIMIT {RETYPED_LIMIT}"):
            for (column, (want, _)), got in zip(COLUMN_TYPES.items(), r[3:], strict=True):
                if got != want:
                    found.append((r[0], str(r[1]), r[2] if isinstance(r[2], int) else None,
                                  column, got.upper(), want.upper()))
        return found


class PostgresLogReader(LogReader):
    position = "notification_id"
    mark = "%s"

    def __init__(self, config: StoreConfig) -> None:
        from adapters.pg_connect import connect

        self.table = f'"{config.schema}".{TABLE}'
        self.schema = config.schema
        self.connection = connect(config)
        self.connection.read_only = True
        self._cursors = 0

    def server_stamps(self, originator_id: str) -> dict[int, tuple[str, Any]]:
        import psycopg

        sql = (f"SELECT originator_version, db_user, db_time FROM {self.table} "
               "WHERE originator_id = %s")
        try:
            with self.connection.transaction():
                rows = self.connection.execute(sql.encode(), (originator_id,)).fetchall()
        except psycopg.errors.UndefinedColumn:  # a table made before these columns existed
            return {}
        return {int(r[0]): (str(r[1]), r[2]) for r in rows}

    def retyped(self) -> list[tuple[int | None, str | None, int | None, str, str, str]]:
        rows = self.connection.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = %s AND table_name = %s", (self.schema, TABLE)).fetchall()
        types: dict[str, str] = {str(r[0]): str(r[1]) for r in rows}
        return [(None, None, None, column, str(types.get(column, "missing")), want)
                for column, (_, want) in COLUMN_TYPES.items() if types.get(column) != want]

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
        self._cursors += 1
        with self.connection.cursor(name=f"audit_{self._cursors}") as cursor:
            cursor.itersize = FETCH
            cursor.execute(sql.encode(), params)
            yield from cursor

    def close(self) -> None:
        self.connection.close()


def open_log_reader(config: StoreConfig) -> LogReader:
    if config.kind == "sqlite":
        return SQLiteLogReader(config.path)
    return PostgresLogReader(config)
