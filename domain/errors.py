"""Domain errors: every refusal says, in English or Chinese, what to fix.

Two kinds matter to callers: `InvalidInput` (the value has the wrong shape: the
CLI answers with a usage error, exit 2) and `RuleViolation` (the value is well
formed but the case's rules refuse it: exit 1). A refused command records nothing.
"""

from __future__ import annotations

from typing import Any

from domain.text import Bilingual, Phrase

__all__ = ["Bilingual", "DomainError", "InvalidInput", "Phrase", "RuleViolation",
           "register_messages"]

# Message templates by code, filled by str.format. These are the ones every
# aggregate shares; each aggregate registers its own beside its code
# (`register_messages`), so no central table grows with every new aggregate.
MESSAGES: dict[str, Bilingual] = {
    "blank": Bilingual("{field}不能为空", "{field} must not be empty"),
    "too_long": Bilingual("{field}超过{limit}个字符", "{field} is longer than {limit} characters"),
    "control_character": Bilingual(
        "{field}必须是单行纯文本，不能含控制字符（{char}）",
        "{field} must be one line of plain text, without control characters ({char})",
    ),
    "not_utf8": Bilingual("{field}不是有效的 UTF-8 文本", "{field} is not valid UTF-8 text"),
    "naive_time": Bilingual(
        "{field}必须带时区（例如 2026-10-08T21:30+08:00）",
        "{field} needs a time zone (e.g. 2026-10-08T21:30+08:00)",
    ),
    "bad_clock_time": Bilingual(
        "{field}应形如 22:00，实际为“{value}”",
        "{field} must look like 22:00, got '{value}'",
    ),
    "unknown_term": Bilingual(
        "未知的{kind_zh}“{value}”，可选：{choices}",
        "unknown {kind_en} '{value}'; choose one of: {choices}",
    ),
    "unknown_department": Bilingual(
        "未知部门“{value}”，已登记的部门：{choices}",
        "unknown department '{value}'; known departments: {choices}",
    ),
    "window_order": Bilingual("检查结束时间必须晚于开始时间", "the check must end after it starts"),
    "occurred_in_future": Bilingual(
        "发生时间 {occurred_at} 晚于记录时间 {recorded_at}",
        "occurred_at {occurred_at} is after the time of recording {recorded_at}",
    ),
    "in_future": Bilingual(
        "{field} {value} 晚于记录时间 {recorded_at}",
        "{field} {value} is after the time of recording {recorded_at}",
    ),
    "bad_any_ref": Bilingual(
        "“{value}”不是可识别的编号，可用的形式：{forms}",
        "'{value}' is not a reference this store knows; forms: {forms}",
    ),
}

# English field names as they appear in messages -> Chinese (extended per aggregate).
FIELD_NAMES: dict[str, str] = {
    "actor": "记录人", "reason": "原因", "note": "备注", "occurred_at": "发生时间",
    "recorded_at": "记录时间", "department": "部门", "department code": "部门代码",
    "department Chinese name": "部门中文名", "department English name": "部门英文名",
    "window start": "时段开始", "window end": "时段结束", "time window": "时段",
}


def register_messages(messages: dict[str, Bilingual], field_names: dict[str, str] | None = None,
                      ) -> None:
    """Add an aggregate's message templates (and Chinese field names); a code is defined once."""
    for code, text in messages.items():
        if MESSAGES.get(code, text) != text:
            raise ValueError(f"message code {code!r} is already defined differently")
        MESSAGES[code] = text
    FIELD_NAMES.update(field_names or {})


class DomainError(Exception):
    """A refusal by the domain, with a stable code and bilingual message."""

    exit_code = 1

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        template = MESSAGES.get(self.code, Bilingual(self.code, self.code)).label(lang)
        params = dict(self.params)
        if lang == "zh" and isinstance(params.get("field"), str):
            params["field"] = FIELD_NAMES.get(params["field"], params["field"])
        try:
            return template.format(**{k: _show(v, lang) for k, v in params.items()})
        except (KeyError, IndexError):
            return f"{self.code}: {self.params}"


class InvalidInput(DomainError):
    """The value itself is malformed (empty, wrong format, unknown word)."""

    exit_code = 2


class RuleViolation(DomainError):
    """The value is well formed but the case's rules refuse it."""

    exit_code = 1


def _show(value: Any, lang: str) -> str:
    """Render a parameter: vocabulary terms and departments in the reader's language."""
    if isinstance(value, list | tuple | set | frozenset):
        return ("、" if lang == "zh" else ", ").join(_show(v, lang) for v in value) or "—"
    if hasattr(value, "label"):
        return str(value.label(lang))
    return str(value)
