"""`gongzhi meeting ...` as a community worker sees it: each command, its output and its refusals.

A SQLite store in a temp dir; one case referred to two departments is put on a
meeting that is convened, held, resolved and followed up. Every command runs
once successfully (text or --json), and once refused: exit 2 for input to fix,
exit 1 for a rule, a message in Chinese (default) or English, no traceback, and
nothing recorded (the meeting's version is unchanged).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result

from cli import cli

SHANGHAI = ZoneInfo("Asia/Shanghai")
BASE = (datetime.now(SHANGHAI) - timedelta(days=40)).replace(hour=9, minute=0, second=0,
                                                             microsecond=0)
CASE = f"C{BASE.year}-000001"
MEETING = f"JM{BASE.year}-000001"
SHORT = f"JM{BASE.year}-1"


def at(day: int, clock: str = "10:00") -> str:
    return f"{(BASE + timedelta(days=day)).date().isoformat()} {clock}"


def due(day: int) -> str:
    return (BASE + timedelta(days=day)).date().isoformat()


class Gz:
    def __init__(self, store: Path) -> None:
        self.store = str(store)

    def __call__(self, *args: str, lang: str = "zh", json_out: bool = False) -> Result:
        options = ["--store", self.store, "--actor", "刘敏", "--lang", lang]
        result = CliRunner().invoke(cli, [*options, *(["--json"] if json_out else []), *args])
        assert "Traceback" not in result.output, result.output
        return result

    def ok(self, *args: str, **kw: Any) -> Result:
        result = self(*args, **kw)
        assert result.exit_code == 0, result.output
        return result

    def doc(self, *args: str, **kw: Any) -> Any:
        return json.loads(self.ok(*args, json_out=True, **kw).stdout)

    def version(self) -> int:
        return int(self.doc("meeting", "show", MEETING)["version"])

    def refused(self, code: int, phrase: str, *args: str, lang: str = "zh") -> None:
        before = self.version()
        result = self(*args, lang=lang)
        assert result.exit_code == code, result.output
        assert phrase in result.output, result.output
        assert self.version() == before  # a refusal records nothing


@pytest.fixture
def gz(tmp_path: Path) -> Gz:
    g = Gz(tmp_path / "g.db")
    g.ok("case", "open", "--channel", "12345", "--category", "噪音", "--community", "双塔社区",
         "--grid", "3号网格", "--building", "5栋", "--complainant", "张女士",
         "--respondent", "商户:老王饭店:王建国", "--summary", "一楼饭店夜间噪音", "--at", at(0))
    g.ok("case", "refer", CASE, "--ask", "市场监管局=执照？", "--ask", "派出所=噪音？", "--at", at(1))
    return g


def convene(gz: Gz) -> None:
    gz.ok("meeting", "convene", "--title", "双塔联席会议", "--by", "社区", "--level", "community",
          "--scheduled", at(5, "14:30"), "--venue", "社区会议室", "--chair", "刘书记",
          "--community", "双塔社区", "--invite", "市场监管局", "--invite", "派出所", "--at", at(2))


def held(gz: Gz) -> None:
    convene(gz)
    gz.ok("meeting", "invite", SHORT, "居民代表", "社区", "--at", at(2, "11:00"))
    gz.ok("meeting", "add", SHORT, CASE, "--ask", "市场监管局=执照？", "--ask", "派出所=巡查？",
          "--at", at(2, "12:00"))
    gz.ok("meeting", "hold", SHORT, "--present", "社区=刘书记", "--present", "派出所=赵磊",
          "--present", "居民代表=张秀英,陈桂兰", "--at", at(5, "14:30"))


def test_the_pool_lists_a_case_referred_to_two_departments_until_it_is_on_a_meeting(gz: Gz) -> None:
    pool = gz.doc("meeting", "pool")
    assert [e["ref"] for e in pool] == [CASE] and pool[0]["departments"] == [
        "market_regulation", "police_station"]
    assert "区市场监管局、派出所" in gz.ok("meeting", "pool").output
    convene(gz)
    gz.ok("meeting", "add", MEETING, CASE, "--ask", "派出所=巡查？", "--at", at(2, "12:00"))
    assert gz.doc("meeting", "pool") == []
    gz.ok("meeting", "withdraw", MEETING, "I1", "--reason", "改到下次", "--at", at(3))
    assert [e["ref"] for e in gz.doc("meeting", "pool", "--community", "双塔社区")] == [CASE]
    assert gz.doc("meeting", "pool", "--community", "桂花社区") == []


def test_before_the_meeting_every_planning_command_records_its_event(gz: Gz) -> None:
    convene(gz)
    out = gz.ok("meeting", "invite", SHORT, "居民代表", "生态环境局", "--at", at(2, "11:00")).output
    assert f"{MEETING} v5 已记录：邀请单位、邀请单位" in out
    gz.ok("meeting", "withdraw-body", SHORT, "生态环境局", "--reason", "无关", "--at", at(2, "11:10"))
    added = gz.doc("meeting", "add", SHORT, CASE, "--ask", "派出所=巡查？", "--at", at(2, "12:00"))
    assert added["events"] == ["ItemAdded"] and added["id"] == "I1"
    gz.ok("case", "open", "--channel", "12345", "--category", "停车", "--community", "双塔社区",
          "--grid", "3号网格", "--building", "6栋", "--complainant", "李先生",
          "--respondent", "王女士", "--summary", "占用车位", "--at", at(2))
    gz.ok("meeting", "add", SHORT, f"C{BASE.year}-2", "--ask", "居民代表=意见？",
          "--at", at(2, "12:30"))
    assert gz.doc("meeting", "reorder", SHORT, "I2", "--at", at(3))["id"] == "I2,I1"
    gz.ok("meeting", "reschedule", SHORT, "--to", at(6, "09:30"), "--reason", "环保局有检查",
          "--at", at(3, "11:00"))
    shown = gz.doc("meeting", "show", SHORT)
    assert [i["id"] for i in shown["items"]] == ["I2", "I1"]
    assert [b["body"] for b in shown["bodies"]] == ["market_regulation", "police_station",
                                                    "resident_reps"]
    assert shown["scheduled_at"].startswith(due(6) + "T09:30")
    gz.ok("meeting", "cancel", SHORT, "--reason", "街道统一协调", "--at", at(4))
    assert gz.doc("meeting", "list", "--status", "cancelled")[0]["ref"] == MEETING
    assert [e["ref"] for e in gz.doc("meeting", "pool")] == [CASE]  # back in the pool


def test_after_the_meeting_resolutions_action_items_and_minutes(gz: Gz) -> None:
    held(gz)
    shown = gz.doc("meeting", "show", SHORT)
    assert {b["body"]: b["attendance"] for b in shown["bodies"]} == {
        "market_regulation": "absent", "police_station": "present", "resident_reps": "present",
        "community_committee": "present"}
    assert gz.doc("meeting", "resolve", SHORT, "I1", "--resolution", "联合夜查",
                  "--action", f"派出所:{due(6)}:夜间联合检查", "--action", f"r1:{due(30)}:收桌",
                  "--at", at(5, "16:00"))["id"] == "A1,A2"
    gz.ok("case", "inspect", CASE, "--from", at(6, "20:00"), "--to", at(6, "22:00"),
          "--inspector", "赵磊", "--findings", "门前无桌", "--passed", "--at", at(6, "22:10"))
    gz.ok("meeting", "action-done", SHORT, "A1", "--evidence", "S1", "--at", at(7))
    gz.ok("meeting", "action-missed", SHORT, "A2", "--reason", "未收", "--at", at(8))
    case = gz.doc("case", "show", CASE)
    assert [(a["id"], a["status"], a["evidence"]) for a in case["meeting_action_items"]] == [
        ("A1", "done", "S1"), ("A2", "missed", None)]
    assert "联席会议事项" in gz.ok("case", "show", CASE).output
    gz.ok("meeting", "minutes", SHORT, "--by", "社区", "会议议定：联合夜查。", "--at", at(5, "17:00"))
    gz.ok("meeting", "amend-minutes", SHORT, "--by", "派出所", "会议议定：联合夜查，加密巡逻。",
          "--note", "补充", "--at", at(5, "18:00"))
    for body in ("社区", "派出所"):
        gz.ok("meeting", "approve-minutes", SHORT, "--by", body, "--at", at(6))
    last = gz.doc("meeting", "approve-minutes", SHORT, "--by", "居民代表", "--at", at(6))
    assert last["events"] == ["MinutesApproved", "MinutesFrozen"] and last["id"] == "frozen"
    gz.refused(1, "冻结", "meeting", "amend-minutes", SHORT, "--by", "社区", "改", "--at", at(9))
    corrected = gz.doc("meeting", "amend-minutes", SHORT, "--by", "社区", "--correction",
                       "期限更正", "--at", at(9))
    assert corrected["id"] == "M1"
    agenda = gz.doc("meeting", "agenda", SHORT)
    assert [a["status"] for a in agenda["items"][0]["actions"]] == ["done", "missed"]
    text = gz.ok("meeting", "agenda", SHORT, "--format", "md", lang="en").output
    assert "# Joint meeting agenda" in text and "Police Station" in text


def test_an_open_action_item_past_its_due_date_reads_as_overdue(gz: Gz) -> None:
    held(gz)
    gz.ok("meeting", "resolve", SHORT, "I1", "--resolution", "夜查",
          "--action", f"派出所:{due(6)}:夜间联合检查", "--at", at(5, "16:00"))
    assert gz.doc("meeting", "show", SHORT, "--on", due(6))["actions"][0]["status"] == "open"
    assert gz.doc("meeting", "show", SHORT, "--on", due(7))["actions"][0]["status"] == "overdue"
    assert "已逾期" in gz.ok("meeting", "agenda", SHORT, "--on", due(7)).output


def test_the_department_view_shows_only_what_concerns_it(gz: Gz) -> None:
    held(gz)
    only = gz.doc("meeting", "agenda", SHORT, "--department", "派出所")
    assert [b["body"] for b in only["bring"]] == ["police_station"]
    assert only["bring"][0]["questions"][0]["question"] == "巡查？"
    none = gz.doc("meeting", "agenda", SHORT, "--department", "居民代表")
    assert none["items"] == []


REFUSALS = [
    # (command after `held` or before it, exit code, phrase, English?)
    ("before", ["meeting", "invite", SHORT, "派出所"], 1, "已受邀"),
    ("before", ["meeting", "invite", SHORT, "不存在的局"], 2, "未知单位"),
    ("before", ["meeting", "withdraw-body", SHORT, "消防", "--reason", "x"], 1, "未受邀"),
    ("before", ["meeting", "add", SHORT, f"C{BASE.year}-9", "--ask", "派出所=x"], 1, "没有案件"),
    ("before", ["meeting", "add", SHORT, CASE, "--ask", "居民代表=x"], 1, "未受邀"),
    ("before", ["meeting", "add", SHORT, CASE, "--ask", "派出所"], 2, "单位=内容"),
    ("before", ["meeting", "withdraw", SHORT, "I9", "--reason", "x"], 1, "没有议题"),
    ("before", ["meeting", "reorder", SHORT, "I1"], 1, "没有议题"),
    ("before", ["meeting", "reschedule", SHORT, "--to", "明天", "--reason", "x"], 2, "不是有效时间"),
    ("before", ["meeting", "cancel", SHORT], 2, "--reason"),
    ("before", ["meeting", "hold", SHORT, "--present", "派出所=赵"], 1, "议程为空"),
    ("before", ["meeting", "resolve", SHORT, "I1", "--resolution", "x"], 1, "召开之后"),
    ("before", ["meeting", "minutes", SHORT, "--by", "派出所", "纪要"], 1, "召开之后"),
    ("held", ["meeting", "add", SHORT, CASE, "--ask", "派出所=x"], 1, "已召开"),
    ("held", ["meeting", "invite", SHORT, "消防"], 1, "已召开"),
    ("held", ["meeting", "cancel", SHORT, "--reason", "x"], 1, "已召开"),
    ("held", ["meeting", "resolve", SHORT, "I1", "--resolution", "x", "--action", "消防:2026-01-01:x"],
     1, "负责方"),
    ("held", ["meeting", "resolve", SHORT, "I1", "--resolution", "x", "--action", "派出所-x"],
     2, "负责方:期限:事项"),
    ("held", ["meeting", "action-done", SHORT, "A1", "--note", "x"], 1, "没有事项"),
    ("held", ["meeting", "action-missed", SHORT, "A1", "--reason", "x"], 1, "没有事项"),
    ("held", ["meeting", "minutes", SHORT, "--by", "市场监管局", "纪要"], 1, "未出席"),
    ("held", ["meeting", "amend-minutes", SHORT, "--by", "派出所", "纪要"], 1, "尚无纪要"),
    ("held", ["meeting", "approve-minutes", SHORT, "--by", "派出所"], 1, "尚无纪要"),
]


@pytest.mark.parametrize(("stage", "args", "code", "phrase"), REFUSALS,
                         ids=[f"{r[0]}-{r[1][1]}-{i}" for i, r in enumerate(REFUSALS)])
def test_each_command_refuses_with_a_message_and_records_nothing(
        gz: Gz, stage: str, args: list[str], code: int, phrase: str) -> None:
    held(gz) if stage == "held" else convene(gz)
    gz.refused(code, phrase, *args)


def test_action_evidence_must_be_a_later_step_of_the_same_case(gz: Gz) -> None:
    held(gz)
    gz.ok("meeting", "resolve", SHORT, "I1", "--resolution", "夜查",
          "--action", f"派出所:{due(6)}:夜间联合检查", "--at", at(5, "16:00"))
    gz.refused(1, "has no S1", "meeting", "action-done", SHORT, "A1", "--evidence", "S1",
               lang="en")
    gz.refused(1, "no response from District Market", "meeting", "action-done", SHORT, "A1",
               "--evidence", "market_regulation", lang="en")  # never responded
    gz.ok("case", "respond", CASE, "派出所", "已巡查", "--at", at(3))
    gz.refused(1, "before the meeting", "meeting", "action-done", SHORT, "A1", "--evidence",
               "police", lang="en")
    gz.refused(2, "needs evidence", "meeting", "action-done", SHORT, "A1", lang="en")
    gz.ok("case", "commit", CASE, "--party", "r1", "--duty", "收桌", "--due", due(20),
          "--at", at(6))
    gz.refused(1, "is not fulfilled", "meeting", "action-done", SHORT, "A1", "--evidence", "K1",
               lang="en")
    gz.ok("case", "fulfil", CASE, "K1", "--at", at(7))
    assert gz.doc("meeting", "action-done", SHORT, "A1", "--evidence", "k1",
                  "--at", at(8))["events"] == ["ActionDone"]
    gz.refused(2, "not a case entry", "meeting", "action-done", SHORT, "A1", "--evidence", "X9",
               lang="en")


def test_bad_references_and_unknown_meetings(gz: Gz) -> None:
    result = gz("meeting", "show", "M-1")
    assert result.exit_code == 2 and "JM2026-000001" in result.output
    missing = gz("meeting", "show", f"JM{BASE.year}-7", lang="en")
    assert missing.exit_code == 1 and "no joint meeting" in missing.output
    as_json = gz("meeting", "agenda", f"JM{BASE.year}-7", json_out=True)
    assert as_json.exit_code == 1 and json.loads(as_json.stderr)["error"]["code"] == "not_found"


def test_every_command_has_help_with_an_example() -> None:
    from cli_commands.meeting_group import meeting

    names = ["convene", "invite", "withdraw-body", "add", "withdraw", "reorder", "reschedule",
             "cancel", "hold", "resolve", "action-done", "action-missed", "minutes",
             "amend-minutes", "approve-minutes", "show", "list", "pool", "agenda"]
    assert sorted(meeting.commands) == sorted(names)
    for name in names:
        chinese = CliRunner().invoke(cli, ["meeting", name, "--help"]).output  # the default
        assert "示例：" in chinese and f"gongzhi meeting {name}" in chinese, name
        assert "Example" not in chinese, name
        english = CliRunner().invoke(cli, ["--lang", "en", "meeting", name, "--help"]).output
        assert "Example:" in english and f"gongzhi meeting {name}" in english, name
