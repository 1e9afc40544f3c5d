"""SQLAlchemy tables of the read-model row classes, plus the tracking table, for queries.

The DDL that creates them is adapters/read_ddl.py (plain SQL, shared with the
write path); these Table objects must describe the same columns.

Column types follow the attrs annotations (str, int, float, bool, date, datetime,
`X | None` for nullable), so a new projection gets its tables without SQL here.
Times are stored as timestamptz on PostgreSQL and as ISO text in local time on
SQLite ('2026-10-08 21:30:00+08:00', which sorts correctly).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    TypeDecorator,
)

from adapters.clock import local_tz
from adapters.read_ddl import columns


class AwareDateTime(TypeDecorator[datetime]):
    impl = String
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(DateTime(timezone=True))
        return dialect.type_descriptor(String(40))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None or dialect.name == "postgresql":
            return value
        return value.astimezone(local_tz()).isoformat(sep=" ")

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None or isinstance(value, datetime):
            return value
        return datetime.fromisoformat(value)


_TYPES: dict[Any, Any] = {str: Text, int: Integer, float: Float, date: Date,
                          datetime: AwareDateTime, bool: Boolean}


def table_for(row_class: type, metadata: MetaData) -> Table:
    """The SQLAlchemy Table of a row class, for queries (read_ddl.py creates it)."""
    key = row_class.__key__  # type: ignore[attr-defined]
    cols = [Column(name, _TYPES[kind], nullable=nullable) for name, kind, nullable in columns(row_class)]
    return Table(row_class.__table__, metadata, *cols,  # type: ignore[attr-defined]
                 PrimaryKeyConstraint(*key))


def tracking_table(metadata: MetaData) -> Table:
    """Each projection's position in the log, written in the same transaction as its rows."""
    return Table(
        "projection_positions", metadata,
        Column("name", String(100), primary_key=True),
        Column("version", Integer, nullable=False),
        Column("settings", Text, nullable=False, default=""),
        Column("position", BigInteger, nullable=False),
        Column("log_hash", String(64), nullable=True),
        Column("updated_at", AwareDateTime, nullable=True),
    )
