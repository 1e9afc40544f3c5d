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

from adapters.errors import AppError
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
LOCKED_RETRIES = 300  # about 15 s of a new key store being set up by another process
_NUMBERED = re.compile(r"^(.*?)(\d{6})(/.+)$")
KEY_TABLE_DDL = ("CREATE TABLE IF NOT EXISTS {table} (subject TEXT PRIMARY KEY, "
                 "key BYTEA NOT NULL)")  # PostgreSQL
KEY_BYTES = 32
# How a sealed field begins in a stored event (adapters/personal_sealing.py): a log holding
# it has had a key store, so a missing key store is lost or misplaced, never "no keys yet".
SEALED_MARK = b'"sealed":"'


class KeyStoreMissing(AppError):
    """The log holds sealed personal data but its key store is not there."""

    code = "key_store_missing"

    def __init__(self, where: str) -> None:
        super().__init__(
            f"密钥库 {where} 不存在，而事件库中有加密的个人信息：请从备份恢复密钥库（或检查 "
            "--store 是否指向正确的库）；恢复之前不能写入或删除个人信息，否则新密钥会与备份冲突、"
            "删除也无从执行",
            f"the key store {where} is missing while the log holds sealed personal data: "
            "restore the key store from a backup (or check that --store names the right store); "
            "until then nothing may be written or erased (new keys would clash with the backup, "
            "and an erasure would destroy nothing)")


class KeyStoreUnreadable(AppError):
    """The key store is there but is not a key store (damaged, a folder, another file)."""

    code = "key_store_unreadable"

    def __init__(self, where: str, error: Exception) -> None:
        detail = f"{type(error).__name__}: {error}"[:200]
        super().__init__(
            f"无法读取密钥库 {where}（{detail}）：请从备份恢复该文件；事件库本身未受影响",
            f"cannot read the key store {where} ({detail}): restore it from a backup; the "
            "event log itself is not affected")


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
        self.missing = False  # True: there is no key store (file or table) at all
        self.withheld = False  # True: a sealed field was shown as 〔已加密〕 (no key store to read)
        self._keys: dict[str, bytes] | None = None  # every stored key, once read in bulk
        self._looked_up: dict[str, bytes | None] = {}  # before that: the ones asked for
        self._lookups = 0
        self._pending: dict[str, bytes] = {}
        # Set by a destruction whose deleted rows this role could not have overwritten
        # (PostgreSQL: VACUUM FULL needs the table's owner): the table to vacuum.
        self.not_rewritten: str | None = None

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

    def require_present(self) -> None:
        """Refuse (KeyStoreMissing) when there is no key store but the log has sealed data."""
        self._loaded()
        if self.missing and self._log_has_sealed():
            raise KeyStoreMissing(self.where)

    @property
    def where(self) -> str:
        raise NotImplementedError

    def _log_has_sealed(self) -> bool:
        raise NotImplementedError

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


