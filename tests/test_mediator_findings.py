"""Issue 15's findings from a mediator's day, each checked on the command line as a user meets it.

One water-leak case, worked from 10 to 14 November and typed in on 25 November
(every step given with `--at` in the past), plus a second case from the 12th typed
in only on the 28th. The commands run at a fixed clock (`obj={"clock": ...}`), so
recorded time is known too. Other findings have their tests beside the feature:
help (test_help_language), messages (test_messages_language), times
(test_time_input), replay (test_audit_replay), `--from` (test_cli_case), the
agreement and its PDF (test_agreement).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from cli import cli

TYPED_IN = datetime(2026, 11, 25, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai, on the 25th
LATE = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)  # the second case is typed in on the 28th
OPEN = ["case", "open", "--channel", "12345", "--category", "漏水", "--category", "其他",
        "--community", "双塔社区", "--grid", "第三网格", "--building", "5栋",
        "--complainant", "张女士", "--complainant", "402住户", "--complainant", "张先生",
        "--respondent", "王伯", "--summary", "楼上漏水", "--at", "2026-11-10 09:00"]
REF = "C2026-000001"


class Desk:
    """The CLI at a clock that the test moves, as the mediator's desk would."""

    def __init__(self, store: Path) -> None:
        self.store, self.now = store, TYPED_IN

    def run(self, *args: str, lang: str = "zh") -> Result:
        result = CliRunner().invoke(
            cli, ["--store", str(self.store), "--actor", "李调解员", "--lang", lang, *args],
            obj={"clock": lambda: self.now})
        crashed = result.exception if not isinstance(result.exception, SystemExit) else None
        assert crashed is None, f"gongzhi {' '.join(args)} crashed: {crashed!r}"
        return result

    def ok(self, *args: str, lang: str = "zh") -> str:
        result = self.run(*args, lang=lang)
        assert result.exit_code == 0, result.output
        return result.stdout

    def json(self, *args: str) -> Any:
        return json.loads(self.ok("--json", *args))


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Desk:
    desk = Desk(tmp_path_factory.mktemp("findings") / "gongzhi.db")
    desk.ok(*OPEN)
    for args in (
        ["statement", "2026-1", "--party", "402", "--kind", "诉求", "修好水管"],  # part of a name
        ["propose", "2026-1", "--by", "mediator", "维修水管，费用平摊"],
        ["reject", "2026-1", "P1", "--party", "王伯", "--reason", "不是我家漏的"],
        ["propose", "2026-1", "--by", "r1", "--answers", "P1", "请物业检测漏点"],
        ["accept", "2026-1", "P2", "--party", "c1"], ["accept", "2026-1", "P2", "--party", "c2"],
        ["accept", "2026-1", "P2", "--party", "张先生"],
    ):
        desk.ok("case", *args, "--at", "2026-11-11 10:00")
    desk.ok("case", "escalate", "2026-1", "--to", "社区", "--reason", "双方僵持",
            "--at", "2026-11-12 09:00")
    desk.ok("case", "refer", "2026-1", "--ask", "物业=检测漏点", "--at", "2026-11-12 10:00")
    desk.ok("case", "inspect", "2026-1", "--from", "2026-11-13 10:00", "--to", "2026-11-13 11:00",
            "--inspector", "物业", "--findings", "水管破裂", "--failed")  # not rectified
    desk.ok("case", "agree", "2026-1", "--from", "P2", "--at", "2026-11-14 10:00")
    desk.ok("case", "commit", "2026-1", "--party", "r1", "--duty", "修水管", "--due", "2026-11-20",
            "--at", "2026-11-14 10:00")
    desk.ok("case", "commit", "2026-1", "--party", "c1", "--duty", "配合入户",
            "--due", "2026-12-30", "--at", "2026-11-14 10:00")
    desk.now = LATE  # a case from the 12th, typed in three days after the rest
    assert desk.json(*OPEN[:-1], "2026-11-12 15:00")["ref"] == "C2026-000002"
    return desk


# -- parties -----------------------------------------------------------------------------------


