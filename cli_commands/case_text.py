"""`case show` for people: the case document (adapters.case_view) as readable text."""

from __future__ import annotations

from typing import Any

from cli_commands.case_event_text import party_text
from cli_commands.correction_text import corrected_mark, retracted_line
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
           "备注", "未指派", "期限", "逾期", "答复", "问", "回访", "升级", "已撤销"],
    "en": ["Opened", "Channel", "Location", "Categories", "Nuisance hours", "Summary",
           "Complainants", "Respondents", "Mediator", "Statements", "Proposals", "Referrals",
           "Spot checks", "Commitments", "Agreement", "Failure reason", "Closed", "Notes",
           "not assigned", "due", "OVERDUE", "answer", "asked", "follow-up", "Escalations",
           "Retracted"],
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
    field("Complainants", sep.join(party_text(p, lang, with_key=True) + consent_mark(p, lang)
                                   + corrected_mark(p.get("corrections") or [], lang)
                                   for p in doc["complainants"]))
    field("Respondents", sep.join(party_text(p, lang, with_key=True) for p in doc["respondents"]))
    field("Mediator", doc["mediator"] or h["not assigned"])
    names = {p["key"]: p["name"] for p in doc["complainants"] + doc["respondents"]}
    names["mediator"] = "调解员" if zh else "mediator"

    def fixed(entry: dict[str, Any], key: str = "corrections") -> str:
        return corrected_mark(entry.get(key) or [], lang)

    _section(lines, h["Statements"], [
        f"{s['id']} {when(s['occurred_at'])} {names.get(s['party'], s['party'])}"
        f"{paren(label(StatementKind, s['kind'], lang))}{colon}{s['text']}{fixed(s)}"
        for s in doc["statements"]])
    _section(lines, h["Proposals"], [
        line for p in doc["proposals"] for line in [
            f"{p['id']}{' → ' + p['in_reply_to'] if p['in_reply_to'] else ''} "
            f"{names.get(p['by'], p['by'])} [{label(ProposalStatus, p['status'], lang)}]{colon}"
            f"{p['terms']}{fixed(p)}",
            *(f"  {a['id']} {names.get(a['party'], a['party'])} {_answer(a, zh)}"
              + (f"{colon}{a['reason']}" if a.get("reason") else "") + fixed(a)
              for a in p["answers"])]])
    _section(lines, h["Referrals"], [
        f"{r['id']} {department_label(r['department'], lang)}  {h['asked']}{colon}"
        f"{r['question']}{fixed(r)}"
        + (f"  {h['answer']} {r['response_id']}{colon}{r['response']}"
           f"{fixed(r, 'response_corrections')}" if r["response"] else "")
        for r in doc["referrals"]])
    _section(lines, h["Escalations"], [
        f"{e['id']} {when(e['occurred_at'])} {label(Level, e['from_level'], lang)} → "
        f"{label(Level, e['to_level'], lang)}{colon}{e['reason']}{fixed(e)}"
        for e in doc.get("escalations", [])])
    _section(lines, h["Spot checks"], [
        f"{c['id']} {when(c['started_at'])}–{when(c['ended_at'])[-5:]} "
        f"{sep.join(_inspector(i, lang) for i in c['inspectors'])}"
        f"{colon}{c['findings']} [{_verdict(c, zh)}]{fixed(c)}" for c in doc["spot_checks"]])
    _section(lines, h["Commitments"], [
        f"{c['id']} {names.get(c['party']) or department_label(c['party'], lang)}{colon}"
        f"{c['duty']}  {h['due']} {c['due']} "
        f"[{label(CommitmentStatus, c['status'], lang)}"
        + (f" {c['settlement_id']}" if c.get("settlement_id") else "") + "]"
        + (f"{colon}{c['note']}" if c.get("note") else "")
        + (f" {h['OVERDUE']}" if c["overdue"] else "")
        + fixed(c) + fixed(c, "settlement_corrections")
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
    _section(lines, h["Notes"], [f"{n['id']} {n['text']}{fixed(n)}" for n in doc["note_entries"]]
             if "note_entries" in doc else doc["notes"])
    _section(lines, h["Retracted"], [retracted_line(r, lang) for r in doc.get("retracted", [])])
    return "\n".join(lines)


# Whether the other side may learn a complainant's name (docs/privacy.md).
CONSENT = {"zh": ("保密", "同意公开"), "en": ("confidential", "named")}


def consent_mark(party: dict[str, Any], lang: str) -> str:
    confidential, named = CONSENT["zh" if lang == "zh" else "en"]
    word = named if party.get("named") else confidential
    return f"〔{word}〕" if lang == "zh" else f" [{word}]"


def _answer(answer: dict[str, Any], zh: bool) -> str:
    if answer["accepted"]:
        return "接受" if zh else "accepted"
    return "拒绝" if zh else "rejected"


def _verdict(check: dict[str, Any], zh: bool) -> str:
    if check["passed"]:
        return "合格" if zh else "passed"
    text = "不合格" if zh else "failed"
    if check["rectified_on_spot"]:
        text += "，当场整改" if zh else ", rectified on the spot"
    else:
        text += "，未当场整改" if zh else ", not rectified on the spot"
    return text


def _inspector(name: str, lang: str) -> str:
    """A department typed as inspector ("物业", "环保") shows by its proper name."""
    from domain.departments import find_department
    from domain.errors import DomainError

    try:
        return find_department(name).label(lang)
    except DomainError:
        return name


def _section(lines: list[str], title: str, items: list[str]) -> None:
    if items:
        lines.append(f"{title}：" if any("\u4e00" <= ch <= "\u9fff" for ch in title) else f"{title}:")
        lines.extend(f"  {item}" for item in items)
