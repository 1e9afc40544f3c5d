"""How a convention is shown: its events in history lines, and the `show`/`replay` document."""

from __future__ import annotations

from typing import Any

from adapters.convention_view import convention_document
from adapters.views import AggregateView, EventText
from cli_commands.convention_text import clause_line, render_convention
from cli_commands.event_text import when
from domain.convention_vocabulary import CheckResult, SignMethod
from domain.terms import label
from domain.text import Bilingual

Data = dict[str, Any]


def _say(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def _signatory(d: Data) -> str:
    value = d["signatory"]
    return str(value["text"]) if isinstance(value, dict) else str(value)


def drafted(d: Data, lang: str, names: dict[str, str]) -> str:
    cases = ("、" if lang == "zh" else ", ").join(d.get("source_cases", [])) or "—"
    return _say(lang, f"《{d['title']}》 {d['community']} / {d['grid']} / {d['building']}，来源案件：{cases}",
                f"'{d['title']}' {d['community']} / {d['grid']} / {d['building']}, from cases: {cases}")


def clause(d: Data, lang: str, names: dict[str, str]) -> str:
    c = dict(d["clause"])
    if isinstance(c.get("window"), dict):
        c["window"] = f"{c['window']['start']}–{c['window']['end']}"
    voided = _voided(d, lang)
    return f"v{d['version']} {clause_line(c, lang)}{voided}"


def _voided(d: Data, lang: str) -> str:
    if not d.get("voided"):
        return ""
    ids = ", ".join(d["voided"])
    return _say(lang, f"（作废已有签署 {ids}）", f" (voids signatures {ids})")


def withdrawn(d: Data, lang: str, names: dict[str, str]) -> str:
    return f"v{d['version']} {d['clause_id']}{_say(lang, '：', ': ')}{d['reason']}{_voided(d, lang)}"


def signed(d: Data, lang: str, names: dict[str, str]) -> str:
    how = label(SignMethod, d["method"], lang)
    return _say(lang, f"v{d['version']} {d['party']}：{_signatory(d)} {how}",
                f"v{d['version']} {d['party']}: {_signatory(d)}, {how}")


def declined(d: Data, lang: str, names: dict[str, str]) -> str:
    return _say(lang, f"v{d['version']} {d['party']}：{_signatory(d)} 拒签：{d['reason']}",
                f"v{d['version']} {d['party']}: {_signatory(d)} declined: {d['reason']}")


def adopted(d: Data, lang: str, names: dict[str, str]) -> str:
    if not d.get("override_reason"):
        return _say(lang, f"第{d['version']}版，各方均已签署", f"v{d['version']}, signed by every party")
    unsigned = ", ".join(d.get("unsigned", []))
    return _say(lang, f"第{d['version']}版，未签署：{unsigned}；理由：{d['override_reason']}",
                f"v{d['version']}, not signed by {unsigned}; because: {d['override_reason']}")


def published(d: Data, lang: str, names: dict[str, str]) -> str:
    return _say(lang, f"第{d['version']}版 {d['from_day']} 起公示于{d['where']}",
                f"v{d['version']} posted at {d['where']} from {d['from_day']}")


def amended(d: Data, lang: str, names: dict[str, str]) -> str:
    return _say(lang, f"起草第{d['version']}版：{d['reason']}", f"drafting v{d['version']}: {d['reason']}")


def checked(d: Data, lang: str, names: dict[str, str]) -> str:
    result = label(CheckResult, d["result"], lang)
    case = ""
    if d.get("case_ref"):
        case = (_say(lang, f" → 重新启动 {d['case_ref']}", f" → reopened {d['case_ref']}")
                if d.get("case_reopened") else _say(lang, f" → 立案 {d['case_ref']}",
                                                    f" → opened {d['case_ref']}"))
    return (f"{d['check_id']} {d['clause_id']} [{result}] {when(d['checked_at'])} {d['checker']}"
            f"{_say(lang, '：', ': ')}{d['evidence']}{case}")


def remedied(d: Data, lang: str, names: dict[str, str]) -> str:
    return f"{d['check_id']}{_say(lang, '：', ': ')}{d['note']}"


def reason(d: Data, lang: str, names: dict[str, str]) -> str:
    return str(d["reason"])


CONVENTION_EVENTS = {
    "Drafted": EventText(Bilingual("起草公约", "convention drafted"), drafted),
    "ClauseProposed": EventText(Bilingual("提出条款", "clause proposed"), clause),
    "ClauseAmended": EventText(Bilingual("修改条款", "clause amended"), clause),
    "ClauseWithdrawn": EventText(Bilingual("撤回条款", "clause withdrawn"), withdrawn),
    "Signed": EventText(Bilingual("签署", "signed"), signed),
    "Declined": EventText(Bilingual("拒签", "declined"), declined),
    "Adopted": EventText(Bilingual("通过公约", "adopted"), adopted),
    "Published": EventText(Bilingual("公示", "published"), published),
    "Amended": EventText(Bilingual("修订公约", "amended"), amended),
    "ComplianceChecked": EventText(Bilingual("履约检查", "compliance checked"), checked),
    "BreachRemedied": EventText(Bilingual("违约整改", "breach remedied"), remedied),
    "Suspended": EventText(Bilingual("暂停公约", "suspended"), reason),
    "Repealed": EventText(Bilingual("废止公约", "repealed"), reason),
}

CONVENTION_VIEW = AggregateView(events=CONVENTION_EVENTS, document=convention_document,
                                render=render_convention)
