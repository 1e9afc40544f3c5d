"""What the Case aggregate says when it refuses something, in Chinese and English.

Registered when the case's modules are imported: a case error can only be raised
after that, so its message is always known.
"""

from __future__ import annotations

from domain.errors import register_messages
from domain.text import Bilingual

CASE_MESSAGES: dict[str, Bilingual] = {
    "no_parties": Bilingual("案件至少需要一名{role}", "a case needs at least one {role}"),
    "duplicate_party": Bilingual(
        "“{name}”已是案件 {ref} 的当事人",
        "'{name}' is already a party to case {ref}",
    ),
    "bad_ref": Bilingual(
        "“{value}”不是有效的案件编号，应形如 C2026-000042 或 2026-42",
        "'{value}' is not a case reference; use the form C2026-000042 or 2026-42",
    ),
    "no_categories": Bilingual("案件至少需要一个类别", "a case needs at least one category"),
    "before_opening": Bilingual(
        "发生时间 {occurred_at} 早于案件 {ref} 的受理时间（{opened_at}）",
        "occurred_at {occurred_at} is before case {ref} was opened ({opened_at})",
    ),
    "case_closed": Bilingual(
        "案件 {ref} 已结案，请先重新启动（gongzhi case reopen {ref} --reason ...）",
        "case {ref} is closed; reopen it first (gongzhi case reopen {ref} --reason ...)",
    ),
    "not_negotiating": Bilingual(
        "案件 {ref} 当前为“{status}”：只有调解进行中才能{what}",
        "case {ref} is {status}: {what} only while mediation is open",
    ),
    "not_closed": Bilingual(
        "案件 {ref} 未结案，无需重新启动",
        "case {ref} is not closed, so it cannot be reopened",
    ),
    "close_needs_outcome": Bilingual(
        "案件 {ref} 当前为“{status}”；以“{outcome}”结案需要{needs}",
        "case {ref} is {status}; closing it as '{outcome}' needs {needs}",
    ),
    "open_commitments": Bilingual(
        "案件 {ref} 仍有未了结的承诺（{ids}），请先登记履行或违约",
        "case {ref} still has open commitments ({ids}): record fulfil or breach first",
    ),
    "unknown_obligor": Bilingual(
        "案件 {ref} 中没有当事人或部门“{value}”，请指定当事人或已转办的部门（{choices}）",
        "no party or department '{value}' in case {ref}; name a party or a referred department ({choices})",
    ),
    "unknown_party": Bilingual(
        "案件 {ref} 中没有当事人“{value}”，当事人：{choices}",
        "no party '{value}' in case {ref}; parties: {choices}",
    ),
    "not_a_party": Bilingual(
        "只有案件当事人才能{what}，“{value}”不是当事人",
        "only a party to the case can {what}; '{value}' is not one",
    ),
    "unknown_proposal": Bilingual(
        "案件 {ref} 没有方案 {value}，现有方案：{choices}",
        "case {ref} has no proposal {value}; proposals: {choices}",
    ),
    "proposal_settled": Bilingual(
        "方案 {value} {status}，请提出反方案",
        "proposal {value} is already {status}; make a counter-proposal instead",
    ),
    "own_proposal": Bilingual(
        "方案 {value} 由{party}提出，不能由其本人{what}",
        "{party} made proposal {value} and cannot {what} it",
    ),
    "not_awaited": Bilingual(
        "{party}在方案 {value} 提出之后才加入，该方案未征求其意见",
        "{party} joined after proposal {value} was made; it was not put to them",
    ),
    "reopen_before_close": Bilingual(
        "案件 {ref} 于 {closed_at} 结案，不能在此之前（{occurred_at}）重新启动",
        "case {ref} was closed at {closed_at}; it cannot be reopened earlier ({occurred_at})",
    ),
    "already_responded": Bilingual(
        "{party}已答复过方案 {value}",
        "{party} has already answered proposal {value}",
    ),
    "already_referred": Bilingual(
        "{department}在案件 {ref} 上已有未答复的转办",
        "{department} already has an unanswered referral on case {ref}",
    ),
    "not_referred": Bilingual(
        "案件 {ref} 没有待{department}答复的转办",
        "case {ref} has no unanswered referral to {department}",
    ),
    "not_higher_level": Bilingual(
        "案件 {ref} 已在{level}层级，只能向上升级（网格 → 社区 → 街道）",
        "case {ref} is already at {level}; escalate only upwards (grid → community → sub-district)",
    ),
    "rectified_but_passed": Bilingual(
        "检查合格时不存在当场整改",
        "a check that passed has nothing to rectify on the spot",
    ),
    "due_before_made": Bilingual(
        "承诺期限 {due} 不能早于作出承诺的日期（{made}）",
        "a commitment's due date {due} cannot precede its making ({made})",
    ),
    "unknown_commitment": Bilingual(
        "案件 {ref} 没有承诺 {value}，现有承诺：{choices}",
        "case {ref} has no commitment {value}; commitments: {choices}",
    ),
    "settled_before_made": Bilingual(
        "承诺 {value} 作出于 {made}，不能在此之前（{occurred_at}）了结",
        "commitment {value} was made at {made}; it cannot be settled earlier ({occurred_at})",
    ),
    "commitment_settled": Bilingual("承诺 {value} {status}", "commitment {value} is already {status}"),
    "not_an_obligor": Bilingual(
        "案件 {ref} 未转办{value}，其不能在此作出承诺；请先转办，或指定当事人（{choices}）",
        "{value} has no referral on case {ref}, so it cannot make commitments there; refer the "
        "case to it first, or name a party ({choices})",
    ),
    "same_mediator": Bilingual(
        "{value}已是案件 {ref} 的调解员",
        "{value} is already the mediator of case {ref}",
    ),
}

CASE_FIELD_NAMES = {
    "summary": "事由", "terms": "条款", "statement": "陈述", "response": "答复",
    "findings": "检查结果", "duty": "承诺内容", "inspector": "检查人", "inspectors": "检查人",
    "mediator": "调解员", "party name": "当事人姓名", "community": "社区", "grid": "网格",
    "building": "楼栋", "question": "问题", "follow-up": "回访记录",
    "check start": "检查开始时间", "check end": "检查结束时间",
}

register_messages(CASE_MESSAGES, CASE_FIELD_NAMES)
