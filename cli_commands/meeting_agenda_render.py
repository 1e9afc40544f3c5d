"""The agenda for people: plain text, Markdown, or a printable A4 HTML page (jinja2).

All three are laid out from one labelled view of the agenda document, so they
say the same things; the HTML page comes from templates/meeting_agenda.html.j2,
shipped as package data. Callers pass the document through
adapters.sharing.shared_agenda first: the agenda goes to every body at the
table, so confidential complainants read 张** wherever they appear. jinja2 is
imported only here, when HTML is asked for.
"""

from __future__ import annotations

from typing import Any

from cli_commands.event_text import when
from cli_commands.meeting_text import marks, owner_text, status_label
from domain.meeting_vocabulary import body_label
from domain.text import Bilingual
from domain.vocabulary import Level, label

WORDS = {
    "heading": Bilingual("联席会议议程", "Joint meeting agenda"),
    "time": Bilingual("时间", "Time"), "venue": Bilingual("地点", "Venue"),
    "chair": Bilingual("主持", "Chair"), "convened_by": Bilingual("召集单位", "Convened by"),
    "level": Bilingual("层级", "Level"), "bodies": Bilingual("参会单位", "Bodies invited"),
    "items": Bilingual("议题", "Items"),
    "item": Bilingual("议题", "Item"), "case": Bilingual("案件", "Case"),
    "location": Bilingual("地点", "Location"), "parties": Bilingual("当事人", "Parties"),
    "complainants": Bilingual("投诉人 {n} 名；被投诉方：{r}", "{n} complainant(s); respondent: {r}"),
    "asked": Bilingual("请各单位答复", "Questions"),
    "history": Bilingual("办理经过", "History so far"),
    "commitments": Bilingual("未履行承诺", "Open commitments"),
    "earlier": Bilingual("以往会议事项", "Action items of earlier meetings"),
    "resolution": Bilingual("决议", "Resolution"), "actions": Bilingual("落实事项", "Action items"),
    "bring": Bilingual("各单位须准备", "What each body must bring"),
    "none": Bilingual("无", "none"), "due": Bilingual("期限", "due"),
    "overdue": Bilingual("已逾期", "overdue"), "present": Bilingual("出席", "present"),
    "absent": Bilingual("缺席", "absent"), "failed": Bilingual("未果", "failed"),
    "department_only": Bilingual("（仅{body}）", " (for {body} only)"),
    "answer": Bilingual("答复", "answer"),
    "report": Bilingual("报告落实情况", "report on"),
    "masked": Bilingual("保密的投诉人已打码", "confidential complainants masked"),
}
MEDIATOR = Bilingual("调解员", "mediator")
KINDS = {"statement": Bilingual("陈述", "statement"), "proposal": Bilingual("方案", "proposal"),
         "spot_check": Bilingual("现场检查", "spot check"), "response": Bilingual("部门答复", "response")}


def agenda_view(d: dict[str, Any], lang: str) -> dict[str, Any]:
    """The agenda document with every code turned into words of `lang`."""
    w, m = {k: v.label(lang) for k, v in WORDS.items()}, marks(lang)
    names = {b["body"]: body_label(b["body"], lang) for b in d["bodies"]}
    seen = {"present": w["present"], "absent": w["absent"]}
    only = w["department_only"].format(body=body_label(d["department"], lang)) \
        if d.get("department") else ""
    return {
        "w": w, "m": m, "lang": lang, "ref": d["ref"], "title": d["title"] + only,
        "when": when(d["scheduled_at"]), "venue": d["venue"], "chair": d["chair"],
        "convened_by": body_label(d["convened_by"], lang), "level": label(Level, d["level"], lang),
        "bodies": [{"name": names[b["body"]], "mark": seen.get(b["attendance"] or "", "")}
                   for b in d["bodies"]],
        "items": [_item(i, lang, w) for i in d["items"]],
        "bring": [{"name": body_label(b["body"], lang),
                   "lines": [f"{w['answer']} {q['item']} {q['case']}{m['colon']}{q['question']}"
                             for q in b["questions"]]
                   + [f"{c['case']} {c['id']} {c['duty']}{m['lp']}{w['due']} {c['due']}{m['rp']}"
                      for c in b["commitments"]]
                   + [f"{w['report']} {a['meeting']} {a['id']}{m['colon']}{a['task']}"
                      f"{m['lb']}{status_label(a['status'], lang)}{m['rb']}"
                      for a in b["earlier_actions"]]}
                  for b in d["bring"]],
    }


