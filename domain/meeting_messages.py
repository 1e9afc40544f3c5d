"""What the joint meeting says when it refuses something, in Chinese and English."""

from __future__ import annotations

from domain.errors import register_messages
from domain.text import Bilingual

MEETING_MESSAGES: dict[str, Bilingual] = {
    "bad_meeting_ref": Bilingual(
        "“{value}”不是有效的会议编号，应形如 JM2026-000001 或 JM2026-1",
        "'{value}' is not a meeting reference; use the form JM2026-000001 or JM2026-1"),
    "unknown_body": Bilingual(
        "未知单位“{value}”：可填部门（见 gongzhi case refer --help）或 居民代表、商户代表、党员代表",
        "unknown body '{value}': give a department (see gongzhi case refer --help) or "
        "resident_reps, business_reps, party_member_reps"),
    "meeting_level": Bilingual("联席会议由社区或街道召集（--level community 或 subdistrict）",
                               "a joint meeting is convened at community or sub-district level "
                               "(--level community or subdistrict)"),
    "meeting_cancelled": Bilingual("会议 {ref} 已取消，不能再{what}",
                                   "meeting {ref} was cancelled: it cannot {what} any more"),
    "meeting_held": Bilingual(
        "会议 {ref} 已召开，不能再{what}；会后只能登记决议、事项结果和纪要",
        "meeting {ref} has been held, so it cannot {what}; after the meeting only resolutions, "
        "action results and minutes are recorded"),
    "meeting_not_held": Bilingual("会议 {ref} 当前为“{status}”：召开之后才能{what}",
                                  "meeting {ref} is {status}: it can {what} only once held"),
    "before_convened": Bilingual("发生时间 {occurred_at} 早于会议 {ref} 的召集时间（{convened_at}）",
                                 "occurred_at {occurred_at} is before meeting {ref} was convened "
                                 "({convened_at})"),
    "before_held": Bilingual("发生时间 {occurred_at} 早于会议 {ref} 的召开时间（{held_at}）",
                             "occurred_at {occurred_at} is before meeting {ref} was held "
                             "({held_at})"),
    "already_invited": Bilingual("{body}已受邀参加会议 {ref}", "{body} is already invited to {ref}"),
    "not_invited": Bilingual("{body}未受邀参加会议 {ref}（先用 gongzhi meeting invite 邀请）",
                             "{body} is not invited to meeting {ref} (invite it first: "
                             "gongzhi meeting invite)"),
    "not_attended": Bilingual("{body}未出席会议 {ref}：只有出席单位才能起草、修改或通过纪要",
                              "{body} did not attend meeting {ref}: only bodies that attended "
                              "draft, amend or approve its minutes"),
    "item_case_missing": Bilingual("本库中没有案件 {case}，不能列入议程",
                                   "there is no case {case} in this store to put on the agenda"),
    "item_case_closed": Bilingual("案件 {case} 已结案，不能列入议程",
                                  "case {case} is closed and cannot be put on the agenda"),
    "case_on_agenda": Bilingual("案件 {case} 已在会议 {ref} 的议程上",
                                "case {case} is already on the agenda of {ref}"),
    "no_questions": Bilingual("议题至少要向一个受邀单位提出问题（--ask 单位=问题）",
                              "an item needs a question to at least one invited body "
                              "(--ask BODY=QUESTION)"),
    "asked_twice": Bilingual("对{body}提了两个问题，请合并为一个",
                             "{body} is asked twice; put it in one question"),
    "no_item": Bilingual("会议 {ref} 没有议题 {item}（现有：{items}）",
                         "meeting {ref} has no item {item} (items: {items})"),
    "repeated_item": Bilingual("议题重复：{items}", "items repeated: {items}"),
    "same_order": Bilingual("会议 {ref} 的议题已是这个顺序", "the agenda of {ref} is already in that order"),
    "same_schedule": Bilingual("会议 {ref} 已定在这个时间和地点",
                               "meeting {ref} is already at that time and place"),
    "no_items": Bilingual("会议 {ref} 议程为空，不能召开", "meeting {ref} has no items to hold it on"),
    "no_attendees": Bilingual("出席的{body}至少要写一名参会人", "name at least one attendee for {body}"),
    "nobody_present": Bilingual("至少要有一个单位出席（--present 单位=姓名）",
                                "at least one body must be present (--present BODY=NAME)"),
    "item_resolved": Bilingual("议题 {item} 已有决议（会议 {ref}）",
                               "item {item} of {ref} is already resolved"),
    "due_before_meeting": Bilingual("完成期限 {due} 早于会议日期 {held}",
                                    "due date {due} is before the meeting ({held})"),
    "bad_owner": Bilingual("事项负责方“{owner}”既不是受邀单位（{bodies}）也不是当事人（{parties}）",
                           "action owner '{owner}' is neither an invited body ({bodies}) nor a "
                           "party of the case ({parties})"),
    "no_action": Bilingual("会议 {ref} 没有事项 {action}（现有：{actions}）",
                           "meeting {ref} has no action item {action} (action items: {actions})"),
    "action_settled": Bilingual("事项 {action} 已是“{status}”", "action item {action} is already {status}"),
    "no_evidence": Bilingual("完成事项需要证据：--evidence S2 / K1 / 部门，或 --note 说明",
                             "a done action item needs evidence: --evidence S2 / K1 / DEPT, "
                             "or a --note"),
    "bad_evidence": Bilingual("“{entry}”不是案件中的记录：写 S2（现场检查）、K1（承诺）或部门名（答复）",
                              "'{entry}' is not a case entry: give S2 (spot check), K1 "
                              "(commitment) or a department (its response)"),
    "evidence_not_found": Bilingual("案件 {case} 中没有 {entry}", "case {case} has no {entry}"),
    "evidence_no_response": Bilingual("案件 {case} 中{department}尚未答复",
                                      "case {case} has no response from {department}"),
    "evidence_not_fulfilled": Bilingual("案件 {case} 的承诺 {entry} 尚未履行，不能作为完成证据",
                                        "commitment {entry} of case {case} is not fulfilled, so "
                                        "it is no evidence"),
    "evidence_other_case": Bilingual("事项 {action} 属于案件 {case}，证据却来自 {other}",
                                     "action item {action} concerns case {case}, the evidence is "
                                     "from {other}"),
    "evidence_before_meeting": Bilingual("{entry}（{at}）早于会议召开（{held}），不能证明会后办结",
                                         "{entry} ({at}) is before the meeting ({held}), so it "
                                         "cannot show the action was done after it"),
    "minutes_drafted": Bilingual("会议 {ref} 的纪要已起草；请用 amend-minutes 修改",
                                 "the minutes of {ref} are drafted; change them with amend-minutes"),
    "no_minutes": Bilingual("会议 {ref} 尚无纪要（先用 gongzhi meeting minutes 起草）",
                            "meeting {ref} has no minutes yet (draft them: gongzhi meeting minutes)"),
    "minutes_unchanged": Bilingual("修改后的纪要与现行版本相同", "the amended minutes are the same"),
    "minutes_frozen": Bilingual(
        "会议 {ref} 的纪要已通过并冻结，不能再改；更正请另立记录（amend-minutes --correction）",
        "the minutes of {ref} are approved and frozen; record a correction as a new entry "
        "(amend-minutes --correction)"),
    "minutes_not_frozen": Bilingual("会议 {ref} 的纪要尚未冻结：直接修改即可",
                                    "the minutes of {ref} are not frozen yet: amend them instead"),
    "already_approved": Bilingual("{body}已通过第 {version} 版纪要",
                                  "{body} already approved version {version} of the minutes"),
}

MEETING_FIELDS = {
    "title": "会议名称", "venue": "地点", "chair": "主持人", "community": "社区",
    "scheduled time": "召开时间", "attendee": "参会人", "resolution": "决议", "task": "事项",
    "minutes": "纪要", "correction": "更正", "question": "问题", "items": "议题",
}

register_messages(MEETING_MESSAGES, MEETING_FIELDS)
