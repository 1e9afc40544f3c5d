"""At and after the meeting: hold, resolve, action-done, action-missed, and the minutes."""

from __future__ import annotations

from datetime import datetime

import click

from adapters import meeting_use_cases as uc
from cli_commands.meeting_group import at_option, meeting, write, write_with_cases
from cli_commands.meeting_parsing import ACTION, BODY, MEETING_REF, PRESENT, attendance
from domain.meeting_records import ActionSpec

BY = click.option("--by", "by", type=BODY, required=True, help="The attending body doing it.")


@meeting.command("hold")
@click.argument("ref", type=MEETING_REF)
@click.option("--present", "present", type=PRESENT, multiple=True, required=True,
              help="BODY=NAME[,NAME] for a body that came (repeat); others are absent.")
@at_option
def hold(ref: str, present: tuple[tuple[str, str], ...], at: datetime | None) -> None:
    """Record that the meeting took place and who attended for each body.

    \b
    Example:
      gongzhi meeting hold JM2026-1 --present 社区=刘书记 --present 派出所=赵磊 \\
          --present 居民代表=张秀英,陈桂兰 --at "2026-10-19 14:30"
    """
    write(ref, at, uc.hold, present=attendance(present))


@meeting.command("resolve")
@click.argument("ref", type=MEETING_REF)
@click.argument("item")
@click.option("--resolution", required=True, help="What the meeting decided on the item.")
@click.option("--action", "actions", type=ACTION, multiple=True,
              help="OWNER:DUE:TASK (owner: an invited body or a party key such as r1; repeat).")
@at_option
def resolve(ref: str, item: str, resolution: str, actions: tuple[ActionSpec, ...],
            at: datetime | None) -> None:
    """Record the resolution on an item and its action items; prints their ids (A1, ...).

    \b
    Example:
      gongzhi meeting resolve JM2026-1 I1 --resolution 22点后禁止户外营业，联合夜查 \\
          --action 派出所:2026-10-25:组织一次夜间联合检查 --action r1:2026-11-20:安装油烟净化器
    """
    write_with_cases(ref, at, uc.resolve, item_id=item, resolution=resolution, actions=actions)


@meeting.command("action-done")
@click.argument("ref", type=MEETING_REF)
@click.argument("action")
@click.option("--evidence", help="The step of the case that shows it: S2 (spot check), "
              "K1 (fulfilled commitment) or a department (its response).")
@click.option("--note", help="What was done (needed without --evidence).")
@at_option
def action_done(ref: str, action: str, evidence: str | None, note: str | None,
                at: datetime | None) -> None:
    """Record an action item as done, with the case's later step as evidence.

    \b
    Example:
      gongzhi meeting action-done JM2026-1 A1 --evidence S1
      gongzhi meeting action-done JM2026-1 A3 --note 已张贴告示
    """
    write_with_cases(ref, at, uc.action_done, action_id=action, evidence=evidence, note=note)


@meeting.command("action-missed")
@click.argument("ref", type=MEETING_REF)
@click.argument("action")
@click.option("--reason", required=True, help="Why it was not done.")
@at_option
def action_missed(ref: str, action: str, reason: str, at: datetime | None) -> None:
    """Record an action item as missed.

    \b
    Example:
      gongzhi meeting action-missed JM2026-1 A2 --reason 净化器未按期到货
    """
    write(ref, at, uc.action_missed, action_id=action, reason=reason)


@meeting.command("minutes")
@click.argument("ref", type=MEETING_REF)
@click.argument("text")
@BY
@at_option
def minutes(ref: str, text: str, by: str, at: datetime | None) -> None:
    """Draft the minutes (纪要) of a held meeting.

    \b
    Example:
      gongzhi meeting minutes JM2026-1 --by 社区 "会议议定：一、22点后禁止户外营业……"
    """
    write(ref, at, uc.draft_minutes, by=by, text=text)


@meeting.command("amend-minutes")
@click.argument("ref", type=MEETING_REF)
@click.argument("text")
@BY
@click.option("--note", help="What the amendment changes.")
@click.option("--correction", is_flag=True,
              help="The minutes are frozen: record TEXT as a correction linked to them.")
@at_option
def amend_minutes(ref: str, text: str, by: str, note: str | None, correction: bool,
                  at: datetime | None) -> None:
    """Amend the minutes (a new version; earlier approvals lapse), or correct frozen ones.

    \b
    Example:
      gongzhi meeting amend-minutes JM2026-1 --by 派出所 --note 补充巡查时段 "……"
      gongzhi meeting amend-minutes JM2026-1 --by 社区 --correction "第二条期限应为11月20日"
    """
    write(ref, at, uc.amend_minutes, by=by, text=text, note=note, correction=correction)


@meeting.command("approve-minutes")
@click.argument("ref", type=MEETING_REF)
@BY
@at_option
def approve_minutes(ref: str, by: str, at: datetime | None) -> None:
    """An attending body approves the minutes; once every one has, they are frozen.

    \b
    Example:
      gongzhi meeting approve-minutes JM2026-1 --by 市场监管局
    """
    write(ref, at, uc.approve_minutes, by=by)
