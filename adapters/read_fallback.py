"""When this role may read the read models but not update them: fold the log in memory.

A SELECT-only auditor on PostgreSQL, or anyone reading a store on read-only
files, can read the event log but cannot create, catch up or rebuild the read
models. Reads then fold the events into a private in-memory SQLite read store
through the same projector code (the projections are pure folds), and say so
once on stderr. Read models that exist and are current are simply read.

`check_writable` is asked before any write a catch-up or rebuild would make,
so a refusal costs one query, not a fold thrown away; `cannot_update` tells a
refusal by the database (permission denied, read-only) from any other error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from adapters.errors import AppError

MEMORY_NOTE = (
    "注意：当前身份无权更新读模型，以下数字是从事件日志在内存中折叠得出的（读模型未更新）",
    "note: this role cannot update the read models, so these figures were folded in memory "
    "from the event log (the read models were not updated)",
)
# Set by the command line (cli_commands/runtime.py) to print MEMORY_NOTE in the run's language.
notice: Callable[[], None] | None = None

_READ_ONLY_SQLSTATES = {"42501", "25006"}  # insufficient privilege; read-only transaction


class ReadModelsReadOnly(AppError):
    code = "read_models_read_only"


def read_only_models() -> ReadModelsReadOnly:
    return ReadModelsReadOnly(
        "当前身份无权更新读模型（只能读取）；请由有写权限的身份运行 gongzhi projections catch-up。"
        "查询命令会在内存中折叠事件，照常给出结果",
        "this role cannot update the read models (it may only read them); run 'gongzhi "
        "projections catch-up' as a role that may write. Reading commands fold the events in "
        "memory and still answer")


def cannot_update(error: BaseException) -> bool:
    """A refusal to write the read store: ours, the database's, or the file system's."""
    if isinstance(error, ReadModelsReadOnly | PermissionError):
        return True
    cause = getattr(error, "orig", None) or error  # SQLAlchemy wraps the driver's error
    if getattr(cause, "sqlstate", None) in _READ_ONLY_SQLSTATES:
        return True
    # Not SQLITE_CANTOPEN: a read store in a folder that does not exist is a typing mistake.
    return str(getattr(cause, "sqlite_errorname", "") or "").startswith("SQLITE_READONLY")


@contextmanager
def refusals() -> Iterator[None]:
    """A write the database refuses to this role becomes one clear message."""
    try:
        yield
    except ReadModelsReadOnly:
        raise
    except Exception as error:
        if cannot_update(error):
            raise read_only_models() from None
        raise


def folded_in_memory() -> None:
    if notice is not None:
        notice()


def check_writable(engine: Any, schema: str | None, tables: list[str], rebuild: bool) -> None:
    """Raise ReadModelsReadOnly unless this role can write what the catch-up will write.

    Incremental catch-up inserts and updates rows and the position; a rebuild also
    empties the tables and drops their indexes, which needs their owner.
    """
    from adapters.sql_engine import is_read_only

    if is_read_only(engine):
        raise read_only_models()
    if engine.dialect.name != "postgresql":
        return
    from sqlalchemy import text

    from adapters.read_ddl import TRACKING

    names = sorted({TRACKING, *tables, *(["labels"] if rebuild else [])})
    with engine.connect() as conn:
        found = conn.execute(text(
            "SELECT c.relname, pg_has_role(c.relowner, 'USAGE') AS owns, "
            "has_table_privilege(c.oid, 'INSERT') AND has_table_privilege(c.oid, 'UPDATE') "
            "AS writes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = :schema AND c.relname = ANY(:names)"),
            {"schema": schema, "names": names}).mappings().all()
    rights = {r["relname"]: r for r in found}
    for name in names:
        r = rights.get(name)
        if r is None:
            continue  # made by the catch-up's ensure_schema, which reports its own refusal
        if not r["writes"] or (rebuild and name != TRACKING and not r["owns"]):
            raise read_only_models()
