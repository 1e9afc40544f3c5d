"""What the Convention aggregate says when it refuses something, in Chinese and English."""

from __future__ import annotations

from domain.errors import register_messages
from domain.text import Bilingual

CONVENTION_MESSAGES: dict[str, Bilingual] = {
    "bad_convention_ref": Bilingual(
        "“{value}”不是有效的公约编号，应形如 GY2026-000001 或 GY2026-1",
        "'{value}' is not a convention reference; use the form GY2026-000001 or GY2026-1",
    ),
    "bad_clause_ref": Bilingual(
        "“{value}”不是条款编号，应形如 c3、3 或 第3条",
        "'{value}' is not a clause; use the form c3, 3 or 第3条",
    ),
    "conv_before_drafting": Bilingual(
        "发生时间 {occurred_at} 早于公约 {ref} 的起草时间（{drafted_at}）",
        "occurred_at {occurred_at} is before convention {ref} was drafted ({drafted_at})",
    ),
    "conv_repealed": Bilingual("公约 {ref} 已废止，不能再{what}", "convention {ref} is repealed: "
                               "it can no longer {what}"),
    "conv_not_drafting": Bilingual(
        "公约 {ref} 当前没有起草中的版本，不能{what}（已通过的公约请先 gongzhi convention amend {ref}）",
        "convention {ref} has no draft, so it cannot {what} (amend an adopted convention first: "
        "gongzhi convention amend {ref})",
    ),
    "conv_no_clauses": Bilingual(
        "公约 {ref} 第{version}版尚无条款，不能{what}（先用 gongzhi convention clause 添加条款）",
        "convention {ref} v{version} has no clauses yet, so it cannot {what} (add one with "
        "gongzhi convention clause)",
    ),
    "conv_unknown_clause": Bilingual(
        "公约 {ref} 第{version}版没有条款 {value}，现有条款：{choices}",
        "convention {ref} v{version} has no clause {value}; clauses: {choices}",
    ),
    "conv_unknown_party": Bilingual(
        "“{value}”不受公约 {ref} 第{version}版任何条款约束；约束对象：{choices}",
        "'{value}' is not bound by any clause of convention {ref} v{version}; bound parties: "
        "{choices}",
    ),
    "conv_already_signed": Bilingual(
        "{party}已签署公约 {ref} 第{version}版", "{party} has already signed convention {ref} "
        "v{version}",
    ),
    "conv_unsigned": Bilingual(
        "公约 {ref} 第{version}版尚有约束对象未签署：{parties}；全部签署后才能通过，"
        "或以 --override-reason 说明理由后通过",
        "convention {ref} v{version} is not signed by: {parties}; adopt it once every bound "
        "party has signed, or give --override-reason",
    ),
    "conv_deadline_before_drafting": Bilingual(
        "期限 {deadline} 不能早于公约起草日期（{drafted}）",
        "the deadline {deadline} cannot precede the drafting of the convention ({drafted})",
    ),
    "conv_not_adopted": Bilingual(
        "公约 {ref} 当前为“{status}”，只有已通过的版本才能{what}",
        "convention {ref} is {status}: only an adopted version can {what}",
    ),
    "conv_already_published": Bilingual(
        "公约 {ref} 第{version}版已于 {day} 公示", "convention {ref} v{version} was already "
        "published on {day}",
    ),
    "conv_published_before_adoption": Bilingual(
        "公示日期 {day} 不能早于通过日期（{adopted}）",
        "the publication day {day} cannot precede the adoption ({adopted})",
    ),
    "conv_draft_pending": Bilingual(
        "公约 {ref} 已有起草中的第{version}版，请先完成或修改该草案",
        "convention {ref} already has a draft v{version}; finish or change that draft",
    ),
    "conv_clause_not_in_force": Bilingual(
        "条款 {value} 不在公约 {ref} 的现行版本中（公约当前为“{status}”），不能检查",
        "clause {value} is not in force in convention {ref} (it is {status}): it cannot be "
        "checked",
    ),
    "conv_check_before_force": Bilingual(
        "检查时间 {checked_at} 早于条款 {value} 生效（{since}）",
        "the check at {checked_at} is before clause {value} came into force ({since})",
    ),
    "conv_unknown_check": Bilingual(
        "公约 {ref} 没有检查记录 {value}，违约记录：{choices}",
        "convention {ref} has no check {value}; breaches: {choices}",
    ),
    "conv_not_breached": Bilingual(
        "检查 {value} 的结果是遵守，无需整改", "check {value} found the clause complied with: "
        "there is nothing to remedy",
    ),
    "conv_already_remedied": Bilingual(
        "违约 {value} 已于 {day} 整改", "breach {value} was already remedied on {day}",
    ),
    "conv_remedy_before_breach": Bilingual(
        "整改时间 {occurred_at} 不能早于违约检查时间（{checked_at}）",
        "the remedy at {occurred_at} cannot precede the breach found at {checked_at}",
    ),
    "conv_cannot_suspend": Bilingual(
        "公约 {ref} 当前为“{status}”，只有已通过或已公示的公约才能暂停",
        "convention {ref} is {status}: only an adopted or published convention can be suspended",
    ),
    "conv_not_source_case": Bilingual(
        "案件 {value} 不是公约 {ref} 的来源案件（来源案件：{choices}）",
        "case {value} is not one the convention {ref} was drafted from (its cases: {choices})",
    ),
    "conv_nothing_amended": Bilingual(
        "没有给出要修改的内容（约束对象、义务、时段、期限、检查方式或频次）",
        "nothing to amend: give the party, duty, window, deadline, check method or frequency",
    ),
    "conv_no_version": Bilingual(
        "公约 {ref} 没有第{version}版（共 {count} 版）",
        "convention {ref} has no version {version} (it has {count})",
    ),
    "conv_building_has_convention": Bilingual(
        "{building}已有公约 {value}（{status}）；新的约定请作为新版本（gongzhi convention amend {value}）",
        "{building} already has convention {value} ({status}); agree changes as a new version "
        "(gongzhi convention amend {value})",
    ),
}

CONVENTION_FIELD_NAMES = {
    "title": "标题", "duty": "义务", "party": "约束对象", "check method": "检查方式",
    "signatory": "签署人", "where": "公示地点", "evidence": "检查依据", "checker": "检查人",
    "override reason": "通过理由", "clause": "条款",
}

register_messages(CONVENTION_MESSAGES, CONVENTION_FIELD_NAMES)
