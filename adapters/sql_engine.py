"""SQLAlchemy engines for the read models, on SQLite or PostgreSQL.

On SQLite a connection marked `immediate=True` begins with BEGIN IMMEDIATE: a
projection takes the write lock before it reads its position, so two processes
catching up at once queue instead of one failing halfway with SQLITE_BUSY.
On PostgreSQL the tables live in the store's schema (set on the tables' MetaData).
"""

from __future__ import annotations

import weakref
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event

from adapters.private_files import create_private_file
from adapters.settings import StoreConfig


def make_engine(config: StoreConfig) -> Engine:
    if config.kind == "sqlite":
        if _read_only(config.path):  # reading a store on read-only media or without rights
            engine = create_engine("sqlite://", creator=lambda: _connect_read_only(config.path))
            _sqlite_transactions(engine, wal=False)
            _READ_ONLY.add(engine)
            return engine
        create_private_file(config.path)  # read models copy personal data: 0600 like the store
        engine = create_engine(f"sqlite:///{config.path}", connect_args={"timeout": 30})
        _sqlite_transactions(engine)
        return engine
    url = URL.create(
        "postgresql+psycopg", username=config.user, password=config.password or None,
        host=config.host, port=config.port, database=config.dbname,
    )
    return create_engine(url, pool_size=1, max_overflow=2, connect_args=config.libpq_kwargs())


# Engines over a file this process may only read: read models there are read as they are.
_READ_ONLY: weakref.WeakSet[Engine] = weakref.WeakSet()


def is_read_only(engine: Engine) -> bool:
    return engine in _READ_ONLY


def make_memory_engine() -> Engine:
    """A private in-memory SQLite database (one connection, kept for the engine's life), for
    read models folded in memory when the read store cannot be updated."""
    from sqlalchemy.pool import StaticPool

    engine = create_engine("sqlite://", poolclass=StaticPool,
                           connect_args={"check_same_thread": False})
    _sqlite_transactions(engine, wal=False)
    return engine


def _read_only(path: str) -> bool:
    import os

    if not os.path.exists(path):
        return False
    return not os.access(path, os.W_OK) or not os.access(os.path.dirname(path) or ".", os.W_OK)


def _connect_read_only(path: str) -> Any:
    import sqlite3

    from adapters.settings import sqlite_read_only_uri

    return sqlite3.connect(sqlite_read_only_uri(path), uri=True, timeout=30,
                           check_same_thread=False)


def _sqlite_transactions(engine: Engine, *, wal: bool = True) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        if wal:
            dbapi_connection.execute("PRAGMA journal_mode=WAL")

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get("immediate")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
