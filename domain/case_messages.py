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
    "consent_not_complainant": Bilingual(
        "“{value}”不是投诉人：只有投诉人才有保密或同意公开之分，被投诉方不打码",
        "'{value}' is no complainant: only complainants are confidential or named; "
        "respondents are never masked",
    ),
    "consent_unchanged": Bilingual(
        "“{value}”已是{named}，无需更改",
        "'{value}' is already {named}; nothing to change",
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
    "ambiguous_party": Bilingual(
        "案件 {ref} 中有多个当事人与“{value}”相符：{choices}；请用代码（c1、r1）或更完整的名称",
        "'{value}' fits more than one party of case {ref}: {choices}; use the code (c1, r1) "
        "or more of the name",
    ),
    "own_proposal_implied": Bilingual(
        "方案 {value} 由{party}提出，视为其本人已接受，无需再答复",
        "{party} made proposal {value}; their acceptance is implied, nothing to record",
    ),
    "proposal_not_accepted": Bilingual(
        "方案 {value} 尚未获全部当事人接受（待答复：{ids}），不能据此达成协议",
        "proposal {value} has not been accepted by everyone it was put to (still waiting for: "
        "{ids}), so no agreement can be made from it",
    ),
    "proposal_rejected": Bilingual(
        "方案 {value} 已被{ids}拒绝，不能据此达成协议；请提出新方案",
        "proposal {value} was rejected by {ids}, so no agreement can be made from it; make a "
        "new proposal",
    ),
    # corrections (更正) and retractions (撤销)
    "unknown_entry": Bilingual(
        "案件 {ref} 没有记录“{value}”，现有记录：{choices}",
        "case {ref} has no entry '{value}'; entries: {choices}",
    ),
    "already_retracted": Bilingual(
        "案件 {ref} 的 {value} 已撤销",
        "{value} of case {ref} is already retracted",
    ),
    "retracted_entry": Bilingual(
        "案件 {ref} 的 {value} 已撤销，不能再使用或更正",
        "{value} of case {ref} was retracted; it can no longer be used or corrected",
    ),
    "nothing_to_correct": Bilingual(
        "请指明 {value}（{kind}）要更正的内容：{fields}",
        "say what to correct in {value} ({kind}): {fields}",
    ),
    "not_correctable": Bilingual(
        "{value}（{kind}）不能更正 {option}，可更正：{fields}",
        "{option} cannot be corrected in {value} ({kind}); it takes: {fields}",
    ),
    "no_change": Bilingual(
        "本次更正与 {value} 现有内容相同，未作改动",
        "the correction changes nothing in {value}",
    ),
    "final_opening": Bilingual(
        "案件 {ref} 的受理不能撤销或更正；如属误立，请以“撤回”结案（gongzhi case close "
        "{ref} --outcome 撤回 ...）",
        "the opening of case {ref} cannot be retracted or corrected; if the case was "
        "opened in error, close it as withdrawn (gongzhi case close {ref} --outcome "
        "withdrawn ...)",
    ),
    "opening_party": Bilingual(
        "{value} 是案件 {ref} 受理时登记的当事人，受理内容不能撤销或更正（"
        "只有后来加入的投诉人可以）",
        "{value} was named when case {ref} was opened; the opening cannot be retracted "
        "or corrected (only complainants who joined later can)",
    ),
    "final_closure": Bilingual(
        "结案不能撤销，请重新启动案件（gongzhi case reopen {ref} --reason ...）",
        "a closure cannot be retracted; reopen case {ref} instead (gongzhi case reopen "
        "{ref} --reason ...)",
    ),
    "final_agreement": Bilingual(
        "协议不能撤销；如协议不成立，请重新启动案件 {ref} 并说明原因（"
        "尚未结案的先结案），调解将重新开始",
        "an agreement cannot be retracted; if it does not hold, reopen case {ref} with "
        "the reason (closing it first if still open): mediation starts afresh",
    ),
    "final_failure": Bilingual(
        "调解不成不能撤销；请重新启动案件 {ref} 并说明原因（"
        "尚未结案的先以“调解未成”结案），再行调解",
        "a failed mediation cannot be retracted; reopen case {ref} with the reason "
        "(closing it first as unresolved if still open) to mediate again",
    ),
    "final_reopening": Bilingual(
        "重新启动不能撤销，请再次结案（案件 {ref}）",
        "a reopening cannot be retracted; close case {ref} again",
    ),
    "final_mediator": Bilingual(
        "指派调解员不能撤销，请改派调解员（gongzhi case assign {ref} 姓名 --reason ...）",
        "a mediator's assignment is no entry to retract; assign the right mediator "
        "(gongzhi case assign {ref} NAME --reason ...)",
    ),
    "closed_notes_only": Bilingual(
        "案件 {ref} 已结案：只能撤销或更正备注；其他记录请先重新启动（gongzhi case "
        "reopen {ref} --reason ...）",
        "case {ref} is closed: only notes can be retracted or corrected; reopen it first "
        "(gongzhi case reopen {ref} --reason ...)",
    ),
    "answered_referral": Bilingual(
        "转办 {value} 已有答复（{response}），请先撤销该答复",
        "referral {value} has been answered ({response}); retract the response first",
    ),
    "entry_in_use": Bilingual(
        "{value} 仍被 {ids} 使用，请先撤销这些记录",
        "{value} is still needed by {ids}; retract those first",
    ),
    "not_latest_escalation": Bilingual(
        "只能撤销最近一次升级（{latest}，而非 {value}），请先撤销 {latest}",
        "only the latest escalation can be retracted ({latest}, not {value}); retract "
        "{latest} first",
    ),
    "answered_proposal": Bilingual(
        "方案 {value} 已有答复（{ids}），条款不能再改；请先撤销答复，或提出新方案",
        "proposal {value} has been answered ({ids}); its terms can no longer change: "
        "retract the answers first, or make a new proposal",
    ),
    "acceptance_has_no_reason": Bilingual(
        "{value} 是接受答复，没有可更正的原因；如有误请撤销",
        "{value} is an acceptance and has no reason to correct; retract it instead",
    ),
}

CASE_FIELD_NAMES = {
    "summary": "事由", "terms": "条款", "statement": "陈述", "response": "答复",
    "findings": "检查结果", "duty": "承诺内容", "inspector": "检查人", "inspectors": "检查人",
    "mediator": "调解员", "party name": "当事人姓名", "community": "社区", "grid": "网格",
    "building": "楼栋", "question": "问题", "follow-up": "回访记录",
    "check start": "检查开始时间", "check end": "检查结束时间", "operator": "经营者",
    "unit": "单元或房号",
}

register_messages(CASE_MESSAGES, CASE_FIELD_NAMES)
