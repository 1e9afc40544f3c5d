"""Chinese help: `gongzhi audit ...` and `gongzhi store ...` (see help_zh).

The entries after "branch integrity" are for commands and options of the
integrity branch (keys, checkpoints, witnesses, store roles), ready for its merge.
"""

from __future__ import annotations

AUDIT: dict[str, str] = {
    # -- audit
    "Auditor's toolkit: history, replay, seal, verify, export (审计).":
        "审计工具：办理经过、时间回溯、封存、校验、导出。",
    "Stream the log with its hashes as JSON lines, for archiving.":
        "把事件日志连同哈希逐行导出为 JSON，供归档。",
    "The archive can be checked later without the database:\n"
    "`gongzhi audit verify --file ARCHIVE.jsonl`.":
        "归档文件日后无需数据库即可校验：`gongzhi audit verify --file ARCHIVE.jsonl`。",
    "Start after this notification id, or at this time (e.g. 2026-10-01).":
        "从该日志序号之后开始，或从该时间开始（例如 2026-10-01）。",
    "Write to this file instead of standard output.": "写入该文件，而不是输出到屏幕。",
    "Every event of an aggregate (case, seal, ...) with who, when, what and its hashes.":
        "一个对象（案件、封存记录等）的全部事件：谁、何时、做了什么，以及各事件的哈希。",
    "Late entries (recorded long after they happened) are flagged.":
        "补录的事件（发生很久之后才记录）会被标出。",
    "Flag events recorded more than this long after they happened.":
        "发生后超过这么久才记录的事件标为补录。",
    "Verify the log and record a seal: the hash over every event up to the head.":
        "校验事件日志并记录一次封存：覆盖截至目前全部事件的哈希。",
    "Publish or write down the printed hash; `audit verify --against HASH` later\n"
    "proves that nothing up to that point was changed. Sealing only appends.":
        "请公布或抄下打印出的哈希；日后用 `audit verify --against HASH`"
        "即可证明此前的记录没有被改动。封存只追加记录，不改动任何已有记录。",
    "Check every stream chain, the log chain and every recorded seal.":
        "校验每个对象的事件链、整个日志链以及每一次封存。",
    "Names each broken link with the aggregate, version and what is wrong\n(changed data, "
    "deleted, inserted or reordered events). Exits 1 if anything\nis wrong.":
        "逐一指出断开的环节：哪个对象、第几版、出了什么问题"
        "（数据被改、事件被删除、插入或调换顺序）。发现任何问题时退出码为 1。",
    "a hash published at sealing time": "封存时公布的哈希",
    "A published seal hash (16-64 hex digits) the log must match.":
        "已公布的封存哈希（16 到 64 位十六进制数字），日志必须与之相符。",
    "Check an export (audit export) offline instead of the database.":
        "离线校验一份导出文件（`gongzhi audit export` 的输出），而不是数据库。",
    # -- branch integrity: signed checkpoints, witnesses, the remembered head
    "The archive ends with a trailer (event count, last log hash, checkpoint) and\n"
    "can be checked later without the database:\n"
    "`gongzhi audit verify --file ARCHIVE.jsonl [--key PUB]`.":
        "归档文件末尾附有结尾记录（事件数、最后的日志哈希、检查点），日后无需数据库即可校验："
        "`gongzhi audit verify --file ARCHIVE.jsonl [--key PUB]`。",
    "Write to this file (created 0600; missing folders are made) instead of standard output.":
        "写入该文件（权限 0600；缺少的文件夹会自动建立），而不是输出到屏幕。",
    "Sign the trailer's checkpoint with this private key. Env: GONGZHI_SIGNING_KEY.":
        "用该私钥签署结尾记录中的检查点。环境变量：GONGZHI_SIGNING_KEY。",
    "Forget the head this machine last verified for the store (after a confirmed restore).":
        "忘记本机上次为该存储校验过的日志末端（确认已从备份恢复之后使用）。",
    "A store restored from a backup is older than what was verified: `audit verify`\n"
    "says so, as it should. Once the restore is confirmed, forget the old head;\n"
    "the next verify remembers the restored one.":
        "从备份恢复的存储比已校验过的记录旧，`audit verify` 会如实指出。确认恢复无误后，"
        "忘记旧的日志末端；下次校验时会记住恢复后的末端。",
    "Make an Ed25519 key pair for signing checkpoints (kept outside the database).":
        "生成用于签署检查点的密钥对（ED25519 算法，保存在数据库之外）。",
    "Keep the private key where writers of the store cannot read it; publish the\n"
    ".pub file so that anyone can check your checkpoints.":
        "私钥要存放在录入人员读不到的地方；公布 `.pub` 公钥文件，任何人都能据此核对你的检查点。",
    "Who signs: the office, e.g. shuangta-jiedao (no spaces or '+').":
        "签署单位的标识，例如 `shuangta-jiedao`（不能含空格或 +）。",
    "Private key file (0600); the public key goes to FILE.pub.":
        "私钥文件（权限 0600）；公钥写入 `FILE.pub`。",
    "Verify the log, record a seal and print a checkpoint of it (signed with --key).":
        "校验事件日志，记录一次封存，并输出其检查点（用 --key 签署）。",
    "The checkpoint (C2SP tlog-checkpoint, as a signed note) names this store, the\n"
    "number of events and the log hash. Publish it, or give it to a witness\n"
    "(audit witness); `audit verify --checkpoint FILE --key PUB` later proves that\n"
    "nothing up to that point was changed, removed or replaced. Sealing only appends.":
        "检查点（C2SP 标准格式的签名记录）写明本存储、事件数和日志哈希。请公布检查点，"
        "或交给见证方（`audit witness`）；日后用 `audit verify --checkpoint FILE --key PUB` "
        "即可证明此前的记录没有被改动、删除或替换。封存只追加记录，不改动任何已有记录。",
    "Sign the checkpoint with this private key (audit keygen). Env: GONGZHI_SIGNING_KEY.":
        "用该私钥签署检查点（私钥由 `audit keygen` 生成）。环境变量：GONGZHI_SIGNING_KEY。",
    "Also write the (signed) checkpoint to this file, for publishing.":
        "同时把（已签署的）检查点写入该文件，供公布。",
    "Check every stream chain, the log chain, every seal, and the heads seen before.":
        "校验每个对象的事件链、整个日志链、每一次封存，以及此前校验过的日志末端。",
    "Names each broken link with the aggregate, version and what is wrong\n"
    "(changed data, deleted, inserted or reordered events, a retyped column).\n"
    "This machine remembers the last head it verified for each store (under\n"
    "$XDG_STATE_HOME/gongzhi): a store cut short, replaced by an older copy or\n"
    "rehashed after an edit no longer reproduces it. Exits 1 if anything is wrong.":
        "逐一指出断开的环节：哪个对象、第几版、出了什么问题（数据被改、事件被删除、插入或调换顺序、"
        "字段类型被改）。本机记住每个存储上次校验过的日志末端（保存在 `$XDG_STATE_HOME/gongzhi`）："
        "存储被截短、被旧副本替换，或改动后重新计算了哈希，都无法再与之吻合。"
        "发现任何问题时退出码为 1。",
    "A published checkpoint (audit seal) the log must reproduce.":
        "已公布的检查点（由 `audit seal` 生成），日志必须与之吻合。",
    "Public key whose signature the checkpoint must carry (repeat for witnesses).":
        "检查点必须带有该公钥对应的签名（见证方的公钥可重复给出）。",
    "Cosign a checkpoint after checking that it extends the last one this witness saw.":
        "见证方核实检查点是在其上次见证的检查点基础上延续的，然后联署。",
    "The log (the store, or an export of it given with --file) must reproduce\n"
    "both the checkpoint and the last one witnessed for the same log; a checkpoint\n"
    "with fewer events, or another history, is refused. The witness remembers\n"
    "what it cosigned under $XDG_STATE_HOME/gongzhi.":
        "日志（存储本身，或用 --file 给出的导出文件）必须与该检查点以及同一日志上次见证的检查点"
        "都吻合；事件数变少或历史不同的检查点一律拒绝。见证方把联署过的检查点记在 "
        "`$XDG_STATE_HOME/gongzhi` 下。",
    "The witness's own private key (audit keygen).": "见证方自己的私钥（由 `audit keygen` 生成）。",
    "Public key of the log's signer; the checkpoint must carry its signature.":
        "日志签署方的公钥；检查点必须带有其签名。",
    "The log as an export (audit export) instead of reading --store.":
        "以导出文件（`audit export` 的输出）作为日志，而不读取 --store。",
    "Write the cosigned checkpoint here instead of standard output.":
        "把联署后的检查点写入该文件，而不是输出到屏幕。",
}

