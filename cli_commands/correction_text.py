"""How corrections (更正) and retractions (撤销) read to people, in Chinese or English.

History lines for the two events, and the markers `case show` puts on a corrected
entry and on the list of retracted ones. """

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.case_entries import CASE_ENTRY_KINDS
from domain.text import Bilingual

KIND_LABELS = {kind.name: kind.label for kind in CASE_ENTRY_KINDS}
FIELD_LABELS: dict[str, Bilingual] = {
    "text": Bilingual("内容", "text"),
    "party": Bilingual("当事人", "party"),
    "kind": Bilingual("类型", "kind"),
    "terms": Bilingual("条款", "terms"),
    "reason": Bilingual("原因", "reason"),
    "question": Bilingual("问题", "question"),
    "response": Bilingual("答复", "response"),
    "started_at": Bilingual("开始", "from"),
    "ended_at": Bilingual("结束", "to"),
    "inspectors": Bilingual("检查人", "inspectors"),
    "findings": Bilingual("检查结果", "findings"),
    "passed": Bilingual("合格", "passed"),
    "rectified_on_spot": Bilingual("当场整改", "rectified on the spot"),
    "duty": Bilingual("承诺内容", "duty"),
    "due": Bilingual("期限", "due"),
    "note": Bilingual("备注", "note"),
    "name": Bilingual("姓名", "name"),
    "operator": Bilingual("经营者", "operator"),
}


def kind_label(kind: str, lang: str) -> str:
    label = KIND_LABELS.get(kind)
    return label.label(lang) if label else kind


def describe_correction(type_name: str, data: dict[str, Any], lang: str,
                        names: dict[str, str] | None = None) -> str | None:
    """The history line of a correction or retraction; None for other events."""
    zh = lang == "zh"
    if type_name == "EntryRetracted":
        gist = _gist(data.get("entry") or {})
        what = f"{data['entry_id']}（{kind_label(data['kind'], lang)}{'：' + gist if gist else ''}）" \
            if zh else f"{data['entry_id']} ({kind_label(data['kind'], lang)}" \
            f"{': ' + gist if gist else ''})"
        return f"撤销 {what}，原因：{data['reason']}" if zh else \
            f"retracted {what}; reason: {data['reason']}"
    if type_name == "EntryCorrected":
        what = f"{data['entry_id']}（{kind_label(data['kind'], lang)}）" if zh else \
            f"{data['entry_id']} ({kind_label(data['kind'], lang)})"
        changes = change_text(data.get("changes", {}), data.get("previous", {}), lang, names)
        return f"更正 {what} {changes}，原因：{data['reason']}" if zh else \
            f"corrected {what} {changes}; reason: {data['reason']}"
    return None


def _gist(entry: dict[str, Any]) -> str:
    """The words that identify a withdrawn entry: its text, terms, findings, duty ..."""
    for key in ("text", "terms", "question", "response", "findings", "duty", "name", "note",
                "reason"):
        if entry.get(key):
            text = str(entry[key])
            return text if len(text) <= 40 else text[:39] + "…"
    return ""


def change_text(changes: dict[str, Any], previous: dict[str, Any], lang: str,
                names: dict[str, str] | None = None) -> str:
    parts = []
    for field, new in changes.items():
        if field == "party_name":
            continue
        zh_name, en_name = FIELD_LABELS.get(field, Bilingual(field, field))
        old = previous.get(field)
        if field == "party" and names:
            old, new = names.get(str(old), old), names.get(str(new), new)
        if field == "kind":  # a statement's kind or a party's: show the term, not its code
            old, new = _term(old, lang), _term(new, lang)
        parts.append(f"{zh_name if lang == 'zh' else en_name} "
                     f"{_value(old, lang)} → {_value(new, lang)}")
    return ("；" if lang == "zh" else "; ").join(parts)


def _term(code: Any, lang: str) -> Any:
    from domain.vocabulary import PartyKind, StatementKind, label

    for kind in (StatementKind, PartyKind):
        if code in {t.value for t in kind}:
            return label(kind, code, lang)
    return code


def _value(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, list | tuple):
        return ("、" if lang == "zh" else ", ").join(str(v) for v in value)
    if isinstance(value, str) and len(value) >= 16 and value[10:11] == "T":
        try:
            from cli_commands.event_text import when

            return when(datetime.fromisoformat(value))
        except ValueError:
            return value
    return "—" if value is None else str(value)


def corrected_mark(corrections: list[dict[str, Any]], lang: str) -> str:
    """The marker after a corrected entry in `case show`: 〔更正：reason〕."""
    if not corrections:
        return ""
    last = corrections[-1]["reason"]
    times = len(corrections)
    if lang == "zh":
        return f"  〔更正{f' {times} 次' if times > 1 else ''}：{last}〕"
    return f"  [corrected{f' {times} times' if times > 1 else ''}: {last}]"


def retracted_line(entry: dict[str, Any], lang: str) -> str:
    """One retracted entry in `case show`: its id, kind, reason, who and when."""
    from cli_commands.event_text import when

    kind = kind_label(entry["kind"], lang)
    gist = _gist(entry.get("entry") or {})
    if gist:
        kind += f"：{gist}" if lang == "zh" else f": {gist}"
    if lang == "zh":
        return (f"{entry['id']}（{kind}）原因：{entry['reason']}  "
                f"[{entry['actor']}，{when(entry['occurred_at'])}]")
    return (f"{entry['id']} ({kind}) reason: {entry['reason']}  "
            f"[{entry['actor']}, {when(entry['occurred_at'])}]")


def retracted_text(data: dict[str, Any], lang: str, names: dict[str, str]) -> str:
    return describe_correction("EntryRetracted", data, lang, names) or ""


def corrected_text(data: dict[str, Any], lang: str, names: dict[str, str]) -> str:
    return describe_correction("EntryCorrected", data, lang, names) or ""
