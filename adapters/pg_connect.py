"""Connecting to PostgreSQL with errors that name the cause, within about a second.

The connection pool retries in the background and, after its timeout, says only
"couldn't get a connection after 5.00 sec": a refused port, a missing database
and an unknown role all look alike. One direct connection first tells them apart.
"""

from __future__ import annotations

from typing import Any

from adapters.errors import AppError


class StoreUnavailable(AppError):
    """The server did not accept a connection; says why (refused, no database, no role)."""


def connection_failure(error: Exception) -> StoreUnavailable:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    detail = next((line.split("FATAL:", 1)[1].strip() for line in lines if "FATAL:" in line),
                  lines[0] if lines else type(error).__name__)
    detail = detail.removeprefix("connection failed: ")
    return StoreUnavailable(
        f"无法连接 PostgreSQL 数据存储：{detail}（请检查 --store）",
        f"cannot connect to the PostgreSQL store: {detail} (check --store)")


def connect(config: Any, **options: Any) -> Any:
    """One direct psycopg connection to the server a `StoreConfig` names (its libpq
    parameters included); a refusal becomes `StoreUnavailable`, naming the cause."""
    import psycopg

    try:
        return psycopg.connect(host=config.host, port=config.port, user=config.user,
                               dbname=config.dbname, password=config.password or None,
                               **config.libpq_kwargs(), **options)
    except psycopg.OperationalError as error:
        raise connection_failure(error) from None


def probe_connection(kwargs: dict[str, Any], timeout: int) -> Any:
    """Connect once, directly: the pool would retry for `timeout` seconds and then say only
    "couldn't get a connection", hiding a refused port, a missing database or role.
    Returns the open connection (made with the pool's own arguments) for the pool to use."""
    import psycopg

    options = dict(kwargs)
    options["connect_timeout"] = options.get("connect_timeout") or timeout
    try:
        return psycopg.Connection.connect(**options)
    except psycopg.OperationalError as error:
        raise connection_failure(error) from None


class HandOver:
    """Give the pool the probe's connection as its first, so the check costs no extra connect."""

    def __init__(self, pool: Any, connection: Any) -> None:
        import threading

        self.spare: list[Any] = [connection]
        lock = threading.Lock()
        spare = self.spare
        original = pool.connection_class

        class FirstFromProbe(original):  # type: ignore[misc,valid-type]
            @classmethod
            def connect(cls, conninfo: str = "", **options: Any) -> Any:
                with lock:
                    if spare:
                        return spare.pop()
                return original.connect(conninfo, **options)

        pool.connection_class = FirstFromProbe

    def close(self) -> None:
        while self.spare:
            self.spare.pop().close()
