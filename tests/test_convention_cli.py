"""`gongzhi convention ...` end to end through click: each command, its JSON and its refusal."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from adapters.app import Gongzhi
from adapters.settings import StoreConfig
from cli import cli
from tests.conftest import StepClock, open_restaurant_case

Run = Any


@pytest.fixture
def gz(sqlite_config: StoreConfig) -> Run:
    app = Gongzhi(sqlite_config, clock=StepClock())
    open_restaurant_case(app)
    app.close()

    def run(*args: str, lang: str = "zh", code: int = 0) -> Any:
        result = CliRunner().invoke(cli, ["--store", sqlite_config.describe(), "--actor", "刘敏",
                                          "--lang", lang, *args])
        assert "Traceback" not in result.output and result.exit_code == code, result.output
        return result

    return run


def js(result: Any) -> Any:
    return json.loads(result.output)


def adopted(gz: Run) -> str:
    ref = js(gz("convention", "draft", "--case", "2026-1", "--at", "2026-10-20 10:00",
                "--json"))["ref"]
    gz("convention", "clause", ref, "--party", "商户:老王饭店", "--duty", "22:00后不在户外营业",
       "--window", "22:00-07:00", "--check", "网格员夜间巡查", "--every", "每周",
       "--at", "2026-10-20 10:10")
    gz("convention", "clause", ref, "--party", "物业:安居物业", "--duty", "每月检查排烟管道",
       "--deadline", "2026-11-30", "--at", "2026-10-20 10:20")
    gz("convention", "sign", ref, "老王饭店", "--signatory", "王建国", "--method", "盖章",
       "--at", "2026-10-21 10:00")
    gz("convention", "sign", ref, "安居物业", "--signatory", "李强", "--at", "2026-10-21 11:00")
    gz("convention", "adopt", ref, "--at", "2026-10-22 10:00")
    gz("convention", "publish", ref, "--where", "5栋一楼公告栏", "--at", "2026-10-22 11:00")
    return str(ref)


def test_draft_takes_the_place_from_the_case_and_refuses_without_one(gz: Run) -> None:
    doc = js(gz("--json", "convention", "draft", "--case", "C2026-1", "--at", "2026-10-20 10:00"))
    assert doc["ref"] == "GY2026-000001" and doc["events"] == ["Drafted"]
    shown = js(gz("convention", "show", "gy2026-1", "--json"))
    assert (shown["building"], shown["title"], shown["source_cases"]) == (
        "5栋", "5栋共治公约", ["C2026-000001"])
    taken = gz("convention", "draft", "--case", "2026-1", code=1)
    assert "5栋已有公约 GY2026-000001" in taken.output
    other = js(gz("--json", "convention", "draft", "--community", "双塔社区", "--grid", "3号网格",
                  "--building", "7栋", "--at", "2026-10-20 10:00"))
    assert other["ref"] == "GY2026-000002"
    refused = gz("convention", "draft", "--building", "7栋", code=2)
    assert "--case" in refused.output
    missing = gz("convention", "draft", "--case", "2026-9", code=1)
    assert "C2026-000009" in missing.output
    bad = gz("convention", "show", "C2026-1", code=2)
    assert "GY2026-000001" in bad.output  # the form a convention reference takes


def test_clauses_are_proposed_amended_and_withdrawn_while_drafting(gz: Run) -> None:
    ref = js(gz("--json", "convention", "draft", "--case", "2026-1", "--at", "2026-10-20 10:00"))["ref"]
    first = js(gz("--json", "convention", "clause", ref, "--party", "老王饭店", "--duty", "保持安静",
                  "--at", "2026-10-20 10:10"))
    assert first["id"] == "c1"
    gz("convention", "amend-clause", ref, "1", "--deadline", "2026-11-20", "--at", "2026-10-20 10:20")
    assert js(gz("convention", "show", ref, "--json"))["versions"][0]["clauses"][0]["deadline"] == \
        "2026-11-20"
    early = gz("convention", "amend-clause", ref, "c1", "--deadline", "2026-10-01", code=1)
    assert "不能早于公约起草日期" in early.output
    gz("convention", "amend-clause", ref, "c1", code=2)  # nothing to change
    gz("convention", "withdraw-clause", ref, "第1条", "--reason", "合并", "--at", "2026-10-20 10:30")
    unknown = gz("--lang", "en", "convention", "withdraw-clause", ref, "c1", "--reason", "x", code=1)
    assert "no clause c1" in unknown.output
    nothing = gz("convention", "sign", ref, "老王饭店", "--signatory", "王建国", code=1)
    assert "尚无条款" in nothing.output


def test_signing_adoption_and_publication(gz: Run) -> None:
    ref = js(gz("--json", "convention", "draft", "--case", "2026-1", "--at", "2026-10-20 10:00"))["ref"]
    gz("convention", "clause", ref, "--party", "商户:老王饭店", "--duty", "22点后停止户外营业",
       "--at", "2026-10-20 10:10")
    gz("convention", "decline", ref, "老王饭店", "--signatory", "王建国", "--reason", "22点太早",
       "--at", "2026-10-21 09:00")
    refused = gz("--lang", "en", "convention", "adopt", ref, code=1)
    assert "not signed by: 老王饭店" in refused.output
    stranger = gz("convention", "sign", ref, "李四", "--signatory", "李四", code=1)
    assert "不受公约" in stranger.output
    gz("convention", "adopt", ref, "--override-reason", "居民代表大会表决通过",
       "--at", "2026-10-21 10:00")
    early = gz("convention", "publish", ref, "--where", "公告栏", "--from", "2026-10-01", code=1)
    assert "不能早于通过日期" in early.output
    published = js(gz("--json", "convention", "publish", ref, "--where", "公告栏",
                      "--at", "2026-10-21 11:00"))
    assert published["status"] == "published"
    again = gz("convention", "publish", ref, "--where", "公告栏", code=1)
    assert "已于 2026-10-21 公示" in again.output
    gz("convention", "sign", ref, "老王饭店", "--signatory", "王建国", code=1)  # no draft now


def test_checks_breach_and_remedy_and_the_board(gz: Run) -> None:
    ref = adopted(gz)
    gz("convention", "check", ref, "c1", "--result", "遵守", "--evidence", "巡查无户外营业",
       "--at", "2026-10-25 22:30")
    bad_result = gz("convention", "check", ref, "c1", "--result", "maybe", "--evidence", "x", code=2)
    assert "遵守" in bad_result.output
    early = gz("convention", "check", ref, "c1", "--result", "遵守", "--evidence", "x",
               "--at", "2026-10-21 22:30", code=1)
    assert "早于条款 c1 生效" in early.output
    breached = js(gz("--json", "convention", "breach", ref, "c1", "--evidence", "23:10门前4桌",
                     "--category", "噪音", "--at", "2026-10-27 23:10"))
    assert (breached["id"], breached["case"]) == ("CK2", "C2026-000002")
    case = gz("case", "show", "2026-2").output
    assert f"执行公约条款：{ref}/c1" in case
    board = js(gz("convention", "status", ref, "--on", "2026-12-05", "--json"))
    c1, c2 = board["clauses"]
    assert (c1["last_result"], c1["last_case"], c1["breaches"], c1["open_breaches"]) == (
        "breached", "C2026-000002", 1, 1)
    assert c1["days_since_last_check"] == 39 and c1["signature"] == "signed"
    assert c2["overdue"] and not c1["overdue"]  # c2's deadline passed without a complied check
    text = gz("convention", "status", ref).output
    assert "C2026-000002" in text and "老王饭店" in text
    gz("convention", "remedy", ref, "CK2", "--note", "已收回桌椅", "--at", "2026-10-28 10:00")
    again = gz("convention", "remedy", ref, "CK2", "--note", "x", code=1)
    assert "已于 2026-10-28 整改" in again.output
    complied = gz("convention", "remedy", ref, "CK1", "--note", "x", code=1)
    assert "无需整改" in complied.output
    community = js(gz("convention", "status", "--community", "双塔社区", "--since", "2026-10-01",
                      "--until", "2026-10-31", "--json"))["communities"][0]
    assert (community["buildings_covered"], community["clauses_in_force"], community["checks"],
            community["compliance_rate"], community["open_breaches"]) == (1, 2, 2, 0.5, [])
    party = js(gz("convention", "status", "--party", "老王饭店", "--json"))
    assert [(c["ref"], c["clause_id"]) for c in party] == [(ref, "c1")]
    district = gz("--lang", "en", "convention", "status").output
    assert "双塔社区" in district and "Rate" in district
    listed = js(gz("convention", "list", "--status", "已公示", "--json"))
    assert [r["ref"] for r in listed] == [ref]
    gz("convention", "status", ref, "--party", "x", code=2)


def test_amend_suspend_repeal_and_replay_shows_the_version_in_force(gz: Run) -> None:
    ref = adopted(gz)
    gz("convention", "amend", ref, "--reason", "增加电动车条款", "--at", "2026-11-01 10:00")
    pending = gz("convention", "amend", ref, "--reason", "再改", code=1)
    assert "已有起草中的第2版" in pending.output
    gz("convention", "clause", ref, "--party", "居民:5栋居民", "--duty", "不在楼道充电",
       "--at", "2026-11-01 10:10")
    for party in ("老王饭店", "安居物业", "5栋居民"):
        gz("convention", "sign", ref, party, "--signatory", "张秀英", "--at", "2026-11-02 10:00")
    gz("convention", "adopt", ref, "--at", "2026-11-03 10:00")
    by_version = js(gz("--json", "audit", "replay", ref, "--version", "7"))
    assert by_version["version_in_force"] == 1 and by_version["draft_version"] is None
    text = gz("audit", "replay", ref, "--version", "7").output
    assert "现行版本：第1版" in text
    latest = gz("audit", "replay", ref).output
    assert "现行版本：第2版" in latest and "第1版" in latest  # the old text stays readable
    history = gz("--lang", "en", "audit", "history", ref).output
    assert "adopted" in history and "drafting v2" in history
    assert gz("audit", "verify").exit_code == 0
    gz("convention", "suspend", ref, "--reason", "装修", "--at", "2026-11-04 10:00")
    twice = gz("convention", "suspend", ref, "--reason", "装修", code=1)
    assert "已暂停" in twice.output
    gz("convention", "repeal", ref, "--reason", "迁出", "--at", "2026-11-05 10:00")
    over = gz("--lang", "en", "convention", "check", ref, "c1", "--result", "ok", "--evidence", "x",
              code=1)
    assert "repealed" in over.output


def test_print_text_markdown_html_and_versions(gz: Run) -> None:
    ref = adopted(gz)
    text = gz("convention", "print", ref).output
    assert "5栋共治公约" in text and "1. 老王饭店" in text and "王** 盖章" in text
    assert "王建国" not in text  # signatories are masked on a posting
    md = gz("--lang", "en", "convention", "print", ref, "--format", "md").output
    assert md.startswith("# 5栋共治公约") and "## Clauses" in md and "seal" in md
    html = gz("convention", "print", ref, "--format", "html").output
    assert "<!DOCTYPE html>" in html and "size: A4" in html and "第2条" in html
    missing = gz("convention", "print", ref, "--version", "3", code=2)
    assert "没有第3版" in missing.output
    as_json = js(gz("convention", "print", ref, "--json"))
    assert as_json["version"] == 1 and "老王饭店" in as_json["text"]


def test_every_command_has_help_with_an_example(gz: Run) -> None:
    names = ["draft", "clause", "amend-clause", "withdraw-clause", "sign", "decline", "adopt",
             "publish", "amend", "check", "breach", "remedy", "suspend", "repeal", "show", "list",
             "status", "print"]
    listed = gz("convention", "--help").output
    assert "楼栋共治公约" in listed and "登记违约" in listed  # Chinese by default
    for name in names:
        assert name in listed
        chinese = gz("convention", name, "--help").output
        # The shared formatter (help_lang): Chinese pages head their examples 示例：
        assert "示例：" in chinese and f"gongzhi convention {name}" in chinese
        assert "Example" not in chinese and "Options" not in chinese
        assert "实际发生时间" in chinese or "--at" not in chinese
        english = gz("convention", name, "--help", lang="en").output
        assert "Example:" in english and "示例" not in english
    assert "Record a breach" in gz("convention", "--help", lang="en").output


def test_importing_the_cli_loads_neither_jinja2_nor_sqlalchemy() -> None:
    import subprocess
    import sys

    code = "import sys, cli; print([m for m in ('jinja2', 'sqlalchemy', 'psycopg') if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_replay_as_of_a_moment_shows_the_version_then_in_force(app: Gongzhi,
                                                                store_config: StoreConfig) -> None:
    """Time travel by recording time: between the two adoptions, version 1 was in force."""
    from adapters import convention_use_cases as use
    from tests.convention_support import adopted_convention, at, record

    _, ref = adopted_convention(app)
    between = app.clock.now  # type: ignore[attr-defined]
    record(app, ref, at(10, 28), use.amend, reason="增加条款")
    record(app, ref, at(10, 28, 11), use.withdraw_clause, clause="c2", reason="并入物业合同")
    record(app, ref, at(10, 29), use.sign, party="老王饭店", signatory="王建国", method="seal")
    record(app, ref, at(10, 30), use.adopt)

    def replay(*args: str) -> Any:
        result = CliRunner().invoke(cli, ["--store", store_config.describe(), "--json", "audit",
                                          "replay", ref, *args])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    then = replay("--known-at", between.isoformat())  # recorded time (--as-of is business time)
    assert then["version_in_force"] == 1 and len(then["versions"]) == 1
    assert [c["id"] for c in then["versions"][0]["clauses"]] == ["c1", "c2"]
    now = replay()
    assert now["version_in_force"] == 2
    assert [c["id"] for c in now["versions"][1]["clauses"]] == ["c1"]
    assert [c["id"] for c in now["versions"][0]["clauses"]] == ["c1", "c2"]  # still readable
    text = CliRunner().invoke(cli, ["--store", store_config.describe(), "--lang", "en", "audit",
                                    "replay", ref, "--known-at", between.isoformat()]).output
    assert "Version in force: v1" in text


def test_the_remaining_error_paths(gz: Run) -> None:
    ref = adopted(gz)
    bad_window = gz("convention", "clause", ref, "--party", "x", "--duty", "y", "--window", "22点",
                    code=2)
    assert "22:00" in bad_window.output
    gz("convention", "clause", ref, "--duty", "y", code=2)  # --party is required
    no_draft = gz("convention", "clause", ref, "--party", "x", "--duty", "y", code=1)
    assert "没有起草中的版本" in no_draft.output
    gz("convention", "decline", ref, "老王饭店", "--signatory", "王建国", code=2)  # no --reason
    gz("convention", "sign", ref, "老王饭店", "--signatory", "王建国", "--method", "握手", code=2)
    not_source = gz("--lang", "en", "convention", "breach", ref, "c1", "--evidence", "x",
                    "--reopen", "2026-9", code=1)
    assert "not one the convention" in not_source.output
    bad_clause = gz("convention", "breach", ref, "c9", "--evidence", "x", code=1)
    assert "没有条款 c9" in bad_clause.output
    gz("convention", "breach", ref, "第x条", "--evidence", "x", code=2)
    assert js(gz("convention", "show", ref, "--json"))["checks"] == []  # nothing was recorded
    gz("convention", "list", "--status", "maybe", code=2)
    gz("convention", "status", "GY2026-9", code=1)
    gz("convention", "show", "GY2026-9", code=1)
    gz("convention", "remedy", ref, "CK9", "--note", "x", code=1)
    no_actor = CliRunner().invoke(cli, ["--store", "/nonexistent/none.db", "convention", "adopt",
                                        ref])
    assert no_actor.exit_code == 2 and "Traceback" not in no_actor.output
    gz("convention", "repeal", ref, "--reason", "迁出", "--at", "2026-10-30 10:00")
    twice = gz("convention", "repeal", ref, "--reason", "迁出", code=1)
    assert "已废止" in twice.output
    json_error = gz("convention", "amend", ref, "--reason", "x", "--json", code=1)
    assert json.loads(json_error.output)["error"]["code"] == "conv_repealed"
    freed = js(gz("--json", "convention", "draft", "--case", "2026-1", "--at", "2026-10-31 10:00"))
    assert freed["ref"] == "GY2026-000002"  # a repealed convention frees the building


def test_read_models_and_the_audit_archive_include_conventions(gz: Run, tmp_path: Any) -> None:
    ref = adopted(gz)
    gz("convention", "breach", ref, "c1", "--evidence", "23:10门前4桌", "--at", "2026-10-27 23:10")
    boards = js(gz("export", "convention_boards", "--format", "json"))
    assert [(b["ref"], b["open_breaches"]) for b in boards] == [(ref, 1)]
    archive = tmp_path / "archive.jsonl"
    gz("audit", "export", "-o", str(archive))
    lines = [json.loads(line) for line in archive.read_text(encoding="utf-8").splitlines()]
    assert any(line.get("originator_id") == ref or line.get("aggregate") == ref for line in lines)
    verified = gz("audit", "verify", "--file", str(archive))
    assert verified.exit_code == 0
