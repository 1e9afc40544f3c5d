"""How events read to people, in Chinese or English."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from adapters.clock import local_tz
from domain.departments import department_label
from domain.vocabulary import (
    Category,
    Channel,
    Level,
    Outcome,
    Satisfaction,
    StatementKind,
    label,
)

EVENT_NAMES: dict[str, tuple[str, str]] = {
    "Opened": ("受理立案", "case opened"),
    "ComplainantJoined": ("投诉人加入", "complainant joined"),
    "MediatorAssigned": ("指派调解员", "mediator assigned"),
    "MediatorReassigned": ("更换调解员", "mediator reassigned"),
    "StatementRecorded": ("记录陈述", "statement recorded"),
    "ProposalMade": ("提出方案", "proposal made"),
    "CounterProposalMade": ("提出反方案", "counter-proposal made"),
    "ProposalAccepted": ("接受方案", "proposal accepted"),
    "ProposalRejected": ("拒绝方案", "proposal rejected"),
    "Referred": ("转办部门", "referred to departments"),
    "DepartmentResponded": ("部门答复", "department responded"),
    "Escalated": ("升级处理", "escalated"),
    "SpotChecked": ("现场检查", "spot check recorded"),
    "CommitmentMade": ("作出承诺", "commitment made"),
    "CommitmentFulfilled": ("承诺履行", "commitment fulfilled"),
    "CommitmentBreached": ("承诺违约", "commitment breached"),
    "AgreementReached": ("达成协议", "agreement reached"),
    "MediationFailed": ("调解不成", "mediation failed"),
    "Closed": ("结案", "closed"),
    "Reopened": ("重新启动", "reopened"),
    "NoteAdded": ("备注", "note added"),
    "Sealed": ("日志封存", "log sealed"),
}


def event_name(type_name: str, lang: str) -> str:
    zh, en = EVENT_NAMES.get(type_name, (type_name, type_name))
    return zh if lang == "zh" else en


def when(moment: datetime | str | None) -> str:
    if moment is None:
        return "—"
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.astimezone(local_tz()).strftime("%Y-%m-%d %H:%M")


def party_text(value: dict[str, Any], lang: str, with_key: bool = False) -> str:
    """A party (as a JSON dict) for people: its name, a business's operator, maybe its key."""
    text = f"{value['key']} {value['name']}" if with_key else str(value["name"])
    if value.get("operator"):
        text += (f"（经营者：{value['operator']}）" if lang == "zh"
                 else f" (operator: {value['operator']})")
    return text


def describe(type_name: str, data: dict[str, Any], lang: str,
             names: dict[str, str] | None = None) -> str:
    """One line, whatever the text holds: a newline in a note must not forge a history line."""
    from cli_commands.safe_text import one_line

    return one_line(_describe(type_name, data, lang, names))


