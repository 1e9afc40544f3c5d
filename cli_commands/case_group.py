"""`gongzhi case ...`: the mediator's commands on complaint cases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import click

from cli_commands.errors import GuardedGroup
from cli_commands.event_text import event_name
from cli_commands.parsing import MOMENT
from cli_commands.runtime import runtime


@click.group(cls=GuardedGroup)
def case() -> None:
    """Open, negotiate and close complaint cases (案件).

    Cases are referred to as C<year>-<number> (C2026-000042; 2026-42 works too).
    Every write needs --actor (or GONGZHI_ACTOR) and takes --at for the time the
    step actually happened, if earlier than now.

    \b
    Example:
      gongzhi case show C2026-000001
      gongzhi case propose C2026-000001 --by mediator "22:00后停止户外营业"
    """


def at_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--at",
        type=MOMENT,
        metavar="TIME",
        help="When it happened (business time), e.g. '2026-10-08 21:30'. Default: now.",
    )(func)


def write(ref: str, at: datetime | None, command: Callable[[Any, Any], Any]) -> Any:
    """Run a case command and report what it recorded."""
    rt = runtime()
    actor = rt.require_actor()
    recorded = rt.app().record(ref, actor, command, at)
    report(recorded.case, recorded.event_types, recorded.result)
    return recorded


def report(case: Any, event_types: list[str], result: Any = None) -> None:
    rt = runtime()
    document = {"ref": case.id, "version": case.version, "status": case.status,
                "events": event_types}
    if isinstance(result, str):
        document["id"] = result
    names = "、".join(event_name(t, rt.lang) for t in event_types)
    suffix = f" {result}" if isinstance(result, str) else ""
    rt.emit(document, rt.say(f"{case.id} v{case.version} 已记录：{names}{suffix}",
                             f"{case.id} v{case.version} recorded: {names}{suffix}"))


# Register the commands (each module adds its own to the group).
from cli_commands import (  # noqa: E402, F401
    case_closure,
    case_corrections,
    case_departments,
    case_intake,
    case_reading,
    case_talks,
)
