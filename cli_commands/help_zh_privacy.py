"""Chinese help: personal data (`gongzhi privacy ...`, named complainants, shared exports).

Ready for the merge of the privacy branch; see help_zh.
"""

from __future__ import annotations

PRIVACY: dict[str, str] = {
    "Personal data (个人信息): erasure by destroying keys, and retention.":
        "个人信息：通过销毁密钥删除个人信息，以及保存期限。",
    "Names, operators and other identifying fields are stored encrypted with a key\n"
    "per person; erasing destroys that key, so the events stay (and still verify)\n"
    "but the person can no longer be read anywhere. See docs/privacy.md.":
        "姓名、经营者等可识别个人的内容按人分别加密存储；删除时销毁此人的密钥，事件记录仍然保留"
        "（校验照样通过），但任何地方都无法再读出此人的信息。详见 docs/privacy.md。",
    "Closed cases past the retention period whose parties are not yet erased.":
        "已超过保存期限、当事人信息尚未删除的已结案件。",
    "Retention period after closing: 3y, 18m, 400d.":
        "结案后的保存期限：3y（3年）、18m（18个月）、400d（400天）。",
    "Count from this day instead of today.": "从该日起算，而不是从今天起算。",
    "Erase a person: destroy their key, record who did it and why, rebuild read models.":
        "删除一个人的个人信息：销毁其密钥，记录由谁、因何删除，并重建读模型。",
    "Erase a person: destroy their key, record who did it and why, update the read models.":
        "删除一个人的个人信息：销毁其密钥，记录由谁、因何删除，并更新读模型。",
    "Give REF and PARTY (a key such as c1, or the name), or --subject IDs, or\n"
    "--closed-before DATE. This cannot be undone.":
        "给出 REF 和 PARTY（当事人代号如 c1，或姓名），或 --subject 编号，"
        "或 --closed-before 日期。删除后无法恢复。",
    "Free text is not sealed: the command lists the entries (summary, notes,\n"
    "duties ...) that still mention the person, which erasure cannot remove.":
        "自由文本不加密：命令会列出仍提到此人的条目（事由、备注、承诺等），这些内容无法删除。",
    "Why (e.g. the person's request under PIPL art. 47). Recorded; do not repeat the name.":
        "删除原因（例如本人依《个人信息保护法》第四十七条提出的请求）。原因会被记录，请勿在其中写出姓名。",
    "Repeatable: erase this data subject id (C2026-000001/c1), in any aggregate.":
        "可重复：删除该信息主体编号（C2026-000001/c1）的信息，无论出现在哪个对象中。",
    "Erase every party of every case closed before this day (retention).":
        "删除在该日之前结案的所有案件中全部当事人的信息（保存期满）。",
    "Print a case as the other side may see it: confidential complainants masked (张**).":
        "按对方可以看到的样子输出案件：保密的投诉人姓名打码（张**）。",
    "For handing to a respondent or posting. Complainants named at intake\n"
    "(--named-complainant) are shown; the others are masked, also where their\n"
    "names were typed into the summary, statements or notes.":
        "用于交给被投诉人或张贴公示。受理时同意公开姓名的投诉人（--named-complainant）照常显示；"
        "其他投诉人一律打码，投诉事由、陈述或备注中写到的姓名也一样。",
    # -- case open / case join, export --shared
    "Repeatable. A name, or business:NAME:OPERATOR. Confidential (保密): masked in everything "
    "shared with the other side.":
        "可重复。姓名，或 商户:名称:经营者。默认保密：在提供给对方的一切材料中打码。",
    "Repeatable. A complainant who consents to be named to the other side.":
        "可重复。同意向对方公开姓名的投诉人。",
    "Consents to be named to the other side (default: confidential, 保密).":
        "同意向对方公开姓名（默认：保密）。",
    "For the other side or posting: confidential complainants masked (张**) wherever they "
    "appear (docs/privacy.md).":
        "供交给对方或张贴公示：保密的投诉人姓名无论出现在哪里都打码（张**）（见 docs/privacy.md）。",
    "Plain text, Markdown or JSON.": "纯文本、Markdown 或 JSON。",
    "The parties sign the full copy; --shared prints the copy handed to the\n"
    "respondent or posted, with confidential complainants masked.":
        "各方当事人签署完整的一份；--shared 输出交给被投诉方或张贴公示的副本，其中保密的投诉人姓名已打码。",
    "Consents to be named to the other side, or withdraws it (保密).":
        "同意向对方公开姓名，或撤回同意（保密）。",
    "Why, e.g. what the complainant said and when.": "原因，例如投诉人何时说了什么。",
    "Record that a complainant consents to be named to the other side, or withdraws it.":
        "登记投诉人同意向对方公开姓名，或撤回同意。",
    "From then on `case share`, `export --shared`, agendas, conventions and the\n"
    "agreement's shared copy follow it; what was printed before stays as printed.":
        "此后 `case share`、`export --shared`、会议议程、公约和协议书的对外副本都按此处理；"
        "此前已打印的材料不受影响。",
}
