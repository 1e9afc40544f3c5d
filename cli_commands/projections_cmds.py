"""`gongzhi projections status|rebuild`: the read models' positions, and replay from zero."""

from __future__ import annotations

import click

from cli_commands.errors import GuardedGroup
from cli_commands.progress import terminal_progress
from cli_commands.runtime import runtime
from cli_commands.text_table import render_table


@click.group(cls=GuardedGroup)
def projections() -> None:
    """Read models (SQL tables for reporting): status, catch-up and rebuild.

    Read models are folded from the event log; they can always be dropped and
    rebuilt without touching the events.

    \b
    Example:
      gongzhi projections status
      gongzhi projections rebuild cases
    """


@projections.command("status")
def status() -> None:
    """Each projection's position against the log's head, its rows and lag.

    States: not built (empty tables, built on the first read), behind (by N
    events, caught up on the next read), ok, needs rebuild, log changed.

    \b
    Example:
      gongzhi projections status
      gongzhi --json projections status
    """
    from adapters.readmodels import open_read_models

    rt = runtime()
    with open_read_models(rt.app(read_only=True), rt.read_config) as models:
        report = models.status()
    for r in report:
        r["note"] = state_note(r["state"], r["lag"], rt.lang)
    headers = (["读模型", "版本", "位置", "日志头", "滞后", "行数", "状态"] if rt.lang == "zh"
               else ["Projection", "Version", "Position", "Head", "Lag", "Rows", "State"])
    rows = [[r["name"], r["version"], r["position"], r["head"], r["lag"],
             ", ".join(f"{t}={n}" for t, n in r["rows"].items()), r["note"]] for r in report]
    rt.emit(report, render_table(headers, rows, max_col=60))


def state_note(state: str, lag: int, lang: str) -> str:
    """What a projection's state means to a reader of its tables."""
    notes = {
        "not built": ("表已建立但为空，首次读取时生成", "tables empty: will be built on first read"),
        "behind": (f"落后 {lag} 个事件，下次读取时补齐",
                   f"behind by {lag} events: caught up on the next read"),
        "ok": ("最新", "up to date"),
        "needs rebuild": ("版本或时区已变，下次读取时重建",
                          "other version or time zone: rebuilt on the next read"),
        "log changed": ("事件日志已被改动，请运行 audit verify 后 rebuild",
                        "the log was changed: run audit verify, then rebuild"),
    }
    zh, en = notes.get(state, (state, state))
    return zh if lang == "zh" else en


@projections.command("catch-up")
@click.argument("names", nargs=-1)
def catch_up(names: tuple[str, ...]) -> None:
    """Bring the read models up to date with the log (all, or the NAMEs given).

    Reads do this by themselves; run it before outside tools read the tables,
    e.g. from cron ahead of a BI refresh.

    \b
    Example:
      gongzhi projections catch-up
    """
    _run(names, "update", "applied", ("应用 {} 个新事件", "applied {} new events"))


def _run(names: tuple[str, ...], action: str, key: str, said: tuple[str, str]) -> None:
    """Run ReadModels.<action> on the named projections and report the counts."""
    from adapters.readmodels import open_read_models

    rt = runtime()
    with open_read_models(rt.app(read_only=True), rt.read_config, terminal_progress(rt)) as models:
        unknown = [n for n in names if n not in models.names]
        if unknown:
            raise click.BadParameter(rt.say(
                f"没有读模型{'、'.join(f'“{n}”' for n in unknown)}；现有：{'、'.join(models.names)}",
                f"unknown projection(s) {', '.join(repr(n) for n in unknown)}; known: "
                f"{', '.join(models.names)}"),
                param_hint="NAMES")
        done = getattr(models, action)(*names)
    rt.emit({key: done}, "\n".join(
        f"{name}{rt.say('：', ': ')}{rt.say(*said).format(count)}" for name, count in done.items()))


@projections.command("rebuild")
@click.argument("names", nargs=-1)
def rebuild(names: tuple[str, ...]) -> None:
    """Drop projection tables and replay the whole log into them (all, or the NAMEs given).

    Safe to interrupt: the old tables stay until the new ones are written in
    one transaction. A progress bar shows on a terminal.

    \b
    Example:
      gongzhi projections rebuild
      gongzhi projections rebuild cases commitments
    """
    _run(names, "rebuild", "rebuilt", ("已重放 {} 个事件", "replayed {} events"))
