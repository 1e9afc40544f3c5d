"""Chinese help for `gongzhi convention ...` (the default language; --lang en shows English).

The English help is the commands' own docstrings and option texts; these are
their Chinese counterparts, with the same examples. A command or option missing
here shows its English help.
"""

from __future__ import annotations

import re
import textwrap

GROUP = """楼栋共治公约：条款、签署、公示、履约检查、违约立案与公示板。

公约编号形如 GY2026-000001（可简写为 GY2026-1），条款为 c1、c2……（也可写 3 或 第3条）。
每个命令都可加 --json；写操作需要 --actor（或 GONGZHI_ACTOR），可用 --at 指定实际发生时间。"""

COMMANDS = {
    "draft": "为楼栋起草公约，打印其编号（GY<年份>-<序号>）。每栋楼只有一份公约，之后的约定作为新版本。",
    "clause": "在草案中提出一条条款，打印条款编号（c1、c2……）。",
    "amend-clause": "修改草案中的条款（只改给出的项）；已有的签署随之作废。",
    "withdraw-clause": "从草案中撤回一条条款；已有的签署随之作废。",
    "sign": "登记约束对象签署草案（签字、盖章或按手印）。",
    "decline": "登记约束对象拒绝签署及其理由。",
    "adopt": "通过草案：所有约束对象均须已签署，否则须以 --override-reason 说明理由。",
    "publish": "公示已通过的版本：公示地点与起始日期。",
    "amend": "修订已通过的公约，起草新版本（新版本通过前，原版本继续有效）。",
    "check": "登记对现行条款的履约检查；--at 为检查时间。",
    "breach": "登记违约，并在同一事务中对约束对象立案（或以 --reopen 重新启动来源案件）。"
              "新案件记录其执行的条款（GY2026-000001/c1），公示板显示案件编号；二者要么都记录，要么都不记录。",
    "remedy": "登记违约（CK2 等）已整改。",
    "suspend": "暂停现行公约（新版本通过后恢复生效）。",
    "repeal": "废止公约。",
    "show": "查看公约：各版本的条款与签署，以及检查记录。",
    "list": "从公示板列出公约（先与事件日志同步）。",
    "status": "公示板：单栋公约、某一约束对象、某一社区，或（不带参数）全街道。\n\n"
              "单栋：状态、版本、通过与公示日期，每条条款的约束对象、签署情况、最近检查及结果、违约次数、"
              "距上次检查天数、期限及是否逾期（按查询当日判断）。约束对象：约束它的全部条款。"
              "社区：覆盖楼栋、生效条款、期间内的遵守率、未整改的违约及其案件。",
    "print": "打印张贴用的公约文本：标题、约束各方、条款、签署与日期。签署人姓名打码。"
             "HTML 为可打印的 A4 页面（可用浏览器打印为 PDF）。",
}

OPTIONS = {
    "--at": "实际发生时间，如 '2026-10-08 21:30'，默认为现在。",
    "--json": "以 JSON 输出。",
    "--case": "可重复：公约来源案件；第一个案件提供地点。",
    "--community": "社区（默认取第一个来源案件的社区）。",
    "--grid": "网格（默认取第一个来源案件的网格）。",
    "--building": "楼栋（默认取第一个来源案件的楼栋）。",
    "--title": "标题，默认为“<楼栋>共治公约”。",
    "--party": "约束对象：类型:名称，类型为 商户、全体底商、居民、物业 或 其他（如 商户:老王家常菜馆）；"
               "只写名称则为“其他”。",
    "--duty": "约束对象应当做或不做的事。",
    "--window": "每日适用时段，如 22:00-07:00。",
    "--deadline": "期限，如 2026-11-20。",
    "--check": "如何检查履约。",
    "--every": "检查频次：每日、每周、每月、每季度、一次。",
    "--reason": "原因。",
    "--signatory": "代表约束对象签署（或拒签）的人（个人信息）。",
    "--method": "签署方式：签字、盖章或按手印。",
    "--override-reason": "在有约束对象未签署时仍予通过，并说明理由。",
    "--where": "公示地点。",
    "--from": "公示起始日期（默认为 --at 当日）。",
    "--result": "遵守 或 违反（需要立案的违约请用 convention breach）。",
    "--evidence": "检查所见、测量结果或证明材料。",
    "--by": "检查人（默认为 --actor）。",
    "--reopen": "重新启动公约的来源案件，而不是新立案件。",
    "--category": "新案件的类别（可重复，默认“其他”）。",
    "--complainant": "新案件的投诉人（可重复，默认为发现违约的人）。",
    "--summary": "新案件的事由，或重新启动的原因。",
    "--note": "整改措施。",
    "--status": "起草中、已通过、已公示、已暂停、已废止。",
    "--limit": "最多列出多少份。",
    "--since": "遵守率统计起始日（默认为 --until 前 90 天）。",
    "--until": "遵守率统计截止日（默认为 --on）。",
    "--on": "按此日判断逾期与距上次检查天数（默认为今天）。",
    "--format": "输出格式：text、md 或 html。",
    "--version": "哪个版本（默认为现行版本，否则为最新版本）。",
    "--output": "写入文件而不是终端。",
}
# Where one option means something else in one command.
OVERRIDES = {
    ("remedy", "--note"): "整改措施。",
    ("breach", "--by"): "发现违约的人（默认为 --actor）。",
    ("status", "--party"): "约束此对象的全部条款（跨楼栋）。",
    ("status", "--community"): "某一社区的数据（不与编号或 --party 同用）。",
    ("list", "--community"): "只列此社区。",
    ("list", "--building"): "只列此楼栋。",
}


def chinese_help(command: str, text: str) -> str:
    """The Chinese description, keeping the English docstring's example block."""
    zh = COMMANDS.get(command) if command != "convention" else GROUP
    if zh is None:
        return text
    parts = re.split(r"\x08\s*\n\s*Example:\s*\n", text, maxsplit=1)
    if len(parts) < 2:
        return zh
    examples = textwrap.indent(textwrap.dedent(parts[1]).strip("\n"), "  ")
    return f"{zh}\n\n\b\n示例（Example）：\n{examples}"  # "Example" as in every help


def option_help(command: str, option: str) -> str | None:
    return OVERRIDES.get((command, option)) or OPTIONS.get(option)
