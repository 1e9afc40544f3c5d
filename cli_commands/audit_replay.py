"""`gongzhi audit replay`: an aggregate as it stood, in business time or in recorded time."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from adapters.clock import local_tz
from cli_commands.audit_group import aggregate_id, audit, key_store, log_reader, stream_rows
from cli_commands.event_text import when
from cli_commands.parsing import MOMENT
from cli_commands.runtime import Runtime, runtime


@audit.command("replay")
@click.argument("aggregate")
@click.option("--as-of", "as_of", type=MOMENT,
              help="Business time: the state as it stood at this moment, from everything "
              "known now (late entries included).")
@click.option("--known-at", "known_at", type=MOMENT,
              help="Recorded time: only what the log held at this moment.")
@click.option("--version", type=click.IntRange(min=1), help="State after version N.")
@click.option("--step", is_flag=True, help="Walk the history one event at a time, showing "
              "what each event changed.")
def replay_cmd(aggregate: str, as_of: datetime | None, known_at: datetime | None,
               version: int | None, step: bool) -> None:
    """Show an aggregate as it stood at a moment or a version (time travel).

    --as-of is business time: what had happened by then, as we know it now, so a
    case entered after the fact shows as it was on the day. --known-at is
    recorded time: what the log held then (what anyone could have seen). Both
    together: what we knew on the --known-at day about the --as-of day. Overdue
    commitments are judged on the replayed day.

    \b
    Example:
      gongzhi audit replay C2026-000001 --as-of "2026-10-16 12:00"
      gongzhi audit replay C2026-000001 --known-at "2026-10-20 09:00"
      gongzhi audit replay C2026-000001 --as-of "2026-10-16 12:00" --known-at "2026-10-20 09:00"
      gongzhi audit replay C2026-000001 --version 5
      gongzhi audit replay C2026-000001 --step
    """
    from adapters.replay import document, upto

    rt = runtime()
    if version and (as_of or known_at):
        raise click.UsageError(rt.say("--version 不能与 --as-of 或 --known-at 同时给出",
                                      "give --version, or --as-of/--known-at, not both"))
    with log_reader() as reader:
        rows = stream_rows(reader, aggregate_id(aggregate))
    moment = as_of or known_at
    today = moment.astimezone(local_tz()).date() if moment else rt.today()
    if step:
        _steps(rows, version, known_at, as_of, today)
        return
    if version and version > rows[-1].version:
        raise click.BadParameter(rt.say(f"{rows[0].originator_id} 只有 {rows[-1].version} 个版本",
                                        f"{rows[0].originator_id} has only {rows[-1].version} "
                                        "versions"), param_hint="'--version'")
    found = upto(rows, version=version, known_by=known_at, occurred_by=as_of, keys=key_store())
    if found is None:
        raise click.ClickException(_nothing_then(rt, as_of, known_at))
    _, state = found
    doc = document(state, today)
    from adapters.views import view_of_ref

    page = view_of_ref(state.id).render(doc, rt.lang)
    rt.emit(doc, "\n".join([*_heading(rt, as_of, known_at), page]))


def _nothing_then(rt: Runtime, as_of: datetime | None, known_at: datetime | None) -> str:
    if as_of and known_at:
        return rt.say(f"截至 {when(known_at)} 的记录中，{when(as_of)} 之前还没有发生任何事",
                      f"as recorded by {when(known_at)}, nothing had happened by {when(as_of)}")
    if as_of:
        return rt.say(f"{when(as_of)} 之前还没有发生任何事（按业务时间）",
                      f"nothing had happened by {when(as_of)} (business time)")
    return rt.say(f"{when(known_at)} 之前没有任何记录（按记录时间）",
                  f"nothing was recorded by then ({when(known_at)}, recorded time)")


def _heading(rt: Runtime, as_of: datetime | None, known_at: datetime | None) -> list[str]:
    if as_of and known_at:
        return [rt.say(f"【回溯】{when(as_of)} 时的状态，依 {when(known_at)} 时日志所载",
                       f"[replay] as it stood at {when(as_of)}, as the log held it at "
                       f"{when(known_at)}")]
    if as_of:
        return [rt.say(f"【回溯】{when(as_of)} 时的状态（按业务时间，依目前所知）",
                       f"[replay] as it stood at {when(as_of)} (business time, as known now)")]
    if known_at:
        return [rt.say(f"【回溯】{when(known_at)} 时日志所载的状态（按记录时间）",
                       f"[replay] as the log held it at {when(known_at)} (recorded time)")]
    return []


def _steps(rows: list[Any], version: int | None, known_at: datetime | None,
           as_of: datetime | None, today: Any) -> None:
    from adapters.jsonable import event_envelope
    from adapters.replay import changes, document, walk
    from adapters.views import view_of_ref
    from cli_commands.replay_text import step_text

    rt = runtime()
    steps: list[dict[str, Any]] = []
    before: dict[str, Any] = {}
    state = None
    for event, state in walk(rows, version, known_at, as_of, key_store()):
        after = document(state, today)
        envelope = event_envelope(event)
        steps.append({"version": event.originator_version, "type": envelope["type"],
                      "topic": envelope["topic"], "actor": envelope["actor"],
                      "occurred_at": envelope["occurred_at"],
                      "recorded_at": envelope["recorded_at"], "data": envelope["data"],
                      "changes": changes(before, after)})
        before = after
    names = view_of_ref(state.id).names(state) if state is not None else {}
    rt.emit(steps, "\n".join([*_heading(rt, as_of, known_at),
                              *(step_text(s, rt.lang, names) for s in steps)]))
