"""`gongzhi report summary`: the monthly figures a sub-district reports."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import click

from cli_commands.errors import GuardedGroup
from cli_commands.parsing import DAY, MOMENT
from cli_commands.runtime import runtime
from cli_commands.text_table import render_table
from domain.vocabulary import Category, Channel, Level, Outcome, Satisfaction, label

KINDS = {"category": Category, "channel": Channel, "level": Level, "outcome": Outcome,
         "satisfaction": Satisfaction}


@click.group(cls=GuardedGroup)
def report() -> None:
    """Reports from the read models.

    \b
    Example:
      gongzhi report summary --since 2026-10-01 --until 2026-10-31
    """


@report.command("summary")
@click.option("--since", type=DAY, help="First day (local), inclusive.")
@click.option("--until", type=DAY, help="Last day (local), inclusive.")
@click.option("--as-of", "as_of", type=MOMENT,
              help="Reproduce the report as the log stood at this moment (recording time).")
def summary(since: date | None, until: date | None, as_of: datetime | None) -> None:
    """Cases opened and closed, by category, grid, level, outcome; resolution time; and
    the share resolved without leaving the grid (小事不出网格).

    \b
    Example:
      gongzhi report summary --since 2026-10-01 --until 2026-10-31
      gongzhi --json report summary --since 2026-10-01 --until 2026-10-31
      gongzhi report summary --since 2026-10-01 --until 2026-10-31 --as-of "2026-11-01 09:00"
    """
    rt = runtime()
    first, last = since, until
    if first and last and last < first:
        raise click.BadParameter("--until is before --since", param_hint="'--until'")
    if as_of is not None:
        from adapters.time_travel import summary_as_of

        figures = summary_as_of(rt.app(read_only=True), first, last, as_of)
    else:
        from adapters.readmodels import open_read_models
        from cli_commands.progress import terminal_progress

        with open_read_models(rt.app(read_only=True), rt.read_config, terminal_progress(rt)) as models:
            figures = models.summary(first, last)
    rt.emit(figures, render_summary(figures, rt.lang))


def _name(dimension: str, value: str, lang: str) -> str:
    return label(KINDS[dimension], value, lang) if dimension in KINDS else value


def render_summary(f: dict[str, Any], lang: str) -> str:
    zh = lang == "zh"
    period = f"{f['since'] or '…'} — {f['until'] or '…'}"
    share = f"{f['resolved_in_grid_share']:.0%}" if f["resolved_in_grid_share"] is not None else "—"
    lines = [
        (f"统计期间 {period}" if zh else f"Period {period}"),
        (f"受理 {f['opened']} 件，结案 {f['closed']} 件（调解成功 {f['resolved']} 件），"
         f"升级 {f['escalated']} 次，重新启动 {f['reopened']} 次" if zh else
         f"Opened {f['opened']}, closed {f['closed']} (resolved {f['resolved']}), "
         f"escalations {f['escalated']}, reopened {f['reopened']}"),
        (f"网格内调解成功 {f['resolved_in_grid']} 件，占结案 {share}" if zh else
         f"Resolved without leaving the grid: {f['resolved_in_grid']} ({share} of closings)"),
        (f"平均办结 {f['mean_resolution_days'] or '—'} 天" if zh else
         f"Mean resolution time: {f['mean_resolution_days'] or '—'} days"),
    ]
    titles = {"category": ("按类别", "By category"), "community": ("按社区", "By community"),
              "grid": ("按网格", "By grid"),
              "level": ("按层级", "By level"), "outcome": ("按结果", "By outcome"),
              "channel": ("按渠道", "By channel"), "satisfaction": ("按满意度", "By satisfaction")}
    headers = (["", "受理", "结案", "成功", "网格内", "升级"] if zh else
               ["", "opened", "closed", "resolved", "in grid", "escalated"])
    for dimension, (title_zh, title_en) in titles.items():
        values = f["by"].get(dimension) or {}
        if not values:
            continue
        rows = [[_name(dimension, v, lang), c["opened"], c["closed"], c["resolved"],
                 c["resolved_in_grid"], c["escalated"]] for v, c in values.items()]
        lines += ["", title_zh if zh else title_en, render_table(headers, rows)]
    return "\n".join(lines)


