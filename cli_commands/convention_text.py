"""`convention show` and `audit replay` for people: the convention document as text."""

from __future__ import annotations

from typing import Any

from cli_commands.event_text import when
from domain.convention_vocabulary import (
    BoundKind,
    CheckResult,
    ConventionStatus,
    Frequency,
    SignMethod,
)
from domain.terms import label

SIGNATURE = {"zh": {"signed": "已签署", "declined": "拒签", "unsigned": "未签署"},
             "en": {"signed": "signed", "declined": "declined", "unsigned": "not signed"}}


def clause_line(c: dict[str, Any], lang: str, number: int | None = None) -> str:
    """One clause: who is bound, the duty, and when and how it is checked."""
    zh = lang == "zh"
    head = f"{number}. " if number is not None else ""
    extras = []
    if c.get("window"):
        extras.append(("时段 " if zh else "hours ") + c["window"])
    if c.get("deadline"):
        extras.append(("期限 " if zh else "by ") + c["deadline"])
    if c.get("check_method"):
        extras.append(("检查：" if zh else "checked by: ") + c["check_method"])
    if c.get("frequency"):
        extras.append(label(Frequency, c["frequency"], lang))
    kind = label(BoundKind, c["party_kind"], lang)
    tail = ("（" + "；".join(extras) + "）" if zh else " (" + "; ".join(extras) + ")") if extras else ""
    return f"{head}[{c['id']}] {c['party']}（{kind}）：{c['duty']}{tail}" if zh else \
        f"{head}[{c['id']}] {c['party']} ({kind}): {c['duty']}{tail}"


def act_line(a: dict[str, Any], lang: str, masked: bool = False) -> str:
    zh = lang == "zh"
    who = a["signatory_masked"] if masked else a["signatory"]
    if a["signed"]:
        how = label(SignMethod, a["method"], lang)
        return (f"{a['party']}：{who} {how}（{when(a['at'])}）" if zh
                else f"{a['party']}: {who}, {how} ({when(a['at'])})")
    return (f"{a['party']}：{who} 拒签（{when(a['at'])}）：{a['reason']}" if zh
            else f"{a['party']}: {who} declined ({when(a['at'])}): {a['reason']}")


def render_convention(doc: dict[str, Any], lang: str) -> str:
    zh = lang == "zh"
    status = label(ConventionStatus, doc["status"], lang)
    lines = [f"{'公约' if zh else 'Convention'} {doc['ref']} 《{doc['title']}》  [{status}]  "
             f"v{doc['version']}"]

    def field(zh_name: str, en_name: str, value: Any) -> None:
        lines.append(f"{zh_name}：{value}" if zh else f"{en_name}: {value}")

    field("地点", "Place", f"{doc['community']} / {doc['grid']} / {doc['building']}")
    field("起草", "Drafted", f"{when(doc['drafted_at'])}  ({doc['drafted_by']})")
    if doc["source_cases"]:
        field("来源案件", "From cases", ("、" if zh else ", ").join(doc["source_cases"]))
    in_force = doc["version_in_force"]
    field("现行版本", "Version in force",
          (f"第{in_force}版" if zh else f"v{in_force}") if in_force else ("无" if zh else "none"))
    if doc["ended_reason"]:
        field("暂停/废止原因", "Suspended/repealed because", doc["ended_reason"])
    for v in doc["versions"]:
        lines.append(_version_head(v, doc, lang))
        lines += [f"    {clause_line(c, lang)} 〔{SIGNATURE[lang][c['signature']]}〕"
                  for c in v["clauses"]]
        lines += [f"    · {act_line(a, lang)}" for a in v["signing"]]
    if doc["checks"]:
        lines.append("检查记录：" if zh else "Checks:")
    for k in doc["checks"]:
        result = label(CheckResult, k["result"], lang)
        case = f" → {k['case_ref']}" + (("（重新启动）" if zh else " (reopened)")
                                        if k["case_reopened"] else "") if k["case_ref"] else ""
        remedy = ""
        if k["remedied_at"]:
            remedy = (f"  已整改 {when(k['remedied_at'])}：{k['remedy_note']}" if zh
                      else f"  remedied {when(k['remedied_at'])}: {k['remedy_note']}")
        lines.append(f"  {k['id']} {when(k['checked_at'])} {k['clause_id']} [{result}]{case} "
                     f"{k['checker']}{'：' if zh else ': '}{k['evidence']}{remedy}")
    return "\n".join(lines)


def _version_head(v: dict[str, Any], doc: dict[str, Any], lang: str) -> str:
    zh = lang == "zh"
    parts = [f"第{v['number']}版" if zh else f"Version {v['number']}"]
    if v["number"] == doc["version_in_force"]:
        parts.append("【现行】" if zh else "[IN FORCE]")
    if v["amend_reason"]:
        parts.append(("修订原因：" if zh else "amended because: ") + v["amend_reason"])
    if v["adopted_at"]:
        parts.append(("通过 " if zh else "adopted ") + when(v["adopted_at"]))
    else:
        parts.append("起草中" if zh else "drafting")
    if v["override_reason"]:
        parts.append(f"未全部签署即通过（{v['override_reason']}）" if zh
                      else f"adopted without every signature ({v['override_reason']})")
    if v["published_on"]:
        parts.append(f"{v['published_on']} 起公示于{v['published_where']}" if zh
                      else f"posted at {v['published_where']} from {v['published_on']}")
    return ("  ".join(parts) if zh else ", ".join(parts)) + ("：" if zh else ":")
