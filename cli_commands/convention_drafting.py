"""convention draft, clause, amend-clause, withdraw-clause, sign, decline, adopt, publish, amend."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

import click

from cli_commands.convention_group import CLAUSE, CONV_REF, at_option, convention, report, write
from cli_commands.parsing import CASE_REF, DAY, WINDOW, DomainParam, TermType
from cli_commands.runtime import runtime
from domain.convention_vocabulary import BoundKind, Frequency, SignMethod
from domain.errors import DomainError
from domain.terms import parse_term
from domain.values import TimeWindow

if TYPE_CHECKING:
    from adapters import convention_use_cases as use
else:  # imported on first use (reads of the group do not pay for it)
    from cli_commands.convention_group import lazy_use_cases as use


class BoundPartyType(DomainParam):
    """KIND:NAME (商户:老王家常菜馆, 居民:5栋全体居民, 物业:XX物业) or a plain NAME (other)."""

    name = "KIND:NAME"

    def parse(self, value: str) -> tuple[BoundKind, str]:
        parts = re.split(r"[:：]", value, maxsplit=1)
        if len(parts) == 2:
            try:
                return parse_term(BoundKind, parts[0]), parts[1]
            except DomainError:
                pass
        return BoundKind.OTHER, value


BOUND = BoundPartyType()
PARTY_HELP = ("Who is bound: KIND:NAME with KIND business/商户, shops/全体底商, residents/居民, "
              "property/物业 or other/其他 (e.g. 商户:老王家常菜馆); a plain name is 'other'.")


F = TypeVar("F", bound=Callable[..., Any])


def clause_options(required: bool) -> Callable[[F], F]:
    def add(func: F) -> F:
        for option in reversed([
            click.option("--party", type=BOUND, required=required, help=PARTY_HELP),
            click.option("--duty", required=required, help="What the party must do or not do."),
            click.option("--window", type=WINDOW, help="Daily hours it applies, e.g. 22:00-07:00."),
            click.option("--deadline", type=DAY, help="By when, e.g. 2026-11-20."),
            click.option("--check", "check_method", help="How compliance is checked."),
            click.option("--every", "frequency", type=TermType(Frequency),
                         help="How often: daily/每日, weekly/每周, monthly/每月, quarterly/每季度, "
                         "once/一次."),
        ]):
            func = option(func)
        return func
    return add


@convention.command("draft")
@click.option("--case", "cases", type=CASE_REF, multiple=True,
              help="Repeatable: the case(s) the convention comes from; the first gives the place.")
@click.option("--community", help="Community (社区); default: the first case's.")
@click.option("--grid", help="Grid (网格); default: the first case's.")
@click.option("--building", help="Building (楼栋); default: the first case's.")
@click.option("--title", help="Default: the building's convention (e.g. 5栋共治公约).")
@at_option
def draft(cases: tuple[str, ...], community: str | None, grid: str | None, building: str | None,
          title: str | None, at: datetime | None) -> None:
    """Draft a building's convention; prints its reference (GY<year>-<number>).

    \b
    Example:
      gongzhi convention draft --case C2026-000001
      gongzhi convention draft --community 双塔社区 --grid 第三网格 --building 7栋
    """
    rt = runtime()
    if not cases and not (community and grid and building):
        raise click.UsageError(rt.say("请给出 --case，或同时给出 --community、--grid、--building",
                                      "give --case, or all of --community, --grid and --building"))
    report(use.draft(rt.app(), rt.stamp(at), source_cases=list(cases), community=community,
                     grid=grid, building=building, title=title))


@convention.command("clause")
@click.argument("ref", type=CONV_REF)
@clause_options(required=True)
@at_option
def clause(ref: str, party: tuple[BoundKind, str], duty: str, window: TimeWindow | None,
           deadline: date | None, check_method: str | None, frequency: Frequency | None,
           at: datetime | None) -> None:
    """Propose a clause in the draft; prints its id (c1, c2 ...).

    \b
    Example:
      gongzhi convention clause GY2026-1 --party 商户:老王家常菜馆 --duty "22:00后不在户外营业、不喧哗" \\
          --window 22:00-07:00 --check "网格员夜间巡查" --every 每周
      gongzhi convention clause GY2026-1 --party 物业:安居物业 --duty "检查排烟管道" --every 每月
    """
    write(ref, at, use.propose_clause, party_kind=party[0], party=party[1], duty=duty,
          window=window, deadline=deadline, check_method=check_method, frequency=frequency)


@convention.command("amend-clause")
@click.argument("ref", type=CONV_REF)
@click.argument("clause_id", metavar="CLAUSE", type=CLAUSE)
@clause_options(required=False)
@at_option
def amend_clause(ref: str, clause_id: str, party: tuple[BoundKind, str] | None, duty: str | None,
                 window: TimeWindow | None, deadline: date | None, check_method: str | None,
                 frequency: Frequency | None, at: datetime | None) -> None:
    """Change a clause of the draft (only the fields given). Voids signatures already given.

    \b
    Example:
      gongzhi convention amend-clause GY2026-1 c2 --deadline 2026-11-20
    """
    write(ref, at, use.amend_clause, clause=clause_id,
          party_kind=party[0] if party else None, party=party[1] if party else None, duty=duty,
          window=window, deadline=deadline, check_method=check_method, frequency=frequency)


@convention.command("withdraw-clause")
@click.argument("ref", type=CONV_REF)
@click.argument("clause_id", metavar="CLAUSE", type=CLAUSE)
@click.option("--reason", required=True, help="Why the clause is dropped.")
@at_option
def withdraw_clause(ref: str, clause_id: str, reason: str, at: datetime | None) -> None:
    """Withdraw a clause from the draft. Voids signatures already given.

    \b
    Example:
      gongzhi convention withdraw-clause GY2026-1 c4 --reason "并入第1条"
    """
    write(ref, at, use.withdraw_clause, clause=clause_id, reason=reason)


@convention.command("sign")
@click.argument("ref", type=CONV_REF)
@click.argument("party")
@click.option("--signatory", required=True, help="Who signs for the party (personal data).")
@click.option("--method", type=TermType(SignMethod), default="signature", show_default=True,
              help="signature/签字, seal/盖章 or thumbprint/按手印.")
@at_option
def sign(ref: str, party: str, signatory: str, method: SignMethod, at: datetime | None) -> None:
    """Record that a bound party signed the draft.

    \b
    Example:
      gongzhi convention sign GY2026-1 老王家常菜馆 --signatory 王福生 --method 盖章
    """
    write(ref, at, use.sign, party=party, signatory=signatory, method=method)


@convention.command("decline")
@click.argument("ref", type=CONV_REF)
@click.argument("party")
@click.option("--signatory", required=True, help="Who declined for the party (personal data).")
@click.option("--reason", required=True, help="Why they will not sign.")
@at_option
def decline(ref: str, party: str, signatory: str, reason: str, at: datetime | None) -> None:
    """Record that a bound party declined to sign, with the reason.

    \b
    Example:
      gongzhi convention decline GY2026-1 老王家常菜馆 --signatory 王福生 --reason "22点太早"
    """
    write(ref, at, use.decline, party=party, signatory=signatory, reason=reason)


@convention.command("adopt")
@click.argument("ref", type=CONV_REF)
@click.option("--override-reason", help="Adopt although a bound party has not signed, and why.")
@at_option
def adopt(ref: str, override_reason: str | None, at: datetime | None) -> None:
    """Adopt the draft: every bound party must have signed, unless overridden with a reason.

    \b
    Example:
      gongzhi convention adopt GY2026-1
      gongzhi convention adopt GY2026-1 --override-reason "居民代表大会表决通过"
    """
    write(ref, at, use.adopt, override_reason=override_reason)


@convention.command("publish")
@click.argument("ref", type=CONV_REF)
@click.option("--where", required=True, help="Where it is posted (公示地点).")
@click.option("--from", "from_day", type=DAY, help="Posted from this day (default: the day of --at).")
@at_option
def publish(ref: str, where: str, from_day: date | None, at: datetime | None) -> None:
    """Publish (公示) the adopted version.

    \b
    Example:
      gongzhi convention publish GY2026-1 --where "5栋一楼公告栏" --from 2026-10-25
    """
    write(ref, at, use.publish, where=where, from_day=from_day)


@convention.command("amend")
@click.argument("ref", type=CONV_REF)
@click.option("--reason", required=True, help="Why a new version is needed.")
@at_option
def amend(ref: str, reason: str, at: datetime | None) -> None:
    """Start a new version of an adopted convention (the old one stays in force until adopted).

    \b
    Example:
      gongzhi convention amend GY2026-1 --reason "增加电动车充电条款"
    """
    write(ref, at, use.amend, reason=reason)