class SQLiteKeyStore(KeyStore):
    def __init__(self, path: str, read_only: bool = False, events_path: str = "") -> None:
        super().__init__(read_only)
        self.path = path
        self.events_path = events_path
        self._connection: Any = None

    @property
    def where(self) -> str:
        return self.path

    def _log_has_sealed(self) -> bool:
        import sqlite3

        from adapters.store_names import EVENTS_TABLE

        if not self.events_path or not os.path.exists(self.events_path):
            return False
        conn = sqlite3.connect(sqlite_read_only_uri(self.events_path), uri=True)
        try:  # closed at once: a connection left open would hold the file (and its -wal)
            return conn.execute(f"SELECT 1 FROM {EVENTS_TABLE} WHERE instr(state, ?) > 0 "
                                "LIMIT 1", (SEALED_MARK,)).fetchone() is not None
        except sqlite3.Error:  # no events table yet
            return False
        finally:
            conn.close()

    def _connect(self, create: bool) -> Any:
        import sqlite3
        import time

        for attempt in range(LOCKED_RETRIES):
            try:
                return self._open(create)
            except sqlite3.OperationalError as error:
                # Another process setting up the same new key store (WAL mode, the table)
                # holds it for a moment; SQLite may answer "locked" at once, busy timeout or
                # not. That is a wait, not a damaged file.
                if "locked" not in str(error) or attempt == LOCKED_RETRIES - 1:
                    raise KeyStoreUnreadable(self.path, error) from error
                time.sleep(0.01 * (1 + attempt % 10))
            except sqlite3.DatabaseError as error:
                raise KeyStoreUnreadable(self.path, error) from error
        return None  # not reached: the last attempt returns or raises

    def _absent(self) -> bool:
        """No key store: no file, or an empty one (truncated). Opened, SQLite would make an
        empty file a key store without keys, and every sealed field would read as erased."""
        return not os.path.exists(self.path) or os.path.getsize(self.path) == 0

    def _open(self, create: bool) -> Any:
        import sqlite3

        if self._connection is None:
            if self.read_only:
                if self._absent():
                    self.missing = True
                    return None
                if not os.access(self.path, os.R_OK):  # a reader without the keys: all sealed
                    self.unavailable = True
                    return None
                self._connection = sqlite3.connect(sqlite_read_only_uri(self.path), uri=True,
                                                   timeout=30, isolation_level=None)
                return self._connection
            if self._absent():
                if not create:
                    self.missing = True
                    return None
                if self._log_has_sealed():  # a new key store would hide the lost one's keys
                    raise KeyStoreMissing(self.path)
                from adapters.private_files import create_private_file

                create_private_file(self.path)
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            try:
                conn.execute("PRAGMA secure_delete=ON")  # destroyed keys are overwritten
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")  # a key is durable before its ciphertext
                conn.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (subject TEXT PRIMARY KEY, "
                             "key BLOB NOT NULL)")
            except BaseException:
                conn.close()  # tried again whole by _connect, or reported
                raise
            self._connection = conn
            self.missing = False
        return self._connection

    def _load(self) -> Iterable[tuple[str, bytes]]:
        conn = self._connect(create=False)
        if conn is None:
            return []
        try:
            return [(str(s), bytes(k)) for s, k in conn.execute(f"SELECT subject, key FROM {TABLE}")]
        except Exception as error:  # a read-only open of a file without the table yet
            if "no such table" in str(error):
                return []
            raise KeyStoreUnreadable(self.path, error) from error

    def _load_one(self, subject: str) -> bytes | None:
        conn = self._connect(create=False)
        if conn is None:
            return None
        try:
            row = conn.execute(f"SELECT key FROM {TABLE} WHERE subject = ?", (subject,)).fetchone()
        except Exception as error:
            if "no such table" in str(error):
                return None
            raise KeyStoreUnreadable(self.path, error) from error
        return bytes(row[0]) if row else None

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

    @property
    def where(self) -> str:
        return f"{self.schema}.{TABLE}"

    def _log_has_sealed(self) -> bool:
        import psycopg

        from adapters.store_names import EVENTS_TABLE

        try:
            return self._connect().execute(
                f'SELECT 1 FROM "{self.config.schema}".{EVENTS_TABLE} '
                "WHERE position(%s in state) > 0 LIMIT 1", (SEALED_MARK,)).fetchone() is not None
        except psycopg.errors.UndefinedTable:
            return False

    def _connect(self) -> Any:
        if self._connection is None:
            from adapters.pg_connect import connect

            self._connection = connect(self.config, autocommit=True)
        return self._connection

    @property
    def _table(self) -> str:
        return f'"{self.schema}".{TABLE}'

    def _load(self) -> Iterable[tuple[str, bytes]]:
        import psycopg

        try:
            rows = self._connect().execute(f"SELECT subject, key FROM {self._table}").fetchall()
        except psycopg.errors.UndefinedTable:  # no key was ever made in this schema
            self.missing = True
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
            self.missing = True
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
                    if self._log_has_sealed():  # a new key store would hide the lost one's keys
                        raise KeyStoreMissing(self.where)
                    self._create()
                    create, created, self.missing = False, True, False
                return self._insert_once(keys)
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
        # Dead row versions keep the key bytes until vacuumed. Only the owner may VACUUM
        # FULL; for anyone else PostgreSQL skips it with a mere warning, so ask first.
        owner = conn.execute("SELECT pg_has_role(relowner, 'USAGE') FROM pg_class "
                             "WHERE oid = %s::regclass", (self._table,)).fetchone()
        if owner and owner[0]:
            conn.execute(f"VACUUM FULL {self._table}")  # rewritten without them
        else:
            self.not_rewritten = self.where

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def open_key_store(config: StoreConfig, read_only: bool = False) -> KeyStore:
    """The key store beside `config`'s event store (nothing is opened until first needed)."""
    if config.kind == "postgres":
        return PostgresKeyStore(config, read_only)
    return SQLiteKeyStore(key_store_path(config.path), read_only, events_path=config.path)