def _item(i: dict[str, Any], lang: str, w: dict[str, str]) -> dict[str, Any]:
    m = marks(lang)

    def history_line(h: dict[str, Any]) -> str:
        who = f" {_who(h['who'], lang)}" if h.get("who") else ""
        failed = f"{m['lb']}{w['failed']}{m['rb']}" if h["failed"] else ""
        return (f"{when(h['at'])} {KINDS[h['kind']].label(lang)} {h['entry']}{who}{failed}"
                f"{m['colon']}{h['text']}")

    return {
        "id": i["id"], "case": i["case"], "summary": i["summary"] or "", "location": i["location"] or "",
        "parties": w["complainants"].format(n=i["complainants"], r=i["respondents"] or "—"),
        "questions": [{"name": body_label(q["body"], lang), "question": q["question"]}
                      for q in i["questions"]],
        "history": [history_line(h) for h in i["history"]],
        "commitments": [f"{c['id']} {c['party_name']}{m['colon']}{c['duty']}{m['lp']}{w['due']} "
                        f"{c['due']}" + (f"{m['comma']}{w['overdue']}" if c["overdue"] else "")
                        + m["rp"]
                        for c in i["open_commitments"]],
        "earlier": [f"{a['meeting']} {a['id']} {owner_text(a, lang)}{m['colon']}{a['task']}"
                    f"{m['lp']}{w['due']} {a['due']}{m['rp']}"
                    f"{m['lb']}{status_label(a['status'], lang)}{m['rb']}"
                    for a in i["earlier_actions"]],
        "resolution": i["resolution"],
        "actions": [f"{a['id']} {owner_text(a, lang)}{m['colon']}{a['task']}"
                    f"{m['lp']}{w['due']} {a['due']}{m['rp']}"
                    f"{m['lb']}{status_label(a['status'], lang)}{m['rb']}"
                    + (f" ← {a['evidence']}" if a["evidence"] else "") for a in i["actions"]],
    }


def _who(code: str, lang: str) -> str:
    return MEDIATOR.label(lang) if code == "mediator" else body_label(code, lang)


def render_agenda(document: dict[str, Any], fmt: str, lang: str) -> str:
    view = agenda_view(document, lang)
    if fmt == "html":
        return render_html(view)
    return _lines(view, markdown=fmt == "md")


def _lines(v: dict[str, Any], markdown: bool) -> str:
    w = v["w"]
    h1, h2, h3, bullet = ("# ", "## ", "### ", "- ") if markdown else ("", "", "", "  - ")
    m = marks(v["lang"])
    c, gap = m["colon"], m["gap"]
    out = [f"{h1}{w['heading']}{c}{v['title']}{m['lp']}{v['ref']}{m['rp']}",
           f"{w['time']}{c}{v['when']}{gap}{w['venue']}{c}{v['venue']}{gap}{w['chair']}{c}"
           f"{v['chair']}",
           f"{w['convened_by']}{c}{v['convened_by']}{gap}{w['level']}{c}{v['level']}", "",
           f"{h2}{w['bodies']}"]
    out += [f"{bullet}{b['name']} {b['mark']}".rstrip() for b in v["bodies"]]
    for n, item in enumerate(v["items"], 1):
        out += ["", f"{h2}{w['item']} {n}{m['lp']}{item['id']}{m['rp']} {w['case']} {item['case']}",
                item["summary"], f"{w['location']}{c}{item['location']}{gap}{item['parties']}",
                f"{h3}{w['asked']}"]
        out += [f"{bullet}{q['name']}{c}{q['question']}" for q in item["questions"]]
        for key in ("history", "commitments", "earlier", "resolution", "actions"):
            if item[key] and key == "resolution":
                out += [f"{h3}{w[key]}", item[key]]
            elif item[key]:
                out += [f"{h3}{w[key]}", *(f"{bullet}{line}" for line in item[key])]
    out += ["", f"{h2}{w['bring']}"]
    for b in v["bring"]:
        out.append(f"{h3}{b['name']}" if markdown else f"{b['name']}{c}".rstrip())
        out += [f"{bullet}{line}" for line in b["lines"]] or [f"{bullet}{w['none']}"]
    return "\n".join(out)


def render_html(view: dict[str, Any]) -> str:
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("cli_commands", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("meeting_agenda.html.j2").render(**view)


def demo_agenda(meeting_ref: str, rt: Any) -> str:
    """The demo's meeting agenda as text (after the meeting: resolutions and action items too)."""
    from adapters.meeting_read_models import agenda
    from adapters.readmodels import open_read_models
    from adapters.sharing import shared_agenda

    with open_read_models(rt.app(), rt.read_config) as models:
        document = agenda(models, meeting_ref, rt.today())
    return render_agenda(shared_agenda(rt.app(), document), "text", rt.lang) if document else ""
