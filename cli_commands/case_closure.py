"""case commit, fulfil, breach, agree, fail, close, reopen, note."""

from __future__ import annotations

from datetime import date, datetime

import click

from adapters import case_use_cases as use
from cli_commands.case_writes import at_option, command, write
from cli_commands.parsing import CASE_REF, DUE, DaysLater, TermType
from cli_commands.runtime import runtime
from domain.vocabulary import Outcome, Satisfaction


@command("commit")
@click.argument("ref", type=CASE_REF)
@click.option("--party", required=True,
              help="Who promises: a party (c1, r1, name) or a referred department.")
@click.option("--duty", required=True, help="What is promised.")
@click.option("--due", type=DUE, required=True,
              help="By when: a date (2026-11-08), or +N: N days after the day the commitment "
              "is made (the step's --at date; today without --at).")
@at_option
def commit(ref: str, party: str, duty: str, due: date | DaysLater, at: datetime | None) -> None:
    """Record a commitment; prints its id (K1, K2 ...).

    \b
    Example:
      gongzhi case commit C2026-000001 --party r1 --duty "安装油烟净化器" --due +30
      gongzhi case commit C2026-000001 --party 老王饭店 --duty "22:00后不在户外营业" --due 2026-12-31
    """
    write(ref, at, use.commit, party=party, duty=duty,
          due=due.from_ if isinstance(due, DaysLater) else due)


def _settlement_command(name: str, fulfilled: bool, summary: str, example: str) -> click.Command:
    """`fulfil` and `breach`: the same arguments, one outcome each."""

    def settle(ref: str, commitment: str, note: str | None, at: datetime | None) -> None:
        write(ref, at, use.fulfil if fulfilled else use.breach, commitment=commitment, note=note)

    settle.__doc__ = f"{summary}\n\n    \b\n    Example:\n      {example}\n    "
    settle = at_option(click.option("--note", help="Evidence or remarks.")(settle))
    settle = click.argument("ref", type=CASE_REF)(click.argument("commitment")(settle))
    made: click.Command = command(name)(settle)
    return made


fulfil = _settlement_command("fulfil", True, "Record that a commitment was kept.",
                             'gongzhi case fulfil C2026-000001 K1 --note "已安装，验收合格"')
breach = _settlement_command("breach", False, "Record that a commitment was broken.",
                             'gongzhi case breach C2026-000001 K2 --note "11月3日23:10仍在户外营业"')


@command("agree")
@click.argument("ref", type=CASE_REF)
@click.argument("terms", required=False)
@click.option("--from", "from_proposal", metavar="PROPOSAL",
              help="Agree on the terms of this proposal (e.g. P2), once every party it was "
              "put to has accepted it.")
@at_option
def agree(ref: str, terms: str | None, from_proposal: str | None, at: datetime | None) -> None:
    """Record that the parties reached agreement: its terms, or --from an accepted proposal.

    \b
    Example:
      gongzhi case agree C2026-000001 --from P3
      gongzhi case agree C2026-000001 "22:00后停止户外营业；30日内安装油烟净化器"
    """
    if (terms is None) == (from_proposal is None):
        rt = runtime()
        raise click.UsageError(rt.say("请给出协议条款，或用 --from 指定已获接受的方案（二者选一）",
                                      "give the agreed terms, or --from an accepted proposal "
                                      "(one of the two)"))
    write(ref, at, use.agree, terms=terms, from_proposal=from_proposal)


@command("fail")
@click.argument("ref", type=CASE_REF)
@click.option("--reason", required=True, help="Why mediation did not succeed.")
@at_option
def fail(ref: str, reason: str, at: datetime | None) -> None:
    """Record that mediation failed.

    \b
    Example:
      gongzhi case fail C2026-000001 --reason "双方分歧较大，建议诉讼"
    """
    write(ref, at, use.fail, reason=reason)


@command("close")
@click.argument("ref", type=CASE_REF)
@click.option("--outcome", type=TermType(Outcome), required=True,
              help="resolved/调解成功 (needs agreement), unresolved/调解未成 (needs fail), "
              "withdrawn/撤回, transferred/移交处理.")
@click.option("--satisfaction", type=TermType(Satisfaction), required=True,
              help="Follow-up visit (回访): satisfied/满意, basically satisfied/基本满意, "
              "dissatisfied/不满意, unreachable/无法回访.")
@click.option("--follow-up", "follow_up", help="Notes of the follow-up visit.")
@at_option
def close(ref: str, outcome: Outcome, satisfaction: Satisfaction, follow_up: str | None,
          at: datetime | None) -> None:
    """Close the case with an outcome and the follow-up satisfaction.

    Open commitments must be fulfilled or breached first.

    \b
    Example:
      gongzhi case close C2026-000001 --outcome 调解成功 --satisfaction 满意 --follow-up "回访无噪音"
    """
    write(ref, at, use.close, outcome=outcome, satisfaction=satisfaction, follow_up=follow_up)


@command("reopen")
@click.argument("ref", type=CASE_REF)
@click.option("--reason", required=True, help="Why the case is reopened.")
@at_option
def reopen(ref: str, reason: str, at: datetime | None) -> None:
    """Reopen a closed case.

    \b
    Example:
      gongzhi case reopen C2026-000001 --reason "居民再次反映23点后噪音"
    """
    write(ref, at, use.reopen, reason=reason)


@command("note")
@click.argument("ref", type=CASE_REF)
@click.argument("text")
@at_option
def note(ref: str, text: str, at: datetime | None) -> None:
    """Add a free note (allowed at any stage, closed cases included).

    \b
    Example:
      gongzhi case note C2026-000001 "已电话联系投诉人，约定周四上门"
    """
    write(ref, at, use.add_note, text=text)
