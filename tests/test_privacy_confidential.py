"""Confidential complainants (保密): nothing meant for the other side names them.

One case with a confidential complainant whose distinctive name and room are also
typed into the summary, a statement, a commitment, the agreed terms, a meeting's
resolution and a convention clause; a complainant who consented to be named; a
business as respondent. Every output for the other side or for posting (the
meeting agenda, the convention as posted, the agreement's shared copy, `case
share`, `export --shared`) is searched for the name: it is never there, its
masked form is, and the named complainant is shown. The mediator's own views
(`case show`) still show the name, marked 保密.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli import cli
from domain.personal import ERASED, Masker, mask_name, mask_text

SECRET, ROOM = "欧阳翠花", "1204室"
COMPLAINANT = f"{SECRET}（{ROOM}）"
NAMED = "司马明亮"
CASE, MEETING = "C2026-000001", "JM2026-000001"


def test_the_masking_rule() -> None:
    assert (mask_text("张秀英"), mask_text("张伟"), mask_text("501室")) == ("张**", "张**", "5**室")
    assert mask_name("张秀英（501室）") == "张**（5**室）"
    assert mask_name("陈桂兰 402室") == "陈** 4**室"
    assert mask_name(ERASED) == ERASED and Masker.of([ERASED])(ERASED) == ERASED
    masker = Masker.of(["张秀英（501室）", "王"])  # one character: too common to look for
    assert masker("张秀英（501室）说张秀英住501室，王先生作证") == "张**（5**室）说张**住5**室，王先生作证"
    assert masker.document({"a": ["张秀英", 3, None], "张秀英": "x"}) == {"a": ["张**", 3, None],
                                                                    "张秀英": "x"}


def test_events_recorded_before_the_flag_load_as_confidential() -> None:
    from adapters.transcodings import AttrsTranscoding
    from domain.values import Party

    old = {"key": "c1", "role": "complainant", "kind": "person", "name": "张女士",
           "operator": None}
    assert AttrsTranscoding("party", Party).decode(old).named is False


@pytest.fixture(scope="module")
def gz(tmp_path_factory: pytest.TempPathFactory) -> Any:
    store = tmp_path_factory.mktemp("confidential") / "g.db"

    def run(*args: str, lang: str = "zh") -> str:
        result = CliRunner().invoke(cli, ["--store", str(store), "--actor", "刘敏", "--lang", lang,
                                          *args])
        assert result.exit_code == 0 and "Traceback" not in result.output, result.output
        return result.stdout

    run("case", "open", "--channel", "12345", "--category", "噪音", "--community", "双塔社区",
        "--grid", "3号网格", "--building", "5栋", "--complainant", COMPLAINANT,
        "--named-complainant", NAMED, "--respondent", "商户:老王饭店:王建国",
        "--summary", f"{SECRET}（{ROOM}）与{NAMED}反映一楼饭店22点后喧哗",
        "--at", "2026-10-08 22:40")
    run("case", "statement", CASE, "--party", "c1", "--kind", "诉求",
        f"我是{SECRET}，住{ROOM}，22点后请安静", "--at", "2026-10-09 10:00")
    run("case", "refer", CASE, "--ask", "派出所=夜间噪音能否巡查？", "--at", "2026-10-09 11:00")
    run("case", "commit", CASE, "--party", "r1", "--duty", f"22点后不打扰{SECRET}",
        "--due", "2026-11-30", "--at", "2026-10-10 10:00")
    run("case", "commit", CASE, "--party", "c1", "--duty", "发现喧哗及时告知网格员",
        "--due", "2026-11-30", "--at", "2026-10-10 10:05")
    run("meeting", "convene", "--title", "双塔联席会议", "--by", "社区", "--level", "community",
        "--scheduled", "2026-10-15 14:30", "--venue", "社区会议室", "--chair", "刘书记",
        "--community", "双塔社区", "--invite", "派出所", "--at", "2026-10-11 09:00")
    run("meeting", "add", MEETING, CASE, "--ask", f"派出所={SECRET}家楼下能否巡查？",
        "--at", "2026-10-11 09:30")
    run("meeting", "hold", MEETING, "--present", "派出所=赵磊", "--at", "2026-10-15 14:30")
    run("meeting", "resolve", MEETING, "I1", "--resolution", f"夜查，结果告知{SECRET}",
        "--action", f"派出所:2026-10-30:到{ROOM}回访", "--at", "2026-10-15 16:00")
    run("case", "agree", CASE, f"老王饭店22点后停止户外营业，不再打扰{SECRET}",
        "--at", "2026-10-16 10:00")
    convention = json.loads(run("--json", "convention", "draft", "--case", CASE,
                                "--at", "2026-10-20 10:00"))["ref"]
    run("convention", "clause", convention, "--party", "商户:老王饭店",
        "--duty", f"22:00后不在户外营业（{SECRET}等住户反映）", "--at", "2026-10-20 10:10")
    run("convention", "sign", convention, "老王饭店", "--signatory", "王建国", "--method", "盖章",
        "--at", "2026-10-21 10:00")
    run("convention", "adopt", convention, "--at", "2026-10-22 10:00")
    run.convention = convention  # type: ignore[attr-defined]
    run.store = str(store)  # type: ignore[attr-defined]
    return run


def shared_outputs(gz: Any, tmp: Path) -> dict[str, str]:
    out = {f"agenda {fmt}": gz("meeting", "agenda", MEETING, "--format", fmt)
           for fmt in ("text", "html", "json")}
    out |= {f"convention {fmt}": gz("convention", "print", gz.convention, "--format", fmt)
            for fmt in ("text", "html")}
    out |= {f"agreement {fmt}": gz("case", "agreement", CASE, "--shared", "--format", fmt)
            for fmt in ("text", "html")}
    out |= {f"share {fmt}": gz("case", "share", CASE, "--format", fmt) for fmt in ("text", "md", "json")}
    out["share en"] = gz("case", "share", CASE, lang="en")
    for table in ("cases", "commitments", "meeting_case_history", "meeting_action_items",
                  "convention_clauses"):
        gz("export", table, "--shared", "-o", str(tmp / f"{table}.csv"))
        out[f"export {table}"] = (tmp / f"{table}.csv").read_text(encoding="utf-8")
    out["export commitments json"] = gz("export", "commitments", "--shared", "--format", "json")
    return out


def test_nothing_for_the_other_side_names_a_confidential_complainant(gz: Any,
                                                                      tmp_path: Path) -> None:
    outputs = shared_outputs(gz, tmp_path)
    named_somewhere = {k: v for k, v in outputs.items() if SECRET in v or ROOM in v
                       or "\\u6b27\\u9633" in v}  # also not as a JSON escape
    assert named_somewhere == {}, sorted(named_somewhere)
    masked = "欧***"
    for key in ("agenda text", "agenda html", "convention text", "agreement text",
                "agreement html", "share text", "share md", "export cases", "export commitments"):
        assert masked in outputs[key], key  # (meeting_case_history holds no statement text)
    for key in ("agreement text", "share text", "share json", "export cases", "agenda text"):
        assert NAMED in outputs[key], key
    share = outputs["share text"]
    assert "欧***（1***室）〔保密〕" in share and f"{NAMED}〔同意公开〕" in share
    assert "[confidential]" in outputs["share en"] and "[named]" in outputs["share en"]
    assert "王建国" in outputs["share text"]  # the respondent is the other side: not masked


def test_the_mediator_still_sees_the_names(gz: Any) -> None:
    shown = gz("case", "show", CASE)
    assert f"c1 {COMPLAINANT}〔保密〕" in shown and f"c2 {NAMED}〔同意公开〕" in shown
    assert f"我是{SECRET}" in shown
    assert SECRET in gz("case", "agreement", CASE)  # the copy the parties sign
    document = json.loads(gz("--json", "case", "show", CASE))
    assert [p["named"] for p in document["complainants"]] == [False, True]


def test_a_complainant_who_joins_is_confidential_unless_named(gz: Any) -> None:
    gz("case", "join", CASE, "上官燕", "--at", "2026-10-16 11:00")
    gz("case", "join", CASE, "诸葛亮", "--named", "--at", "2026-10-16 11:10")
    shared = gz("case", "share", CASE)
    assert "上官燕" not in shared and "上**" in shared and "诸葛亮〔同意公开〕" in shared


def test_consent_can_be_given_and_withdrawn_later(gz: Any) -> None:
    gz("case", "consent", CASE, "c1", "--named", "--reason", "本人来电同意", "--at", "2026-10-17 09:00")
    assert SECRET in gz("case", "share", CASE)
    gz("case", "consent", CASE, SECRET, "--confidential", "--reason", "本人又要求保密",
       "--at", "2026-10-17 10:00")
    assert SECRET not in gz("case", "share", CASE)
    history = gz("case", "history", CASE)
    assert "变更公开意愿" in history and "本人又要求保密" in history
    result = CliRunner().invoke(cli, ["--store", gz.store, "--actor", "刘敏", "case", "consent",
                                      CASE, "r1", "--named", "--reason", "x"])
    assert result.exit_code == 1 and "被投诉方不打码" in result.output
