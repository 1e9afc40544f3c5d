"""Domain errors: every refusal says, in English or Chinese, what to fix.

Two kinds matter to callers: `InvalidInput` (the value has the wrong shape: the
CLI answers with a usage error, exit 2) and `RuleViolation` (the value is well
formed but the case's rules refuse it: exit 1). A refused command records nothing.
"""

from __future__ import annotations

from typing import Any

# code -> (English template, Chinese template); params are filled by str.format.
MESSAGES: dict[str, tuple[str, str]] = {
    # shape of values
    "blank": ("{field} must not be empty", "{field}不能为空"),
    "too_long": ("{field} is longer than {limit} characters", "{field}超过{limit}个字符"),
    "control_character": ("{field} must be one line of plain text, without control characters "
                          "({char})", "{field}必须是单行纯文本，不能含控制字符（{char}）"),
    "not_utf8": ("{field} is not valid UTF-8 text", "{field}不是有效的 UTF-8 文本"),
    "naive_time": (
        "{field} needs a time zone (e.g. 2026-10-08T21:30+08:00)",
        "{field}必须带时区（例如 2026-10-08T21:30+08:00）",
    ),
    "bad_clock_time": ("{field} must look like 22:00, got '{value}'", "{field}应形如 22:00，实际为“{value}”"),
    "unknown_term": (
        "unknown {kind_en} '{value}'; choose one of: {choices}",
        "未知的{kind_zh}“{value}”，可选：{choices}",
    ),
    "unknown_department": (
        "unknown department '{value}'; known departments: {choices}",
        "未知部门“{value}”，已登记的部门：{choices}",
    ),
    "no_parties": ("a case needs at least one {role}", "案件至少需要一名{role}"),
    "duplicate_party": ("'{name}' is already a party to case {ref}", "“{name}”已是案件 {ref} 的当事人"),
    "bad_ref": (
        "'{value}' is not a case reference; use the form C2026-000042 or 2026-42",
        "“{value}”不是有效的案件编号，应形如 C2026-000042 或 2026-42",
    ),
    "window_order": ("the check must end after it starts", "检查结束时间必须晚于开始时间"),
    "no_categories": ("a case needs at least one category", "案件至少需要一个类别"),
    # time rules
    "occurred_in_future": (
        "occurred_at {occurred_at} is after the time of recording {recorded_at}",
        "发生时间 {occurred_at} 晚于记录时间 {recorded_at}",
    ),
    "in_future": (
        "{field} {value} is after the time of recording {recorded_at}",
        "{field} {value} 晚于记录时间 {recorded_at}",
    ),
    "before_opening": (
        "occurred_at {occurred_at} is before case {ref} was opened ({opened_at})",
        "发生时间 {occurred_at} 早于案件 {ref} 的受理时间（{opened_at}）",
    ),
    # case lifecycle
    "case_closed": (
        "case {ref} is closed; reopen it first (gongzhi case reopen {ref} --reason ...)",
        "案件 {ref} 已结案，请先重新启动（gongzhi case reopen {ref} --reason ...）",
    ),
    "not_negotiating": (
        "case {ref} is {status}: {what} only while mediation is open",
        "案件 {ref} 当前为“{status}”：只有调解进行中才能{what}",
    ),
    "not_closed": ("case {ref} is not closed, so it cannot be reopened", "案件 {ref} 未结案，无需重新启动"),
    "close_needs_outcome": (
        "case {ref} is {status}; closing it as '{outcome}' needs {needs}",
        "案件 {ref} 当前为“{status}”；以“{outcome}”结案需要{needs}",
    ),
    "open_commitments": (
        "case {ref} still has open commitments ({ids}): record fulfil or breach first",
        "案件 {ref} 仍有未了结的承诺（{ids}），请先登记履行或违约",
    ),
    # parties and proposals
    "unknown_obligor": (
        "no party or department '{value}' in case {ref}; name a party or a referred department"
        " ({choices})",
        "案件 {ref} 中没有当事人或部门“{value}”，请指定当事人或已转办的部门（{choices}）",
    ),
    "unknown_party": (
        "no party '{value}' in case {ref}; parties: {choices}",
        "案件 {ref} 中没有当事人“{value}”，当事人：{choices}",
    ),
    "not_a_party": (
        "only a party to the case can {what}; '{value}' is not one",
        "只有案件当事人才能{what}，“{value}”不是当事人",
    ),
    "unknown_proposal": (
        "case {ref} has no proposal {value}; proposals: {choices}",
        "案件 {ref} 没有方案 {value}，现有方案：{choices}",
    ),
    "proposal_settled": (
        "proposal {value} is already {status}; make a counter-proposal instead",
        "方案 {value} {status}，请提出反方案",
    ),
    "own_proposal": (
        "{party} made proposal {value} and cannot {what} it",
        "方案 {value} 由{party}提出，不能由其本人{what}",
    ),
    "not_awaited": (
        "{party} joined after proposal {value} was made; it was not put to them",
        "{party}在方案 {value} 提出之后才加入，该方案未征求其意见",
    ),
    "reopen_before_close": (
        "case {ref} was closed at {closed_at}; it cannot be reopened earlier ({occurred_at})",
        "案件 {ref} 于 {closed_at} 结案，不能在此之前（{occurred_at}）重新启动",
    ),
    "already_responded": (
        "{party} has already answered proposal {value}",
        "{party}已答复过方案 {value}",
    ),
    # referrals, escalation, checks
    "already_referred": (
        "{department} already has an unanswered referral on case {ref}",
        "{department}在案件 {ref} 上已有未答复的转办",
    ),
    "not_referred": (
        "case {ref} has no unanswered referral to {department}",
        "案件 {ref} 没有待{department}答复的转办",
    ),
    "not_higher_level": (
        "case {ref} is already at {level}; escalate only upwards (grid → community → sub-district)",
        "案件 {ref} 已在{level}层级，只能向上升级（网格 → 社区 → 街道）",
    ),
    "rectified_but_passed": (
        "a check that passed has nothing to rectify on the spot",
        "检查合格时不存在当场整改",
    ),
    # commitments
    "due_before_made": (
        "a commitment's due date {due} cannot precede its making ({made})",
        "承诺期限 {due} 不能早于作出承诺的日期（{made}）",
    ),
    "unknown_commitment": (
        "case {ref} has no commitment {value}; commitments: {choices}",
        "案件 {ref} 没有承诺 {value}，现有承诺：{choices}",
    ),
    "settled_before_made": (
        "commitment {value} was made at {made}; it cannot be settled earlier ({occurred_at})",
        "承诺 {value} 作出于 {made}，不能在此之前（{occurred_at}）了结",
    ),
    "commitment_settled": (
        "commitment {value} is already {status}",
        "承诺 {value} {status}",
    ),
    "not_an_obligor": (
        "{value} has no referral on case {ref}, so it cannot make commitments there; refer the "
        "case to it first, or name a party ({choices})",
        "案件 {ref} 未转办{value}，其不能在此作出承诺；请先转办，或指定当事人（{choices}）",
    ),
    "same_mediator": ("{value} is already the mediator of case {ref}", "{value}已是案件 {ref} 的调解员"),
}


