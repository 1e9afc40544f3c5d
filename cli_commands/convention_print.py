"""`convention print`: the text to post in the building, as plain text, Markdown or HTML.

Title, parties, numbered clauses, signatures and dates of one version. The names
of signatories are masked (张** ) as for any posting: they are personal data; so
are the confidential complainants of the convention's cases, wherever they appear
(the caller passes the page through adapters.sharing.shared_convention).
The HTML is a printable A4 page from cli_commands/templates/convention.html.j2
(jinja2 is imported only here, when HTML is asked for).
"""

from __future__ import annotations

from typing import Any

from cli_commands.convention_text import clause_line
from cli_commands.event_text import when
from domain.convention_vocabulary import BoundKind, SignMethod
from domain.terms import label

WORDS = {
    "zh": {"ref": "编号", "place": "地点", "version": "版本", "parties": "约束各方",
           "clauses": "条款", "signatures": "签署", "adopted": "通过日期", "published": "公示",
           "draft": "（草案，尚未通过）", "declined": "拒签", "unsigned": "尚未签署",
           "override": "未经全部签署而通过，理由"},
    "en": {"ref": "Ref", "place": "Place", "version": "Version", "parties": "Bound parties",
           "clauses": "Clauses", "signatures": "Signatures", "adopted": "Adopted",
           "published": "Posted", "draft": "(draft, not adopted)", "declined": "declined",
           "unsigned": "not yet signed", "override": "adopted without every signature because"},
}


def printable(doc: dict[str, Any], number: int, lang: str) -> dict[str, Any]:
    """What a posting shows, in the reader's language (the template and text renderers share it)."""
    w = WORDS[lang]
    version = doc["versions"][number - 1]
    parties = []
    for party in dict.fromkeys(c["party"] for c in version["clauses"]):
        kind = next(c["party_kind"] for c in version["clauses"] if c["party"] == party)
        acts = [a for a in version["signing"] if a["party"] == party]
        last = acts[-1] if acts else None
        if last is None:
            signature = w["unsigned"]
        elif last["signed"]:
            signature = (f"{last['signatory_masked']} {label(SignMethod, last['method'], lang)} "
                         f"{when(last['at'])[:10]}")
        else:
            signature = f"{last['signatory_masked']} {w['declined']} {when(last['at'])[:10]}"
        parties.append({"name": party, "kind": label(BoundKind, kind, lang), "signature": signature})
    clauses = [{"number": i, "id": c["id"], "text": clause_line(c, lang).split("] ", 1)[1]}
               for i, c in enumerate(version["clauses"], 1)]
    published = (f"from {version['published_on']} at {version['published_where']}"
                 if lang == "en" else f"{version['published_on']}起于{version['published_where']}"
                 ) if version["published_on"] else None
    return {"lang": lang, "w": w, "title": doc["title"], "ref": doc["ref"],
            "place": f"{doc['community']} {doc['grid']} {doc['building']}",
            "version": number, "draft": version["adopted_at"] is None, "parties": parties,
            "clauses": clauses, "adopted": when(version["adopted_at"])[:10]
            if version["adopted_at"] else None, "override": version["override_reason"],
            "published": published}


def render_text(p: dict[str, Any], markdown: bool = False) -> str:
    w, c_ = p["w"], "：" if p["lang"] == "zh" else ": "
    head = f"# {p['title']}" if markdown else p["title"]
    lines = [head + (f" {w['draft']}" if p["draft"] else ""), ""]
    meta = [f"{w['ref']}{c_}{p['ref']} v{p['version']}", f"{w['place']}{c_}{p['place']}"]
    lines += [f"- {m}" for m in meta] if markdown else meta
    lines += ["", f"## {w['clauses']}" if markdown else f"{w['clauses']}{c_.strip()}"]
    lines += [f"{c['number']}. {c['text']}" for c in p["clauses"]]
    lines += ["", f"## {w['signatures']}" if markdown else f"{w['signatures']}{c_.strip()}"]
    lines += [f"- {s['name']} ({s['kind']}){c_}{s['signature']}" for s in p["parties"]]
    lines.append("")
    if p["adopted"]:
        lines.append(f"{w['adopted']}{c_}{p['adopted']}")
    if p["override"]:
        lines.append(f"{w['override']}{c_}{p['override']}")
    if p["published"]:
        lines.append(f"{w['published']}{c_}{p['published']}")
    return "\n".join(lines).rstrip() + "\n"


def render_html(p: dict[str, Any]) -> str:
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("cli_commands", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("convention.html.j2").render(**p)
