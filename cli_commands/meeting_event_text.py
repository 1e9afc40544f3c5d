"""How each of the joint meeting's events reads in a history line, in Chinese or English."""

from __future__ import annotations

from typing import Any

from adapters.views import EventText
from cli_commands.event_text import when
from domain.meeting_vocabulary import body_label
from domain.text import Bilingual
from domain.vocabulary import Level, label

Data = dict[str, Any]


def _sep(lang: str) -> str:
    return "、" if lang == "zh" else ", "


def _people(people: list[Any]) -> str:
    return "、".join(str(p["text"] if isinstance(p, dict) else p) for p in people)


def convened(d: Data, lang: str, names: dict[str, str]) -> str:
    level = label(Level, d["level"], lang)
    chair = d["chair"]["text"] if isinstance(d["chair"], dict) else d["chair"]
    return (f"{d['title']}｜{level}｜{body_label(d['convened_by'], lang)}召集｜"
            f"{when(d['scheduled_at'])} {d['venue']}｜主持：{chair}" if lang == "zh" else
            f"{d['title']} | {level} | convened by {body_label(d['convened_by'], lang)} | "
            f"{when(d['scheduled_at'])} {d['venue']} | chair: {chair}")


def _body(d: Data, lang: str, names: dict[str, str]) -> str:
    if not d.get("reason"):
        return body_label(d["body"], lang)
    reason = f"（{d['reason']}）" if lang == "zh" else f" ({d['reason']})"
    return body_label(d["body"], lang) + reason


def item_added(d: Data, lang: str, names: dict[str, str]) -> str:
    asks = _sep(lang).join(f"{body_label(q['body'], lang)}：{q['question']}" if lang == "zh"
                           else f"{body_label(q['body'], lang)}: {q['question']}"
                           for q in d["questions"])
    return f"{d['item_id']} {d['case_ref']}｜{asks}"


def _reason(d: Data, lang: str, names: dict[str, str]) -> str:
    return f"{d.get('item_id', '')} {d['reason']}".strip()


def rescheduled(d: Data, lang: str, names: dict[str, str]) -> str:
    return f"{when(d['scheduled_at'])} {d['venue']}｜{d['reason']}"


def held(d: Data, lang: str, names: dict[str, str]) -> str:
    present = _sep(lang).join(f"{body_label(a['body'], lang)}（{_people(a['attendees'])}）"
                              for a in d["attendance"])
    absent = _sep(lang).join(body_label(b, lang) for b in d["absent"]) or "—"
    return (f"出席：{present}；缺席：{absent}" if lang == "zh"
            else f"present: {present}; absent: {absent}")


def resolved(d: Data, lang: str, names: dict[str, str]) -> str:
    actions = "; ".join(f"{a['id']} {_owner(a, lang)} {a['task']} ≤{a['due']}"
                        for a in d["actions"])
    return f"{d['item_id']} {d['resolution']}｜{actions}"


def _owner(a: Data, lang: str) -> str:
    name = a.get("owner_name")
    if name:
        return f"{a['owner']} {name['text'] if isinstance(name, dict) else name}"
    return body_label(a["owner"], lang)


def action_done(d: Data, lang: str, names: dict[str, str]) -> str:
    evidence = d.get("evidence")
    shown = f"{evidence['case_ref']}/{evidence['entry']}" if evidence else ""
    return " ".join(x for x in (d["action_id"], shown, d.get("note") or "") if x)


def action_missed(d: Data, lang: str, names: dict[str, str]) -> str:
    return f"{d['action_id']} {d['reason']}"


def minutes(d: Data, lang: str, names: dict[str, str]) -> str:
    text = d["text"] if len(d["text"]) <= 60 else d["text"][:59] + "…"
    version = f" v{d['version']}" if "version" in d else ""
    return f"{body_label(d['by'], lang)}{version}：{text}"


def approved(d: Data, lang: str, names: dict[str, str]) -> str:
    return f"{body_label(d['by'], lang)} v{d['version']}"


def frozen(d: Data, lang: str, names: dict[str, str]) -> str:
    return f"v{d['version']}"


def corrected(d: Data, lang: str, names: dict[str, str]) -> str:
    return (f"{d['correction_id']} → v{d['corrects_version']} "
            f"{body_label(d['by'], lang)}：{d['text']}")


MEETING_EVENTS = {
    "Convened": EventText(Bilingual("召集联席会议", "meeting convened"), convened),
    "BodyInvited": EventText(Bilingual("邀请单位", "body invited"), _body),
    "BodyWithdrawn": EventText(Bilingual("撤回邀请", "invitation withdrawn"), _body),
    "ItemAdded": EventText(Bilingual("列入议程", "item added"), item_added),
    "ItemWithdrawn": EventText(Bilingual("撤下议题", "item withdrawn"), _reason),
    "ItemsReordered": EventText(Bilingual("调整议题顺序", "items reordered"),
                                lambda d, lang, n: " → ".join(d["order"])),
    "Rescheduled": EventText(Bilingual("会议改期", "rescheduled"), rescheduled),
    "Cancelled": EventText(Bilingual("会议取消", "cancelled"), _reason),
    "Held": EventText(Bilingual("会议召开", "meeting held"), held),
    "Resolved": EventText(Bilingual("形成决议", "resolution recorded"), resolved),
    "ActionDone": EventText(Bilingual("事项完成", "action done"), action_done),
    "ActionMissed": EventText(Bilingual("事项未完成", "action missed"), action_missed),
    "MinutesDrafted": EventText(Bilingual("起草纪要", "minutes drafted"), minutes),
    "MinutesAmended": EventText(Bilingual("修改纪要", "minutes amended"), minutes),
    "MinutesApproved": EventText(Bilingual("通过纪要", "minutes approved"), approved),
    "MinutesFrozen": EventText(Bilingual("纪要冻结", "minutes frozen"), frozen),
    "MinutesCorrected": EventText(Bilingual("更正纪要", "minutes corrected"), corrected),
}
