"""A joint meeting for people: the `meeting show` and `audit replay` text."""

from __future__ import annotations

from typing import Any

from cli_commands.event_text import when
from domain.meeting_vocabulary import OVERDUE, ActionStatus, MeetingStatus, body_label
from domain.vocabulary import Level, label

MARKS = {"zh": {"colon": "：", "lp": "（", "rp": "）", "lb": "［", "rb": "］", "comma": "，",
                "gap": "　", "semi": "；"},
         "en": {"colon": ": ", "lp": " (", "rp": ")", "lb": " [", "rb": "]", "comma": ", ",
                "gap": "  ", "semi": "; "}}


def marks(lang: str) -> dict[str, str]:
    """Punctuation around our own words: full-width in Chinese, ASCII in English."""
    return MARKS["zh" if lang == "zh" else "en"]


def status_label(status: str, lang: str) -> str:
    return OVERDUE.label(lang) if status == "overdue" else label(ActionStatus, status, lang)


def owner_text(action: dict[str, Any], lang: str) -> str:
    if action.get("owner_name"):
        return f"{action['owner']} {action['owner_name']}"
    return body_label(action["owner"], lang)


def action_line(a: dict[str, Any], lang: str) -> str:
    zh, m = lang == "zh", marks(lang)
    line = (f"{a['id']} [{status_label(a['status'], lang)}] {owner_text(a, lang)}{m['colon']}"
            f"{a['task']}{m['lp']}{'期限' if zh else 'due'} {a['due']}{m['rp']}")
    evidence = a.get("evidence")
    if isinstance(evidence, dict):
        evidence = f"{evidence['case_ref']}/{evidence['entry']}"
    if evidence:
        line += f" ← {evidence}"
    if a.get("note"):
        line += f" {a['note']}"
    return line


def render_meeting(d: dict[str, Any], lang: str) -> str:
    zh = lang == "zh"
    lines = [
        f"{d['ref']}  {d['title']}  [{label(MeetingStatus, d['status'], lang)}]  v{d['version']}",
        (f"{label(Level, d['level'], lang)}｜{body_label(d['convened_by'], lang)}召集｜"
         f"{when(d['scheduled_at'])} {d['venue']}｜主持：{d['chair']}" if zh else
         f"{label(Level, d['level'], lang)} | convened by {body_label(d['convened_by'], lang)} | "
         f"{when(d['scheduled_at'])} {d['venue']} | chair: {d['chair']}"),
    ]
    if d.get("cancel_reason"):
        lines.append(("取消原因：" if zh else "Cancelled: ") + d["cancel_reason"])
    lines.append("参会单位：" if zh else "Bodies:")
    for b in d["bodies"]:
        seen = {"present": "出席" if zh else "present", "absent": "缺席" if zh else "absent"}
        mark = seen.get(b["attendance"] or "", "")
        who = "、".join(b["attendees"])
        lines.append(f"  - {body_label(b['body'], lang)} {mark} {who}".rstrip())
    lines.append("议程：" if zh else "Agenda:")
    actions = {a["id"]: a for a in d["actions"]}
    for n, item in enumerate(d["items"], 1):
        lines.append(f"  {n}. {item['id']} {item['case']}")
        for q in item["questions"]:
            lines.append(f"     ? {body_label(q['body'], lang)}{marks(lang)['colon']}{q['question']}")
        if item["resolution"]:
            lines.append(("     决议：" if zh else "     Resolution: ") + item["resolution"])
        for action_id in item["actions"]:
            lines.append("       " + action_line(actions[action_id], lang))
    minutes = d["minutes"]
    if minutes["text"]:
        state = (("已冻结" if zh else "frozen") if minutes["frozen"]
                 else ("已通过：" if zh else "approved by: ")
                 + ("、".join(body_label(b, lang) for b in minutes["approved_by"]) or "—"))
        lines.append(f"{'纪要' if zh else 'Minutes'} v{minutes['version']} [{state}]")
        lines.append("  " + minutes["text"])
        for c in minutes["corrections"]:
            lines.append(f"  {c['id']} → v{c['corrects_version']} {body_label(c['by'], lang)}"
                         f"{marks(lang)['colon']}"
                         f"{c['text']}")
    return "\n".join(lines)
