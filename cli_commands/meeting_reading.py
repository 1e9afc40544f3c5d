"""meeting show, list, pool, agenda."""

from __future__ import annotations

from datetime import date

import click

from cli_commands.event_text import when
from cli_commands.meeting_group import meeting
from cli_commands.meeting_parsing import BODY, MEETING_REF
from cli_commands.parsing import DAY, TermType
from cli_commands.runtime import runtime
from cli_commands.text_table import render_table
from domain.meeting_vocabulary import MeetingStatus, body_label
from domain.vocabulary import Level, label

ON = click.option("--on", "on_day", type=DAY, help="Judge 'overdue' on this date (default: today).")


@meeting.command("show")
@click.argument("ref", type=MEETING_REF)
@click.option("--version", type=click.IntRange(min=1), help="Show it as it was at version N.")
@ON
def show(ref: str, version: int | None, on_day: date | None) -> None:
    """Show a meeting: bodies and attendance, agenda, resolutions, action items, minutes.

    \b
    Example:
      gongzhi meeting show JM2026-1
      gongzhi --json meeting show JM2026-000001 --version 3
    """
    from adapters.meeting_view import meeting_document
    from cli_commands.meeting_text import render_meeting

    rt = runtime()
    found = rt.app(read_only=True).get(ref, version)
    if version is not None and found.version < version:
        raise click.BadParameter(rt.say(f"{ref} 只有 {found.version} 个版本",
                                        f"{ref} has only {found.version} versions"),
                                 param_hint="'--version'")
    document = meeting_document(found, on_day or rt.today())
    rt.emit(document, render_meeting(document, rt.lang))


@meeting.command("list")
@click.option("--status", type=TermType(MeetingStatus), help="scheduled, held or cancelled.")
@click.option("--community", help="Only meetings about this community.")
def list_meetings(status: MeetingStatus | None, community: str | None) -> None:
    """List meetings from the `meetings` read model.

    \b
    Example:
      gongzhi meeting list --status scheduled
      gongzhi --json meeting list --community 双塔社区
    """
    from adapters.meeting_read_models import meetings
    from adapters.readmodels import open_read_models

    rt = runtime()
    with open_read_models(rt.app(read_only=True), rt.read_config) as models:
        rows = meetings(models, status.value if status else None, community)
    headers = (["编号", "状态", "层级", "时间", "地点", "议题", "单位", "名称"] if rt.lang == "zh"
               else ["Ref", "Status", "Level", "When", "Venue", "Items", "Bodies", "Title"])
    table = [[r["ref"], label(MeetingStatus, r["status"], rt.lang),
              label(Level, r["level"], rt.lang), when(r["scheduled_at"]), r["venue"],
              r["items"], r["bodies"], r["title"]] for r in rows]
    rt.emit(rows, render_table(headers, table) + "\n" +
            rt.say(f"共 {len(rows)} 次会议", f"{len(rows)} meeting(s)"))


@meeting.command("pool")
@click.option("--community", help="Only cases of this community.")
@ON
def pool(community: str | None, on_day: date | None) -> None:
    """Cases waiting for a joint meeting, most pressing first.

    A case waits when it is open, on no meeting, and was referred to two or
    more departments, or escalated to community/sub-district level with a
    referral. Order: more overdue commitments, more complainants, more failed
    attempts (rejected proposals, failed spot checks), older, then reference.

    \b
    Example:
      gongzhi meeting pool --community 双塔社区
      gongzhi --json meeting pool --on 2026-11-01
    """
    from adapters.meeting_read_models import pool as pool_of
    from adapters.readmodels import open_read_models

    rt = runtime()
    with open_read_models(rt.app(read_only=True), rt.read_config) as models:
        entries = pool_of(models, on_day or rt.today(), community)
    sep = rt.say("、", ", ")
    headers = (["#", "案件", "社区", "部门", "投诉人", "逾期承诺", "未果", "天数", "摘要"]
               if rt.lang == "zh" else
               ["#", "Case", "Community", "Departments", "Complainants", "Overdue", "Failed",
                "Days", "Summary"])
    table = [[e["rank"], e["ref"], e["community"],
              sep.join(body_label(d, rt.lang) for d in e["departments"]), e["complainants"],
              e["overdue_commitments"], e["failed_attempts"], e["age_days"],
              e["summary"][:30]] for e in entries]
    rt.emit(entries, render_table(headers, table) + "\n" +
            rt.say(f"共 {len(entries)} 件待上会", f"{len(entries)} case(s) waiting"))


@meeting.command("agenda")
@click.argument("ref", type=MEETING_REF)
@click.option("--format", "fmt", type=click.Choice(["text", "md", "html", "json"]),
              default="text", show_default=True, help="Output format (html: a printable A4 page).")
@click.option("--department", type=BODY, help="Only what concerns this body.")
@ON
def agenda(ref: str, fmt: str, department: str | None, on_day: date | None) -> None:
    """The agenda (议程): items, questions per body, case history, what each must bring.

    After the meeting it also shows the resolutions and action items with their
    status (overdue judged on --on, default today). `--json` is the same as
    `--format json`.

    \b
    Example:
      gongzhi meeting agenda JM2026-1
      gongzhi meeting agenda JM2026-1 --format html > 议程.html
      gongzhi --lang en meeting agenda JM2026-1 --format md --department police
    """
    from adapters.errors import not_found
    from adapters.meeting_read_models import agenda as agenda_of
    from adapters.readmodels import open_read_models
    from domain.registry import kind_named

    rt = runtime()
    with open_read_models(rt.app(read_only=True), rt.read_config) as models:
        document = agenda_of(models, ref, on_day or rt.today(), department)
    if document is None:
        raise not_found(kind_named("meeting"), ref)
    from adapters.sharing import shared_agenda

    document = shared_agenda(rt.app(read_only=True), document)  # for the table: 张** (保密)
    if rt.as_json or fmt == "json":
        rt.as_json = True
        rt.emit(document, "")
        return
    from cli_commands.meeting_agenda_render import render_agenda

    click.echo(render_agenda(document, fmt, rt.lang), nl=fmt != "html")
