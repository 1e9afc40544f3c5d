"""Empty read-model tables from the start: created by the write path with a new store.

The CLI calls `create_read_tables(app)` after opening a writable store whose
read models live beside the events (no --read-store). If `projection_positions`
is there already it costs one catalogue lookup; otherwise it creates every
read-model table, index, comment and the labels in one transaction, through
the event store's own connection (plain SQL: the write path never imports
SQLAlchemy). The rows are folded in later, on the first read or
`projections catch-up`. A read store of its own gets the same tables when
Gongzhi first opens it.
"""

from __future__ import annotations

from typing import Any

from adapters.read_ddl import LOCK_SQL, TRACKING, schema_statements


def _exists(curs: Any, postgres: bool, schema: str) -> bool:
    if postgres:
        curs.execute(f"SELECT to_regclass('\"{schema}\".{TRACKING}') AS found")
        row = curs.fetchone()
        return (row["found"] if isinstance(row, dict) else row[0]) is not None
    curs.execute(f"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{TRACKING}'")
    return curs.fetchone() is not None


def create_read_tables(app: Any) -> bool:
    """Create the read models' empty schema in the app's store unless it has one; True if made.

    A failure here must not stop the write that opened the store: the first read
    creates the same tables, and reports the problem if it persists.
    """
    from eventsourcing.persistence import PersistenceError

    try:
        return _create(app)
    except PersistenceError:
        return False


def _create(app: Any) -> bool:
    config = app.config
    postgres = config.kind == "postgres"
    datastore = app.recorder.datastore
    with datastore.transaction(commit=False) as curs:
        if _exists(curs, postgres, config.schema):
            return False
    from projections.registry import all_projections

    row_classes = [row for p in all_projections() for row in p.tables]
    statements = schema_statements(row_classes, "postgresql" if postgres else "sqlite",
                                   config.schema if postgres else None)
    with datastore.transaction(commit=True) as curs:
        if postgres:
            curs.execute(LOCK_SQL, (config.schema or "public",))
        if _exists(curs, postgres, config.schema):  # another process got there first
            return False
        for statement in statements:
            curs.execute(statement)
    return True
