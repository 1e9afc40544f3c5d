"""`case show` for people: the case document (adapters.case_view) as readable text."""

from __future__ import annotations

from typing import Any

from cli_commands.case_event_text import party_text
from cli_commands.event_text import when
from domain.departments import department_label
from domain.vocabulary import (
    Category,
    Channel,
    CommitmentStatus,
    Level,
    Outcome,
    ProposalStatus,
    Satisfaction,
    StatementKind,
    Status,
    label,
)

HEAD = {
    "zh": ["受理", "渠道", "地点", "类别", "扰民时段", "事由", "投诉人", "被投诉人", "调解员",
           "陈述与诉求", "方案", "转办", "现场检查", "承诺", "协议", "调解不成原因", "结案",
           "备注", "未指派", "期限", "逾期", "答复", "问", "回访"],
    "en": ["Opened", "Channel", "Location", "Categories", "Nuisance hours", "Summary",
           "Complainants", "Respondents", "Mediator", "Statements", "Proposals", "Referrals",
           "Spot checks", "Commitments", "Agreement", "Failure reason", "Closed", "Notes",
           "not assigned", "due", "OVERDUE", "answer", "asked", "follow-up"],
}


def render_case(doc: dict[str, Any], lang: str) -> str:
    h = dict(zip(HEAD["en"], HEAD[lang], strict=True))
    zh = lang == "zh"
    sep, colon = ("、", "：") if zh else (", ", ": ")

    def paren(text: str) -> str:
        return f"（{text}）" if zh else f" ({text})"

    status = label(Status, doc["status"], lang)
    level = label(Level, doc["level"], lang)
    lines = [f"{'案件' if zh else 'Case'} {doc['ref']}  [{status} · {level}]  v{doc['version']}"]

    def field(name: str, value: Any) -> None:
        lines.append(f"{h[name]}：{value}" if zh else f"{h[name]}: {value}")

    field("Opened", f"{when(doc['opened_at'])}  ({doc['opened_by']})")
    field("Channel", label(Channel, doc["channel"], lang))
    loc = doc["location"]
    field("Location", " / ".join(v for v in (loc["community"], loc["grid"], loc["building"],
                                              loc.get("unit")) if v))
    field("Categories", sep.join(label(Category, c, lang) for c in doc["categories"]))
    if doc["nuisance_window"]:
        field("Nuisance hours", doc["nuisance_window"])
    field("Summary", doc["summary"])
    if doc.get("enforces"):
        lines.append(f"{'执行公约条款：' if zh else 'Enforces convention clause: '}{doc['enforces']}")
    field("Complainants", sep.join(party_text(p, lang, with_key=True) for p in doc["complainants"]))
    field("Respondents", sep.join(party_text(p, lang, with_key=True) for p in doc["respondents"]))
    field("Mediator", doc["mediator"] or h["not assigned"])
    names = {p["key"]: p["name"] for p in doc["complainants"] + doc["respondents"]}
    names["mediator"] = "调解员" if zh else "mediator"

    _section(lines, h["Statements"], [
        f"{when(s['occurred_at'])} {names.get(s['party'], s['party'])}"
        f"{paren(label(StatementKind, s['kind'], lang))}{colon}{s['text']}"
        for s in doc["statements"]])
    _section(lines, h["Proposals"], [
        f"{p['id']}{' → ' + p['in_reply_to'] if p['in_reply_to'] else ''} "
        f"{names.get(p['by'], p['by'])} [{label(ProposalStatus, p['status'], lang)}]{colon}"
        f"{p['terms']}" for p in doc["proposals"]])
    _section(lines, h["Referrals"], [
        f"{department_label(r['department'], lang)}  {h['asked']}{colon}{r['question']}"
        + (f"  {h['answer']}{colon}{r['response']}" if r["response"] else "")
        for r in doc["referrals"]])
    _section(lines, h["Spot checks"], [
        f"{c['id']} {when(c['started_at'])}–{when(c['ended_at'])[-5:]} {sep.join(c['inspectors'])}"
        f"{colon}{c['findings']} [{_verdict(c, zh)}]" for c in doc["spot_checks"]])
    _section(lines, h["Commitments"], [
        f"{c['id']} {names.get(c['party']) or department_label(c['party'], lang)}{colon}"
        f"{c['duty']}  {h['due']} {c['due']} "
        f"[{label(CommitmentStatus, c['status'], lang)}]" + (f" {h['OVERDUE']}" if c["overdue"]
                                                              else "")
        for c in doc["commitments"]])
    if doc["agreement"]:
        field("Agreement", doc["agreement"])
    if doc["failure_reason"]:
        field("Failure reason", doc["failure_reason"])
    if doc["outcome"]:
        field("Closed", f"{when(doc['closed_at'])} {label(Outcome, doc['outcome'], lang)}"
              f"{'，' if zh else ', '}{h['follow-up']}{colon}"
              f"{label(Satisfaction, doc['satisfaction'], lang)}"
              + (paren(doc["follow_up"]) if doc["follow_up"] else ""))
    _section(lines, h["Notes"], doc["notes"])
    return "\n".join(lines)


def _verdict(check: dict[str, Any], zh: bool) -> str:
    if check["passed"]:
        return "合格" if zh else "passed"
    text = "不合格" if zh else "failed"
    if check["rectified_on_spot"]:
        text += "，当场整改" if zh else ", rectified on the spot"
    return text


def _section(lines: list[str], title: str, items: list[str]) -> None:
    if items:
        lines.append(f"{title}：" if any("\u4e00" <= ch <= "\u9fff" for ch in title) else f"{title}:")
        lines.extend(f"  {item}" for item in items)