# English field names as they appear in messages -> Chinese.
FIELD_NAMES = {
    "actor": "记录人", "summary": "事由", "reason": "原因", "note": "备注", "terms": "条款",
    "statement": "陈述", "response": "答复", "findings": "检查结果", "duty": "承诺内容",
    "inspector": "检查人", "inspectors": "检查人", "mediator": "调解员", "party name": "当事人姓名",
    "community": "社区", "grid": "网格", "building": "楼栋", "department": "部门",
    "question": "问题", "window start": "时段开始", "window end": "时段结束",
    "time window": "时段", "follow-up": "回访记录", "occurred_at": "发生时间",
    "recorded_at": "记录时间", "department code": "部门代码", "check start": "检查开始时间",
    "check end": "检查结束时间",
    "department Chinese name": "部门中文名", "department English name": "部门英文名",
}


class Phrase:
    """A bilingual fragment for a message parameter, e.g. what was attempted."""

    def __init__(self, en: str, zh: str) -> None:
        self.en, self.zh = en, zh

    def label(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" else self.en

    def __str__(self) -> str:
        return self.en


class DomainError(Exception):
    """A refusal by the domain, with a stable code and bilingual message."""

    exit_code = 1

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        en, zh = MESSAGES.get(self.code, (self.code, self.code))
        template = zh if lang == "zh" else en
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
        return ", ".join(_show(v, lang) for v in value) or "—"
    if hasattr(value, "label"):
        return str(value.label(lang))
    return str(value)
