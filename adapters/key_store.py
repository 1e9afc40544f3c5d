"""The data subjects' keys (个人信息密钥库), kept apart from the event log.

One random 256-bit AES key per data subject. Destroying a subject's key is how a
person is erased (crypto-shredding): their fields stay in the log as ciphertext,
which the hash chain covers, and can never be read again.

* SQLite store `gongzhi.db`: the file `gongzhi.keys.db` beside it, created 0600,
  with `secure_delete` on (a destroyed key is overwritten, not left in a free
  page) and its WAL checkpointed and truncated after each destruction;
* PostgreSQL schema `S`: the schema `S_keys` (`gongzhi_keys` for `public`), so a
  DBA can grant it apart from the events.

Opened lazily: a command that seals or reads no personal data never touches it.
New keys are held back and written in one transaction just before the events
that use them (`flush`), so a key is always stored before its ciphertext; a key
whose events then fail to store is harmless.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterable
from typing import Any

from adapters.settings import StoreConfig, sqlite_read_only_uri

TABLE = "subject_keys"
# A command reading one case looks its few subjects up one by one; past this many
# look-ups (a rebuild, an export) every key is read in one query instead.
BULK_AFTER = 64
# Keys are durable before the events sealed with them: a commit with its own fsync.
# To pay it once per AHEAD cases rather than once per case, a flush also makes the
# keys the same roles will need in the next AHEAD aggregates (C2026-000006/c1 after
# C2026-000005/c1). A key made ahead and never used protects nothing and costs 60 bytes.
AHEAD = 32
_NUMBERED = re.compile(r"^(.*?)(\d{6})(/.+)$")
KEY_TABLE_DDL = ("CREATE TABLE IF NOT EXISTS {table} (subject TEXT PRIMARY KEY, "
                 "key BYTEA NOT NULL)")  # PostgreSQL
KEY_BYTES = 32


def key_store_path(store_path: str) -> str:
    root, ext = os.path.splitext(store_path)
    return f"{root}.keys{ext}" if ext else f"{store_path}.keys"


def key_schema(schema: str) -> str:
    return "gongzhi_keys" if schema == "public" else f"{schema}_keys"


class KeyStore:
    """Keys by subject; subclasses give the storage (`_load`, `_insert`, `_delete`)."""

    def __init__(self, read_only: bool = False) -> None:
        self.read_only = read_only
        self.unavailable = False  # True: the key store exists but this user may not open it
        self._keys: dict[str, bytes] | None = None  # every stored key, once read in bulk
        self._looked_up: dict[str, bytes | None] = {}  # before that: the ones asked for
        self._lookups = 0
        self._pending: dict[str, bytes] = {}

    def _loaded(self) -> dict[str, bytes]:
        if self._keys is None:
            self._keys = dict(self._load())
            self._looked_up.clear()
        return self._keys

    def key(self, subject: str) -> bytes | None:
        """The subject's key, or None if it never existed or was destroyed."""
        found = self._pending.get(subject)
        if found is not None:
            return found
        if self._keys is not None:
            return self._keys.get(subject)
        if subject not in self._looked_up:
            if self._lookups >= BULK_AFTER:
                return self._loaded().get(subject)
            self._lookups += 1
            self._looked_up[subject] = self._load_one(subject)
        return self._looked_up[subject]

    def key_for_sealing(self, subject: str) -> bytes:
        """The subject's key, made now if it has none (stored by the next `flush`)."""
        found = self.key(subject)
        if found is None:
            found = self._pending[subject] = secrets.token_bytes(KEY_BYTES)
        return found

    def flush(self) -> None:
        """Store the keys made since the last flush, before the events sealed with them.

        Another writer may have made a key for the same subject meanwhile: its key is
        kept, and IntegrityError makes the application redo the unit of work, which then
        seals with the stored key.
        """
        if self._pending:
            pending, self._pending = self._pending, {}
            stored = self._insert({**self._ahead(pending), **pending})
            cache = self._keys if self._keys is not None else self._looked_up
            cache.update(stored)
            if any(stored[s] != k for s, k in pending.items()):
                from eventsourcing.persistence import IntegrityError

                raise IntegrityError("a data subject's key was made by another writer")

    def _ahead(self, pending: dict[str, bytes]) -> dict[str, bytes]:
        known = self._keys if self._keys is not None else self._looked_up
        ahead: dict[str, bytes] = {}
        for subject in pending:
            match = _NUMBERED.match(subject)
            if match is None:
                continue
            prefix, number, role = match.group(1), int(match.group(2)), match.group(3)
            for later in range(number + 1, min(number + AHEAD, 999_999) + 1):
                nearby = f"{prefix}{later:06d}{role}"
                if nearby not in pending and known.get(nearby) is None:
                    ahead[nearby] = secrets.token_bytes(KEY_BYTES)
        return ahead

    def destroy(self, subjects: Iterable[str]) -> list[str]:
        """Destroy the keys of `subjects`; returns those that had one."""
        wanted = sorted(set(subjects))
        for subject in wanted:
            self._pending.pop(subject, None)
        had = [s for s in wanted if s in self._loaded()]
        self._delete(wanted)
        for subject in had:
            self._loaded().pop(subject, None)
        return had

    def has_pending(self) -> bool:
        return bool(self._pending)

    def lost(self) -> bool:
        """True if the key store itself is missing (not one key: the whole store), so that a
        sealed field without its key was not erased but cannot be read here."""
        return False

    def describe(self) -> str:
        """Where the keys are, for messages: the file, or the PostgreSQL schema."""
        return ""

    def forget(self) -> None:
        """Drop what was read into memory (the next read loads from storage again)."""
        self._keys = None
        self._looked_up.clear()
        self._lookups = 0

    def close(self) -> None:
        pass

    def _load(self) -> Iterable[tuple[str, bytes]]:
        raise NotImplementedError

    def _load_one(self, subject: str) -> bytes | None:
        raise NotImplementedError

    def _insert(self, keys: dict[str, bytes]) -> dict[str, bytes]:
        """Insert the keys of subjects that have none; returns the stored key of each."""
        raise NotImplementedError

    def _delete(self, subjects: list[str]) -> None:
        raise NotImplementedError


