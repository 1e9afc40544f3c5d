"""How each of the Case's events reads in a history line, in Chinese or English."""

from __future__ import annotations

from typing import Any

from adapters.views import Describe, EventText
from cli_commands.correction_text import corrected_text, retracted_text
from cli_commands.event_text import when
from domain.departments import department_label
from domain.text import Bilingual
from domain.vocabulary import Category, Channel, Level, Outcome, Satisfaction, StatementKind, label

Data = dict[str, Any]


def party_text(value: Data, lang: str, with_key: bool = False) -> str:
    """A party (as a JSON dict) for people: its name, a business's operator, maybe its key."""
    text = f"{value['key']} {value['name']}" if with_key else str(value["name"])
    if value.get("operator"):
        text += (f"（经营者：{value['operator']}）" if lang == "zh"
                 else f" (operator: {value['operator']})")
    return text


def _who(names: dict[str, str], key: str, lang: str) -> str:
    if key == "mediator" and key not in names:
        return "调解员" if lang == "zh" else "mediator"
    return names.get(key) or department_label(key, lang)


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _sep(lang: str) -> str:
    return "、" if lang == "zh" else ", "


def opened(d: Data, lang: str, names: dict[str, str]) -> str:
    sep = _sep(lang)
    cats = sep.join(label(Category, c, lang) for c in d.get("categories", []))
    who = sep.join(party_text(p, lang) for p in d.get("complainants", []))
    against = sep.join(party_text(p, lang) for p in d.get("respondents", []))
    via = label(Channel, d.get("channel", ""), lang)
    return (f"{via}｜{cats}｜{who} 投诉 {against}：{d.get('summary')}" if lang == "zh"
            else f"{via} | {cats} | {who} v. {against}: {d.get('summary')}")


def joined(d: Data, lang: str, names: dict[str, str]) -> str:
    return party_text(d["party"], lang)


def mediator(d: Data, lang: str, names: dict[str, str]) -> str:
    if not d.get("reason"):
        return str(d["mediator"])
    return f"{d['mediator']}（{d['reason']}）" if lang == "zh" else f"{d['mediator']} ({d['reason']})"


def statement(d: Data, lang: str, names: dict[str, str]) -> str:
    kind = label(StatementKind, d["kind"], lang)
    who = _who(names, d["party"], lang)
    return f"{who}（{kind}）：{d['text']}" if lang == "zh" else f"{who} ({kind}): {d['text']}"


def proposal(d: Data, lang: str, names: dict[str, str]) -> str:
    reply = f" → {d['in_reply_to']}" if d.get("in_reply_to") else ""
    return f"{d['proposal_id']}{reply} [{_who(names, d['by'], lang)}] {d['terms']}"


def accepted(d: Data, lang: str, names: dict[str, str]) -> str:
    return f"{d['proposal_id']} ← {_who(names, d['party'], lang)}"


def rejected(d: Data, lang: str, names: dict[str, str]) -> str:
    return f"{d['proposal_id']} ✗ {_who(names, d['party'], lang)}{_colon(lang)}{d.get('reason')}"


def referred(d: Data, lang: str, names: dict[str, str]) -> str:
    return ("；" if lang == "zh" else "; ").join(
        f"{department_label(r['department'], lang)}{_colon(lang)}{r['question']}"
        for r in d["referrals"])


def responded(d: Data, lang: str, names: dict[str, str]) -> str:
    return f"{department_label(d['department'], lang)}{_colon(lang)}{d['response']}"


def escalated(d: Data, lang: str, names: dict[str, str]) -> str:
    return (f"{label(Level, d['from_level'], lang)} → {label(Level, d['to_level'], lang)}"
            f"{_colon(lang)}{d['reason']}")


def spot_checked(d: Data, lang: str, names: dict[str, str]) -> str:
    zh = lang == "zh"
    verdict = ("合格" if d["passed"] else "不合格") if zh else ("passed" if d["passed"] else "failed")
    if d.get("rectified_on_spot"):
        verdict += "，当场整改" if zh else ", rectified on the spot"
    return (f"{d['check_id']} {when(d['started_at'])}–{when(d['ended_at'])[-5:]} "
            f"{_sep(lang).join(d['inspectors'])}{_colon(lang)}{d['findings']}"
            + (f"（{verdict}）" if zh else f" ({verdict})"))


