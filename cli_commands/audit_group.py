"""`gongzhi audit ...`: replay any history, time-travel, prove nothing was altered.

Every audit command except `seal` opens the store read-only (SQLite mode=ro, a
READ ONLY transaction on PostgreSQL): checking the log cannot change it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import click

from cli_commands.errors import GuardedGroup
from cli_commands.event_text import history_lines
from cli_commands.help_lang import say
from cli_commands.runtime import runtime


@click.group(cls=GuardedGroup)
def audit() -> None:
    """Auditor's toolkit: history, replay, seal, verify, export (审计).

    \b
    Example:
      gongzhi audit history C2026-000001
      gongzhi audit replay C2026-000001 --as-of "2026-10-20 00:00"
      gongzhi audit seal
      gongzhi audit verify --against 3f9a…
    """


class Duration(click.ParamType[Any]):
    name = "DURATION"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, timedelta):
            return value
        match = re.fullmatch(r"\s*(\d+)\s*(m|min|h|d|天|小时)?\s*", str(value))
        if not match:
            self.fail(say(ctx, f"“{value}”不是有效的时长，应形如 30m、48h、3d 或 2天",
                          f"'{value}' is not a duration; use e.g. 30m, 48h or 3d"), param, ctx)
        amount, unit = int(match.group(1)), match.group(2) or "h"
        unit = {"min": "m", "天": "d", "小时": "h"}.get(unit, unit)
        return timedelta(**{{"m": "minutes", "h": "hours", "d": "days"}[unit]: amount})


def aggregate_id(text: str) -> str:
    """A reference of any registered kind, normalised (2026-1 → C2026-000001); else as typed."""
    from domain.errors import DomainError
    from domain.registry import parse_any_ref

    try:
        return parse_any_ref(text)[1]
    except DomainError:
        return text.strip()


@contextmanager
def log_reader() -> Iterator[Any]:
    from adapters.log_reader import open_log_reader

    reader = open_log_reader(runtime().config)
    try:
        yield reader
    finally:
        reader.close()


def key_store() -> Any:
    """The subjects' keys, read-only: audits show personal data as mediators see it."""
    from adapters.key_store import open_key_store

    keys = open_key_store(runtime().config, read_only=True)
    click.get_current_context().call_on_close(keys.close)
    return keys


def stream_rows(reader: Any, ident: str) -> list[Any]:
    from adapters.errors import NotFound

    rows: list[Any] = reader.stream(ident)
    if not rows:
        raise NotFound(f"本库中没有 {ident}", f"no aggregate {ident} in this store")
    return rows


@audit.command("history")
@click.argument("aggregate")
@click.option("--late-after", type=Duration(), default="48h", show_default=True,
              help="Flag events recorded more than this long after they happened.")
def history(aggregate: str, late_after: timedelta) -> None:
    """Every event of an aggregate (case, seal, ...) with who, when, what and its hashes.

    Late entries (recorded long after they happened) are flagged.

    \b
    Example:
      gongzhi audit history C2026-000001
      gongzhi --json audit history C2026-000001 --late-after 3d
    """
    from adapters.codec import decode, make_mapper
    from adapters.jsonable import event_envelope
    from adapters.views import view_of_ref
    from cli_commands.server_stamp import add_server_stamp

    rt = runtime()
    mapper = make_mapper(key_store())
    with log_reader() as reader:
        rows = stream_rows(reader, aggregate_id(aggregate))
        server = reader.server_stamps(rows[0].originator_id)  # PostgreSQL: who and when, per server
    entries, state, readable = [], None, True
    for row in rows:  # each row decoded once: for its entry and to learn the party names
        try:
            event = decode(mapper, row.originator_id, row.version, row.topic, row.state)
        except Exception as error:  # altered bytes: show the row, say it no longer reads
            entry, readable = undecodable(row, error), False
        else:
            entry = event_envelope(event)
            occurred = getattr(event, "occurred_at", None)
            entry["late"] = bool(occurred and event.timestamp - occurred > late_after)
            if readable:
                state = event.mutate(state)
        entry.update(notification_id=row.notification_id, event_hash=row.event_hash.hex(),
                     log_hash=row.log_hash.hex())
        if row.version in server:
            add_server_stamp(entry, *server[row.version])
        entries.append(entry)
    names = view_of_ref(rows[0].originator_id).names(state) if state is not None else {}
    lines = history_lines(entries, rt.lang, names, audit=True,
                          late_mark=rt.say("【补录】", "[LATE]"))
    rt.emit(entries, "\n".join(lines))


def undecodable(row: Any, error: Exception) -> dict[str, Any]:
    return {"aggregate": row.originator_id, "version": row.version,
            "type": row.topic.rsplit(".", 1)[-1], "topic": row.topic, "actor": None, "recorded_at": None,
            "occurred_at": None, "late": False,
            "data": {"undecodable": f"{type(error).__name__}: {error}"[:300]}}


# Imported last, for what they add to the group: seal, verify, export; replay.
from cli_commands import (  # noqa: E402
    audit_integrity,  # noqa: F401
    audit_replay,  # noqa: F401
)