def test_open_prints_every_party_with_its_code(tmp_path: Path) -> None:
    desk = Desk(tmp_path / "gongzhi.db")
    assert desk.ok(*OPEN).splitlines()[1:] == ["  投诉人：c1 张女士、c2 402住户、c3 张先生",
                                               "  被投诉人：r1 王伯"]
    parties = desk.json(*OPEN)["parties"]
    assert [(p["key"], p["name"]) for p in parties] == [
        ("c1", "张女士"), ("c2", "402住户"), ("c3", "张先生"), ("r1", "王伯")]


def test_a_party_is_found_by_a_unique_part_and_an_ambiguous_one_lists_the_candidates(
        desk: Desk) -> None:
    case = desk.json("case", "show", REF)
    assert [(s["party"], s["text"]) for s in case["statements"]] == [("c2", "修好水管")]
    statement = ["case", "statement", "2026-1", "--kind", "诉求", "x", "--party"]
    for lang, words in (("zh", ["多个当事人与“张”相符：c1 张女士、c3 张先生"]),
                        ("en", ["'张' fits more than one party", "c1 张女士", "c3 张先生"])):
        ambiguous = desk.run(*statement, "张", lang=lang)
        assert ambiguous.exit_code == 2 and all(w in ambiguous.stderr for w in words)
    none = desk.run(*statement, "李四", lang="en")
    assert none.exit_code == 2 and "no party '李四'" in none.stderr and "r1 王伯" in none.stderr
    assert desk.json("case", "show", REF)["version"] == case["version"]  # nothing recorded


# -- negotiation as `case show` reads it -------------------------------------------------------


def test_show_gives_answers_escalations_spot_checks_and_departments_by_name(desk: Desk) -> None:
    zh = desk.ok("case", "show", REF)
    for line in ("A1 王伯 拒绝：不是我家漏的", "A2 张女士 接受", "A4 张先生 接受",
                 "E1 2026-11-12 09:00 网格 → 社区：双方僵持", "Q1 物业服务企业",
                 "物业服务企业：水管破裂 [不合格，未当场整改]", "协议：请物业检测漏点"):
        assert line in zh, line
    en = desk.ok("case", "show", REF, lang="en")
    for line in ("A1 王伯 rejected: 不是我家漏的", "grid → community: 双方僵持",
                 "Property Management Company: 水管破裂 [failed, not rectified on the spot]"):
        assert line in en, line
    answers = desk.json("case", "show", REF)["proposals"][0]["answers"]
    assert [(a["party"], a["accepted"], a["reason"]) for a in answers] == [
        ("r1", False, "不是我家漏的")]


# -- read models that agree with `show` -------------------------------------------------------


def test_export_commitments_judges_overdue_on_the_day_asked(desk: Desk) -> None:
    text = desk.ok("export", "commitments")  # today is the 28th
    rows = {r["commitment_id"]: r for r in csv.DictReader(io.StringIO(text, newline=""))}
    assert text.splitlines()[0].endswith(",overdue")
    assert (rows["K1"]["overdue"], rows["K2"]["overdue"]) == ("True", "False")
    on_15th = json.loads(desk.ok("export", "commitments", "--format", "json", "--on", "2026-11-15"))
    assert [(r["commitment_id"], r["overdue"]) for r in on_15th] == [("K1", False), ("K2", False)]
    shown = desk.json("case", "show", REF, "--on", "2026-11-21")["commitments"]
    assert [c["overdue"] for c in shown] == [True, False]