def commitment(d: Data, lang: str, names: dict[str, str]) -> str:
    zh = lang == "zh"
    obligor = names.get(d["party"]) or (d["party_name"] if zh and d.get("party_name")
                                        else department_label(d["party"], lang))
    due = "期限" if zh else "due"
    return (f"{d['commitment_id']} {obligor}：{d['duty']}（{due} {d['due']}）" if zh else
            f"{d['commitment_id']} {obligor}: {d['duty']} ({due} {d['due']})")


def settled(d: Data, lang: str, names: dict[str, str]) -> str:
    return f"{d['commitment_id']}" + (f"{_colon(lang)}{d['note']}" if d.get("note") else "")


def closed(d: Data, lang: str, names: dict[str, str]) -> str:
    outcome, satisfaction = label(Outcome, d["outcome"], lang), label(Satisfaction, d["satisfaction"], lang)
    text = (f"{outcome}，回访{satisfaction}" if lang == "zh"
            else f"{outcome}, follow-up: {satisfaction}")
    return text + (f"{_colon(lang)}{d['follow_up']}" if d.get("follow_up") else "")


def consent(d: Data, lang: str, names: dict[str, str]) -> str:
    """Whether the complainant may be named to the other side from now on, and why."""
    word = (("同意公开", "named") if d["named"] else ("保密", "confidential"))[lang != "zh"]
    return f"{names.get(d['party'], d['party'])} {word}{_colon(lang)}{d['reason']}"


def field(name: str) -> Describe:
    def show(d: Data, lang: str, names: dict[str, str]) -> str:
        return str(d[name])

    return show


CASE_EVENTS: dict[str, EventText] = {
    "Opened": EventText(Bilingual("受理立案", "case opened"), opened),
    "ComplainantJoined": EventText(Bilingual("投诉人加入", "complainant joined"), joined),
    "ConsentRecorded": EventText(Bilingual("变更公开意愿", "consent recorded"), consent),
    "MediatorAssigned": EventText(Bilingual("指派调解员", "mediator assigned"), mediator),
    "MediatorReassigned": EventText(Bilingual("更换调解员", "mediator reassigned"), mediator),
    "StatementRecorded": EventText(Bilingual("记录陈述", "statement recorded"), statement),
    "ProposalMade": EventText(Bilingual("提出方案", "proposal made"), proposal),
    "CounterProposalMade": EventText(Bilingual("提出反方案", "counter-proposal made"), proposal),
    "ProposalAccepted": EventText(Bilingual("接受方案", "proposal accepted"), accepted),
    "ProposalRejected": EventText(Bilingual("拒绝方案", "proposal rejected"), rejected),
    "Referred": EventText(Bilingual("转办部门", "referred to departments"), referred),
    "DepartmentResponded": EventText(Bilingual("部门答复", "department responded"), responded),
    "Escalated": EventText(Bilingual("升级处理", "escalated"), escalated),
    "SpotChecked": EventText(Bilingual("现场检查", "spot check recorded"), spot_checked),
    "CommitmentMade": EventText(Bilingual("作出承诺", "commitment made"), commitment),
    "CommitmentFulfilled": EventText(Bilingual("承诺履行", "commitment fulfilled"), settled),
    "CommitmentBreached": EventText(Bilingual("承诺违约", "commitment breached"), settled),
    "AgreementReached": EventText(Bilingual("达成协议", "agreement reached"), field("terms")),
    "MediationFailed": EventText(Bilingual("调解不成", "mediation failed"), field("reason")),
    "Closed": EventText(Bilingual("结案", "closed"), closed),
    "Reopened": EventText(Bilingual("重新启动", "reopened"), field("reason")),
    "NoteAdded": EventText(Bilingual("备注", "note added"), field("text")),
    "EntryRetracted": EventText(Bilingual("撤销记录", "entry retracted"), retracted_text),
    "EntryCorrected": EventText(Bilingual("更正记录", "entry corrected"), corrected_text),
}
