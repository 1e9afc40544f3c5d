"""Chinese help: `gongzhi convention ...`, building conventions (楼栋共治公约) (see help_zh)."""

from __future__ import annotations

CONVENTION: dict[str, str] = {
    "Building conventions (楼栋共治公约): clauses, signatures, checks, breaches.":
        "楼栋共治公约：条款、签署、履约检查、违约立案。",
    "When it happened, e.g. '2026-10-08 21:30'. Default: now.":
        "实际发生时间，例如 2026-10-08 21:30、昨天 09:00。默认：现在。",
    # -- drafting
    "Draft a building's convention; prints its reference (GY<year>-<number>).":
        "为楼栋起草公约；输出公约编号（GY<年>-<序号>）。",
    "Repeatable: the case(s) the convention comes from; the first gives the place.":
        "可重复：公约所源自的案件；地点取第一个案件的地点。",
    "Community (社区); default: the first case's.": "社区；默认取第一个来源案件的社区。",
    "Grid (网格); default: the first case's.": "网格；默认取第一个来源案件的网格。",
    "Building (楼栋); default: the first case's.": "楼栋；默认取第一个来源案件的楼栋。",
    "Default: the building's convention (e.g. 5栋共治公约).":
        "公约名称；默认为“楼栋名称+共治公约”，例如 5栋共治公约。",
    "Propose a clause in the draft; prints its id (c1, c2 ...).":
        "在草案中提出一条条款；输出条款编号（c1、c2 ……）。",
    "Who is bound: KIND:NAME with KIND business/商户, shops/全体底商, residents/居民, "
    "property/物业 or other/其他 (e.g. 商户:老王家常菜馆); a plain name is 'other'.":
        "约束对象：写作 类型:名称，类型为 商户、全体底商、居民、物业 或 其他"
        "（例如 商户:老王家常菜馆）；只写名称则类型为“其他”。",
    "What the party must do or not do.": "约束对象应当做或不得做的事。",
    "Daily hours it applies, e.g. 22:00-07:00.": "每日适用时段，例如 22:00-07:00。",
    "By when, e.g. 2026-11-20.": "完成期限，例如 2026-11-20。",
    "How compliance is checked.": "如何检查履约情况。",
    "How often: daily/每日, weekly/每周, monthly/每月, quarterly/每季度, once/一次.":
        "检查频次：每日、每周、每月、每季度、一次。",
    "Change a clause of the draft (only the fields given). Voids signatures already given.":
        "修改草案中的一条条款（只改给出的内容）；已有的签署随之作废。",
    "Withdraw a clause from the draft. Voids signatures already given.":
        "从草案中撤回一条条款；已有的签署随之作废。",
    "Why the clause is dropped.": "撤回该条款的原因。",
    "Record that a bound party signed the draft.": "登记约束对象已签署草案。",
    "Who signs for the party (personal data).": "代表约束对象签署的人（属个人信息）。",
    "signature/签字, seal/盖章 or thumbprint/按手印.": "签署方式：签字、盖章 或 按手印。",
    "Record that a bound party declined to sign, with the reason.":
        "登记约束对象拒绝签署及其理由。",
    "Who declined for the party (personal data).": "代表约束对象拒签的人（属个人信息）。",
    "Why they will not sign.": "拒绝签署的理由。",
    "Adopt the draft: every bound party must have signed, unless overridden with a reason.":
        "通过草案：所有约束对象都须已签署，否则须用 --override-reason 说明理由后通过。",
    "Adopt although a bound party has not signed, and why.":
        "有约束对象尚未签署时仍予通过，并写明理由。",
    "Publish (公示) the adopted version.": "公示已通过的版本。",
    "Where it is posted (公示地点).": "公示地点。",
    "Posted from this day (default: the day of --at).": "公示起始日期（默认为 --at 当天）。",
    "Start a new version of an adopted convention (the old one stays in force until adopted).":
        "修订已通过的公约，起草新版本（新版本通过前，原版本继续有效）。",
    "Why a new version is needed.": "需要修订的原因。",
    # -- compliance
    "Record a compliance check of a clause in force; --at is when it was checked.":
        "登记对一条现行条款的履约检查；--at 为检查时间。",
    "complied/遵守 or breached/违反 (a breach that should open a case: use `convention breach`).":
        "遵守 或 违反（需要立案处理的违约，请用 `convention breach`）。",
    "Who checked (default: --actor).": "检查人（默认为 --actor）。",
    "Record a breach and, in the same transaction, open a case against the bound party.":
        "登记违约，并在同一事务中对约束对象立案。",
    "The new case records the clause it enforces (GY2026-000001/c1); the\nconvention's board "
    "shows the case. With --reopen the originating case is\nreopened instead. Either both are "
    "recorded or neither.":
        "新案件记下它所执行的条款（GY2026-000001/c1），公约的公示板上显示该案件。"
        "用 --reopen 则重新启动公约的来源案件，而不新立案件。违约与立案要么都记录，要么都不记录。",
    "What was seen, measured or shown.": "检查所见、测量结果或出示的证明。",
    "Who found the breach (default: --actor).": "发现违约的人（默认为 --actor）。",
    "Reopen this case the convention came from instead of opening a new one.":
        "重新启动公约的这一来源案件，而不新立案件。",
    "The new case's category (repeatable; default: other/其他).":
        "新案件的类别（可重复；默认：其他）。",
    "The new case's complainant (repeatable; default: whoever found it).":
        "新案件的投诉人（可重复；默认为发现违约的人）。",
    "The new case's summary, or the reopening's reason.": "新案件的投诉事由，或重新启动的原因。",
    "Record that a breach (CK2, ...) was remedied.": "登记违约（CK2 等）已整改。",
    "What was done to put it right.": "采取的整改措施。",
    "Suspend a convention in force (a new version's adoption puts it back in force).":
        "暂停现行公约（新版本通过后即恢复生效）。",
    "Why the convention is suspended.": "暂停的原因。",
    "Repeal a convention for good.": "废止公约（不可恢复）。",
    "Why the convention is repealed.": "废止的原因。",
    # -- reading
    "Show a convention: every version's clauses and signatures, and its checks.":
        "查看公约：各版本的条款与签署情况，以及履约检查记录。",
    "List conventions from the status board (caught up with the log first).":
        "从公示板列出公约（先与事件日志同步）。",
    "drafting/起草中, adopted/已通过, published/已公示, suspended, repealed.":
        "起草中、已通过、已公示、已暂停、已废止。",
    "The status board: of one building's convention, of a party, of a community or the "
    "district.":
        "公示板：一栋楼的公约、一个约束对象、一个社区，或全街道。",
    "Per building: state, version, adoption and publication, each clause with its\nparty, "
    "signature, last check and result, breaches, days since the last check,\ndeadline and "
    "whether it is overdue. Per party: every clause binding it. Per\ncommunity (or every "
    "community, without options): buildings covered, clauses\nin force, the compliance rate "
    "over the period, open breaches with their cases.":
        "单栋：状态、版本、通过与公示情况，每条条款的约束对象、签署情况、最近一次检查及结果、"
        "违约次数、距上次检查的天数、期限及是否逾期。单个约束对象：约束它的全部条款。"
        "社区（不带选项则为每个社区）：覆盖的楼栋、现行条款、期间内的遵守率、"
        "尚未整改的违约及其案件。",
    "Every clause that binds this party, across buildings.": "约束该对象的全部条款（跨楼栋）。",
    "A community's figures (without REF or --party).": "一个社区的数据（不与 REF 或 --party 同用）。",
    "Compliance period start (default: 90 days before --until).":
        "遵守率统计起始日（默认为 --until 前 90 天）。",
    "Compliance period end (default: --on).": "遵守率统计截止日（默认为 --on）。",
    "Judge overdue and days since on this day (default: today).":
        "按该日判断是否逾期及距上次检查的天数（默认：今天）。",
    "The convention to post in the building: title, parties, clauses, signatures, date.":
        "打印在楼栋张贴的公约：标题、约束各方、条款、签署与日期。",
    "Signatories' names are masked. HTML is a printable A4 page (print it to PDF\nwith a "
    "browser, e.g. chromium --headless --print-to-pdf=out.pdf file://...).":
        "签署人姓名打码显示。HTML 为可用 A4 纸打印的页面（可用浏览器打印为 PDF，例如 "
        "chromium --headless --print-to-pdf=out.pdf file://...）。",
    "Which version (default: the one in force, else the latest).":
        "哪个版本（默认为现行版本，没有则为最新版本）。",
    "Write to this file instead of the terminal.": "写入该文件，而不是输出到屏幕。",
}
