"""`gongzhi convention ...`: building conventions (楼栋共治公约), from draft to compliance.

Conventions are GY<year>-<number> (GY2026-000001; GY2026-1 works too); a clause
is c1, c2 ... (3 and 第3条 work too). Every command takes `--json` here as well
as before the group; every write needs --actor and takes --at.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import click

from cli_commands.errors import GuardedCommand, GuardedGroup
from cli_commands.event_text import event_name
from cli_commands.parsing import MOMENT, DomainParam
from cli_commands.runtime import runtime
from domain.convention_kind import parse_convention_ref
from domain.convention_queries import clause_id_of


def _json_on(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.find_root().obj.as_json = True


class ConventionCommand(GuardedCommand):
    """A command that also takes `--json` after its name (gongzhi convention show X --json)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(click.Option(["--json"], is_flag=True, expose_value=False,
                                        is_eager=True, callback=_json_on,
                                        help="Machine-readable JSON output."))


class ConventionGroup(GuardedGroup):
    """Its help is localized as every group's is (help_lang, catalogue help_zh_convention)."""

    command_class = ConventionCommand


@click.group(cls=ConventionGroup)
def convention() -> None:
    """Building conventions (楼栋共治公约): clauses, signatures, checks, breaches.

    \b
    Example:
      gongzhi convention draft --case C2026-000001
      gongzhi convention clause GY2026-1 --party 商户:老王家常菜馆 --duty "22:00后不在户外营业" \\
          --window 22:00-07:00 --check "网格员夜间巡查" --every 每周
      gongzhi convention sign GY2026-1 老王家常菜馆 --signatory 王福生 --method 盖章
      gongzhi convention adopt GY2026-1 && gongzhi convention publish GY2026-1 --where "5栋公告栏"
      gongzhi convention breach GY2026-1 c1 --evidence "23:10门前仍有4桌"
      gongzhi convention status --community 双塔社区
    """


class ConventionRefType(DomainParam):
    name = "CONV"

    def parse(self, value: str) -> str:
        return parse_convention_ref(value)


class ClauseType(DomainParam):
    name = "CLAUSE"

    def parse(self, value: str) -> str:
        return clause_id_of(value)


CONV_REF = ConventionRefType()
CLAUSE = ClauseType()


def at_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--at", type=MOMENT, metavar="TIME",
                        help="When it happened, e.g. '2026-10-08 21:30'. Default: now.")(func)


def write(ref: str, at: datetime | None, command: Callable[..., Any], **arguments: Any) -> Any:
    """Run a named use case (adapters.convention_use_cases) on a convention and report it."""
    rt = runtime()
    actor = rt.require_actor()
    recorded = rt.app().record(ref, actor, lambda c, s: command(c, s, **arguments), at)
    report(recorded)
    return recorded


def report(recorded: Any, extra: dict[str, Any] | None = None) -> None:
    rt = runtime()
    aggregate, result = recorded.aggregate, recorded.result
    document: dict[str, Any] = {"ref": aggregate.id, "version": aggregate.version,
                                "status": aggregate.status, "events": recorded.event_types}
    if isinstance(result, str):
        document["id"] = result
    document.update(extra or {})
    names = rt.say("、", ", ").join(event_name(t, rt.lang) for t in recorded.event_topics)
    suffix = f" {result}" if isinstance(result, str) else ""
    more = "".join(f" {v}" for v in (extra or {}).values())
    rt.emit(document, rt.say(f"{aggregate.id} v{aggregate.version} 已记录：{names}{suffix}{more}",
                             f"{aggregate.id} v{aggregate.version} recorded: {names}{suffix}{more}"))


class LazyUseCases:
    """adapters.convention_use_cases, imported when a command first uses it: it loads every
    aggregate (about a third of `convention status`'s time), which reads do not need."""

    def __getattr__(self, name: str) -> Any:
        from adapters import convention_use_cases

        return getattr(convention_use_cases, name)


lazy_use_cases = LazyUseCases()


from cli_commands import (  # noqa: E402, F401  (each module adds its commands to the group)
    convention_compliance,
    convention_drafting,
    convention_reading,
)
