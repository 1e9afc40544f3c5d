"""`gongzhi meeting ...`: joint meetings (联席会议) from convening to approved minutes."""

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
def meeting() -> None:
    """Joint meetings (联席会议): agenda pool, agendas, resolutions, action items, minutes.

    Meetings are referred to as JM<year>-<number> (JM2026-000001; JM2026-1 works
    too). Bodies are departments (派出所, market_regulation, ...) or representatives
    (居民代表 resident_reps, 商户代表 business_reps, 党员代表 party_member_reps).
    Every write needs --actor and takes --at for when the step happened.

    \b
    Example:
      gongzhi meeting pool
      gongzhi meeting convene --title 双塔社区联席会议 --by 社区 --level community \\
          --scheduled "2026-10-19 14:30" --venue 社区会议室 --chair 刘书记 \\
          --invite 市场监管局 --invite 派出所 --invite 居民代表
      gongzhi meeting agenda JM2026-1 --format html > agenda.html
    """


def at_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--at", type=MOMENT, metavar="TIME",
                        help="When it happened, e.g. '2026-10-19 16:00'. Default: now.")(func)


def write(ref: str, at: datetime | None, command: Callable[..., Any], **arguments: Any) -> Any:
    """A use case on the meeting alone (adapters.meeting_use_cases)."""
    rt = runtime()
    recorded = rt.app().record(ref, rt.require_actor(),
                               lambda m, s: command(m, s, **arguments), at)
    report(recorded)
    return recorded


def write_with_cases(ref: str, at: datetime | None, command: Callable[..., Any],
                     **arguments: Any) -> Any:
    """A use case that also reads the cases concerned, in the same unit of work."""
    from adapters.meeting_use_cases import in_unit

    rt = runtime()
    actor = rt.require_actor()
    recorded = in_unit(rt.app(), ref, actor, at,
                       lambda unit, m, s: command(unit, m, s, **arguments))
    report(recorded)
    return recorded


def report(recorded: Any) -> None:
    rt = runtime()
    aggregate, result = recorded.aggregate, recorded.result
    document: dict[str, Any] = {"ref": aggregate.id, "version": aggregate.version,
                                "status": aggregate.status, "events": recorded.event_types}
    if isinstance(result, str) and result:
        document["id"] = result
    names = rt.say("、", ", ").join(event_name(t, rt.lang) for t in recorded.event_topics)
    suffix = f" {result}" if isinstance(result, str) and result else ""
    rt.emit(document, rt.say(f"{aggregate.id} v{aggregate.version} 已记录：{names}{suffix}",
                             f"{aggregate.id} v{aggregate.version} recorded: {names}{suffix}"))


from cli_commands import meeting_outcomes, meeting_planning, meeting_reading  # noqa: E402, F401
