"""The embedded event store: eventsourcing's SQLite recorder, with hash chains.

Differences from `eventsourcing.sqlite`:

* the events table is `gongzhi_events` and carries `event_hash` and `log_hash`
  (see `adapters.hashing`), computed inside the inserting transaction;
* write transactions start with BEGIN IMMEDIATE, so the writer holds the lock
  before it reads the log's tail: with a deferred BEGIN a second writer could
  read a stale tail and then fail with SQLITE_BUSY instead of waiting its turn.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any
from urllib.parse import quote

from eventsourcing.persistence import ApplicationRecorder, OperationalError, StoredEvent
from eventsourcing.sqlite import (
    SQLiteApplicationRecorder,
    SQLiteCursor,
    SQLiteDatastore,
    SQLiteFactory,
    SQLiteTransaction,
)

from adapters import command_ids
from adapters.hashing import GENESIS, event_hash, log_hash
from adapters.private_files import create_private_file, store_files
from adapters.store_names import COMMANDS_TABLE, EVENTS_TABLE


class ImmediateTransaction(SQLiteTransaction):
    def __enter__(self) -> SQLiteCursor:
        cursor = self.connection.cursor()
        try:
            cursor.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:  # e.g. still locked after the timeout
            raise OperationalError(error) from error
        return cursor


class GongzhiSQLiteDatastore(SQLiteDatastore):
    @contextmanager
    def transaction(self, *, commit: bool) -> Iterator[SQLiteCursor]:
        if not commit:
            with super().transaction(commit=False) as curs:
                yield curs
            return
        with (
            self.get_connection(commit=True) as conn,
            ImmediateTransaction(conn, commit=True) as curs,
            curs,
        ):
            yield curs


class HashChainSQLiteRecorder(SQLiteApplicationRecorder):
    # Called inside the inserting transaction, after the rows are written and
    # before the commit: tests set it to prove a failure there stores nothing.
    after_insert: Callable[[], None] | None = None

    def __init__(self, datastore: SQLiteDatastore, events_table_name: str = EVENTS_TABLE):
        super().__init__(datastore, events_table_name)
        table = self.events_table_name
        self.insert_events_statement = f"INSERT INTO {table} VALUES (?,?,?,?,?,?)"
        self.select_tail_statement = (
            f"SELECT rowid, log_hash FROM {table} ORDER BY rowid DESC LIMIT 1"
        )
        self.select_prev_statement = (
            f"SELECT event_hash FROM {table} WHERE originator_id=? AND originator_version=?"
        )

    def construct_create_table_statements(self) -> list[str]:
        return [
            f"CREATE TABLE IF NOT EXISTS {self.events_table_name} ("
            "originator_id TEXT NOT NULL, "
            "originator_version INTEGER NOT NULL, "
            "topic TEXT NOT NULL, "
            "state BLOB NOT NULL, "
            "event_hash BLOB NOT NULL, "
            "log_hash BLOB NOT NULL, "
            "PRIMARY KEY (originator_id, originator_version))",
            f"CREATE TABLE IF NOT EXISTS {COMMANDS_TABLE} ("
            "command_id TEXT PRIMARY KEY, events TEXT NOT NULL, first_notification INTEGER)",
        ]

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        ids = super().insert_events(stored_events, **kwargs)
        command_ids.landed()
        return ids

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **_: Any
    ) -> Sequence[int] | None:
        # BEGIN IMMEDIATE holds the write lock, so the tail read here is the tail
        # the new rows follow, and SQLite numbers them max(rowid)+1, +2, ...
        key = command_ids.current_key()
        if key is not None:
            c.execute(f"SELECT events, first_notification FROM {COMMANDS_TABLE} "
                      "WHERE command_id = ?", (key,))
            found = c.fetchone()
            if found is not None:
                if found[0] != command_ids.events_text(stored_events):
                    raise command_ids.already_recorded(key, found[1])
                first = int(found[1])
                return list(range(first, first + len(stored_events)))
        c.execute(self.select_tail_statement)
        row = c.fetchone()
        last_id, tail = (row[0], bytes(row[1])) if row else (0, GENESIS)
        heads: dict[str, bytes] = {}
        params = []
        for s in stored_events:
            oid = str(s.originator_id)
            prev = heads.get(oid)
            if prev is None:
                prev = self._previous_hash(c, oid, s.originator_version)
            digest = event_hash(prev, oid, s.originator_version, s.topic, s.state)
            tail = log_hash(tail, digest)
            params.append((oid, s.originator_version, s.topic, s.state, digest, tail))
            heads[oid] = digest
        c.executemany(self.insert_events_statement, params)
        if key is not None:
            c.execute(f"INSERT INTO {COMMANDS_TABLE} VALUES (?, ?, ?)",
                      (key, command_ids.events_text(stored_events), last_id + 1))
        if self.after_insert is not None:  # a seam for fault-injection tests
            self.after_insert()
        return list(range(last_id + 1, last_id + 1 + len(params)))

    def _previous_hash(self, c: SQLiteCursor, oid: str, version: int) -> bytes:
        if version <= 1:
            return GENESIS
        c.execute(self.select_prev_statement, (oid, version - 1))
        row = c.fetchone()
        return bytes(row[0]) if row else GENESIS

    def table_exists(self) -> bool:
        with self.datastore.transaction(commit=False) as c:
            c.execute("SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name IN (?, ?)",
                      (self.events_table_name, COMMANDS_TABLE))
            return bool(c.fetchone()[0] == 2)

    def log_hash_at(self, notification_id: int) -> bytes | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT log_hash FROM {self.events_table_name} WHERE rowid=?",
                      (notification_id,))
            row = c.fetchone()
            return bytes(row[0]) if row else None

    def max_id_with_prefix(self, prefix: str) -> str | None:
        """The highest aggregate id starting with `prefix` (uses the primary key index)."""
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT MAX(originator_id) FROM {self.events_table_name} "
                "WHERE originator_id >= ? AND originator_id < ?",
                (prefix, upper),
            )
            return c.fetchone()[0]  # type: ignore[no-any-return]


class GongzhiSQLiteFactory(SQLiteFactory):
    def __init__(self, env: Any):
        db_name = env.get(self.SQLITE_DBNAME) or ""
        if self.env_create_table_value(env) and not db_name.startswith("file:"):
            create_private_file(db_name)  # before SQLite makes it 0644 (and its -wal, -shm)
        super().__init__(env)
        old = self.datastore
        self.datastore = GongzhiSQLiteDatastore(
            db_name=old.pool.db_name,
            lock_timeout=old.pool.lock_timeout,
            single_row_tracking=old.single_row_tracking,
            originator_id_type=old.originator_id_type,
        )
        old.close()

    @staticmethod
    def env_create_table_value(env: Any) -> bool:
        return str(env.get("CREATE_TABLE") or "yes").lower() in ("yes", "y", "true", "t", "1", "on")

    def application_recorder(self) -> ApplicationRecorder:
        recorder = HashChainSQLiteRecorder(self.datastore)
        # Creating takes the write lock; every command starts here, so look first.
        if self.env_create_table() and not recorder.table_exists():
            recorder.create_table()
        return recorder


def refuse_if_foreign(path: str) -> None:
    """Refuse a SQLite file that holds tables but no Gongzhi events: someone else's database.

    Opened as a store, it would be given the events table and every read model's table
    before any command could be refused. A file that is not SQLite at all is left to the
    driver, whose refusal already says so.
    """
    try:
        connection = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True, timeout=5)
        try:
            names = [r[0] for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table'")]
        finally:
            connection.close()
    except sqlite3.Error:
        return
    if names and EVENTS_TABLE not in names:
        from adapters.errors import ForeignStore

        shown = "、".join(sorted(names)[:5])
        raise ForeignStore(f"{path} 是别的 SQLite 数据库（含有表 {shown}），不是 Gongzhi 的数据存储；"
                       "未作任何改动，请检查 --store",
                       f"{path} is another SQLite database (tables {', '.join(sorted(names)[:5])}),"
                       " not a Gongzhi store; nothing was changed: check --store")


def discard_if_empty(path: str) -> bool:
    """Remove a store this command created if it recorded nothing (a refused first command).

    Only under SQLite's write lock and only if its events table is empty; if anyone
    else holds the lock, the file stays.
    """
    import os

    if not os.path.exists(path):
        return True  # never made (its folder was missing, say): nothing to remove
    try:
        connection = sqlite3.connect(f"file:{quote(path)}?mode=rw", uri=True, timeout=0,
                                     isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        connection.execute("BEGIN IMMEDIATE")
        names = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table'")]
        # Beside the empty events table there may be the read models' empty tables (made
        # with the store): all derived, so a store without events holds nothing to keep.
        if names and (EVENTS_TABLE not in names or connection.execute(
                f"SELECT 1 FROM {EVENTS_TABLE} LIMIT 1").fetchone()):
            return False
        for name in store_files([path]):
            with suppress(FileNotFoundError):
                os.unlink(name)
        return True
    except sqlite3.Error:
        return False
    finally:
        connection.close()
