"""The shared multi-user event store: eventsourcing's PostgreSQL recorder, with hash chains.

Differences from `eventsourcing.postgres`:

* the table is `<schema>.gongzhi_events`, with `event_hash` and `log_hash`
  (see `adapters.hashing`) and a byte-ordered (COLLATE "C") text id, so the
  highest case number of a year is one index probe;
* an insert takes a transaction-level advisory lock first (so notification
  order equals commit order, as eventsourcing's EXCLUSIVE table lock did, but a
  writer needs only INSERT and SELECT), then reads the log's tail and the
  streams' previous hashes, then inserts, all in one transaction;
* each row also records the database's `session_user` and the server's clock
  (column defaults: the client cannot state them), and a trigger refuses
  UPDATE, DELETE and TRUNCATE, so even the table's writers cannot rewrite history;
* creating the table takes an advisory lock too, so many commands starting at
  once on an empty database do not trip over each other's DDL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from eventsourcing.persistence import (
    ApplicationRecorder,
    InterfaceError,
    OperationalError,
    StoredEvent,
)
from eventsourcing.postgres import (
    PostgresApplicationRecorder,
    PostgresDatastore,
    PostgresFactory,
)
from eventsourcing.utils import retry
from psycopg.sql import SQL, Identifier

from adapters import command_ids
from adapters.hashing import GENESIS, event_hash, log_hash
from adapters.pg_connect import HandOver, probe_connection
from adapters.store_names import COMMANDS_TABLE, EVENTS_TABLE

# pg_advisory_xact_lock(class, object): the class is fixed, the object is hashtext(schema.table).
LOCK_CLASS_WRITE, LOCK_CLASS_CREATE = 0x6A7A, 0x6A7B


class HashChainPostgresRecorder(PostgresApplicationRecorder):
    # Called inside the inserting transaction, after the rows are written and
    # before the commit: tests set it to prove a failure there stores nothing.
    after_insert: Callable[[], None] | None = None

    def __init__(self, datastore: PostgresDatastore, *, events_table_name: str = EVENTS_TABLE):
        super().__init__(datastore, events_table_name=events_table_name)
        ids = {
            "schema": Identifier(self.datastore.schema),
            "table": Identifier(self.events_table_name),
            "index": Identifier(self.notification_id_index_name),
            "commands": Identifier(COMMANDS_TABLE),
        }
        self.sql_create_statements = [
            SQL("CREATE SCHEMA IF NOT EXISTS {schema}").format(**ids),
            SQL(
                "CREATE TABLE IF NOT EXISTS {schema}.{table} ("
                'originator_id text COLLATE "C" NOT NULL, '
                "originator_version bigint NOT NULL, "
                "topic text NOT NULL, "
                "state bytea NOT NULL, "
                "event_hash bytea NOT NULL, "
                "log_hash bytea NOT NULL, "
                "notification_id bigserial, "
                "db_user text NOT NULL DEFAULT session_user, "
                "db_time timestamptz NOT NULL DEFAULT clock_timestamp(), "
                "PRIMARY KEY (originator_id, originator_version))"
            ).format(**ids),
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS {index} ON {schema}.{table} (notification_id)"
            ).format(**ids),
            SQL(
                "CREATE TABLE IF NOT EXISTS {schema}.{commands} ("
                "command_id text PRIMARY KEY, events text NOT NULL, "
                "first_notification bigint NOT NULL)"
            ).format(**ids),
            SQL(
                "CREATE OR REPLACE FUNCTION {schema}.gongzhi_append_only() RETURNS trigger "
                "LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION "
                "'% is append-only: % refused', TG_TABLE_NAME, TG_OP "
                "USING ERRCODE = 'insufficient_privilege'; END $$"
            ).format(**ids),
            SQL(
                "CREATE OR REPLACE TRIGGER gongzhi_append_only BEFORE UPDATE OR DELETE "
                "ON {schema}.{table} FOR EACH ROW EXECUTE FUNCTION {schema}.gongzhi_append_only()"
            ).format(**ids),
            SQL(
                "CREATE OR REPLACE TRIGGER gongzhi_append_only BEFORE UPDATE OR DELETE "
                "ON {schema}.{commands} FOR EACH ROW "
                "EXECUTE FUNCTION {schema}.gongzhi_append_only()"
            ).format(**ids),
            SQL(
                "CREATE OR REPLACE TRIGGER gongzhi_no_truncate BEFORE TRUNCATE "
                "ON {schema}.{table} FOR EACH STATEMENT "
                "EXECUTE FUNCTION {schema}.gongzhi_append_only()"
            ).format(**ids),
        ]
        qualified = f"{self.datastore.schema}.{self.events_table_name}"
        self.sql_lock = SQL("SELECT pg_advisory_xact_lock({cls}, hashtext({name}))").format(
            cls=LOCK_CLASS_WRITE, name=qualified)
        self.sql_create_lock = SQL("SELECT pg_advisory_xact_lock({cls}, hashtext({name}))").format(
            cls=LOCK_CLASS_CREATE, name=qualified)
        self.sql_tail = SQL(
            "SELECT log_hash FROM {schema}.{table} ORDER BY notification_id DESC LIMIT 1"
        ).format(**ids)
        self.sql_prev = SQL(
            "SELECT originator_id, event_hash FROM {schema}.{table} "
            "WHERE (originator_id, originator_version) IN "
            "(SELECT * FROM unnest(%s::text[], %s::bigint[]))"
        ).format(**ids)
        self.sql_insert = SQL(
            "INSERT INTO {schema}.{table} "
            "(originator_id, originator_version, topic, state, event_hash, log_hash) "
            "SELECT i, v, t, s, e, l FROM unnest("
            "%s::text[], %s::bigint[], %s::text[], %s::bytea[], %s::bytea[], %s::bytea[]) "
            "WITH ORDINALITY AS u(i, v, t, s, e, l, n) ORDER BY n "
            "RETURNING notification_id"
        ).format(**ids)
        self.sql_log_hash_at = SQL(
            "SELECT log_hash FROM {schema}.{table} WHERE notification_id = %s"
        ).format(**ids)
        self.sql_command = SQL(
            "SELECT events, first_notification FROM {schema}.{commands} WHERE command_id = %s"
        ).format(**ids)
        self.sql_record_command = SQL(
            "INSERT INTO {schema}.{commands} (command_id, events, first_notification) "
            "VALUES (%s, %s, %s)"
        ).format(**ids)
        self.sql_max_id = SQL(
            "SELECT MAX(originator_id) FROM {schema}.{table} "
            "WHERE originator_id >= %s AND originator_id < %s"
        ).format(**ids)

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        if not stored_events:
            return []
        ids = self._insert_once(stored_events)
        command_ids.landed()  # committed and acknowledged
        return ids

    def _insert_once(self, stored_events: Sequence[StoredEvent]) -> list[int]:
        """One transaction; a retry after a lost acknowledgement finds its own command."""
        key = command_ids.current_key()
        events = command_ids.events_text(stored_events)
        with (
            self.datastore.get_connection() as conn,
            conn.transaction(),
            conn.cursor() as curs,
        ):
            self._lock_table(curs)
            if key is not None:
                curs.execute(self.sql_command, (key,))
                found = curs.fetchone()
                if found is not None:
                    if found["events"] != events:
                        raise command_ids.already_recorded(key, found["first_notification"])
                    first = int(found["first_notification"])
                    return list(range(first, first + len(stored_events)))
            self._notify_channel(curs)
            curs.execute(self.sql_tail)
            row = curs.fetchone()
            tail = bytes(row["log_hash"]) if row else GENESIS
            heads = self._previous_hashes(curs, stored_events)
            columns: list[list[Any]] = [[], [], [], [], [], []]
            for s in stored_events:
                oid = str(s.originator_id)
                prev = heads.get(oid, GENESIS)
                digest = event_hash(prev, oid, s.originator_version, s.topic, s.state)
                tail = log_hash(tail, digest)
                heads[oid] = digest
                for column, value in zip(
                    columns, (oid, s.originator_version, s.topic, s.state, digest, tail),
                    strict=True,
                ):
                    column.append(value)
            curs.execute(self.sql_insert, columns)
            ids = [r["notification_id"] for r in curs.fetchall()]
            if key is not None:
                curs.execute(self.sql_record_command, (key, events, ids[0]))
            if self.after_insert is not None:  # a seam for fault-injection tests
                self.after_insert()
            return ids

    def _lock_table(self, curs: Any) -> None:
        """Serialise writers without a table lock (which would need UPDATE privilege)."""
        for statement in self.lock_table_statements[:1]:  # SET LOCAL lock_timeout
            curs.execute(statement, prepare=True)
        curs.execute(self.sql_lock, prepare=True)

    def _create_table(self, curs: Any) -> None:
        curs.execute(self.sql_create_lock)  # one creator at a time; the others then find it
        super()._create_table(curs)

    def _previous_hashes(self, curs: Any, stored_events: Sequence[StoredEvent]) -> dict[str, bytes]:
        """Hash of the event before the first new one, for each stream in the batch."""
        first: dict[str, int] = {}
        for s in stored_events:
            first.setdefault(str(s.originator_id), s.originator_version)
        wanted = [(oid, v - 1) for oid, v in first.items() if v > 1]
        if not wanted:
            return {}
        curs.execute(self.sql_prev, ([w[0] for w in wanted], [w[1] for w in wanted]))
        return {r["originator_id"]: bytes(r["event_hash"]) for r in curs.fetchall()}

    def table_exists(self) -> bool:
        schema = self.datastore.schema
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute("SELECT to_regclass(%s) IS NOT NULL AND to_regclass(%s) IS NOT NULL "
                         "AS found", (f'"{schema}"."{self.events_table_name}"',
                                      f'"{schema}"."{COMMANDS_TABLE}"'))
            row = curs.fetchone()
            return bool(row and row["found"])

    def log_hash_at(self, notification_id: int) -> bytes | None:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self.sql_log_hash_at, (notification_id,))
            row = curs.fetchone()
            return bytes(row["log_hash"]) if row else None

    def max_id_with_prefix(self, prefix: str) -> str | None:
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self.sql_max_id, (prefix, upper))
            row = curs.fetchone()
            return row["max"] if row else None


class GongzhiPostgresFactory(PostgresFactory):
    def __init__(self, env: Any):
        super().__init__(env)
        from urllib.parse import parse_qsl

        kwargs = self.datastore.pool.kwargs
        assert isinstance(kwargs, dict)
        kwargs.update(parse_qsl(self.env.get("GONGZHI_LIBPQ_PARAMS") or ""))
        probe = probe_connection(kwargs, int(self.env.get(self.POSTGRES_CONNECT_TIMEOUT) or 5))
        self.hand_over = HandOver(self.datastore.pool, probe)
        # Open the pool waiting for its first connection (the probe's, at once): otherwise
        # the first request queues before it is in and the pool opens a second one.
        self.datastore.pool_open_timeout = float(self.env.get(self.POSTGRES_CONNECT_TIMEOUT) or 5)

    def close(self) -> None:
        self.hand_over.close()  # if the pool never needed it
        super().close()

    def application_recorder(self) -> ApplicationRecorder:
        recorder = HashChainPostgresRecorder(self.datastore)
        # Three DDL statements on every command's start otherwise: look first.
        if self.env_create_table() and not recorder.table_exists():
            recorder.create_table()
        return recorder

