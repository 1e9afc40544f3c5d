"""convention check, breach, remedy, suspend, repeal."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import click

from cli_commands.convention_group import CLAUSE, CONV_REF, at_option, convention, report, write
from cli_commands.parsing import CASE_REF, PARTY, TermType
from cli_commands.runtime import runtime
from domain.convention_vocabulary import CheckResult
from domain.values import PartySpec
from domain.vocabulary import Category

if TYPE_CHECKING:
    from adapters import convention_use_cases as use
else:  # imported on first use (reads of the group do not pay for it)
    from cli_commands.convention_group import lazy_use_cases as use


@convention.command("check")
@click.argument("ref", type=CONV_REF)
@click.argument("clause_id", metavar="CLAUSE", type=CLAUSE)
@click.option("--result", type=TermType(CheckResult), required=True,
              help="complied/遵守 or breached/违反 (a breach that should open a case: "
              "use `convention breach`).")
@click.option("--evidence", required=True, help="What was seen, measured or shown.")
@click.option("--by", "checker", help="Who checked (default: --actor).")
@at_option
def check(ref: str, clause_id: str, result: CheckResult, evidence: str, checker: str | None,
          at: datetime | None) -> None:
    """Record a compliance check of a clause in force; --at is when it was checked.

    \b
    Example:
      gongzhi convention check GY2026-1 c1 --result 遵守 --evidence "22:30巡查，门前无桌椅" \\
          --at "2026-11-05 22:30"
    """
    rt = runtime()
    write(ref, at, use.check, clause=clause_id, result=result, checked_at=at,
          checker=checker or rt.require_actor(), evidence=evidence)


@convention.command("breach")
@click.argument("ref", type=CONV_REF)
@click.argument("clause_id", metavar="CLAUSE", type=CLAUSE)
@click.option("--evidence", required=True, help="What was seen, measured or shown.")
@click.option("--by", "checker", help="Who found the breach (default: --actor).")
@click.option("--reopen", type=CASE_REF,
              help="Reopen this case the convention came from instead of opening a new one.")
@click.option("--category", "categories", type=TermType(Category), multiple=True,
              help="The new case's category (repeatable; default: other/其他).")
@click.option("--complainant", "complainants", type=PARTY, multiple=True,
              help="The new case's complainant (repeatable; default: whoever found it).")
@click.option("--summary", help="The new case's summary, or the reopening's reason.")
@at_option
def breach(ref: str, clause_id: str, evidence: str, checker: str | None, reopen: str | None,
           categories: tuple[Category, ...], complainants: tuple[PartySpec, ...],
           summary: str | None, at: datetime | None) -> None:
    """Record a breach and, in the same transaction, open a case against the bound party.

    The new case records the clause it enforces (GY2026-000001/c1); the
    convention's board shows the case. With --reopen the originating case is
    reopened instead. Either both are recorded or neither.

    \b
    Example:
      gongzhi convention breach GY2026-1 c1 --evidence "23:10门前仍有4桌，噪声61分贝" --category 噪音
      gongzhi convention breach GY2026-1 c1 --evidence "..." --reopen C2026-000001
    """
    rt = runtime()
    stamp = rt.stamp(at)
    who = checker or stamp.actor
    clause_ref = f"{ref}/{clause_id}"
    recorded = use.breach(
        rt.app(), stamp, ref, clause=clause_id, checker=who, evidence=evidence,
        summary=summary or rt.say(f"违反公约条款 {clause_ref}：{evidence}",
                                  f"breach of convention clause {clause_ref}: {evidence}"),
        reopen=reopen, categories=list(categories) or [Category.OTHER],
        complainants=list(complainants), checked_at=at)
    check_ = recorded.aggregate.checks[recorded.result]
    report(recorded, {"case": check_.case_ref})


@convention.command("remedy")
@click.argument("ref", type=CONV_REF)
@click.argument("check_id", metavar="CHECK")
@click.option("--note", required=True, help="What was done to put it right.")
@at_option
def remedy(ref: str, check_id: str, note: str, at: datetime | None) -> None:
    """Record that a breach (CK2, ...) was remedied.

    \b
    Example:
      gongzhi convention remedy GY2026-1 CK2 --note "已收回门前桌椅，复查合格"
    """
    write(ref, at, use.remedy, check_id=check_id, note=note)


@convention.command("suspend")
@click.argument("ref", type=CONV_REF)
@click.option("--reason", required=True, help="Why the convention is suspended.")
@at_option
def suspend(ref: str, reason: str, at: datetime | None) -> None:
    """Suspend a convention in force (a new version's adoption puts it back in force).

    \b
    Example:
      gongzhi convention suspend GY2026-1 --reason "商铺装修停业三个月"
    """
    write(ref, at, use.suspend, reason=reason)


@convention.command("repeal")
@click.argument("ref", type=CONV_REF)
@click.option("--reason", required=True, help="Why the convention is repealed.")
@at_option
def repeal(ref: str, reason: str, at: datetime | None) -> None:
    """Repeal a convention for good.

    \b
    Example:
      gongzhi convention repeal GY2026-1 --reason "餐馆已迁出"
    """
    write(ref, at, use.repeal, reason=reason)
