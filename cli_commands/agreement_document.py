"""The mediation agreement (人民调解协议书) as a plain document, in Chinese or English.

What it states follows the People's Mediation Law (人民调解法): the parties' basic
details, the main facts of the dispute, the disputed matters and each side's
responsibility, the agreed terms with the manner and deadline of performance
(Art. 28); it takes effect when the parties sign, seal or fingerprint it and the
mediator signs and the committee seals it (Art. 29); the parties may jointly
apply to a court for judicial confirmation within 30 days of it taking effect
(Art. 33). The templates in cli_commands/templates lay this document out as
text, Markdown or printable A4 HTML.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from domain.departments import department_label
from domain.vocabulary import Category, PartyKind, StatementKind, label

CONFIRMATION_DAYS = 30  # 人民调解法第三十三条

L = {
    "title": ("人民调解协议书", "People's Mediation Agreement"),
    "number": ("编号", "No."),
    "committee": ("{}人民调解委员会", "People's Mediation Committee of {}"),
    "parties": ("一、当事人基本情况", "1. The parties"),
    "complainant": ("当事人（投诉方）", "Party (complainant)"),
    "respondent": ("当事人（被投诉方）", "Party (respondent)"),
    "name": ("姓名或名称", "Name"), "kind": ("类型", "Type"), "operator": ("经营者", "operator"),
    "contact": ("住址及联系方式", "Address and contact"),
    "facts": ("二、纠纷的主要事实", "2. Main facts of the dispute"),
    "place": ("纠纷地点", "Place"), "category": ("纠纷类别", "Kind of dispute"),
    "hours": ("发生时段", "Hours"), "opened": ("受理日期", "Taken up on"),
    "statements": ("各方陈述", "What each party stated"),
    "disputes": ("三、争议事项及各方责任", "3. Disputed matters and each side's responsibility"),
    "demands": ("争议事项（各方诉求）", "Disputed matters (what each party asks)"),
    "findings": ("查明的情况", "Findings"),
    "responsibility": ("各方责任", "Each side's responsibility"),
    "no_duty": ("本协议未为其设定义务", "no obligation under this agreement"),
    "terms": ("四、协议内容", "4. Terms agreed"),
    "performance": ("履行方式与期限", "Manner and deadline of performance"),
    "manner": ("由承诺方自行履行，人民调解委员会跟踪回访", "performed by the party itself; "
               "the committee follows it up"),
    "by": ("于 {} 前履行完毕", "to be performed by {}"),
    "effect": ("五、协议的效力", "5. Effect"),
    "effect_text": ("本协议经各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章"
                    "之日起生效，对各方当事人具有法律约束力，当事人应当按照约定履行"
                    "（《中华人民共和国人民调解法》第二十九条、第三十一条）。",
                    "This agreement takes effect on the day every party has signed, sealed or "
                    "fingerprinted it and the mediator has signed it and the committee has sealed it; "
                    "it binds the parties, who shall perform it as agreed (People's Mediation Law "
                    "of the PRC, Art. 29 and 31)."),
    "confirmation": ("双方当事人认为有必要的，可以自本协议生效之日起三十日内共同向人民法院申请司法确认"
                     "（《中华人民共和国人民调解法》第三十三条）。本协议于 {agreed} 达成，"
                     "于当日生效的，司法确认申请最迟于 {until} 提出。",
                     "If they see fit, the parties may jointly apply to a people's court for "
                     "judicial confirmation within 30 days of the agreement taking effect (People's "
                     "Mediation Law, Art. 33). The agreement was reached on {agreed}; if it takes "
                     "effect that day, apply by {until} at the latest."),
    "copies": ("本协议一式{}份，当事人各执一份，人民调解委员会留存一份。",
               "This agreement is made in {} copies: one for each party and one kept by the "
               "committee."),
    "signatures": ("签名", "Signatures"),
    "party_sign": ("（签名、盖章或按指印）", " (signature, seal or fingerprint)"),
    "mediator_sign": ("人民调解员（签名）", "Mediator (signature)"),
    "seal": ("人民调解委员会（印章）", "Mediation committee (seal)"),
    "date": ("日期", "Date"), "blank": ("________________", "________________"),
}


def labels(lang: str) -> dict[str, str]:
    return {k: v[0] if lang == "zh" else v[1] for k, v in L.items()}


def _day(moment: datetime | date | str) -> str:
    from adapters.clock import local_tz

    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if isinstance(moment, datetime):
        moment = moment.astimezone(local_tz()).date()
    return moment.isoformat()


def _terms(agreement: str) -> list[str]:
    """The agreed terms one by one: the text as typed, split at 。；; or new lines."""
    import re

    items = [re.sub(r"^[\d一二三四五六七八九十]+\s*[.、．)）]\s*", "", t.strip(" 　，,"))
             for t in re.split(r"[；;。\n]", agreement)]
    return [t for t in items if t] or [agreement]


def agreement_document(case: Any, agreed_at: datetime, lang: str) -> dict[str, Any]:
    """Everything the agreement states, worded for `lang` (the templates only lay it out)."""
    text = labels(lang)
    sep, colon = ("、", "：") if lang == "zh" else (", ", ": ")
    parties = [*case.complainants, *case.respondents]
    names = {p.key: p.name for p in parties}

    def who(key: str) -> str:
        return names.get(key) or department_label(key, lang)

    agreed_day = agreed_at.date()
    until = agreed_day + timedelta(days=CONFIRMATION_DAYS)
    location = case.location
    duties: dict[str, list[str]] = {}
    commitments = []
    for c in case.commitments.values():
        due = _day(c.due)
        commitments.append({"id": c.id, "party": who(c.party), "duty": c.duty, "due": due,
                            "by": text["by"].format(due), "manner": text["manner"]})
        duties.setdefault(c.party, []).append(f"{c.duty}（{text['by'].format(due)}）" if lang == "zh"
                                              else f"{c.duty} ({text['by'].format(due)})")
    findings = [f"{department_label(r.department, lang)}{colon}{r.response}" for r in case.referrals
                if r.response]
    findings += [f"{_day(s.started_at)} {sep.join(s.inspectors)}{colon}{s.findings}"
                 for s in case.spot_checks]
    punct = (dict(colon="：", semi="；", comma="，", stop="。", open="（", close="）", gap="　")
             if lang == "zh" else
             dict(colon=": ", semi="; ", comma=", ", stop=".", open=" (", close=")", gap="   "))
    return {
        "lang": lang, "text": text, "punct": punct, "ref": case.id,
        "committee": text["committee"].format(location.community),
        "parties": [{
            "role": text["complainant" if p.role == "complainant" else "respondent"],
            "name": p.name, "kind": label(PartyKind, p.kind, lang), "operator": p.operator,
            "responsibility": sep.join(duties.get(p.key, [])) or text["no_duty"],
        } for p in parties],
        "facts": {
            "place": " ".join(str(v) for v in (location.community, location.grid, location.building,
                                          location.unit) if v),
            "categories": sep.join(label(Category, c, lang) for c in case.categories),
            "hours": str(case.nuisance_window) if case.nuisance_window else None,
            "opened": _day(case.opened_at), "summary": case.summary,
            "statements": [f"{who(s.party)}{colon}{s.text}" for s in case.statements
                           if s.kind == StatementKind.STATEMENT],
        },
        "demands": [f"{who(s.party)}{colon}{s.text}" for s in case.statements
                    if s.kind == StatementKind.DEMAND],
        "findings": findings,
        "department_duties": [{"name": department_label(k, lang), "responsibility": sep.join(v)}
                              for k, v in duties.items() if k not in names],
        "terms": _terms(case.agreement),
        "commitments": commitments,
        "agreed": agreed_day.isoformat(), "confirmation_until": until.isoformat(),
        "confirmation": text["confirmation"].format(agreed=agreed_day.isoformat(),
                                                    until=until.isoformat()),
        "copies": text["copies"].format(len(parties) + 1),
        "mediator": case.mediator,
        "shared_note": None,  # the copy for the other side says so (adapters.sharing)
    }
