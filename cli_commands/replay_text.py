"""`audit replay --step` for people: what each event changed, in words, in Chinese or English.

Each step reads as its event's history line (the kind's view says what it did)
and then the fields it changed, by their names in the reader's language, with
vocabulary codes as words and list entries by their ids, never as raw dicts.
"""

from __future__ import annotations

from typing import Any

from cli_commands.event_text import describe, event_name, when
from domain.text import Bilingual
from domain.vocabulary import Category, Channel, Level, Outcome, Satisfaction, Status, label

FIELDS = {
    "status": Bilingual("状态", "status"), "level": Bilingual("层级", "level"),
    "mediator": Bilingual("调解员", "mediator"), "notes": Bilingual("备注", "notes"),
    "agreement": Bilingual("协议", "agreement"), "proposals": Bilingual("方案", "proposals"),
    "statements": Bilingual("陈述与诉求", "statements"), "referrals": Bilingual("转办", "referrals"),
    "departments": Bilingual("转办部门", "departments"),
    "spot_checks": Bilingual("现场检查", "spot checks"),
    "commitments": Bilingual("承诺", "commitments"),
    "complainants": Bilingual("投诉人", "complainants"),
    "respondents": Bilingual("被投诉人", "respondents"),
    "complainant_count": Bilingual("投诉人数", "complainants (count)"),
    "respondent_count": Bilingual("被投诉人数", "respondents (count)"),
    "open_commitments": Bilingual("未了承诺", "open commitments"),
    "overdue_commitments": Bilingual("逾期承诺", "overdue commitments"),
    "failure_reason": Bilingual("调解不成原因", "failure reason"),
    "outcome": Bilingual("结案结果", "outcome"), "satisfaction": Bilingual("回访满意度", "satisfaction"),
    "follow_up": Bilingual("回访记录", "follow-up"), "closed_at": Bilingual("结案时间", "closed at"),
    "reopened_count": Bilingual("重新启动次数", "times reopened"),
    "categories": Bilingual("类别", "categories"), "channel": Bilingual("受理渠道", "channel"),
    "summary": Bilingual("事由", "summary"), "location": Bilingual("地点", "location"),
}
TERMS = {"status": Status, "level": Level, "outcome": Outcome, "satisfaction": Satisfaction,
         "channel": Channel, "categories": Category}


def _value(key: str, value: Any, lang: str) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if key in TERMS and isinstance(value, str):
        return label(TERMS[key], value, lang)
    if isinstance(value, dict):
        for id_key in ("id", "key", "check_id", "commitment_id", "department"):
            if isinstance(value.get(id_key), str):
                return str(value[id_key])
        return "、".join(str(v) for v in value.values() if v) if lang == "zh" else ", ".join(
            str(v) for v in value.values() if v)
    text = when(value) if key.endswith("_at") and isinstance(value, str) else str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def change_lines(changes: dict[str, Any], lang: str) -> list[str]:
    zh = lang == "zh"
    lines = []
    for key, change in changes.items():
        name = FIELDS[key].label(lang) if key in FIELDS else key
        if "added" not in change:
            lines.append(f"{name}{'：' if zh else ': '}{_value(key, change['from'], lang)} → "
                         f"{_value(key, change['to'], lang)}")
            continue
        added = [_value(key, v, lang) for v in change["added"]]
        removed = [_value(key, v, lang) for v in change["removed"]]
        updated = [v for v in added if v in removed]
        for word_zh, word_en, items in (("更新", "updated", updated),
                                        ("新增", "added", [v for v in added if v not in updated]),
                                        ("移除", "removed", [v for v in removed if v not in updated])):
            for item in items:
                lines.append(f"{name}{'：' if zh else ': '}{word_zh if zh else word_en} {item}")
    return lines


def step_text(step: dict[str, Any], lang: str, names: dict[str, str]) -> str:
    """One step: version, when it happened, the event in words, then each field it changed."""
    zh = lang == "zh"
    head = f"v{step['version']} {event_name(step['topic'], lang)}  {when(step['occurred_at'])}"
    head += (f"（{step['actor']}，记录于 {when(step['recorded_at'])}）" if zh else
             f" ({step['actor']}, recorded {when(step['recorded_at'])})")
    what = describe(step["topic"], step["data"], lang, names)
    lines = [head, f"   {what}"] if what.strip() else [head]
    if step["version"] > 1:  # the first event makes every field: its line says it all
        lines += [f"   {line}" for line in change_lines(step["changes"], lang)]
    return "\n".join(lines)