def _describe(type_name: str, data: dict[str, Any], lang: str,
              names: dict[str, str] | None = None) -> str:
    """A one-line summary of an event's data (`data` as given by adapters.jsonable).

    `names` maps party keys (c1, r1, mediator) to names, when the case is known.
    """
    zh = lang == "zh"
    names = {"mediator": "调解员" if zh else "mediator", **(names or {})}

    def who(key: str) -> str:
        return names.get(key) or department_label(key, lang)

    colon = "：" if zh else ": "

    sep = "、" if zh else ", "
    d = data
    if "undecodable" in d:
        return ("【无法读取】" if zh else "[UNREADABLE] ") + str(d["undecodable"])
    if type_name == "Opened":
        cats = sep.join(label(Category, c, lang) for c in d.get("categories", []))
        who = sep.join(party_text(p, lang) for p in d.get("complainants", []))
        against = sep.join(party_text(p, lang) for p in d.get("respondents", []))
        via = label(Channel, d.get("channel", ""), lang)
        return (f"{via}｜{cats}｜{who} 投诉 {against}：{d.get('summary')}" if zh
                else f"{via} | {cats} | {who} v. {against}: {d.get('summary')}")
    if type_name == "ComplainantJoined":
        return party_text(d["party"], lang)
    if type_name in ("MediatorAssigned", "MediatorReassigned"):
        extra = f"（{d['reason']}）" if zh and d.get("reason") else (
            f" ({d['reason']})" if d.get("reason") else "")
        return f"{d['mediator']}{extra}"
    if type_name == "StatementRecorded":
        kind = label(StatementKind, d["kind"], lang)
        return f"{who(d['party'])}（{kind}）：{d['text']}" if zh else \
            f"{who(d['party'])} ({kind}): {d['text']}"
    if type_name in ("ProposalMade", "CounterProposalMade"):
        reply = f" → {d['in_reply_to']}" if d.get("in_reply_to") else ""
        return f"{d['proposal_id']}{reply} [{who(d['by'])}] {d['terms']}"
    if type_name == "ProposalAccepted":
        return f"{d['proposal_id']} ← {who(d['party'])}"
    if type_name == "ProposalRejected":
        return f"{d['proposal_id']} ✗ {who(d['party'])}{colon}{d.get('reason')}"
    if type_name == "Referred":
        return ("；" if zh else "; ").join(
            f"{department_label(r['department'], lang)}{colon}{r['question']}"
            for r in d["referrals"])
    if type_name == "DepartmentResponded":
        return f"{department_label(d['department'], lang)}{colon}{d['response']}"
    if type_name == "Escalated":
        return (f"{label(Level, d['from_level'], lang)} → {label(Level, d['to_level'], lang)}"
                f"{colon}{d['reason']}")
    if type_name == "SpotChecked":
        verdict = ("合格" if d["passed"] else "不合格") if zh else ("passed" if d["passed"] else "failed")
        if d.get("rectified_on_spot"):
            verdict += "，当场整改" if zh else ", rectified on the spot"
        return (f"{d['check_id']} {when(d['started_at'])}–{when(d['ended_at'])[-5:]} "
                f"{sep.join(d['inspectors'])}{colon}{d['findings']}"
                + (f"（{verdict}）" if zh else f" ({verdict})"))
    if type_name == "CommitmentMade":
        due = "期限" if zh else "due"
        obligor = names.get(d["party"]) or (department_label(d["party"], lang)
                                             if not zh or not d.get("party_name")
                                             else d["party_name"])
        return (f"{d['commitment_id']} {obligor}：{d['duty']}（{due} {d['due']}）" if zh else
                f"{d['commitment_id']} {obligor}: {d['duty']} ({due} {d['due']})")
    if type_name in ("CommitmentFulfilled", "CommitmentBreached"):
        return f"{d['commitment_id']}" + (f"{colon}{d['note']}" if d.get("note") else "")
    if type_name in ("AgreementReached",):
        return str(d["terms"])
    if type_name in ("MediationFailed", "Reopened"):
        return str(d["reason"])
    if type_name == "Closed":
        text = (f"{label(Outcome, d['outcome'], lang)}，回访{label(Satisfaction, d['satisfaction'], lang)}"
                if zh else f"{label(Outcome, d['outcome'], lang)}, follow-up: "
                f"{label(Satisfaction, d['satisfaction'], lang)}")
        return text + (f"{colon}{d['follow_up']}" if d.get("follow_up") else "")
    if type_name == "NoteAdded":
        return str(d["text"])
    if type_name == "Sealed":
        return (f"通知 1–{d['head']}，共 {d['events']} 个事件，日志哈希 {d['log_hash']}" if zh else
                f"notifications 1–{d['head']}, {d['events']} events, log hash {d['log_hash']}")
    return ", ".join(f"{k}={v}" for k, v in d.items())


def party_names(case: Any) -> dict[str, str]:
    return {p.key: p.name for p in case.parties}