def test_list_export_and_show_agree_on_names_and_shapes(desk: Desk) -> None:
    show = desk.json("case", "show", REF)
    (listed,) = [r for r in desk.json("case", "list") if r["ref"] == REF]
    (exported,) = [r for r in json.loads(desk.ok("export", "cases", "--format", "json"))
                   if r["ref"] == REF]
    # A key found in all three means one thing: the same value, of the same JSON type.
    shared = set(listed) & set(exported) & set(show)
    assert shared >= {"categories", "departments", "open_commitments", "overdue_commitments",
                      "complainant_count", "respondent_count", "reopened_count", "status",
                      "level", "mediator", "opened_at", "closed_at", "outcome"}, shared
    for key in sorted(shared):
        assert listed[key] == exported[key] == show[key], key
        assert type(listed[key]) is type(exported[key]) is type(show[key]), key
    assert (show["complainant_count"], show["respondent_count"]) == (
        len(show["complainants"]), len(show["respondents"])) == (3, 1)
    for row in (listed, exported):
        assert row["categories"] == show["categories"] == ["water_leak", "other"]
        assert row["departments"] == ["property_management"]
        assert (row["open_commitments"], row["overdue_commitments"]) == (
            show["open_commitments"], show["overdue_commitments"]) == (2, 1)
    on_15th = json.loads(desk.ok("export", "cases", "--format", "json", "--on", "2026-11-15"))
    assert {r["ref"]: r["overdue_commitments"] for r in on_15th}[REF] == 0
    cells = {r["ref"]: r for r in csv.DictReader(io.StringIO(desk.ok("export", "cases"),
                                                             newline=""))}
    assert (cells[REF]["categories"], cells[REF]["overdue_commitments"]) == ("water_leak,other", "1")


def test_case_list_names_its_commitment_columns_for_what_they_count(desk: Desk) -> None:
    header = desk.ok("case", "list").splitlines()[0].split()
    assert header[-2:] == ["未了承诺", "逾期承诺"]
    assert "Open commitments" in desk.ok("case", "list", lang="en").splitlines()[0]


def test_projections_status_tells_not_built_from_behind(tmp_path: Path) -> None:
    desk = Desk(tmp_path / "gongzhi.db")
    desk.ok(*OPEN)
    assert "will be built on first read" in desk.ok("projections", "status", lang="en")
    desk.ok("case", "list")
    desk.ok("case", "note", "2026-1", "已电话联系")
    status = {r["name"]: r for r in desk.json("projections", "status")}
    assert (status["cases"]["state"], status["cases"]["lag"]) == ("behind", 1)
    assert "behind by 1 events" in desk.ok("projections", "status", lang="en")
    assert "落后 1 个事件" in desk.ok("projections", "status")
    for lang, words in (("zh", "没有读模型“nosuch”；现有：cases、commitments"),
                        ("en", "unknown projection(s) 'nosuch'; known: cases, commitments")):
        unknown = desk.run("projections", "rebuild", "nosuch", lang=lang)
        assert unknown.exit_code == 2 and words in unknown.stderr


# -- report summary in business time and in recorded time -------------------------------------


@pytest.mark.parametrize("moment, opened", [
    (["--as-of", "2026-11-09 12:00"], 0),  # before anything happened
    (["--as-of", "2026-11-12 12:00"], 1),  # the second case happened at 15:00
    (["--as-of", "2026-11-13 00:00"], 2),  # known now, late entry included
    (["--known-at", "2026-11-24 12:00"], 0),  # nothing typed in yet
    (["--known-at", "2026-11-26 12:00"], 1),  # the report as given on the 26th
    (["--as-of", "2026-11-13 00:00", "--known-at", "2026-11-26 12:00"], 1),
    (["--as-of", "2026-11-13 00:00", "--known-at", "2026-11-28 12:00"], 2),
])
def test_report_summary_travels_in_both_times(desk: Desk, moment: list[str], opened: int) -> None:
    figures = desk.json("report", "summary", *moment)
    assert figures["opened"] == opened
    assert ("as_of" in figures, "known_at" in figures) == (
        "--as-of" in moment, "--known-at" in moment)


def test_a_travelled_report_says_which_time_it_stands_at(desk: Desk) -> None:
    zh = desk.ok("report", "summary", "--as-of", "2026-11-13 00:00")
    assert zh.startswith("【回溯】截至 2026-11-13 00:00 已发生的情况（按业务时间，依目前所知）")
    en = desk.ok("report", "summary", "--known-at", "2026-11-26 12:00", lang="en")
    assert en.startswith("[as of] as the log held it at 2026-11-26 12:00 (recorded time)")
    both = desk.ok("report", "summary", "--as-of", "2026-11-13 00:00",
                   "--known-at", "2026-11-26 12:00")
    assert "依 2026-11-26 12:00 时日志所载" in both.splitlines()[0]