# -- branch integrity: `gongzhi store ...` and the root's --command-id
STORE: dict[str, str] = {
    "Identify this write so that running it again records nothing twice (for scripts that "
    "retry). Env: GONGZHI_COMMAND_ID.":
        "给本次写入一个标识，重复执行时不会重复记录（供会自动重试的脚本使用）。"
        "环境变量：GONGZHI_COMMAND_ID。",
    "Administer the store: roles and privileges on PostgreSQL (数据存储管理).":
        "数据存储管理：PostgreSQL 上的角色与权限。",
    "Print (or with --apply run) the GRANT statements for writer and auditor roles.":
        "输出（或用 --apply 直接执行）为录入角色和审计角色授权的 GRANT 语句。",
    "Run it as the role that owns the tables, after the first command created\n"
    "them. Writers get no UPDATE or DELETE on the events table, so they cannot\n"
    "rewrite history; the roles themselves are made by your DBA (CREATE ROLE).":
        "请在第一条命令建好数据表之后，以数据表所有者的角色执行。录入角色对事件表没有 UPDATE "
        "或 DELETE 权限，因此无法改写历史；角色本身由数据库管理员（DBA）用 CREATE ROLE 建立。",
    "A role that records cases: INSERT and SELECT on the events, nothing more.":
        "录入案件的角色：对事件只有 INSERT 和 SELECT 权限，别无其他。",
    "A role that only reads: SELECT on every table.": "只读角色：对每张表只有 SELECT 权限。",
    "Run the statements (as the store's owner) instead of printing them.":
        "直接执行这些语句（以存储所有者的身份），而不是输出。",
    "CSV: keep cells starting with = + - @ as they are (by default they get a leading ' so a "
    "spreadsheet shows them as text).":
        "CSV：以 = + - @ 开头的单元格保持原样（默认在前面加一个 ' ，让电子表格把它当作文本显示，"
        "而不是公式）。",
}
