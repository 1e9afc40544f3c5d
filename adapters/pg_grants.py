"""Least-privilege roles on PostgreSQL: what a writer and an auditor need, and nothing more.

A writer appends events (INSERT, SELECT, the id sequence) and keeps the read
models up to date; it never needs UPDATE or DELETE on the events table, so it
cannot rewrite history (the append-only trigger refuses that to the owner too).
An auditor only reads. Read-model tables are dropped and recreated by a
rebuild, so default privileges cover the tables created later by the owner.
"""

from __future__ import annotations

from typing import Any

from psycopg.sql import SQL, Composed, Identifier

from adapters.settings import StoreConfig
from adapters.store_names import COMMANDS_TABLE, EVENTS_TABLE

EVENTS = EVENTS_TABLE
SEQUENCE = "gongzhi_events_notification_id_seq"
COMMANDS = COMMANDS_TABLE  # command ids, for idempotent writes: appended like the events


def read_model_tables(conn: Any, schema: str) -> list[str]:
    rows = conn.execute("SELECT table_name FROM information_schema.tables "
                        "WHERE table_schema = %s AND table_type = 'BASE TABLE' "
                        "AND table_name NOT IN (%s, %s) ORDER BY table_name",
                        (schema, EVENTS, COMMANDS)).fetchall()
    return [r[0] for r in rows]


def grant_statements(config: StoreConfig, role: str, *, writer: bool,
                     tables: list[str]) -> list[Composed]:
    ids = {"schema": Identifier(config.schema), "role": Identifier(role),
           "events": Identifier(EVENTS), "seq": Identifier(SEQUENCE),
           "commands": Identifier(COMMANDS)}
    from adapters.key_store import KEY_TABLE_DDL, TABLE, key_schema

    keys = {"keys": Identifier(key_schema(config.schema)), "key_table": Identifier(TABLE)}
    statements = [SQL("GRANT USAGE ON SCHEMA {schema} TO {role}").format(**ids)]
    # The subjects' keys (adapters/key_store.py): made here, so they can be granted before
    # the first personal data is sealed. Writers seal and erase; auditors read.
    statements += [
        SQL("CREATE SCHEMA IF NOT EXISTS {keys}").format(**keys),
        SQL(KEY_TABLE_DDL.replace("{table}", "{keys}.{key_table}")).format(**keys),
        SQL("GRANT USAGE ON SCHEMA {keys} TO {role}").format(role=Identifier(role), **keys),
        SQL("GRANT {rights} ON {keys}.{key_table} TO {role}").format(
            rights=SQL("SELECT, INSERT, DELETE" if writer else "SELECT"),
            role=Identifier(role), **keys),
    ]
    if writer:
        statements += [
            SQL("GRANT SELECT, INSERT ON {schema}.{events} TO {role}").format(**ids),
            SQL("GRANT USAGE ON SEQUENCE {schema}.{seq} TO {role}").format(**ids),
            SQL("GRANT SELECT, INSERT ON {schema}.{commands} TO {role}").format(**ids),
            *(SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON {schema}.{t} TO {role}").format(
                t=Identifier(t), **ids) for t in tables),
            SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT, INSERT, UPDATE, "
                "DELETE ON TABLES TO {role}").format(**ids),
            SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE ON SEQUENCES "
                "TO {role}").format(**ids),
        ]
        if tables:  # read models with their own sequences
            statements.append(
                SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {role}").format(**ids))
    else:
        statements += [
            SQL("GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}").format(**ids),
            SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT ON TABLES "
                "TO {role}").format(**ids),
        ]
    return statements
