"""What the case commands share: the --at option, running a use case, reporting what it recorded."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

import click

from cli_commands.errors import GuardedCommand
from cli_commands.event_text import event_name
from cli_commands.parsing import MOMENT
from cli_commands.runtime import runtime

# Commands are made here and added to their group by the group's module, so no
# command module imports its group (and nothing imports in a circle).
command = partial(click.command, cls=GuardedCommand)


def at_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--at",
        type=MOMENT,
        metavar="TIME",
        help="When it happened (business time, in GONGZHI_TZ, default Asia/Shanghai): "
        "'2026-10-08 21:30', 'yesterday 09:00', '-2h'. Default: now.",
    )(func)


def write(ref: str, at: datetime | None, command: Callable[..., Any], **arguments: Any) -> Any:
    """Run a named use case (adapters.case_use_cases) on a case and report what it recorded.

    `command(case, stamp, **arguments)`; a retry after a conflict runs it again.
    """
    rt = runtime()
    actor = rt.require_actor()
    recorded = rt.app().record(ref, actor, lambda c, s: command(c, s, **arguments), at)
    report(recorded)
    return recorded


def report(recorded: Any, parties: Any = ()) -> None:
    """What a write recorded, for any aggregate kind with a status (case, meeting, ...).

    `parties`: the parties the write named (case open, join), each printed with the code
    (c1, r1) later commands take, so nobody has to look it up with `case show`.
    """
    from cli_commands.case_event_text import party_text

    rt = runtime()
    aggregate, result = recorded.aggregate, recorded.result
    document = {"ref": aggregate.id, "version": aggregate.version,
                "status": getattr(aggregate, "status", None), "events": recorded.event_types}
    if isinstance(result, str):
        document["id"] = result
    names = rt.say("、", ", ").join(event_name(t, rt.lang) for t in recorded.event_topics)
    suffix = f" {result}" if isinstance(result, str) else ""
    lines = [rt.say(f"{aggregate.id} v{aggregate.version} 已记录：{names}{suffix}",
                    f"{aggregate.id} v{aggregate.version} recorded: {names}{suffix}")]
    if parties:
        from adapters.case_view import party_json  # as `case show --json` gives them

        document["parties"] = [party_json(p) for p in parties]
        roles = {"complainant": rt.say("投诉人", "Complainants"),
                 "respondent": rt.say("被投诉人", "Respondents")}
        for role, title in roles.items():
            named = [party_text(d, rt.lang, with_key=True) for d in document["parties"]
                     if d["role"] == role]
            if named:
                lines.append(f"  {title}{rt.say('：', ': ')}{rt.say('、', ', ').join(named)}")
    rt.emit(document, "\n".join(lines))
