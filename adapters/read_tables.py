"""Bringing a read store's schema to what this version of Gongzhi defines (SQLAlchemy side).

`plan(conn, ...)` compares the catalogue with the row classes and returns the
statements still needed: a missing table (with its indexes and comments), a
missing index, a tracking table from an older version, labels out of step with
the code. An up-to-date store needs nothing, so a read takes no write lock for
it. A table whose columns differ is left for the projection's rebuild, which
the version bump triggers.

`replace_rows` empties a table for a rebuild: if its columns are still the
right ones the table is kept (TRUNCATE / DELETE), so indexes and grants that
analysts added survive; otherwise it is dropped and created afresh. Our own
indexes are dropped and made again after the insert, which is faster than
keeping them up to date row by row.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from adapters.read_ddl import (
    TRACKING,
    index_name,
    index_statements,
    label_inserts,
    qualified,
    table_statements,
    tracking_statements,
)
from projections.labels import LabelRow, label_rows


def catalogue(conn: Connection, schema: str | None) -> tuple[dict[str, list[str]], set[str]]:
    """Existing tables with their column names in order, and index names."""
    tables: dict[str, list[str]] = {}
    if conn.dialect.name == "postgresql":
        rows = conn.execute(text(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = :s ORDER BY table_name, ordinal_position"), {"s": schema})
        indexes = conn.execute(text("SELECT indexname FROM pg_indexes WHERE schemaname = :s"),
                               {"s": schema})
    else:
        rows = conn.execute(text(
            "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p "
            "WHERE m.type = 'table' ORDER BY m.name, p.cid"))
        indexes = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))
    for table, column in rows:
        tables.setdefault(table, []).append(column)
    return tables, {name for (name,) in indexes}


def column_names(row_class: Any) -> list[str]:
    import attrs

    return [f.name for f in attrs.fields(row_class)]


def plan(conn: Connection, row_classes: list[Any], schema: str | None) -> list[str]:
    dialect = conn.dialect.name
    tables, indexes = catalogue(conn, schema)
    out: list[str] = []
    if TRACKING in tables and "settings" not in tables[TRACKING]:
        out.append(f"DROP TABLE {qualified(TRACKING, schema)}")  # older: rebuild everything
        del tables[TRACKING]
    if TRACKING not in tables:
        out += tracking_statements(dialect, schema)
    for row_class in [LabelRow, *row_classes]:
        found = tables.get(row_class.__table__)
        if found is None:
            out += table_statements(row_class, dialect, schema)
        elif found == column_names(row_class):
            out += [statement for cols, statement in zip(
                getattr(row_class, "__indexes__", ()), index_statements(row_class, schema),
                strict=True)
                if index_name(row_class.__table__, cols) not in indexes]
    if "labels" not in tables or _labels_differ(conn, schema):
        out += labels_refresh(schema)
    return out


def _labels_differ(conn: Connection, schema: str | None) -> bool:
    stored = set(conn.execute(text(f"SELECT kind, code, zh, en FROM {qualified('labels', schema)}")))
    return stored != {(r.kind, r.code, r.zh, r.en) for r in label_rows()}


def labels_refresh(schema: str | None) -> list[str]:
    """Rewrite the labels, with statistics: PostgreSQL misjudged a documented join
    on an unanalysed `labels` (12x slower at 100,000 cases)."""
    name = qualified("labels", schema)
    return [f"DELETE FROM {name}", *label_inserts(label_rows(), schema), f"ANALYZE {name}"]


def replace_rows(conn: Connection, row_class: Any, schema: str | None,
                 tables: dict[str, list[str]]) -> list[str]:
    """Leave `row_class`'s table empty, with the current definition but without our indexes.

    Returns the statements that create those indexes again, to be run once the
    rows are in (one sort per index instead of an index update per row).
    """
    name = qualified(row_class.__table__, schema)
    found = tables.get(row_class.__table__)
    dialect = conn.dialect.name
    for cols in getattr(row_class, "__indexes__", ()):
        index = qualified(index_name(row_class.__table__, cols), schema)
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {index}")
    if found == column_names(row_class):
        conn.exec_driver_sql(f"TRUNCATE {name}" if dialect == "postgresql" else f"DELETE FROM {name}")
        return index_statements(row_class, schema)
    if found is not None:
        conn.exec_driver_sql(f"DROP TABLE {name}")
    statements = table_statements(row_class, dialect, schema)
    later = index_statements(row_class, schema)
    for statement in statements:
        if statement not in later:
            conn.exec_driver_sql(statement)
    return later
