"""The read models' schema as plain SQL: tables, indexes, comments and labels.

Plain strings, no SQLAlchemy, so the write path can create the (empty) tables
when it creates a store without paying SQLAlchemy's import time: an analyst
who opens the database right after the first write finds every documented
table and index. The projector (adapters/projector.py) runs the same
statements, so there is one definition of the schema.

Column types follow the row classes' annotations: str TEXT, int INTEGER,
float FLOAT, date DATE (SQLite: text 'YYYY-MM-DD'), datetime timestamptz on
PostgreSQL and ISO text in local time on SQLite.
"""

from __future__ import annotations

import types
import typing
from datetime import date, datetime
from typing import Any

import attrs

from adapters.read_catalog import TABLES

TRACKING = "projection_positions"
LOCK_KEY = 0x6770_7A68  # "gpzh": the PostgreSQL advisory lock of read-model writers
# Taken as pg_advisory_xact_lock(LOCK_KEY, hashtext(schema)): one lock per read-model
# schema, so a slow rebuild of one district's read models never holds up another's.
LOCK_SQL = f"SELECT pg_advisory_xact_lock({LOCK_KEY}, hashtext(%s))"  # %s: the schema
_TYPES = {
    "sqlite": {str: "TEXT", int: "INTEGER", float: "FLOAT", date: "DATE", datetime: "VARCHAR(40)",
               bool: "BOOLEAN"},
    "postgresql": {str: "TEXT", int: "INTEGER", float: "FLOAT", date: "DATE",
                   datetime: "TIMESTAMP WITH TIME ZONE", bool: "BOOLEAN"},
}


def columns(row_class: type) -> list[tuple[str, type, bool]]:
    """(name, Python type, nullable) of each field, in order."""
    attrs.resolve_types(row_class)
    out = []
    for field in attrs.fields(row_class):
        annotation, nullable = field.type, False
        if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            nullable = len(args) < len(typing.get_args(annotation))
            annotation = args[0]
        out.append((field.name, annotation, nullable))
    return out


def qualified(name: str, schema: str | None) -> str:
    return f'"{schema}".{name}' if schema else name


def quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def index_name(table: str, cols: tuple[str, ...]) -> str:
    return f"ix_{table}_{'_'.join(cols)}"


def column_list(names: tuple[str, ...]) -> str:
    """Quoted: a row may have a field named like an SQL word ("window")."""
    return ", ".join(f'"{name}"' for name in names)


def index_statements(row_class: Any, schema: str | None) -> list[str]:
    table = row_class.__table__
    return [f"CREATE INDEX IF NOT EXISTS {index_name(table, cols)} ON "
            f"{qualified(table, schema)} ({column_list(cols)})"
            for cols in getattr(row_class, "__indexes__", ())]


def comment_statements(table: str, dialect: str, schema: str | None) -> list[str]:
    if dialect != "postgresql" or table not in TABLES:
        return []
    text, described = TABLES[table]
    name = qualified(table, schema)
    return [f"COMMENT ON TABLE {name} IS {quote(text)}"] + [
        f'COMMENT ON COLUMN {name}."{column}" IS {quote(meaning)}'
        for column, meaning in described.items()]


def table_statements(row_class: Any, dialect: str, schema: str | None) -> list[str]:
    """CREATE TABLE (if missing) with its key, its indexes and, on PostgreSQL, comments."""
    kinds = _TYPES[dialect]
    lines = [f'"{name}" {kinds[kind]}' + ('' if nullable else ' NOT NULL')
             for name, kind, nullable in columns(row_class)]
    lines.append(f"PRIMARY KEY ({column_list(row_class.__key__)})")
    create = (f"CREATE TABLE IF NOT EXISTS {qualified(row_class.__table__, schema)} (\n  "
              + ",\n  ".join(lines) + "\n)")
    return [create, *index_statements(row_class, schema),
            *comment_statements(row_class.__table__, dialect, schema)]


def tracking_statements(dialect: str, schema: str | None) -> list[str]:
    moment = _TYPES[dialect][datetime]
    return [
        f"CREATE TABLE IF NOT EXISTS {qualified(TRACKING, schema)} (\n"
        "  name VARCHAR(100) NOT NULL PRIMARY KEY,\n  version INTEGER NOT NULL,\n"
        "  settings TEXT NOT NULL,\n  position BIGINT NOT NULL,\n  log_hash VARCHAR(64),\n"
        f"  updated_at {moment}\n)",
        *comment_statements(TRACKING, dialect, schema),
    ]


def label_inserts(rows: list[Any], schema: str | None) -> list[str]:
    if not rows:
        return []
    values = ",\n  ".join(f"({quote(r.kind)}, {quote(r.code)}, {quote(r.zh)}, {quote(r.en)})"
                          for r in rows)
    return [f"INSERT INTO {qualified('labels', schema)} (kind, code, zh, en) VALUES\n  {values}\n"
            "ON CONFLICT (kind, code) DO NOTHING"]


def schema_statements(row_classes: list[Any], dialect: str, schema: str | None) -> list[str]:
    """Everything a new read store needs: tracking, labels (filled) and every table."""
    from projections.labels import LabelRow, label_rows

    out = tracking_statements(dialect, schema)
    for row_class in [LabelRow, *row_classes]:
        out += table_statements(row_class, dialect, schema)
    return out + label_inserts(label_rows(), schema)
