"""The convention status board for people: tables per building, party and community."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from cli_commands.event_text import when
from cli_commands.runtime import runtime
from cli_commands.text_table import render_table
from domain.convention_vocabulary import CheckResult, ConventionStatus
from domain.terms import label

SIGNATURE = {"zh": {"signed": "已签", "declined": "拒签", "unsigned": "未签"},
             "en": {"signed": "signed", "declined": "declined", "unsigned": "unsigned"}}


@contextmanager
def board() -> Iterator[Any]:
    """The status board: read directly when it is current (no SQLAlchemy, no application),
    else caught up with the log through the projector first."""
    from adapters.convention_board import ROWS, ConventionBoard, board_projection
    from adapters.plain_read import current_reads

    rt = runtime()
    with current_reads(rt.config_for_reading(), rt.read_config, board_projection(),
                       ROWS) as reads:
        if reads is not None:
            yield ConventionBoard(reads)
            return
    from adapters.readmodels import open_read_models
    from cli_commands.progress import terminal_progress

    with open_read_models(rt.app(read_only=True), rt.read_config, terminal_progress(rt)) as models:
        yield ConventionBoard.caught_up(models)


def render_list(rows: list[dict[str, Any]], lang: str) -> str:
    zh = lang == "zh"
    headers = (["编号", "社区", "楼栋", "标题", "状态", "现行版本", "通过", "公示", "违约未改"] if zh else
               ["Ref", "Community", "Building", "Title", "Status", "In force", "Adopted",
                "Posted", "Open breaches"])
    table = [[r["ref"], r["community"], r["building"], r["title"],
              label(ConventionStatus, r["status"], lang), r["version"] or "—",
              (r["adopted_at"] or "—")[:10], r["published_on"] or "—", r["open_breaches"]]
             for r in rows]
    return render_table(headers, table) + "\n" + (f"共 {len(rows)} 份" if zh else
                                                  f"{len(rows)} convention(s)")


def _clause_rows(clauses: list[dict[str, Any]], lang: str, with_place: bool) -> str:
    zh = lang == "zh"
    headers = ((["楼栋"] if with_place else []) + ["条款", "约束对象", "义务", "签署", "最近检查", "结果",
                                                   "违约", "距今(天)", "期限", "案件"]) if zh else \
        ((["Building"] if with_place else []) + ["Clause", "Party", "Duty", "Signed", "Last check",
                                                 "Result", "Breaches", "Days since", "Deadline",
                                                 "Case"])
    table = []
    for c in clauses:
        deadline = c["deadline"] or "—"
        if c["overdue"]:
            deadline += " 逾期" if zh else " OVERDUE"
        days = "—" if c["days_since_last_check"] is None else str(c["days_since_last_check"])
        if c["check_due"]:
            days += " !"
        row = [c["clause_id"], c["party"], c["duty"], SIGNATURE[lang][c["signature"]],
               when(c["last_check_at"])[:10] if c["last_check_at"] else "—",
               label(CheckResult, c["last_result"], lang) if c["last_result"] else "—",
               f"{c['breaches']}/{c['open_breaches']}", days, deadline, c["last_case"] or "—"]
        table.append(([f"{c['ref']} {c['building']}"] if with_place else []) + row)
    return render_table(headers, table, max_col=28)


def render_building(doc: dict[str, Any], lang: str) -> str:
    zh = lang == "zh"
    state = label(ConventionStatus, doc["status"], lang)
    version = doc["version"] or doc["draft_version"]
    head = (f"{doc['ref']} 《{doc['title']}》 {doc['community']} {doc['building']}  [{state} · 第{version}版]"
            if zh else f"{doc['ref']} '{doc['title']}' {doc['community']} {doc['building']}  "
            f"[{state} · v{version}]")
    dates = (f"通过：{(doc['adopted_at'] or '—')[:10]}  公示：{doc['published_on'] or '—'}"
             f"{'（' + doc['published_where'] + '）' if doc['published_where'] else ''}  "
             f"检查 {doc['checks']} 次，违约 {doc['breaches']} 次，未整改 {doc['open_breaches']}"
             if zh else f"Adopted: {(doc['adopted_at'] or '—')[:10]}  Posted: "
             f"{doc['published_on'] or '—'}  {doc['checks']} checks, {doc['breaches']} breaches, "
             f"{doc['open_breaches']} open")
    legend = ("违约：总数/未整改；! 表示已到检查周期" if zh else
              "Breaches: total/open; ! means a check is due")
    return "\n".join([head, dates, _clause_rows(doc["clauses"], lang, False), legend])


def render_party(party: str, clauses: list[dict[str, Any]], lang: str) -> str:
    zh = lang == "zh"
    head = f"约束“{party}”的条款：{len(clauses)} 条" if zh else \
        f"Clauses binding '{party}': {len(clauses)}"
    return head + "\n" + _clause_rows(clauses, lang, True)


def render_communities(doc: dict[str, Any], lang: str) -> str:
    zh = lang == "zh"
    headers = (["社区", "覆盖楼栋", "生效公约", "生效条款", "检查", "遵守", "遵守率", "未整改违约"] if zh else
               ["Community", "Buildings", "Conventions", "Clauses", "Checks", "Complied",
                "Rate", "Open breaches"])
    rows, breaches = [], []
    for c in doc["communities"]:
        rate = "—" if c["compliance_rate"] is None else f"{c['compliance_rate'] * 100:.1f}%"
        rows.append([c["community"], c["buildings_covered"], c["conventions_in_force"],
                     c["clauses_in_force"], c["checks"], c["complied"], rate,
                     len(c["open_breaches"])])
        breaches += [f"  {b['ref']}/{b['clause_id']} {c['community']} {b['building']} {b['party']} "
                     f"{when(b['checked_at'])} → {b['case_ref'] or '—'}" for b in c["open_breaches"]]
    period = (f"期间 {doc['since']} 至 {doc['until']}" if zh else
              f"Period {doc['since']} to {doc['until']}")
    lines = [period, render_table(headers, rows)]
    if breaches:
        lines += ["未整改的违约及案件：" if zh else "Open breaches and their cases:", *breaches]
    return "\n".join(lines)
