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
CROSS_DIMENSIONS = ("month", "community", "grid", "category")  # as projections.summary


@click.group(cls=GuardedGroup)
def report() -> None:
    """Reports from the read models.

    \b
    Example:
      gongzhi report summary --since 2026-10-01 --until 2026-10-31
    """


def parse_by(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    names = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    unknown = [n for n in names if n not in CROSS_DIMENSIONS]
    if unknown or not names:
        lang = runtime().lang
        given = ", ".join(unknown) if unknown else value  # ",," names no dimension at all
        raise click.BadParameter(
            (f"未知的维度“{given}”；可选：{'、'.join(CROSS_DIMENSIONS)}" if lang == "zh"
             else f"unknown dimension(s) '{given}'; choose from "
             f"{', '.join(CROSS_DIMENSIONS)}"), param_hint="'--by'")
    return names


@report.command("summary")
@click.option("--since", type=DAY, help="First day (local), inclusive.")
@click.option("--until", type=DAY, help="Last day (local), inclusive.")
@click.option("--as-of", "as_of", type=MOMENT,
              help="Business time: the figures from what had happened by this moment, as "
              "known now (late entries included).")
@click.option("--known-at", "known_at", type=MOMENT,
              help="Recorded time: reproduce the report from what the log held at this "
              "moment, as it was given then.")
@click.option("--by", "by_text", metavar="DIM[,DIM]",
              help="Also count cases opened/closed per combination of month, community, grid "
                   "(community/grid), category, e.g. --by grid,category.")
def summary(since: date | None, until: date | None, as_of: datetime | None,
            known_at: datetime | None, by_text: str | None) -> None:
    """Cases opened and closed, by category, grid, level, outcome, mediator; resolution
    rate (解决率), satisfaction rate (满意率), mean and median resolution time; and the
    share resolved without leaving the grid (小事不出网格). Definitions: docs/reporting.md.

    Time travel, as `audit replay`: --as-of is business time (what had happened by
    then, late entries included), --known-at is recorded time (last month's report
    exactly as it was given); both together: what the log held at --known-at about
    the --as-of moment.

    \b
    Example:
      gongzhi report summary --since 2026-10-01 --until 2026-10-31
      gongzhi report summary --since 2026-10-01 --until 2026-10-31 --by grid,category
      gongzhi --json report summary --since 2026-10-01 --until 2026-10-31
      gongzhi report summary --since 2026-10-01 --until 2026-10-31 --known-at "2026-11-01 09:00"
      gongzhi report summary --since 2026-10-01 --until 2026-10-31 --as-of "2026-10-31 23:59"
    """
    rt = runtime()
    first, last, by = since, until, parse_by(by_text)
    if first and last and last < first:
        raise click.BadParameter(rt.say("--until 早于 --since", "--until is before --since"),
                                 param_hint="'--until'")
    if as_of is not None or known_at is not None:
        from adapters.time_travel import summary_at

        figures = summary_at(rt.app(read_only=True), first, last, as_of=as_of,
                             known_at=known_at, by=by)
    else:
        from adapters.readmodels import open_read_models
        from cli_commands.progress import terminal_progress

        with open_read_models(rt.app(read_only=True), rt.read_config, terminal_progress(rt)) as models:
            figures = models.summary(first, last, by)
    rt.emit(figures, "\n".join([*travel_heading(rt.lang, as_of, known_at),
                                 render_summary(figures, rt.lang, by)]))


def travel_heading(lang: str, as_of: datetime | None, known_at: datetime | None) -> list[str]:
    """Which moment a time-travelled report stands at, in which of the two times."""
    from cli_commands.event_text import when

    zh = lang == "zh"
    if as_of and known_at:
        return [f"【回溯】截至 {when(as_of)} 已发生的情况，依 {when(known_at)} 时日志所载" if zh
                else f"[as of] what had happened by {when(as_of)}, as the log held it at "
                f"{when(known_at)}"]
    if as_of:
        return [f"【回溯】截至 {when(as_of)} 已发生的情况（按业务时间，依目前所知）" if zh
                else f"[as of] what had happened by {when(as_of)} (business time, as known now)"]
    if known_at:
        return [f"【回溯】{when(known_at)} 时日志所载的数据（按记录时间）" if zh
                else f"[as of] as the log held it at {when(known_at)} (recorded time)"]
    return []


def _name(dimension: str, value: str, lang: str) -> str:
    if dimension == "mediator" and not value:
        return "（未指派）" if lang == "zh" else "(none)"
    return label(KINDS[dimension], value, lang) if dimension in KINDS else value


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def render_summary(f: dict[str, Any], lang: str, by: tuple[str, ...] = ()) -> str:
    zh = lang == "zh"
    period = f"{f['since'] or '…'} — {f['until'] or '…'}"
    share = "—" if f["resolved_in_grid_share"] is None else f"{f['resolved_in_grid_share']:.0%}"
    resolution, satisfaction = _pct(f["resolution_rate"]), _pct(f["satisfaction_rate"])
    median = f["median_resolution_days"] if f["median_resolution_days"] is not None else "—"
    lines = [
        (f"统计期间 {period}" if zh else f"Period {period}"),
        (f"受理 {f['opened']} 件，结案 {f['closed']} 件（调解成功 {f['resolved']} 件），"
         f"升级 {f['escalated']} 次，重新启动 {f['reopened']} 次" if zh else
         f"Opened {f['opened']}, closed {f['closed']} (resolved {f['resolved']}), "
         f"escalations {f['escalated']}, reopened {f['reopened']}"),
        (f"解决率 {resolution}；满意率 {satisfaction}（回访到 {f['reached']} 件，"
         f"无法回访 {f['unreachable']} 件）" if zh else
         f"Resolution rate {resolution}; satisfaction rate {satisfaction} "
         f"(follow-ups reached {f['reached']}, unreachable {f['unreachable']})"),
        (f"网格内调解成功 {f['resolved_in_grid']} 件，占结案 {share}" if zh else
         f"Resolved without leaving the grid: {f['resolved_in_grid']} ({share} of closings)"),
        (f"平均办结 {f['mean_resolution_days'] or '—'} 天，中位数 {median} 天" if zh else
         f"Mean resolution time: {f['mean_resolution_days'] or '—'} days, median {median} days"),
    ]
    titles = {"category": ("按类别", "By category"), "community": ("按社区", "By community"),
              "grid": ("按网格", "By grid"), "mediator": ("按调解员", "By mediator"),
              "level": ("按层级", "By level"), "outcome": ("按结果", "By outcome"),
              "channel": ("按渠道", "By channel"), "satisfaction": ("按满意度", "By satisfaction")}
    headers = (["", "受理", "结案", "成功", "网格内", "升级", "解决率", "满意率"] if zh else
               ["", "opened", "closed", "resolved", "in grid", "escalated", "resolution",
                "satisfaction"])
    for dimension, (title_zh, title_en) in titles.items():
        values = f["by"].get(dimension) or {}
        if not values:
            continue
        rows = [[_name(dimension, v, lang), c["opened"], c["closed"], c["resolved"],
                 c["resolved_in_grid"], c["escalated"], _pct(c["resolution_rate"]),
                 _pct(c["satisfaction_rate"])] for v, c in values.items()]
        lines += ["", title_zh if zh else title_en, render_table(headers, rows)]
    if by:
        names = {"month": ("月份", "month"), "community": ("社区", "community"),
                 "grid": ("网格", "grid"), "category": ("类别", "category")}
        cross_headers = [names[d][0 if zh else 1] for d in by] + (
            ["受理", "结案", "成功", "解决率"] if zh else ["opened", "closed", "resolved", "resolution"])
        rows = [[_name(d, str(r[d]), lang) for d in by]
                + [r["opened"], r["closed"], r["resolved"], _pct(r["resolution_rate"])]
                for r in f.get("cross", [])]
        title = "、".join(names[d][0] for d in by) if zh else " × ".join(by)
        lines += ["", (f"按{title}交叉统计" if zh else f"By {title}"),
                  render_table(cross_headers, rows)]
    return "\n".join(lines)
