"""case statement, propose, accept, reject: hearing both sides and negotiating."""

from __future__ import annotations

from datetime import datetime

import click

from adapters import case_use_cases as use
from cli_commands.case_writes import at_option, command, write
from cli_commands.parsing import CASE_REF, TermType
from domain.vocabulary import StatementKind


@command("statement")
@click.argument("ref", type=CASE_REF)
@click.argument("text")
@click.option("--party", required=True, help="Who said it: c1, r1 ... or the party's name.")
@click.option("--kind", type=TermType(StatementKind), default="statement", show_default=True,
              help="statement/陈述 or demand/诉求.")
@at_option
def statement(ref: str, text: str, party: str, kind: StatementKind, at: datetime | None) -> None:
    """Record what a party said, or what it demands.

    \b
    Example:
      gongzhi case statement C2026-000001 --party c1 --kind 诉求 "22点后保持安静，安装油烟净化器"
      gongzhi case statement C2026-000001 --party 老王饭店 "晚市是主要收入，希望继续营业"
    """
    write(ref, at, use.record_statement, party=party, kind=kind, text=text)


@command("propose")
@click.argument("ref", type=CASE_REF)
@click.argument("terms")
@click.option("--by", "by", required=True, help="'mediator' (调解员) or a party: c1, r1 or name.")
@click.option("--answers", metavar="PROPOSAL",
              help="Make this a counter-proposal to the given proposal (e.g. P1).")
@at_option
def propose(ref: str, terms: str, by: str, answers: str | None, at: datetime | None) -> None:
    """Make a proposal, or a counter-proposal with --answers; prints its id (P1, P2 ...).

    \b
    Example:
      gongzhi case propose C2026-000001 --by mediator "22:00后停止户外营业，30天内安装净化器"
      gongzhi case propose C2026-000001 --by r1 --answers P1 "22:30后停止户外营业"
    """
    write(ref, at, use.propose, by=by, terms=terms, answers=answers)


@command("accept")
@click.argument("ref", type=CASE_REF)
@click.argument("proposal")
@click.option("--party", required=True, help="The party accepting: c1, r1 ... or its name.")
@at_option
def accept(ref: str, proposal: str, party: str, at: datetime | None) -> None:
    """A party accepts a proposal (only parties to the case can).

    \b
    Example:
      gongzhi case accept C2026-000001 P2 --party c1
    """
    write(ref, at, use.accept, proposal=proposal, party=party)


@command("reject")
@click.argument("ref", type=CASE_REF)
@click.argument("proposal")
@click.option("--party", required=True, help="The party rejecting: c1, r1 ... or its name.")
@click.option("--reason", required=True, help="Why it was rejected.")
@at_option
def reject(ref: str, proposal: str, party: str, reason: str, at: datetime | None) -> None:
    """A party rejects a proposal, with its reason.

    \b
    Example:
      gongzhi case reject C2026-000001 P1 --party r1 --reason "晚市收入占七成"
    """
    write(ref, at, use.reject, proposal=proposal, party=party, reason=reason)
