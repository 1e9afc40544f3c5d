"""Before the meeting: convene, invite, withdraw-body, add, withdraw, reorder, reschedule, cancel."""

from __future__ import annotations

from datetime import datetime

import click

from adapters import meeting_use_cases as uc
from cli_commands.meeting_group import at_option, meeting, report, write, write_with_cases
from cli_commands.meeting_parsing import ASK, BODY, MEETING_REF, questions
from cli_commands.parsing import CASE_REF, MOMENT, TermType
from cli_commands.runtime import runtime
from domain.vocabulary import Level

REASON = click.option("--reason", required=True, help="Why (recorded with the step).")


@meeting.command("convene")
@click.option("--title", required=True, help="The meeting's title.")
@click.option("--by", "convened_by", type=BODY, required=True,
              help="The convening body, e.g. community/社区 or sub-district/街道.")
@click.option("--level", type=TermType(Level), required=True, help="community or subdistrict.")
@click.option("--scheduled", type=MOMENT, required=True, help="When it will be held.")
@click.option("--venue", required=True, help="Where it will be held.")
@click.option("--chair", required=True, help="Who chairs it (a name: personal data).")
@click.option("--community", help="The community it is about (for list and pool filters).")
@click.option("--invite", "bodies", type=BODY, multiple=True, help="A body to invite (repeat).")
@at_option
def convene(title: str, convened_by: str, level: Level, scheduled: datetime, venue: str,
            chair: str, community: str | None, bodies: tuple[str, ...],
            at: datetime | None) -> None:
    """Convene a joint meeting; prints its reference (JM<year>-<number>).

    \b
    Example:
      gongzhi meeting convene --title 老王家常菜馆噪音油烟联席会议 --by 社区 \\
          --level community --scheduled "2026-10-19 14:30" --venue 双塔社区会议室 \\
          --chair 刘书记 --community 双塔社区 --invite 市场监管局 --invite 派出所
    """
    rt = runtime()
    recorded = uc.convene(rt.app(), rt.stamp(at), title=title, convened_by=convened_by,
                          level=level, scheduled_at=scheduled, venue=venue, chair=chair,
                          community=community, invite=bodies)
    report(recorded)


@meeting.command("invite")
@click.argument("ref", type=MEETING_REF)
@click.argument("bodies", type=BODY, nargs=-1, required=True)
@at_option
def invite(ref: str, bodies: tuple[str, ...], at: datetime | None) -> None:
    """Invite one or more bodies (departments or representatives).

    \b
    Example:
      gongzhi meeting invite JM2026-1 生态环境局 党员代表 商户代表
    """
    write(ref, at, uc.invite, bodies=bodies)


@meeting.command("withdraw-body")
@click.argument("ref", type=MEETING_REF)
@click.argument("body", type=BODY)
@REASON
@at_option
def withdraw_body(ref: str, body: str, reason: str, at: datetime | None) -> None:
    """Withdraw a body's invitation (the questions put to it go with it).

    \b
    Example:
      gongzhi meeting withdraw-body JM2026-1 消防 --reason 与本案无关
    """
    write(ref, at, uc.withdraw_body, body=body, reason=reason)


@meeting.command("add")
@click.argument("ref", type=MEETING_REF)
@click.argument("case_ref", metavar="CASE", type=CASE_REF)
@click.option("--ask", "asks", type=ASK, multiple=True, required=True,
              help="BODY=QUESTION for an invited body (repeat).")
@at_option
def add(ref: str, case_ref: str, asks: tuple[tuple[str, str], ...], at: datetime | None) -> None:
    """Put a case on the agenda with a question for each body asked; prints the item (I1).

    The case must exist and not be closed.

    \b
    Example:
      gongzhi meeting add JM2026-1 C2026-000001 --ask 市场监管局=门前摆桌是否属占道经营？ \\
          --ask 派出所=能否安排22点后巡查？
    """
    write_with_cases(ref, at, uc.add_item, case_ref=case_ref, questions=questions(asks))


@meeting.command("withdraw")
@click.argument("ref", type=MEETING_REF)
@click.argument("item")
@REASON
@at_option
def withdraw(ref: str, item: str, reason: str, at: datetime | None) -> None:
    """Take an item off the agenda (its case goes back to the pool).

    \b
    Example:
      gongzhi meeting withdraw JM2026-1 I2 --reason 双方已自行和解
    """
    write(ref, at, uc.withdraw_item, item_id=item, reason=reason)


@meeting.command("reorder")
@click.argument("ref", type=MEETING_REF)
@click.argument("items", nargs=-1, required=True)
@at_option
def reorder(ref: str, items: tuple[str, ...], at: datetime | None) -> None:
    """Move the named items to the front, in the order given; the rest keep their order.

    \b
    Example:
      gongzhi meeting reorder JM2026-1 I3 I1
    """
    write(ref, at, uc.reorder, first=items)


@meeting.command("reschedule")
@click.argument("ref", type=MEETING_REF)
@click.option("--to", "to", type=MOMENT, required=True, help="The new time.")
@click.option("--venue", help="A new venue (default: unchanged).")
@REASON
@at_option
def reschedule(ref: str, to: datetime, venue: str | None, reason: str,
               at: datetime | None) -> None:
    """Move the meeting to another time (and place).

    \b
    Example:
      gongzhi meeting reschedule JM2026-1 --to "2026-10-20 09:30" --reason 环保局当天有检查
    """
    write(ref, at, uc.reschedule, scheduled_at=to, venue=venue, reason=reason)


@meeting.command("cancel")
@click.argument("ref", type=MEETING_REF)
@REASON
@at_option
def cancel(ref: str, reason: str, at: datetime | None) -> None:
    """Cancel a meeting that has not been held (its cases go back to the pool).

    \b
    Example:
      gongzhi meeting cancel JM2026-1 --reason 案件已由街道统一协调
    """
    write(ref, at, uc.cancel, reason=reason)
