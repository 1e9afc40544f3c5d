"""Chinese help: `gongzhi meeting ...`, joint meetings (联席会议) (see help_zh)."""

from __future__ import annotations

MEETING: dict[str, str] = {
    "Joint meetings (联席会议): agenda pool, agendas, resolutions, action items, minutes.":
        "联席会议：待议案件池、议程、议定事项、落实事项、会议纪要。",
    "Meetings are referred to as JM<year>-<number> (JM2026-000001; JM2026-1 works\ntoo). "
    "Bodies are departments (派出所, market_regulation, ...) or representatives\n"
    "(居民代表 resident_reps, 商户代表 business_reps, 党员代表 party_member_reps).\n"
    "Every write needs --actor and takes --at for when the step happened.":
        "会议编号形如 JM<年>-<序号>（JM2026-000001；也可写 JM2026-1）。参会单位可以是部门"
        "（派出所、市场监管局等，也可写代码 market_regulation），也可以是代表（居民代表、商户代表、"
        "党员代表）。每次写入都需要 --actor，可用 --at 写明该步骤的实际发生时间。",
    "When it happened, e.g. '2026-10-19 16:00'. Default: now.":
        "实际发生时间，例如 2026-10-19 16:00、昨天 09:00。默认：现在。",
    # -- planning
    "Convene a joint meeting; prints its reference (JM<year>-<number>).":
        "召集联席会议；输出会议编号（JM<年>-<序号>）。",
    "The meeting's title.": "会议名称。",
    "The convening body, e.g. community/社区 or sub-district/街道.": "召集单位，例如 社区、街道。",
    "community or subdistrict.": "会议层级：社区 或 街道。",
    "When it will be held.": "召开时间。",
    "Where it will be held.": "召开地点。",
    "Who chairs it (a name: personal data).": "会议主持人（姓名，属个人信息）。",
    "The community it is about (for list and pool filters).":
        "会议涉及的社区（供列表和待议案件池筛选）。",
    "A body to invite (repeat).": "邀请参会的单位（可重复）。",
    "Invite one or more bodies (departments or representatives).":
        "邀请一个或多个单位参会（部门或代表）。",
    "Withdraw a body's invitation (the questions put to it go with it).":
        "撤回对某单位的邀请（向其提出的问题一并撤回）。",
    "Put a case on the agenda with a question for each body asked; prints the item (I1).":
        "把案件列入议程，并写明请各单位答复的问题；输出议题编号（I1）。",
    "The case must exist and not be closed.": "案件须已受理且尚未结案。",
    "BODY=QUESTION for an invited body (repeat).": "写作 单位=问题，单位须已受邀（可重复）。",
    "Take an item off the agenda (its case goes back to the pool).":
        "把议题移出议程（案件回到待议案件池）。",
    "Move the named items to the front, in the order given; the rest keep their order.":
        "把列出的议题按给出的顺序移到最前；其余议题保持原有顺序。",
    "Move the meeting to another time (and place).": "会议改期（也可改换地点）。",
    "The new time.": "新的召开时间。",
    "A new venue (default: unchanged).": "新的召开地点（默认：不变）。",
    "Cancel a meeting that has not been held (its cases go back to the pool).":
        "取消尚未召开的会议（议程中的案件回到待议案件池）。",
    "Why (recorded with the step).": "原因（随本步骤一并记录）。",
    # -- outcomes
    "Record that the meeting took place and who attended for each body.":
        "登记会议已召开，以及各单位的出席人员。",
    "BODY=NAME[,NAME] for a body that came (repeat); others are absent.":
        "写作 单位=姓名[,姓名]，列出到会的单位（可重复）；未列出的单位记为缺席。",
    "Record the resolution on an item and its action items; prints their ids (A1, ...).":
        "登记议题的议定事项及落实事项；输出落实事项编号（A1 ……）。",
    "What the meeting decided on the item.": "会议对该议题作出的决定。",
    "OWNER:DUE:TASK (owner: an invited body or a party key such as r1; repeat).":
        "写作 责任方:期限:任务（责任方为受邀单位，或当事人代号如 r1；可重复）。",
    "Record an action item as done, with the case's later step as evidence.":
        "登记落实事项已完成，以案件中后续的办理步骤为依据。",
    "The step of the case that shows it: S2 (spot check), K1 (fulfilled commitment) or a "
    "department (its response).":
        "证明已落实的案件步骤：S2（现场检查）、K1（已履行的承诺），或部门名称（其答复）。",
    "What was done (needed without --evidence).": "落实情况（不给 --evidence 时必填）。",
    "Record an action item as missed.": "登记落实事项未完成。",
    "Why it was not done.": "未完成的原因。",
    "Draft the minutes (纪要) of a held meeting.": "起草已召开会议的会议纪要。",
    "Amend the minutes (a new version; earlier approvals lapse), or correct frozen ones.":
        "修改会议纪要（形成新版本，此前的确认随之失效），或对已定稿的纪要登记更正。",
    "The attending body doing it.": "提出修改的出席单位。",
    "What the amendment changes.": "修改的内容和理由。",
    "The minutes are frozen: record TEXT as a correction linked to them.":
        "纪要已定稿：把 TEXT 作为与之关联的更正登记。",
    "An attending body approves the minutes; once every one has, they are frozen.":
        "出席单位确认会议纪要；所有出席单位都确认后，纪要即定稿。",
    # -- reading
    "Show a meeting: bodies and attendance, agenda, resolutions, action items, minutes.":
        "查看会议：参会单位与出席情况、议程、议定事项、落实事项、会议纪要。",
    "Show it as it was at version N.": "查看会议在第 N 版时的样子。",
    "List meetings from the `meetings` read model.": "从会议读模型列出会议。",
    "scheduled, held or cancelled.": "待召开、已召开 或 已取消。",
    "Only meetings about this community.": "只列涉及该社区的会议。",
    "Cases waiting for a joint meeting, most pressing first.": "等待提交联席会议的案件，最紧迫的排在前面。",
    "A case waits when it is open, on no meeting, and was referred to two or\nmore departments, "
    "or escalated to community/sub-district level with a\nreferral. Order: more overdue "
    "commitments, more complainants, more failed\nattempts (rejected proposals, failed spot "
    "checks), older, then reference.":
        "案件尚在调解中、未列入任何会议，并且已转办两个及以上部门，或已升级到社区、街道一级"
        "且有转办，即进入待议案件池。排序依次看：逾期承诺多的、投诉人多的、调解未果次数多的"
        "（方案被拒、现场检查不合格）、受理早的，最后按案件编号。",
    "Only cases of this community.": "只列该社区的案件。",
    "The agenda (议程): items, questions per body, case history, what each must bring.":
        "会议议程：各议题、向各单位提出的问题、案件经过、各单位须带来的材料。",
    "After the meeting it also shows the resolutions and action items with their\nstatus "
    "(overdue judged on --on, default today). `--json` is the same as\n`--format json`.":
        "会议召开后还列出议定事项和落实事项及其进展（是否逾期按 --on 的日期判断，默认今天）。"
        "`--json` 与 `--format json` 相同。",
    "Output format (html: a printable A4 page).": "输出格式（html：可用 A4 纸打印的页面）。",
    "Only what concerns this body.": "只列与该单位有关的内容。",
}
