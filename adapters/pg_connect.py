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
        f"cannot connect to the PostgreSQL store: {detail} (check --store)",
        f"无法连接 PostgreSQL 数据存储：{detail}（请检查 --store）")


def probe_connection(kwargs: dict[str, Any], timeout: int) -> None:
    """Connect once, directly: the pool would retry for `timeout` seconds and then say only
    "couldn't get a connection", hiding a refused port, a missing database or role."""
    import psycopg

    options = {k: v for k, v in kwargs.items() if k != "row_factory"}
    options["connect_timeout"] = options.get("connect_timeout") or timeout
    try:
        psycopg.connect(**options).close()
    except psycopg.OperationalError as error:
        raise connection_failure(error) from None
