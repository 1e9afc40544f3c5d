"""Chinese help: `gongzhi case ...` (see help_zh)."""

from __future__ import annotations

CASE: dict[str, str] = {
    # -- case
    "Open, negotiate and close complaint cases (案件).": "受理、调解、结案：投诉纠纷案件。",
    "Cases are referred to as C<year>-<number> (C2026-000042; 2026-42 works too).\n"
    "Every write needs --actor (or GONGZHI_ACTOR) and takes --at for the time the\n"
    "step actually happened, if earlier than now.":
        "案件编号形如 C<年>-<序号>（C2026-000042；也可写 2026-42）。"
        "每次写入都需要 --actor（或 GONGZHI_ACTOR）；若该步骤实际发生得比现在早，"
        "用 --at 写明发生时间。",
    "A party accepts a proposal (only parties to the case can).":
        "当事人接受一个方案（只有本案当事人可以接受）。",
    "The party accepting: c1, r1 ... or its name.": "接受方案的当事人：c1、r1 …… 或其姓名、名称。",
    "When it happened (business time, in GONGZHI_TZ, default Asia/Shanghai): "
    "'2026-10-08 21:30', 'yesterday 09:00', '-2h'. Default: now.":
        "实际发生时间（业务时间，按 GONGZHI_TZ 时区，默认 Asia/Shanghai），例如 "
        "2026-10-08 21:30、2026年10月8日 21:30、昨天 09:00、前天 14:00、今天 8:30、"
        "-2h（2小时前）、-3d（3天前）。默认：现在。",
    "Record that the parties reached agreement, with its terms.": "登记双方达成调解协议及协议内容。",
    "Assign the case's mediator, or reassign it (with --reason).":
        "指派本案调解员，或更换调解员（须写明 --reason）。",
    "Required when handing the case to another mediator.": "更换调解员时必须写明原因。",
    "Record that a commitment was broken.": "登记一项承诺未履行（违约）。",
    "Evidence or remarks.": "证据或说明。",
    "Close the case with an outcome and the follow-up satisfaction.":
        "结案：写明结果与回访满意度。",
    "Open commitments must be fulfilled or breached first.": "尚在履行中的承诺须先登记履行或违约。",
    "resolved/调解成功 (needs agreement), unresolved/调解未成 (needs fail), withdrawn/撤回, "
    "transferred/移交处理.":
        "调解成功（须先达成协议）、调解未成（须先登记调解不成）、撤回、移交处理。",
    "Follow-up visit (回访): satisfied/满意, basically satisfied/基本满意, "
    "dissatisfied/不满意, unreachable/无法回访.":
        "回访结果：满意、基本满意、不满意、无法回访。",
    "Notes of the follow-up visit.": "回访记录。",
    "Record a commitment; prints its id (K1, K2 ...).": "登记一项承诺；输出其编号（K1、K2 ……）。",
    "Who promises: a party (c1, r1, name) or a referred department.":
        "作出承诺的一方：当事人（c1、r1 或姓名）或已转办的部门。",
    "What is promised.": "承诺的内容。",
    "By when: a date (2026-11-08), or +N: N days after the day the commitment is made "
    "(the step's --at date; today without --at).":
        "履行期限：日期（2026-11-08），或 +N：自作出承诺之日（本步骤 --at 的日期；"
        "未给 --at 则为今天）起第 N 天。",
    "Escalate the case: grid → community → sub-district (小事不出网格，大事不出社区).":
        "升级处理：网格 → 社区 → 街道（小事不出网格，大事不出社区）。",
    "community/社区 or sub-district/街道 (only upwards).": "社区 或 街道（只能向上升级）。",
    "Why the grid (or community) cannot settle it.": "网格（或社区）无法化解的原因。",
    "Record that mediation failed.": "登记调解不成。",
    "Why mediation did not succeed.": "调解不成的原因。",
    "Record that a commitment was kept.": "登记一项承诺已履行。",
    "Every event of a case: version, type, who recorded it, when it happened and was recorded.":
        "案件的全部事件：版本、类型、记录人、发生时间与记录时间。",
    "Record a spot check (抽查/现场检查): when, who, findings, verdict.":
        "登记一次抽查（现场检查）：时间、检查人、发现的情况、结论。",
    "Check began (TIME).": "检查开始时间（TIME）。",
    "Check ended (TIME).": "检查结束时间（TIME）。",
    "Repeatable: who checked (people or departments).": "可重复：检查人（个人或部门）。",
    "What was found.": "检查发现的情况。",
    "The verdict.": "检查结论：合格（--passed）或不合格（--failed）。",
    "Failed, but put right on the spot (当场整改).": "不合格，但已当场整改。",
    "When it was recorded as happening; default: --to.": "记为发生的时间；默认为 --to 的时间。",
    "Add another complainant to a case (e.g. a neighbour with the same complaint); prints\n"
    "the new party's code (c2, ...).":
        "为案件增加一名投诉人（例如反映同一问题的邻居）；输出新当事人的代号（c2 等）。",
    "List cases from the `cases` read model (caught up with the log first).":
        "从案件读模型列出案件（先与事件日志同步）。",
    "open/调解中, agreed, failed, closed.": "调解中、已达成协议、调解不成、已结案。",
    "Only this mediator's cases.": "只列该调解员的案件。",
    "Only this community.": "只列该社区。",
    "Only this grid (网格).": "只列该网格。",
    "Only this building.": "只列该楼栋。",
    "Only cases with this category.": "只列含该类别的案件。",
    "grid, community or sub-district.": "网格、社区或街道。",
    "Only cases with overdue commitments.": "只列有逾期承诺的案件。",
    "Judge 'overdue' on this date (default: today).": "按该日期判断是否逾期（默认：今天）。",
    "Add a free note (allowed at any stage, closed cases included).":
        "添加备注（任何阶段都可以，包括已结案的案件）。",
    "Open a case; prints its reference (C<year>-<number>) and each party's code (c1, r1).":
        "受理立案；输出案件编号（C<年>-<序号>）及每位当事人的代号（c1、r1）。",
    "Intake channel: 12345, walk-in/来访, online/网络平台, grid worker/网格员, "
    "building head/楼长.":
        "受理渠道：12345（热线）、来访、网络平台、网格员、楼长。",
    "Repeatable: noise/噪音, cooking fumes/油烟, water leak/漏水, parking/停车, pets/宠物, "
    "e-bike charging/电动车充电, other/其他.":
        "可重复：噪音、油烟、漏水、停车、宠物、电动车充电、其他。",
    "Community (社区), e.g. 双塔社区.": "社区，例如 双塔社区。",
    "Grid (网格), e.g. 3号网格.": "网格，例如 3号网格。",
    "Building (楼栋), e.g. 5栋.": "楼栋，例如 5栋。",
    "Unit or room, optional.": "单元或房号，可不填。",
    "Repeatable. A name, or business:NAME:OPERATOR.": "可重复。姓名，或 商户:名称:经营者。",
    "Repeatable. A person's name, or business:NAME:OPERATOR (商户:老王饭店:王建国).":
        "可重复。个人姓名，或 商户:名称:经营者（商户:老王饭店:王建国）。",
    "What the complaint is about.": "投诉事由。",
    "When the nuisance happens, e.g. 22:00-02:00.": "扰民时段，例如 22:00-02:00。",
    "Where it is handled first: grid/网格, community/社区, sub-district/街道.":
        "首先在哪一级处理：网格、社区、街道。",
    "Make a proposal, or a counter-proposal with --answers; prints its id (P1, P2 ...).":
        "提出方案，或用 --answers 提出反方案；输出其编号（P1、P2 ……）。",
    "'mediator' (调解员) or a party: c1, r1 or name.": "调解员（mediator），或当事人：c1、r1 或姓名。",
    "Make this a counter-proposal to the given proposal (e.g. P1).":
        "作为对该方案的反方案（例如 P1）。",
    "Refer the case to one or more departments, each with its question.":
        "把案件转办给一个或多个部门，每个部门附上要答复的问题。",
    "Departments: market_regulation (市场监管局), ecology_environment (生态环境局),\n"
    "police_station (派出所), subdistrict_office (街道办), urban_management (城管),\n"
    "housing (住建局), property_management (物业), community_committee (居委会),\n"
    "fire_rescue (消防); codes or Chinese names both work.":
        "部门：市场监管局、生态环境局、派出所、街道办、城管、住建局、物业、居委会、消防；"
        "写中文名称或部门代码（如 market_regulation）均可。",
    "Repeatable DEPT=QUESTION: the department and what it is asked.":
        "可重复，写作 部门=问题：转办的部门及请其答复的问题。",
    "A party rejects a proposal, with its reason.": "当事人拒绝一个方案，并说明理由。",
    "The party rejecting: c1, r1 ... or its name.": "拒绝方案的当事人：c1、r1 …… 或其姓名、名称。",
    "Why it was rejected.": "拒绝的理由。",
    "Reopen a closed case.": "重新启动已结案的案件。",
    "Why the case is reopened.": "重新启动的原因。",
    "Record a department's answer to its referral.": "登记部门对转办事项的答复。",
    "Show a case: parties, statements, proposals, referrals, checks, commitments.":
        "查看案件：当事人、陈述、方案、转办、现场检查、承诺。",
    "Show the case as it was at version N.": "查看案件在第 N 版时的样子。",
    "Record what a party said, or what it demands.": "记录当事人的陈述或诉求。",
    "Who said it: c1, r1 ... or the party's name.": "陈述人：c1、r1 …… 或当事人姓名、名称。",
    "statement/陈述 or demand/诉求.": "陈述 或 诉求。",
    "Print the mediation agreement (人民调解协议书) of a case that reached agreement.":
        "打印已达成协议案件的人民调解协议书。",
    "It states what the People's Mediation Law asks for: the parties, the main\n"
    "facts, the disputed matters and each side's responsibility, the agreed\n"
    "terms with the manner and deadline of each commitment, lines for every\n"
    "party's signature, seal or fingerprint, the mediator's signature and the\n"
    "committee's seal, and the last day to apply for judicial confirmation\n"
    "(30 days after it takes effect). Chinese by default; --lang en for English.":
        "内容依《人民调解法》的要求：当事人基本情况、纠纷的主要事实、争议事项及各方责任、"
        "协议内容及每项承诺的履行方式与期限、各方当事人签名（盖章或按指印）栏、人民调解员签名栏、"
        "人民调解委员会印章栏，以及申请司法确认的最后日期（协议生效之日起三十日内）。"
        "默认中文；用 --lang en 打印英文本。",
    "Plain text, Markdown, or HTML to print on A4.": "纯文本、Markdown，或可用 A4 纸打印的 HTML。",
    # -- case retract, correct, agree --from
    'Record that the parties reached agreement: its terms, or --from an accepted proposal.':
        '登记双方达成协议：写明协议条款，或用 --from 采用一项已获接受的方案。',
    'Agree on the terms of this proposal (e.g. P2), once every party it was put to has accepted it.':
        '以该方案（例如 P2）的条款达成协议；须该方案征求意见的各方都已接受。',
    'Replace fields of an entry (更正), checked by the rules of the command that\nrecorded it; the '
    'original stays in the history and `case show` marks it corrected (更正).':
        '更正一条记录的内容，按原登记命令的规则检查；原记录保留在办理经过中，查看案件时标注“更正”。',
    'Why the entry is corrected (更正原因).':
        '更正原因。',
    'Statement (T) or note (N): the text.':
        '陈述（T）或备注（N）：内容。',
    'Statement (T): who said it; commitment (K): who promises.':
        '陈述（T）：陈述人；承诺（K）：承诺人。',
    'Statement (T): statement/陈述 or demand/诉求.':
        '陈述（T）：陈述或诉求。',
    'Proposal (P), while unanswered: its terms.':
        '方案（P，尚未答复时）：方案条款。',
    'Rejection (A): its reason.':
        '拒绝答复（A）：拒绝理由。',
    'Referral (Q): what the department is asked.':
        '转办（Q）：请部门答复的问题。',
    'Department response (D): its text.':
        '部门答复（D）：答复内容。',
    'Escalation (E): its reason.':
        '升级（E）：升级原因。',
    'Spot check (S): when it began.':
        '现场检查（S）：开始时间。',
    'Spot check (S): when it ended.':
        '现场检查（S）：结束时间。',
    'Spot check (S), repeatable: who checked (replaces the list).':
        '现场检查（S），可重复：检查人（整体替换原名单）。',
    'Spot check (S): what was found.':
        '现场检查（S）：检查发现的情况。',
    'Spot check (S): the verdict.':
        '现场检查（S）：结论（合格或不合格）。',
    'Spot check (S): put right on the spot (当场整改) or not.':
        '现场检查（S）：是否当场整改。',
    'Commitment (K): what is promised.':
        '承诺（K）：承诺内容。',
    'Commitment (K): by when (a date, or +DAYS after it was made).':
        '承诺（K）：期限（日期，或 +天数，自作出承诺之日起算）。',
    'Fulfilment or breach (F): its note.':
        '履行或违约登记（F）：备注。',
    'Complainant who joined (c2 ...): the name.':
        '后加入的投诉人（c2 ……）：姓名。',
    'Complainant who joined: person/个人 or business/商户.':
        '后加入的投诉人：个人或商户。',
    'Complainant who joined, a business: its operator.':
        '后加入的商户投诉人：经营者。',
    'Withdraw an entry recorded in error (撤销); the original stays in the history.':
        '撤销一条误录的记录；原记录保留在办理经过中。',
    'A retracted commitment no longer blocks closing; retracting a fulfilment or\nbreach (F1) reopens '
    'its commitment; retracting an answer (A1) makes its\nproposal pending again. The opening, a '
    'closure, an agreement or a failed\nmediation cannot be retracted (the message says what to do '
    'instead); on a\nclosed case only notes can.':
        '撤销的承诺不再妨碍结案；撤销履行或违约登记（F1）会使该承诺恢复为履行中；撤销方案答复（A1）'
        '会使该方案恢复为待答复。受理、结案、协议和调解不成不能撤销（提示会说明应如何处理）；'
        '已结案的案件只能撤销备注。',
    'Why the entry was recorded in error (撤销原因).':
        '撤销原因（为何属误录）。',
}
