"""case show, history, list."""

from __future__ import annotations

from datetime import date

import click

from cli_commands.case_writes import command
from cli_commands.event_text import history_lines, when
from cli_commands.parsing import CASE_REF, DAY, TermType
from cli_commands.runtime import runtime
from cli_commands.text_table import render_table
from domain.vocabulary import Category, Level, Status, label


@command("show")
@click.argument("ref", type=CASE_REF)
@click.option("--version", type=click.IntRange(min=1), help="Show the case as it was at version N.")
@click.option("--on", "on_day", type=DAY,
              help="Judge 'overdue' on this date (default: today).")
def show(ref: str, version: int | None, on_day: date | None) -> None:
    """Show a case: parties, statements, proposals, referrals, checks, commitments.

    \b
    Example:
      gongzhi case show C2026-000001
      gongzhi --json case show 2026-1 --version 3
      gongzhi case show 2026-1 --on 2026-11-30
    """
    from adapters.case_view import case_document
    from cli_commands.case_text import render_case

    rt = runtime()
    case_ = rt.app(read_only=True).get_case(ref, version)
    if version is not None and case_.version < version:
        raise click.BadParameter(
            rt.say(f"{ref} 只有 {case_.version} 个版本", f"{ref} has only {case_.version} versions"),
            param_hint="'--version'")
    document = case_document(case_, on_day or rt.today())
    text = render_case(document, rt.lang)
    if version is None:  # what joint meetings decided about the case (cli_commands/meeting_on_case.py)
        from cli_commands.meeting_on_case import with_meeting_actions

        document, text = with_meeting_actions(document, text, rt)
    rt.emit(document, text)


@command("history")
@click.argument("ref", type=CASE_REF)
def history(ref: str) -> None:
    """Every event of a case: version, type, who recorded it, when it happened and was recorded.

    \b
    Example:
      gongzhi case history C2026-000001
      gongzhi --json case history C2026-000001 | jq '.[].type'
    """
    from adapters.jsonable import event_envelope
    from adapters.views import view_of_ref

    rt = runtime()
    case_, events = rt.app(read_only=True).history(ref)
    envelopes = [event_envelope(e) for e in events]
    lines = history_lines(envelopes, rt.lang, view_of_ref(ref).names(case_))
    rt.emit(envelopes, "\n".join(lines))


@command("list")
@click.option("--status", type=TermType(Status), help="open/调解中, agreed, failed, closed.")
@click.option("--mediator", help="Only this mediator's cases.")
@click.option("--community", help="Only this community.")
@click.option("--grid", help="Only this grid (网格).")
@click.option("--building", help="Only this building.")
@click.option("--category", type=TermType(Category), help="Only cases with this category.")
@click.option("--level", type=TermType(Level), help="grid, community or sub-district.")
@click.option("--overdue", is_flag=True, help="Only cases with overdue commitments.")
@click.option("--on", "on_day", type=DAY,
              help="Judge 'overdue' on this date (default: today).")
@click.option("--limit", type=click.IntRange(min=1), default=200, show_default=True)
def list_cases(
    status: Status | None, mediator: str | None, community: str | None, grid: str | None,
    building: str | None, category: Category | None, level: Level | None, overdue: bool,
    on_day: date | None, limit: int,
) -> None:
    """List cases from the `cases` read model (caught up with the log first).

    \b
    Example:
      gongzhi case list --status open --mediator 李明
      gongzhi case list --grid 3号网格 --overdue
      gongzhi --json case list --category 油烟
    """
    from adapters.readmodels import CaseFilter, open_read_models
    from cli_commands.progress import terminal_progress

    rt = runtime()
    today = on_day or rt.today()
    with open_read_models(rt.app(read_only=True), rt.read_config, terminal_progress(rt)) as models:
        rows = models.list_cases(CaseFilter(
            status=status, mediator=mediator, community=community, grid=grid,
            building=building, category=category, level=level, overdue_only=overdue,
            today=today, limit=limit,
        ))
    sep = "、" if rt.lang == "zh" else ", "
    # Counts of commitments: those not yet settled, and of them those overdue on --on.
    headers = (["编号", "状态", "层级", "类别", "网格", "楼栋", "调解员", "受理", "未了承诺",
                "逾期承诺"] if rt.lang == "zh" else
               ["Ref", "Status", "Level", "Categories", "Grid", "Building", "Mediator",
                "Opened", "Open commitments", "Overdue"])
    table = [
        [r["ref"], label(Status, r["status"], rt.lang), label(Level, r["level"], rt.lang),
         sep.join(label(Category, c, rt.lang) for c in r["categories"]),
         r["grid"], r["building"], r["mediator"] or "—", when(r["opened_at"])[:10],
         r["open_commitments"], r["overdue_commitments"]]
        for r in rows
    ]
    rt.emit(rows, render_table(headers, table) + "\n" + rt.say(f"共 {len(rows)} 件",
                                                               f"{len(rows)} case(s)"))