def _named_if_damaged(method: Any) -> Any:
    """A key file that is not a SQLite database (truncated, overwritten) is refused by name:
    left to the decoder, it read as "a stored event can no longer be read", blaming the log."""
    import functools

    @functools.wraps(method)
    def guarded(self: SQLiteKeyStore, *args: Any) -> Any:
        import sqlite3

        try:
            return method(self, *args)
        except sqlite3.OperationalError:  # locked, busy, no such table: the callers' business
            raise
        except sqlite3.DatabaseError as error:  # "file is not a database", "malformed"
            from adapters.errors import key_store_damaged

            raise key_store_damaged(self.path, str(error)) from None
    return guarded


class SQLiteKeyStore(KeyStore):
    def __init__(self, path: str, read_only: bool = False) -> None:
        super().__init__(read_only)
        self.path = path
        self._connection: Any = None
        self._lost: bool | None = None

    def lost(self) -> bool:
        # Only "present" is remembered: another writer may create a missing store at any
        # moment (two first intakes at once), and then it is not lost.
        if self._lost is not False:
            self._lost = not os.path.exists(self.path) or os.path.getsize(self.path) == 0
        return self._lost

    def describe(self) -> str:
        return self.path

    def _connect(self, create: bool) -> Any:
        import sqlite3

        if self._connection is None:
            self.lost()  # as it was found, before opening it makes an empty file a database
            if self.read_only:
                if not os.path.exists(self.path):
                    return None
                if not os.access(self.path, os.R_OK):  # a reader without the keys: all sealed
                    self.unavailable = True
                    return None
                self._connection = sqlite3.connect(sqlite_read_only_uri(self.path), uri=True,
                                                   timeout=30, isolation_level=None)
                return self._connection
            if self.lost():  # missing or empty: made only to store keys, never by a read
                if not create:
                    return None
                if not os.path.exists(self.path):
                    from adapters.private_files import create_private_file

                    create_private_file(self.path)
                self._lost = False  # from now on it holds what this writer stores
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.execute("PRAGMA secure_delete=ON")  # destroyed keys are overwritten
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")  # a key is durable before its ciphertext
            conn.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (subject TEXT PRIMARY KEY, "
                         "key BLOB NOT NULL)")
            self._connection = conn
        return self._connection

    @_named_if_damaged
    def _load(self) -> Iterable[tuple[str, bytes]]:
        conn = self._connect(create=False)
        if conn is None:
            return []
        try:
            return [(str(s), bytes(k)) for s, k in conn.execute(f"SELECT subject, key FROM {TABLE}")]
        except Exception as error:  # a read-only open of a file without the table yet
            if "no such table" in str(error):
                return []
            raise

    @_named_if_damaged
    def _load_one(self, subject: str) -> bytes | None:
        conn = self._connect(create=False)
        if conn is None:
            return None
        try:
            row = conn.execute(f"SELECT key FROM {TABLE} WHERE subject = ?", (subject,)).fetchone()
        except Exception as error:
            if "no such table" in str(error):
                return None
            raise
        return bytes(row[0]) if row else None

    @_named_if_damaged
    def _insert(self, keys: dict[str, bytes]) -> dict[str, bytes]:
        conn = self._connect(create=True)
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany(f"INSERT OR IGNORE INTO {TABLE} VALUES (?, ?)", keys.items())
            stored = {s: bytes(k) for s, k in conn.execute(
                f"SELECT subject, key FROM {TABLE} WHERE subject IN "
                f"({','.join('?' * len(keys))})", list(keys))}
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return stored

    @_named_if_damaged
    def _delete(self, subjects: list[str]) -> None:
        conn = self._connect(create=False)
        if conn is None:
            return
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(f"DELETE FROM {TABLE} WHERE subject = ?", [(s,) for s in subjects])
        conn.execute("COMMIT")
        # The deleted rows' pages were overwritten (secure_delete); the WAL still holds
        # the pages as they were before: copy it back and empty it.
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class PostgresKeyStore(KeyStore):
    def __init__(self, config: StoreConfig, read_only: bool = False) -> None:
        super().__init__(read_only)
        self.config = config
        self.schema = key_schema(config.schema)
        self._connection: Any = None
        self._lost: bool | None = None

    def lost(self) -> bool:
        # Only "present" is remembered (see SQLiteKeyStore.lost); asked only when a key
        # was not found, so the query is rare.
        if self._lost is not False:
            found = self._connect().execute("SELECT to_regclass(%s)", (self._table,)).fetchone()
            self._lost = found is None or found[0] is None
        return self._lost

    def describe(self) -> str:
        return self.schema

    def _connect(self) -> Any:
        if self._connection is None:
            import psycopg

            from adapters.pg_connect import connection_failure

            c = self.config
            try:
                self._connection = psycopg.connect(
                    host=c.host, port=c.port, user=c.user, dbname=c.dbname,
                    password=c.password or None, autocommit=True, **c.libpq_kwargs())
            except psycopg.OperationalError as error:
                raise connection_failure(error) from None
        return self._connection

    @property
    def _table(self) -> str:
        return f'"{self.schema}".{TABLE}'

    def _load(self) -> Iterable[tuple[str, bytes]]:
        import psycopg

        try:
            rows = self._connect().execute(f"SELECT subject, key FROM {self._table}").fetchall()
        except psycopg.errors.UndefinedTable:  # no key was ever made in this schema (or lost)
            return []
        except psycopg.errors.InsufficientPrivilege:  # a role not granted the keys: all sealed
            self.unavailable = True
            return []
        return [(str(s), bytes(k)) for s, k in rows]

    def _load_one(self, subject: str) -> bytes | None:
        import psycopg

        try:
            row = self._connect().execute(f"SELECT key FROM {self._table} WHERE subject = %s",
                                          (subject,)).fetchone()
        except psycopg.errors.UndefinedTable:
            return None
        except psycopg.errors.InsufficientPrivilege:
            self.unavailable = True
            return None
        return bytes(row[0]) if row else None

    def _insert(self, keys: dict[str, bytes]) -> dict[str, bytes]:
        import psycopg

        create, created = False, False
        for attempt in range(4):
            try:
                if create:
                    self._create()
                    create, created = False, True
                stored = self._insert_once(keys)
                self._lost = False  # from now on it holds what this writer stores
                return stored
            except (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName):
                if created:
                    raise
                create = True
            except psycopg.OperationalError:  # the connection dropped, perhaps after COMMIT:
                if attempt == 3:               # doing it again is harmless (IF NOT EXISTS,
                    raise                      # ON CONFLICT DO NOTHING)
                self.close()
        raise AssertionError("unreachable")  # pragma: no cover

    def _insert_once(self, keys: dict[str, bytes]) -> dict[str, bytes]:
        conn = self._connect()
        with conn.transaction(), conn.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {self._table} VALUES (%s, %s) "
                               "ON CONFLICT (subject) DO NOTHING", list(keys.items()))
            rows = conn.execute(f"SELECT subject, key FROM {self._table} "
                                "WHERE subject = ANY(%s)", (list(keys),)).fetchall()
        return {str(s): bytes(k) for s, k in rows}

    def _create(self) -> None:
        """The key schema and table, by the first writer (`store grant` makes them for roles)."""
        conn = self._connect()
        with conn.transaction():  # one creator at a time: IF NOT EXISTS alone races
            conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))",
                         (f"gongzhi-keys:{self.schema}",))
            conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{self.schema}"')
            conn.execute(KEY_TABLE_DDL.replace("{table}", self._table))

    def _delete(self, subjects: list[str]) -> None:
        import psycopg

        conn = self._connect()
        try:
            with conn.transaction(), conn.cursor() as cursor:
                cursor.executemany(f"DELETE FROM {self._table} WHERE subject = %s",
                                   [(s,) for s in subjects])
        except psycopg.errors.UndefinedTable:
            return
        # Dead row versions keep the key bytes until vacuumed.
        conn.execute(f"VACUUM FULL {self._table}")  # rewritten without them

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def open_key_store(config: StoreConfig, read_only: bool = False) -> KeyStore:
    """The key store beside `config`'s event store (nothing is opened until first needed)."""
    if config.kind == "postgres":
        return PostgresKeyStore(config, read_only)
    return SQLiteKeyStore(key_store_path(config.path), read_only)
