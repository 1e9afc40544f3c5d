"""`gongzhi audit ...`: replay any history, time-travel, prove nothing was altered.

Every audit command except `seal` opens the store read-only (SQLite mode=ro, a
READ ONLY transaction on PostgreSQL): checking the log cannot change it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

import click

from adapters.clock import local_tz
from cli_commands.errors import GuardedGroup
from cli_commands.event_text import describe, event_name, when
from cli_commands.parsing import MOMENT
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


class Duration(click.ParamType):
    name = "DURATION"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, timedelta):
            return value
        match = re.fullmatch(r"\s*(\d+)\s*(m|min|h|d|天|小时)?\s*", str(value))
        if not match:
            self.fail(f"'{value}' is not a duration; use e.g. 30m, 48h or 3d", param, ctx)
        amount, unit = int(match.group(1)), match.group(2) or "h"
        unit = {"min": "m", "天": "d", "小时": "h"}.get(unit, unit)
        return timedelta(**{{"m": "minutes", "h": "hours", "d": "days"}[unit]: amount})


def aggregate_id(text: str) -> str:
    """Case references are normalised (2026-1 → C2026-000001); other ids pass as typed."""
    from domain.errors import DomainError
    from domain.refs import parse_case_ref

    try:
        return parse_case_ref(text)
    except DomainError:
        return text.strip().upper()


@contextmanager
def log_reader() -> Iterator[Any]:
    from adapters.log_reader import open_log_reader

    reader = open_log_reader(runtime().config)
    try:
        yield reader
    finally:
        reader.close()


def stream_rows(reader: Any, ident: str) -> list[Any]:
    from adapters.errors import NotFound

    rows = reader.stream(ident)
    if not rows:
        raise NotFound(f"no aggregate {ident} in this store", f"本库中没有 {ident}")
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
    from cli_commands.event_text import party_names
    from cli_commands.server_stamp import add_server_stamp, server_line

    rt = runtime()
    mapper = make_mapper()
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
    names = party_names(state) if hasattr(state, "parties") else {}
    late = rt.say("【补录】", "[LATE]")
    lines = [
        f"v{e['version']:<3} #{e['notification_id']:<6} {event_name(e['type'], rt.lang)}"
        f"{' ' + late if e['late'] else ''}\n"
        f"     {rt.say('发生', 'happened')} {when(e['occurred_at'])}  "
        f"{rt.say('记录', 'recorded')} {when(e['recorded_at'])}  {rt.say('记录人', 'by')} "
        f"{e['actor']}  hash {e['event_hash'][:12]}\n"
        f"{server_line(e, rt.lang)}"
        f"     {describe(e['type'], e['data'], rt.lang, names)}"
        for e in entries
    ]
    rt.emit(entries, "\n".join(lines))


def undecodable(row: Any, error: Exception) -> dict[str, Any]:
    return {"aggregate": row.originator_id, "version": row.version,
            "type": row.topic.rsplit(".", 1)[-1], "actor": None, "recorded_at": None,
            "occurred_at": None, "late": False,
            "data": {"undecodable": f"{type(error).__name__}: {error}"[:300]}}


@audit.command("replay")
@click.argument("aggregate")
@click.option("--as-of", "as_of", type=MOMENT, help="State as recorded at this moment.")
@click.option("--version", type=click.IntRange(min=1), help="State after version N.")
@click.option("--step", is_flag=True, help="Walk the history one event at a time, showing "
              "what each event changed.")
def replay_cmd(aggregate: str, as_of: datetime | None, version: int | None, step: bool) -> None:
    """Show an aggregate exactly as it stood at a moment or version (time travel).

    \b
    Example:
      gongzhi audit replay C2026-000001 --as-of "2026-10-16 12:00"
      gongzhi audit replay C2026-000001 --version 5
      gongzhi audit replay C2026-000001 --step
    """
    from adapters.replay import changes, document, replay, upto

    rt = runtime()
    if as_of and version:
        raise click.UsageError("give --as-of or --version, not both")
    with log_reader() as reader:
        rows = stream_rows(reader, aggregate_id(aggregate))
    today = as_of.astimezone(local_tz()).date() if as_of else rt.today()
    if step:
        steps, before = [], {}
        for event, state in replay(rows):
            if (version and event.originator_version > version) or (
                    as_of and event.timestamp > as_of):
                break
            after = document(state, today)
            steps.append({"version": event.originator_version, "type": type(event).__name__,
                          "changes": changes(before, after)})
            before = after
        text = "\n".join(
            f"v{s['version']} {event_name(s['type'], rt.lang)}\n" + "\n".join(
                _change_line(k, c) for k, c in s["changes"].items()) for s in steps)
        rt.emit(steps, text)
        return
    if version and version > rows[-1].version:
        raise click.BadParameter(rt.say(f"{rows[0].originator_id} 只有 {rows[-1].version} 个版本",
                                        f"{rows[0].originator_id} has only {rows[-1].version} "
                                        "versions"), param_hint="'--version'")
    found = upto(rows, version=version, as_of=as_of)
    if found is None:
        raise click.ClickException(rt.say("该时刻之前没有任何记录", "nothing was recorded by then"))
    event, state = found
    doc = document(state, today)
    if doc.get("ref", "").startswith("C"):
        from cli_commands.case_text import render_case

        text = render_case(doc, rt.lang)
    else:
        text = "\n".join(f"{k}: {v}" for k, v in doc.items())
    rt.emit(doc, text)


def _change_line(key: str, change: dict[str, Any]) -> str:
    if "added" in change:
        return "\n".join([*(f"   {key} + {_short(v)}" for v in change["added"]),
                          *(f"   {key} - {_short(v)}" for v in change["removed"])])
    return f"   {key}: {_short(change['from'])} → {_short(change['to'])}"


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


from cli_commands import audit_integrity  # noqa: E402,F401  (registers seal, verify, export)
