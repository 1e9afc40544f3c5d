"""Chinese help: the root command, demo, export, projections and report (see help_zh)."""

from __future__ import annotations

ROOT: dict[str, str] = {
    # -- the root command and its options
    "Gongzhi (共治): record neighbourhood dispute mediation as immutable events.":
        "共治（Gongzhi）：把邻里纠纷调解的每一步记录为不可更改的事件。",
    "Every step of a case (intake, statements, proposals, referrals to\ndepartments, spot checks, "
    "commitments, agreement, closure) is an event;\nthe case's state is derived from them, and the "
    "log is hash-chained.":
        "案件的每一步（受理、陈述、方案、转办部门、现场检查、承诺、协议、结案）都是一个事件；"
        "案件的状态由这些事件推导而来，事件日志以哈希链相连，改动即可被发现。",
    "Times are local to GONGZHI_TZ (default Asia/Shanghai) and JSON writes them\n"
    "with their offset; --at takes 2026-10-08 21:30, yesterday 09:00 or -2h.":
        "时间按 GONGZHI_TZ 时区（默认 Asia/Shanghai）理解和显示，JSON 中的时间都带时区偏移；"
        "--at 可写 2026-10-08 21:30、昨天 09:00、前天 14:00 或 -2h（2小时前）。",
    "play a real case end to end": "完整演示一个真实案件",
    "Event store: a SQLite file path (or sqlite:///FILE), or "
    "postgresql://user@host:5432/db[?schema=NAME]. Env: GONGZHI_STORE.":
        "事件存储：SQLite 文件路径（或 sqlite:///FILE），或 PostgreSQL 地址 "
        "postgresql://user@host:5432/db[?schema=NAME] （环境变量 GONGZHI_STORE）。",
    "Where the read models (SQL tables for reporting) live, if not beside the events. "
    "Env: GONGZHI_READ_STORE.":
        "读模型（供统计报表用的 SQL 表）的存放位置，不与事件放在一起时使用。"
        "环境变量：GONGZHI_READ_STORE。",
    "Who is recording (required for every write). Env: GONGZHI_ACTOR.":
        "记录人姓名（每次写入都必须署名）。环境变量：GONGZHI_ACTOR。",
    "Machine-readable JSON output.": "输出供程序读取的 JSON。",
    "Language of labels and messages. Env: GONGZHI_LANG.":
        "界面与提示的语言：zh 中文，en 英文。环境变量：GONGZHI_LANG。",
    "Show the version and exit.": "显示版本号后退出。",
    "Show this message and exit.": "显示本帮助后退出。",
    # -- demo
    "Play the restaurant case of 双塔社区 through the application and print it.":
        "演示双塔社区饭店扰民案的完整办理过程，并打印案件。",
    "Residents complain of a ground-floor restaurant's noise after 22:00 and its\ncooking fumes; "
    "the mediator hears both sides, refers the case to market\nregulation, ecology-environment and "
    "the police, records the evening spot\ncheck, the commitments and the agreement, and closes it "
    "after a follow-up.":
        "居民投诉一楼饭店22点后噪音扰民、油烟直排；调解员听取双方陈述，"
        "转办市场监管局、生态环境局和派出所，记录夜间现场检查、各方承诺与调解协议，"
        "回访后结案。",
    "Without --store the demo writes ./gongzhi-demo.db (replacing an earlier\ndemo); with --store "
    "the store must be new or empty.":
        "不给 --store 时，演示写入 ./gongzhi-demo.db（覆盖之前的演示）；"
        "给了 --store 时，该数据存储必须是新的或空的。",
    "Show an aggregate as it stood at a moment or a version (time travel).":
        "查看一个对象（案件等）在某一时刻或某一版本时的样子（时间回溯）。",
    "--as-of is business time: what had happened by then, as we know it now, so a\n"
    "case entered after the fact shows as it was on the day. --known-at is\n"
    "recorded time: what the log held then (what anyone could have seen). Both\n"
    "together: what we knew on the --known-at day about the --as-of day. Overdue\n"
    "commitments are judged on the replayed day.":
        "--as-of 按业务时间：依目前所知，到那时已经发生了什么，所以事后补录的案件也能看到"
        "当天的样子。--known-at 按记录时间：那时日志里已有的记录（当时任何人能看到的）。"
        "两者同时给出：在 --known-at 那天，我们对 --as-of 那天知道些什么。"
        "承诺是否逾期按回溯到的那一天判断。",
    "Business time: the state as it stood at this moment, from everything known now "
    "(late entries included).":
        "业务时间：依目前所知的全部记录（含补录），该时刻的状态。",
    "Recorded time: only what the log held at this moment.": "记录时间：只看该时刻日志里已有的记录。",
    "State after version N.": "第 N 版之后的状态。",
    "Walk the history one event at a time, showing what each event changed.":
        "逐个事件走一遍办理经过，显示每个事件改变了什么。",
    # -- export, projections, report
    "Export a read-model table (caught up with the log first).": "导出一张读模型表（先与事件日志同步）。",
    "What depends on the day is judged when exporting, on --on (default today):\n"
    "`overdue` of each commitment, `overdue_commitments` of each case. Lists of\n"
    "codes (a case's categories, departments) are lists in JSON and one cell\n"
    "joined by commas in CSV.":
        "随日期而变的内容在导出时按 --on 指定的日期（默认今天）判断：每项承诺的 `overdue`（是否逾期），"
        "每个案件的 `overdue_commitments`（逾期承诺数）。代码列表（案件的类别、转办部门）"
        "在 JSON 中为列表，在 CSV 中以逗号连接放在一格。",
    "Start CSV with a UTF-8 BOM (for Excel on Windows).":
        "CSV 文件开头加 UTF-8 BOM（便于 Windows 上的 Excel 打开）。",
    "Read models (SQL tables for reporting): status, catch-up and rebuild.":
        "读模型（供统计报表用的 SQL 表）：状态、同步与重建。",
    "Read models are folded from the event log; they can always be dropped and\n"
    "rebuilt without touching the events.":
        "读模型由事件日志推导而来，随时可以删除重建，不会触及任何事件。",
    "Bring the read models up to date with the log (all, or the NAMEs given).":
        "让读模型与事件日志同步（全部，或只同步给出的 NAME）。",
    "Reads do this by themselves; run it before outside tools read the tables,\n"
    "e.g. from cron ahead of a BI refresh.":
        "读取时会自动同步；若有外部工具直接读这些表，请先运行本命令，例如在报表系统刷新前由定时任务运行。",
    "Drop projection tables and replay the whole log into them (all, or the NAMEs given).":
        "删除读模型表，并把整个事件日志重新写入（全部，或只重建给出的 NAME）。",
    "Safe to interrupt: the old tables stay until the new ones are written in\none transaction. "
    "A progress bar shows on a terminal.":
        "可以随时中断：新表在一个事务中写完之前，旧表保持不变。在终端上会显示进度条。",
    "Each projection's position against the log's head, its rows and lag.":
        "每个读模型的处理位置、行数，以及落后事件日志多少。",
    "Reports from the read models.": "基于读模型的统计报表。",
    "Cases opened and closed, by category, grid, level, outcome; resolution time; and\n"
    "the share resolved without leaving the grid (小事不出网格).":
        "受理与结案件数，按类别、网格、层级、结果统计；办结时长；"
        "以及在网格内化解的比例（小事不出网格）。",
    "First day (local), inclusive.": "起始日（本地日期），含当天。",
    "Last day (local), inclusive.": "截止日（本地日期），含当天。",
    "Business time: the figures from what had happened by this moment, as known now (late "
    "entries included).":
        "业务时间：依目前所知（含补录），按到该时刻为止已发生的情况统计。",
    "Recorded time: reproduce the report from what the log held at this moment, as it was "
    "given then.":
        "记录时间：只按该时刻日志里已有的记录统计，重现当时给出的报表。",
    "Time travel, as `audit replay`: --as-of is business time (what had happened by\n"
    "then, late entries included), --known-at is recorded time (last month's report\n"
    "exactly as it was given); both together: what the log held at --known-at about\n"
    "the --as-of moment.":
        "时间回溯，与 `audit replay` 相同：--as-of 按业务时间（到那时已经发生了什么，含补录），"
        "--known-at 按记录时间（与当时给出的上月报表完全一致）；两者同时给出：在 --known-at "
        "时日志所载的、关于 --as-of 时刻的情况。",
    'States: not built (empty tables, built on the first read), behind (by N\nevents, caught up on the '
    'next read), ok, needs rebuild, log changed.':
        '状态：未构建（空表，首次读取时构建）、落后（差 N 个事件，下次读取时追上）、正常、需重建、'
        '日志已变。',
    'Cases opened and closed, by category, grid, level, outcome, mediator; resolution\nrate (解决率), '
    'satisfaction rate (满意率), mean and median resolution time; and the\nshare resolved without '
    'leaving the grid (小事不出网格). Definitions: docs/reporting.md.':
        '受理与结案件数，按类别、网格、层级、结案结果、调解员分列；解决率、满意率、平均与中位办结天数；'
        '以及在网格内化解的比例（小事不出网格）。各项定义见 docs/reporting.md。',
    'Also count cases opened/closed per combination of month, community, grid (community/grid), '
    'category, e.g. --by grid,category.':
        '另按月份、社区、网格（社区/网格）、类别的组合统计受理与结案件数，例如 `--by grid,category`。',
}
