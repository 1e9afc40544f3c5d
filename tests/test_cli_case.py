"""`gongzhi case ...` as a mediator sees it: output, exit codes, messages, and what is recorded.

Every command is driven through click's CliRunner against a SQLite store in a
temp dir. For each command a success path checks the text and the --json output
(and the case as `case show --json` then reports it); the error paths check the
exit code (2: fix your input, 1: refused by the rules), a message that says what
to fix in English and in Chinese (the default), that no traceback escapes, and
that the refused command recorded nothing (the case's version is unchanged).

Every command runs with the same injected clock (`obj={"clock": ...}`), fixed
40 days after the test case was opened, so no result depends on the real date.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click
import pytest
from click.testing import CliRunner, Result

from cli import GROUPS, cli

SHANGHAI = ZoneInfo("Asia/Shanghai")
ACTOR = "李调解员"
# Day 0 of the test case, and "now" for every command: 40 days later.
BASE = datetime(2026, 9, 21, 9, 0, tzinfo=SHANGHAI)
NOW = BASE + timedelta(days=40)


def fixed_clock() -> datetime:
    return NOW.astimezone(UTC)
REF = f"C{BASE.year}-000001"
SHORT_REF = f"{BASE.year}-1"  # the short form mediators type


def at(day: int, clock: str = "10:00") -> str:
    """A local business time on day `day` after the case was opened, as a mediator types it."""
    return f"{(BASE + timedelta(days=day)).date().isoformat()} {clock}"


def day(n: int) -> date:
    return (BASE + timedelta(days=n)).date()


OPENED_AT = at(0, "21:30")
OPEN = [
    "case", "open", "--channel", "12345", "--category", "噪音", "--category", "油烟",
    "--community", "双塔社区", "--grid", "3号网格", "--building", "5栋",
    "--complainant", "张女士", "--respondent", "商户:老王饭店:王建国",
    "--summary", "一楼饭店22点后噪音扰民、油烟直排", "--window", "22:00-02:00",
    "--at", OPENED_AT,
]



def assert_refused(result: Result, exit_code: int, phrase: str) -> None:
    """A clean refusal: the exit code, the message on stderr, no traceback, nothing on stdout."""
    assert result.exit_code == exit_code, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.stdout == "", result.stdout
    assert phrase in result.stderr, result.stderr


def assert_line(text: str, *parts: str) -> None:
    """Some line of `text` shows every one of `parts` (wording around them may change)."""
    assert any(all(part in line for part in parts) for line in text.splitlines()), (
        f"no line with {parts} in:\n{text}")


class Store:
    """One SQLite store and the commands a mediator types against it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def run(self, *args: str, actor: str | None = ACTOR, lang: str | None = None,
            as_json: bool = False, env: dict[str, str | None] | None = None) -> Result:
        argv = ["--store", str(self.path)]
        if actor is not None:
            argv += ["--actor", actor]
        if lang:
            argv += ["--lang", lang]
        if as_json:
            argv.append("--json")
        return CliRunner().invoke(cli, [*argv, *args], env=env, obj={"clock": fixed_clock})

    def ok(self, *args: str, **options: Any) -> Result:
        result = self.run(*args, **options)
        assert result.exit_code == 0, result.output
        assert result.exception is None, result.exception
        return result

    def json(self, *args: str, **options: Any) -> Any:
        return json.loads(self.ok(*args, as_json=True, **options).stdout)

    def show(self, ref: str = REF) -> dict[str, Any]:
        document: dict[str, Any] = self.json("case", "show", ref)
        return document

    def version(self, ref: str = REF) -> int:
        return int(self.show(ref)["version"])

    def history(self, ref: str = REF) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = self.json("case", "history", ref)
        return events

    def refused(self, args: list[str], exit_code: int, en: str, zh: str,
                ref: str | None = REF) -> None:
        """Refused in English and in Chinese (the default), saying what to fix; nothing recorded."""
        before = self.version(ref) if ref else None
        assert_refused(self.run(*args, lang="en"), exit_code, en)
        assert_refused(self.run(*args), exit_code, zh)
        if ref:
            assert self.version(ref) == before

    def count_cases(self) -> int:
        return len(self.json("case", "list"))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "gongzhi.db")


@pytest.fixture
def ref(store: Store) -> str:
    """The typical case, opened on day 0: residents v. a ground-floor restaurant."""
    assert store.json(*OPEN)["ref"] == REF
    return REF


@pytest.fixture
def closed(store: Store, ref: str) -> str:
    store.ok("case", "agree", ref, "22:00后停止户外营业", "--at", at(1))
    store.ok("case", "close", ref, "--outcome", "调解成功", "--satisfaction", "满意", "--at", at(2))
    assert store.show()["status"] == "closed"
    return ref


# -- help -----------------------------------------------------------------------


def _command_paths() -> list[list[str]]:
    ctx = click.Context(cli)
    paths: list[list[str]] = []

    def walk(group: click.Group, prefix: list[str]) -> None:
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            assert command is not None, name
            paths.append([*prefix, name])
            if isinstance(command, click.Group):
                walk(command, [*prefix, name])

    walk(cli, [])
    return paths


COMMAND_PATHS = _command_paths()
CASE_COMMANDS = {
    "open", "join", "assign", "statement", "propose", "accept", "reject", "refer", "respond",
    "escalate", "inspect", "commit", "fulfil", "breach", "agree", "fail", "close", "reopen",
    "note", "show", "history", "list", "retract", "correct", "agreement", "share", "consent",
}


def test_root_help_lists_every_group_with_an_example() -> None:
    result = CliRunner().invoke(cli, ["--lang", "en", "--help"])
    assert result.exit_code == 0, result.output
    for group in GROUPS:
        assert group in result.stdout
    assert "Example" in result.stdout
    assert "--actor" in result.stdout and "GONGZHI_ACTOR" in result.stdout


def test_every_case_command_is_reachable() -> None:
    assert {p[1] for p in COMMAND_PATHS if p[0] == "case" and len(p) == 2} == CASE_COMMANDS


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=[" ".join(p) for p in COMMAND_PATHS])
def test_every_command_help_has_an_example(path: list[str]) -> None:
    result = CliRunner().invoke(cli, ["--lang", "en", *path, "--help"])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert f"{' '.join(path)} [OPTIONS]" in result.stdout
    assert "Example" in result.stdout, result.stdout


# -- the actor ---------------------------------------------------------------------

# Every write, with arguments that would succeed on the freshly opened case.
WRITES: dict[str, list[str]] = {
    "open": OPEN,
    "join": ["case", "join", REF, "李先生"],
    "assign": ["case", "assign", REF, "李明"],
    "consent": ["case", "consent", REF, "c1", "--named", "--reason", "本人同意公开"],
    "statement": ["case", "statement", REF, "--party", "c1", "22点后保持安静"],
    "propose": ["case", "propose", REF, "--by", "mediator", "22:00后停止户外营业"],
    "accept": ["case", "accept", REF, "P1", "--party", "c1"],
    "reject": ["case", "reject", REF, "P1", "--party", "r1", "--reason", "晚市收入占七成"],
    "refer": ["case", "refer", REF, "--ask", "生态环境局=油烟是否超标？"],
    "respond": ["case", "respond", REF, "生态环境局", "超标"],
    "escalate": ["case", "escalate", REF, "--to", "社区", "--reason", "涉及多个部门"],
    "inspect": ["case", "inspect", REF, "--from", at(1, "20:00"), "--to", at(1, "22:00"),
                "--inspector", "派出所", "--findings", "62分贝", "--failed"],
    "commit": ["case", "commit", REF, "--party", "r1", "--duty", "安装油烟净化器", "--due", "+30"],
    "fulfil": ["case", "fulfil", REF, "K1"],
    "breach": ["case", "breach", REF, "K1"],
    "agree": ["case", "agree", REF, "22:00后停止户外营业"],
    "fail": ["case", "fail", REF, "--reason", "分歧较大"],
    "close": ["case", "close", REF, "--outcome", "撤回", "--satisfaction", "满意"],
    "reopen": ["case", "reopen", REF, "--reason", "再次反映"],
    "note": ["case", "note", REF, "已电话联系投诉人"],
    "retract": ["case", "retract", REF, "N1", "--reason", "录错案件"],
    "correct": ["case", "correct", REF, "N1", "--text", "已电话联系", "--reason", "笔误"],
}


def test_writes_cover_every_write_command() -> None:
    assert set(WRITES) == CASE_COMMANDS - {"show", "history", "list", "agreement", "share"}


@pytest.mark.parametrize("command", sorted(WRITES))
def test_a_write_without_an_actor_is_refused_and_records_nothing(store: Store, ref: str,
                                                                 command: str) -> None:
    before = store.version()
    for lang, phrase in (("en", "pass --actor NAME or set GONGZHI_ACTOR"),
                         (None, "请用 --actor 姓名 或设置 GONGZHI_ACTOR")):
        assert_refused(store.run(*WRITES[command], actor=None, lang=lang), 2, phrase)
    # A name of blanks is no name.
    assert_refused(store.run(*WRITES[command], actor="   ", lang="en"), 2, "--actor")
    assert store.version() == before
    assert store.count_cases() == 1


def test_the_actor_can_come_from_the_environment(store: Store, ref: str) -> None:
    store.ok("case", "note", ref, "已电话联系投诉人", actor=None, env={"GONGZHI_ACTOR": "王芳"})
    events = store.history()
    assert [e["actor"] for e in events] == [ACTOR, "王芳"]
    # --actor wins over the environment.
    store.ok("case", "note", ref, "上门走访", actor="李明", env={"GONGZHI_ACTOR": "王芳"})
    assert store.history()[-1]["actor"] == "李明"


# -- open -------------------------------------------------------------------------


def test_open_prints_the_reference_and_records_the_case(store: Store) -> None:
    # Each party's code is printed with its name: later commands take the code.
    assert store.ok(*OPEN).stdout == (f"{REF} v1 已记录：受理立案 {REF}\n  投诉人：c1 张女士\n"
                                      "  被投诉人：r1 老王饭店（经营者：王建国）\n")
    second = store.ok(*OPEN, lang="en").stdout
    second_ref = f"C{BASE.year}-000002"
    assert second == (f"{second_ref} v1 recorded: case opened {second_ref}\n"
                      "  Complainants: c1 张女士\n  Respondents: r1 老王饭店 (operator: 王建国)\n")
    document = store.json(*OPEN)
    third_ref = f"C{BASE.year}-000003"
    assert document == {"ref": third_ref, "id": third_ref, "version": 1, "status": "open",
                        "events": ["Opened"], "parties": [
                            {"key": "c1", "role": "complainant", "kind": "person",
                             "name": "张女士", "operator": None, "named": False},
                            {"key": "r1", "role": "respondent", "kind": "business",
                             "name": "老王饭店", "operator": "王建国"}]}

    case = store.show(REF)
    assert case["id"] == case["ref"] == REF
    assert case["version"] == 1
    assert case["status"] == "open"
    assert case["level"] == "grid"
    assert case["channel"] == "hotline_12345"
    assert case["categories"] == ["noise", "cooking_fumes"]
    assert case["location"] == {"community": "双塔社区", "grid": "3号网格", "building": "5栋",
                                "unit": None}
    assert case["nuisance_window"] == "22:00–02:00"
    assert [(p["key"], p["name"]) for p in case["complainants"]] == [("c1", "张女士")]
    assert case["respondents"] == [{"key": "r1", "role": "respondent", "kind": "business",
                                    "name": "老王饭店", "operator": "王建国"}]
    assert case["mediator"] is None
    assert case["referrals"] == [] and case["commitments"] == []
    assert case["opened_by"] == ACTOR
    assert datetime.fromisoformat(case["opened_at"]) == datetime.fromisoformat(
        f"{OPENED_AT}:00+08:00")


def test_open_accepts_chinese_dates_and_english_words(store: Store) -> None:
    chinese_time = f"{BASE.year}年{BASE.month}月{BASE.day}日 21时30分"
    args = [*OPEN[:-2], "--at", chinese_time]
    args[args.index("12345")] = "walk-in"
    args[args.index("噪音")] = "noise"
    ref = store.json(*args)["ref"]
    case = store.show(ref)
    assert case["channel"] == "walk_in"
    assert case["categories"] == ["noise", "cooking_fumes"]
    assert datetime.fromisoformat(case["opened_at"]) == datetime.fromisoformat(
        f"{OPENED_AT}:00+08:00")


def _replace(args: list[str], option: str, value: str) -> list[str]:
    args = list(args)
    args[args.index(option) + 1] = value
    return args


def test_open_refusals_say_what_to_fix_and_open_nothing(store: Store, ref: str) -> None:
    store.refused(_replace(OPEN, "--category", "吵架"), 2,
                  "unknown category '吵架'", "未知的类别“吵架”", ref=None)
    store.refused(_replace(OPEN, "--channel", "信鸽"), 2,
                  "unknown channel '信鸽'", "未知的受理渠道“信鸽”", ref=None)
    store.refused(_replace(OPEN, "--respondent", "张女士"), 2,
                  "'张女士' is already a party", "“张女士”已是案件", ref=None)
    store.refused(_replace(OPEN, "--window", "25:00-02:00"), 2,
                  "must look like 22:00", "应形如 22:00", ref=None)
    # Later today is refused by the case's rules; days ahead already by the time parser.
    future = (NOW + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
    store.refused(_replace(OPEN, "--at", future), 1,
                  "is after the time of recording", "晚于记录时间", ref=None)
    far = (NOW + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    store.refused(_replace(OPEN, "--at", far), 2, "is more than a day after now", "晚一天以上",
                  ref=None)
    missing_summary = OPEN[: OPEN.index("--summary")] + OPEN[OPEN.index("--summary") + 2:]
    store.refused(missing_summary, 2, "--summary", "--summary", ref=None)
    assert store.count_cases() == 1
    # The next case still gets the next number: nothing was taken by the refusals.
    assert store.json(*OPEN)["ref"] == f"C{BASE.year}-000002"


MALFORMED = {
    "time": (["case", "note", REF, "备注", "--at", "yesterday"],
             "is not a time; use e.g. 2026-10-08 21:30", "2026-10-08 21:30"),
    "check start": (["case", "inspect", REF, "--from", "8pm", "--to", at(1, "22:00"),
                     "--inspector", "派出所", "--findings", "x", "--failed"],
                    "is not a time", "2026-10-08 21:30"),
    "due date": (["case", "commit", REF, "--party", "r1", "--duty", "x", "--due", "next-month"],
                 "is not a date; use e.g. 2026-11-08 or +30", "2026-11-08"),
    "referral": (["case", "refer", REF, "--ask", "police"], "DEPT=QUESTION", "部门=问题"),
}


@pytest.mark.parametrize("what", sorted(MALFORMED))
def test_a_malformed_value_is_refused_in_both_languages(store: Store, ref: str, what: str) -> None:
    """The message names the accepted form; in Chinese mode it is Chinese like every other one."""
    args, en, example = MALFORMED[what]
    store.refused(args, 2, en, example)
    message = store.run(*args).stderr.split("错误：", 1)[1]
    assert re.search(r"[\u4e00-\u9fff]", message), f"not translated: {message!r}"


# -- join --------------------------------------------------------------------------


def test_join_adds_a_complainant(store: Store, ref: str) -> None:
    assert store.ok("case", "join", SHORT_REF, "李先生").stdout == (
        f"{REF} v2 已记录：投诉人加入 c2\n  投诉人：c2 李先生\n")
    document = store.json("case", "join", ref, "商户:好再来超市:赵强")
    assert document == {"ref": REF, "id": "c3", "version": 3, "status": "open",
                        "events": ["ComplainantJoined"], "parties": [
                            {"key": "c3", "role": "complainant", "kind": "business",
                             "name": "好再来超市", "operator": "赵强", "named": False}]}
    en = store.ok("case", "join", ref, "孙阿姨", lang="en").stdout
    assert en == f"{REF} v4 recorded: complainant joined c4\n  Complainants: c4 孙阿姨\n"
    case = store.show()
    assert [(p["key"], p["name"], p["kind"], p["operator"]) for p in case["complainants"]] == [
        ("c1", "张女士", "person", None), ("c2", "李先生", "person", None),
        ("c3", "好再来超市", "business", "赵强"), ("c4", "孙阿姨", "person", None)]


def test_join_refusals(store: Store, ref: str) -> None:
    store.refused(["case", "join", ref, "张女士"], 1,
                  f"'张女士' is already a party to case {REF}", f"“张女士”已是案件 {REF} 的当事人")
    store.refused(["case", "join", "nonsense", "李先生"], 2,
                  "'nonsense' is not a case reference; use the form C2026-000042",
                  "“nonsense”不是有效的案件编号")
    missing = f"C{BASE.year}-000099"
    store.refused(["case", "join", missing, "李先生"], 1,
                  f"no case {missing} in this store", f"本库中没有案件 {missing}")
    store.refused(["case", "join", ref, "李先生", "--at", at(-3)], 1,
                  f"is before case {REF} was opened", f"早于案件 {REF} 的受理时间")
    assert store.count_cases() == 1


# -- assign -------------------------------------------------------------------------


def test_assign_and_reassign(store: Store, ref: str) -> None:
    assert store.ok("case", "assign", ref, "李明").stdout == f"{REF} v2 已记录：指派调解员\n"
    assert store.show()["mediator"] == "李明"
    document = store.json("case", "assign", ref, "王芳", "--reason", "李明休假", lang="en")
    assert document["events"] == ["MediatorReassigned"] and document["version"] == 3
    assert store.show()["mediator"] == "王芳"
    last = store.history()[-1]
    assert last["type"] == "MediatorReassigned"
    assert last["data"] == {"mediator": "王芳", "previous": "李明", "reason": "李明休假"}
    text = store.ok("case", "show", ref, lang="en").stdout
    assert "Mediator: 王芳" in text


def test_assign_refusals(store: Store, ref: str) -> None:
    store.ok("case", "assign", ref, "李明")
    store.refused(["case", "assign", ref, "李明"], 1,
                  f"李明 is already the mediator of case {REF}", f"李明已是案件 {REF} 的调解员")
    store.refused(["case", "assign", ref, "王芳"], 2, "reason must not be empty", "不能为空")


# -- statement ------------------------------------------------------------------------


def test_statement_records_what_a_party_said(store: Store, ref: str) -> None:
    out = store.ok("case", "statement", ref, "--party", "c1", "--kind", "诉求", "22点后保持安静").stdout
    assert out == f"{REF} v2 已记录：记录陈述\n"
    document = store.json("case", "statement", ref, "--party", "老王饭店", "晚市是主要收入")
    assert document["version"] == 3 and document["events"] == ["StatementRecorded"]
    statements = store.show()["statements"]
    assert [(s["party"], s["kind"], s["text"]) for s in statements] == [
        ("c1", "demand", "22点后保持安静"), ("r1", "statement", "晚市是主要收入")]
    assert_line(store.ok("case", "show", ref).stdout, "张女士", "诉求", "22点后保持安静")
    assert_line(store.ok("case", "show", ref, lang="en").stdout, "老王饭店", "statement", "晚市是主要收入")


def test_statement_refusals(store: Store, ref: str) -> None:
    store.refused(["case", "statement", ref, "--party", "路人", "看热闹"], 2,
                  f"no party '路人' in case {REF}; parties: c1 张女士, r1 老王饭店",
                  f"案件 {REF} 中没有当事人“路人”")
    store.refused(["case", "statement", ref, "--party", "c1", "--kind", "抱怨", "吵"], 2,
                  "unknown statement kind '抱怨'", "未知的陈述类型“抱怨”")
    store.refused(["case", "statement", ref, "--party", "c1", "   "], 2,
                  "must not be empty", "不能为空")


# -- propose, accept, reject ---------------------------------------------------------------


def test_propose_and_counter_propose(store: Store, ref: str) -> None:
    out = store.ok("case", "propose", ref, "--by", "mediator", "22:00后停止户外营业").stdout
    assert out == f"{REF} v2 已记录：提出方案 P1\n"
    en = store.ok("case", "propose", ref, "--by", "r1", "--answers", "P1", "22:30后停止户外营业",
                  lang="en").stdout
    assert en == f"{REF} v3 recorded: counter-proposal made P2\n"
    document = store.json("case", "propose", ref, "--by", "调解员", "折中：22:15")
    assert document["id"] == "P3" and document["events"] == ["ProposalMade"]
    proposals = store.show()["proposals"]
    assert [(p["id"], p["by"], p["in_reply_to"], p["status"], p["terms"]) for p in proposals] == [
        ("P1", "mediator", None, "pending", "22:00后停止户外营业"),
        ("P2", "r1", "P1", "pending", "22:30后停止户外营业"),
        ("P3", "mediator", None, "pending", "折中：22:15"),
    ]


def test_propose_refusals(store: Store, ref: str) -> None:
    store.ok("case", "propose", ref, "--by", "mediator", "22:00后停止户外营业")
    store.refused(["case", "propose", ref, "--by", "r1", "--answers", "P9", "x"], 2,
                  f"case {REF} has no proposal P9; proposals: P1", f"案件 {REF} 没有方案 P9")
    store.refused(["case", "propose", ref, "--by", "路人", "x"], 2,
                  f"no party '路人' in case {REF}", "没有当事人“路人”")
    store.refused(["case", "propose", ref, "--by", "mediator", "--answers", "P1", "x"], 1,
                  "made proposal P1 and cannot counter it", "不能由其本人反驳")


def test_propose_on_a_closed_case_is_refused(store: Store, closed: str) -> None:
    store.refused(["case", "propose", closed, "--by", "mediator", "x"], 1,
                  f"case {REF} is closed; reopen it first (gongzhi case reopen {REF}",
                  f"案件 {REF} 已结案，请先重新启动（gongzhi case reopen {REF}")


def test_accept_a_proposal(store: Store, ref: str) -> None:
    store.ok("case", "propose", ref, "--by", "mediator", "22:00后停止户外营业")
    assert store.ok("case", "accept", ref, "P1", "--party", "c1").stdout == \
        f"{REF} v3 已记录：接受方案\n"
    assert store.show()["proposals"][0]["status"] == "pending"  # r1 has not answered yet
    document = store.json("case", "accept", ref, "p1", "--party", "老王饭店", lang="en")
    assert document["events"] == ["ProposalAccepted"] and document["version"] == 4
    assert store.show()["proposals"][0]["status"] == "accepted"
    assert_line(store.ok("case", "show", ref).stdout, "P1", "已接受", "22:00后停止户外营业")
    assert_line(store.ok("case", "show", ref, lang="en").stdout, "P1", "accepted")


def test_accept_refusals(store: Store, ref: str) -> None:
    store.ok("case", "propose", ref, "--by", "r1", "22:30后停止户外营业")
    store.refused(["case", "accept", ref, "P1", "--party", "r1"], 1,
                  "老王饭店 made proposal P1; their acceptance is implied",
                  "方案 P1 由老王饭店提出，视为其本人已接受")
    store.refused(["case", "accept", ref, "P1", "--party", "mediator"], 1,
                  "only a party to the case can accept or reject proposals",
                  "只有案件当事人才能接受或拒绝方案")
    store.refused(["case", "accept", ref, "P7", "--party", "c1"], 2,
                  f"case {REF} has no proposal P7", f"案件 {REF} 没有方案 P7")


def test_reject_a_proposal(store: Store, ref: str) -> None:
    store.ok("case", "propose", ref, "--by", "mediator", "22:00后停止户外营业")
    out = store.ok("case", "reject", ref, "P1", "--party", "r1", "--reason", "晚市收入占七成").stdout
    assert out == f"{REF} v3 已记录：拒绝方案\n"
    assert store.show()["proposals"][0]["status"] == "rejected"
    event = store.history()[-1]
    assert event["type"] == "ProposalRejected"
    assert event["data"] == {"proposal_id": "P1", "party": "r1", "reason": "晚市收入占七成"}
    history = store.ok("case", "history", ref).stdout.splitlines()
    assert any("P1" in line and "晚市收入占七成" in line for line in history), history


def test_reject_refusals(store: Store, ref: str) -> None:
    store.ok("case", "propose", ref, "--by", "mediator", "22:00后停止户外营业")
    store.refused(["case", "reject", ref, "P1", "--party", "r1"], 2, "--reason", "--reason")
    store.ok("case", "reject", ref, "P1", "--party", "r1", "--reason", "晚市收入占七成")
    store.refused(["case", "reject", ref, "P1", "--party", "c1", "--reason", "x"], 1,
                  "proposal P1 is already rejected; make a counter-proposal instead",
                  "请提出反方案")


def test_settled_proposal_message_reads_correctly_in_chinese(store: Store, ref: str) -> None:
    """'方案 P1 已拒绝', not '方案 P1 已已拒绝' (the status label already starts with 已)."""
    store.ok("case", "propose", ref, "--by", "mediator", "22:00后停止户外营业")
    store.ok("case", "reject", ref, "P1", "--party", "r1", "--reason", "晚市收入占七成")
    result = store.run("case", "accept", ref, "P1", "--party", "c1")
    assert_refused(result, 1, "方案 P1 已")
    assert "已已" not in result.stderr, result.stderr


# -- refer, respond, escalate, inspect --------------------------------------------------


def test_refer_to_departments(store: Store, ref: str) -> None:
    out = store.ok("case", "refer", ref, "--ask", "市场监管局=营业执照是否合规？",
                   "--ask", "environment=油烟是否超标？").stdout
    assert out.startswith(f"{REF} v2 已记录：转办部门")
    referrals = store.show()["referrals"]
    assert [(r["department"], r["question"], r["response"]) for r in referrals] == [
        ("market_regulation", "营业执照是否合规？", None),
        ("ecology_environment", "油烟是否超标？", None)]
    document = store.json("case", "refer", ref, "--ask", "派出所＝夜间噪音是否违法？")
    assert document["id"] == "police_station" and document["events"] == ["Referred"]
    text = store.ok("case", "show", ref, lang="en").stdout
    assert_line(text, "District Market Regulation Bureau", "营业执照是否合规？")
    assert_line(text, "Police Station", "夜间噪音是否违法？")


def test_refer_refusals(store: Store, ref: str) -> None:
    store.ok("case", "refer", ref, "--ask", "市场监管局=营业执照是否合规？")
    store.refused(["case", "refer", ref, "--ask", "税务局=是否欠税？"], 2,
                  "unknown department '税务局'; known departments: market_regulation",
                  "未知部门“税务局”，已登记的部门")
    store.refused(["case", "refer", ref, "--ask", "市场监管局=再问一次"], 1,
                  f"already has an unanswered referral on case {REF}",
                  f"区市场监管局在案件 {REF} 上已有未答复的转办")
    store.refused(["case", "refer", ref, "--ask", "派出所"], 2,
                  "DEPT=QUESTION", "部门=问题")


def test_respond_for_a_department(store: Store, ref: str) -> None:
    store.ok("case", "refer", ref, "--ask", "生态环境局=油烟是否超标？")
    out = store.ok("case", "respond", ref, "环保局", "油烟浓度超标，责令30日内安装净化设施",
                   lang="en").stdout
    assert out == f"{REF} v3 recorded: department responded\n"
    referral = store.show()["referrals"][0]
    assert referral["department"] == "ecology_environment"
    assert referral["response"] == "油烟浓度超标，责令30日内安装净化设施"
    assert_line(store.ok("case", "show", ref).stdout, "区生态环境局", "油烟是否超标？", "答复",
                "油烟浓度超标")


def test_respond_refusals(store: Store, ref: str) -> None:
    store.ok("case", "refer", ref, "--ask", "生态环境局=油烟是否超标？")
    store.refused(["case", "respond", ref, "税务局", "x"], 2,
                  "unknown department '税务局'", "未知部门“税务局”")
    store.refused(["case", "respond", ref, "城管", "x"], 1,
                  f"case {REF} has no unanswered referral to Urban Management",
                  f"案件 {REF} 没有待城管执法队答复的转办")


def test_escalate(store: Store, ref: str) -> None:
    out = store.ok("case", "escalate", ref, "--to", "社区", "--reason", "涉及多个部门").stdout
    assert out == f"{REF} v2 已记录：升级处理\n"
    assert store.show()["level"] == "community"
    document = store.json("case", "escalate", ref, "--to", "sub-district", "--reason", "社区协调未果")
    assert document["events"] == ["Escalated"]
    assert store.show()["level"] == "subdistrict"
    assert_line(store.ok("case", "show", ref).stdout, REF, "调解中", "街道")


def test_escalate_refusals(store: Store, ref: str) -> None:
    store.ok("case", "escalate", ref, "--to", "社区", "--reason", "涉及多个部门")
    store.refused(["case", "escalate", ref, "--to", "网格", "--reason", "x"], 1,
                  "escalate only upwards", "只能向上升级")
    store.refused(["case", "escalate", ref, "--to", "国务院", "--reason", "x"], 2,
                  "unknown level '国务院'", "未知的层级“国务院”")


def test_inspect_records_a_spot_check(store: Store, ref: str) -> None:
    document = store.json("case", "inspect", ref, "--from", at(7, "20:00"), "--to", at(7, "22:00"),
                          "--inspector", "派出所", "--inspector", "网格员小周",
                          "--findings", "21:40 噪音 62 分贝", "--failed", "--rectified")
    assert document["id"] == "S1" and document["events"] == ["SpotChecked"]
    check = store.show()["spot_checks"][0]
    assert check["id"] == "S1"
    assert check["inspectors"] == ["派出所", "网格员小周"]
    assert check["findings"] == "21:40 噪音 62 分贝"
    assert check["passed"] is False and check["rectified_on_spot"] is True
    assert datetime.fromisoformat(check["started_at"]) == datetime.fromisoformat(
        f"{at(7, '20:00')}:00+08:00")
    # Without --at the check happened when it ended.
    event = store.history()[-1]
    assert datetime.fromisoformat(event["occurred_at"]) == datetime.fromisoformat(
        f"{at(7, '22:00')}:00+08:00")
    assert_line(store.ok("case", "show", ref).stdout, "S1", "网格员小周", "62 分贝", "不合格", "当场整改")
    out = store.ok("case", "inspect", ref, "--from", at(9, "20:00"), "--to", at(9, "21:00"),
                   "--inspector", "城管", "--findings", "安静", "--passed", lang="en").stdout
    assert out == f"{REF} v3 recorded: spot check recorded S2\n"


def test_inspect_refusals(store: Store, ref: str) -> None:
    base = ["case", "inspect", ref, "--inspector", "派出所", "--findings", "x"]
    store.refused([*base, "--from", at(7, "22:00"), "--to", at(7, "20:00"), "--failed"], 2,
                  "the check must end after it starts", "检查结束时间必须晚于开始时间")
    store.refused([*base, "--from", at(7, "20:00"), "--to", at(7, "22:00"), "--passed",
                   "--rectified"], 1,
                  "a check that passed has nothing to rectify", "检查合格时不存在当场整改")
    store.refused([*base, "--from", "昨晚八点", "--to", at(7, "22:00"), "--failed"], 2,
                  "'昨晚八点' is not a time", "昨晚八点")


# -- commitments -------------------------------------------------------------------------


def test_commit_with_relative_and_absolute_due_dates(store: Store, ref: str) -> None:
    out = store.ok("case", "commit", ref, "--party", "r1", "--duty", "安装油烟净化器",
                   "--due", "+30", "--at", at(3)).stdout
    assert out == f"{REF} v2 已记录：作出承诺 K1\n"
    document = store.json("case", "commit", ref, "--party", "老王饭店",
                          "--duty", "22:00后不在户外营业", "--due", day(60).isoformat(), "--at", at(3))
    assert document["id"] == "K2" and document["events"] == ["CommitmentMade"]
    store.ok("case", "refer", ref, "--ask", "生态环境局=油烟是否超标？", "--at", at(3))
    store.ok("case", "commit", ref, "--party", "生态环境局", "--duty", "复查油烟", "--due", "10天",
             "--at", at(4))
    commitments = store.show()["commitments"]
    assert [(c["id"], c["party"], c["party_name"], c["duty"], c["due"], c["status"])
            for c in commitments] == [
        ("K1", "r1", "老王饭店", "安装油烟净化器", day(33).isoformat(), "open"),
        ("K2", "r1", "老王饭店", "22:00后不在户外营业", day(60).isoformat(), "open"),
        ("K3", "ecology_environment", "区生态环境局", "复查油烟", day(14).isoformat(), "open"),
    ]
    # K3 (due day 14) is overdue by now: the case is 40 days old.
    assert [c["overdue"] for c in commitments] == [True, False, True]
    text = store.ok("case", "show", ref, lang="en").stdout
    assert_line(text, "K2", "老王饭店", "22:00后不在户外营业", f"due {day(60).isoformat()}", "open")
    assert_line(text, "K3", "District Ecology and Environment Bureau", "OVERDUE")


def test_relative_due_counts_from_the_local_day_of_the_step(store: Store, ref: str) -> None:
    """07:30 in Shanghai is 23:30 UTC the day before; '+0' means the Shanghai day."""
    local = datetime.combine(day(5), datetime.min.time(), SHANGHAI).replace(hour=7, minute=30)
    utc_spelling = local.astimezone(UTC).isoformat()
    store.ok("case", "commit", ref, "--party", "r1", "--duty", "当天整改", "--due", "+0",
             "--at", utc_spelling)
    assert store.show()["commitments"][0]["due"] == day(5).isoformat()


def test_commit_refusals(store: Store, ref: str) -> None:
    store.refused(["case", "commit", ref, "--party", "r1", "--duty", "x", "--due", "下个月"], 2,
                  "'下个月' is not a date; use e.g. 2026-11-08 or +30", "2026-11-08")
    store.refused(["case", "commit", ref, "--party", "r1", "--duty", "x",
                   "--due", day(1).isoformat(), "--at", at(3)], 1,
                  f"due date {day(1).isoformat()} cannot precede its making",
                  f"承诺期限 {day(1).isoformat()} 不能早于作出承诺的日期")
    store.refused(["case", "commit", ref, "--party", "城管", "--duty", "x", "--due", "+7"], 1,
                  "Urban Management has no referral on case", "未转办城管执法队")


def test_commit_by_an_unknown_party_is_bad_input(store: Store, ref: str) -> None:
    """Like `statement --party 路人`: an unknown name is something to fix (exit 2)."""
    store.refused(["case", "commit", ref, "--party", "路人", "--duty", "x", "--due", "+7"], 2,
                  "'路人'", "“路人”")


@pytest.fixture
def committed(store: Store, ref: str) -> str:
    store.ok("case", "commit", ref, "--party", "r1", "--duty", "安装油烟净化器", "--due", "+30",
             "--at", at(3))
    store.ok("case", "commit", ref, "--party", "r1", "--duty", "22:00后不在户外营业", "--due", "+60",
             "--at", at(3))
    return ref


def test_fulfil_and_breach(store: Store, committed: str) -> None:
    out = store.ok("case", "fulfil", committed, "K1", "--note", "已安装，验收合格", "--at", at(20)).stdout
    assert out == f"{REF} v4 已记录：承诺履行\n"
    en = store.ok("case", "breach", committed, "k2", "--note", "23:10仍在户外营业", "--at", at(25),
                  lang="en").stdout
    assert en == f"{REF} v5 recorded: commitment breached\n"
    commitments = store.show()["commitments"]
    assert [(c["id"], c["status"], c["note"], c["overdue"]) for c in commitments] == [
        ("K1", "fulfilled", "已安装，验收合格", False),
        ("K2", "breached", "23:10仍在户外营业", False),
    ]
    assert datetime.fromisoformat(commitments[0]["settled_at"]) == datetime.fromisoformat(
        f"{at(20)}:00+08:00")
    text = store.ok("case", "show", committed).stdout
    assert_line(text, "K1", "安装油烟净化器", "已履行")
    assert_line(text, "K2", "22:00后不在户外营业", "已违约")


def test_fulfil_refusals(store: Store, committed: str) -> None:
    store.refused(["case", "fulfil", committed, "K9"], 2,
                  f"case {REF} has no commitment K9; commitments: K1, K2",
                  f"案件 {REF} 没有承诺 K9，现有承诺：K1、K2")
    store.refused(["case", "fulfil", committed, "K1", "--at", at(2)], 1,
                  "it cannot be settled earlier", "不能在此之前")
    store.ok("case", "fulfil", committed, "K1")
    store.refused(["case", "fulfil", committed, "K1"], 1,
                  "commitment K1 is already fulfilled", "承诺 K1 已")


def test_breach_refusals(store: Store, committed: str) -> None:
    store.ok("case", "breach", committed, "K2")
    store.refused(["case", "breach", committed, "K2"], 1,
                  "commitment K2 is already breached", "承诺 K2 已")
    store.refused(["case", "breach", committed, "K5"], 2,
                  f"case {REF} has no commitment K5", f"案件 {REF} 没有承诺 K5")


def test_settled_commitment_message_reads_correctly_in_chinese(store: Store, committed: str) -> None:
    """'承诺 K1 已履行', not '承诺 K1 已已履行'."""
    store.ok("case", "fulfil", committed, "K1")
    result = store.run("case", "fulfil", committed, "K1")
    assert_refused(result, 1, "承诺 K1 已")
    assert "已已" not in result.stderr, result.stderr


# -- outcome ------------------------------------------------------------------------------


def test_agree(store: Store, ref: str) -> None:
    out = store.ok("case", "agree", ref, "22:00后停止户外营业；30日内安装油烟净化器").stdout
    assert out == f"{REF} v2 已记录：达成协议\n"
    case = store.show()
    assert case["status"] == "agreed"
    assert case["agreement"] == "22:00后停止户外营业；30日内安装油烟净化器"
    text = store.ok("case", "show", ref, lang="en").stdout
    assert_line(text, REF, "agreed")
    assert_line(text, "Agreement", "30日内安装油烟净化器")


def test_agree_from_an_accepted_proposal(store: Store, ref: str) -> None:
    store.ok("case", "propose", ref, "--by", "mediator", "22:00后停止户外营业")
    store.refused(["case", "agree", ref, "--from", "P1"], 1,
                  "proposal P1 has not been accepted by everyone",
                  "方案 P1 尚未获全部当事人接受")
    store.refused(["case", "agree", ref], 2, "give the agreed terms, or --from",
                  "请给出协议条款，或用 --from 指定")
    store.refused(["case", "agree", ref, "别的条款", "--from", "P1"], 2,
                  "give the agreed terms, or --from", "二者选一")
    store.ok("case", "accept", ref, "P1", "--party", "老王")  # a unique part of the name
    store.ok("case", "accept", ref, "P1", "--party", "张")
    store.ok("case", "agree", ref, "--from", "p1")
    case = store.show()
    assert case["status"] == "agreed" and case["agreement"] == "22:00后停止户外营业"


def test_agree_refusals(store: Store, ref: str) -> None:
    store.ok("case", "agree", ref, "22:00后停止户外营业")
    store.refused(["case", "agree", ref, "再签一次"], 1,
                  f"case {REF} is agreed: reach agreement only while mediation is open",
                  f"案件 {REF} 当前为“已达成协议”：只有调解进行中才能达成协议")


def test_fail(store: Store, ref: str) -> None:
    document = store.json("case", "fail", ref, "--reason", "双方分歧较大，建议诉讼")
    assert document == {"ref": REF, "version": 2, "status": "failed",
                        "events": ["MediationFailed"]}
    case = store.show()
    assert case["status"] == "failed" and case["failure_reason"] == "双方分歧较大，建议诉讼"
    assert_line(store.ok("case", "show", ref).stdout, "调解不成原因", "双方分歧较大，建议诉讼")


def test_fail_refusals(store: Store, ref: str) -> None:
    store.refused(["case", "fail", ref], 2, "--reason", "--reason")
    store.ok("case", "fail", ref, "--reason", "分歧较大")
    store.refused(["case", "fail", ref, "--reason", "again"], 1,
                  "end mediation as failed only while mediation is open", "只有调解进行中才能终止调解")


def test_close_and_reopen(store: Store, ref: str) -> None:
    store.ok("case", "agree", ref, "22:00后停止户外营业", "--at", at(10))
    out = store.ok("case", "close", ref, "--outcome", "调解成功", "--satisfaction", "满意",
                   "--follow-up", "回访无噪音", "--at", at(12)).stdout
    assert out == f"{REF} v3 已记录：结案\n"
    case = store.show()
    assert (case["status"], case["outcome"], case["satisfaction"], case["follow_up"]) == (
        "closed", "resolved", "satisfied", "回访无噪音")
    assert datetime.fromisoformat(case["closed_at"]) == datetime.fromisoformat(f"{at(12)}:00+08:00")
    assert_line(store.ok("case", "show", ref, lang="en").stdout, "Closed", "resolved", "satisfied",
                "回访无噪音")

    en = store.ok("case", "reopen", ref, "--reason", "居民再次反映23点后噪音", lang="en").stdout
    assert en == f"{REF} v4 recorded: reopened\n"
    case = store.show()
    assert case["status"] == "open" and case["reopened_count"] == 1
    assert case["outcome"] is None and case["agreement"] is None
    # Once reopened, the case takes proposals again.
    store.ok("case", "propose", ref, "--by", "mediator", "21:30后停止户外营业")


def test_close_refusals(store: Store, committed: str) -> None:
    store.refused(["case", "close", committed, "--outcome", "调解成功", "--satisfaction", "满意"], 1,
                  f"case {REF} is open; closing it as 'resolved' needs an agreement first",
                  "以“调解成功”结案需要先达成协议")
    store.refused(["case", "close", committed, "--outcome", "很好", "--satisfaction", "满意"], 2,
                  "unknown outcome '很好'", "未知的结案结果“很好”")
    store.refused(["case", "close", committed, "--outcome", "撤回", "--satisfaction", "还行"], 2,
                  "unknown satisfaction '还行'", "未知的回访满意度“还行”")
    store.refused(["case", "close", committed, "--outcome", "撤回", "--satisfaction", "满意"], 1,
                  f"case {REF} still has open commitments (K1, K2)", "仍有未了结的承诺（K1、K2）")
    store.ok("case", "fulfil", committed, "K1")
    store.ok("case", "fulfil", committed, "K2")
    store.ok("case", "close", committed, "--outcome", "撤回", "--satisfaction", "满意")
    store.refused(["case", "close", committed, "--outcome", "撤回", "--satisfaction", "满意"], 1,
                  f"case {REF} is closed; reopen it first", f"案件 {REF} 已结案")


def test_reopen_refusals(store: Store, ref: str) -> None:
    store.refused(["case", "reopen", ref, "--reason", "再次反映"], 1,
                  f"case {REF} is not closed, so it cannot be reopened", f"案件 {REF} 未结案，无需重新启动")


def test_closed_case_refuses_every_negotiating_step(store: Store, closed: str) -> None:
    base = ["case"]
    for args in (
        ["join", closed, "李先生"],
        ["assign", closed, "李明"],
        ["statement", closed, "--party", "c1", "x"],
        ["refer", closed, "--ask", "派出所=x"],
        ["escalate", closed, "--to", "社区", "--reason", "x"],
        ["commit", closed, "--party", "r1", "--duty", "x", "--due", "+3"],
        ["agree", closed, "x"],
        ["fail", closed, "--reason", "x"],
    ):
        store.refused([*base, *args], 1, "is closed; reopen it first", "已结案，请先重新启动")


# -- notes ---------------------------------------------------------------------------------


def test_note_at_any_stage(store: Store, closed: str) -> None:
    out = store.ok("case", "note", closed, "结案后回访，居民表示满意").stdout
    assert out == f"{REF} v4 已记录：备注\n"
    document = store.json("case", "note", closed, "已归档", lang="en")
    assert document["events"] == ["NoteAdded"] and document["status"] == "closed"
    assert store.show()["notes"] == ["结案后回访，居民表示满意", "已归档"]
    text = store.ok("case", "show", closed).stdout
    assert_line(text, "备注")
    assert_line(text, "结案后回访，居民表示满意")


def test_note_refusals(store: Store, ref: str) -> None:
    store.refused(["case", "note", ref, "   "], 2, "note must not be empty", "不能为空")
    store.refused(["case", "note", ref, "x", "--at", at(-2)], 1,
                  f"is before case {REF} was opened", f"早于案件 {REF} 的受理时间")
    store.refused(["case", "note", ref, "x" * 4001], 2,
                  "longer than 4000 characters", "超过4000个字符")
    store.refused(["case", "note", "C2026-0", "x"], 2, "is not a case reference", "不是有效的案件编号",
                  ref=REF)


# -- show, history, list ------------------------------------------------------------------


def test_show_in_both_languages_and_at_an_old_version(store: Store, ref: str) -> None:
    store.ok("case", "assign", ref, "李明", "--at", at(1))
    store.ok("case", "refer", ref, "--ask", "生态环境局=油烟是否超标？", "--at", at(1))
    store.ok("case", "commit", ref, "--party", "r1", "--duty", "安装油烟净化器",
             "--due", day(100).isoformat(), "--at", at(2))

    zh = store.ok("case", "show", ref).stdout
    for parts in (("案件", REF, "调解中", "网格", "v4"), ("受理", OPENED_AT, ACTOR),
                  ("渠道", "12345热线"), ("双塔社区", "3号网格", "5栋"), ("类别", "噪音", "油烟"),
                  ("扰民时段", "22:00", "02:00"), ("事由", "一楼饭店22点后噪音扰民、油烟直排"),
                  ("投诉人", "c1 张女士"), ("被投诉人", "r1 老王饭店", "经营者", "王建国"),
                  ("调解员", "李明"), ("区生态环境局", "油烟是否超标？"),
                  ("K1", "老王饭店", "安装油烟净化器", "期限", day(100).isoformat(), "履行中")):
        assert_line(zh, *parts)
    en = store.ok("case", "show", SHORT_REF, lang="en").stdout
    for parts in (("Case", REF, "open", "grid", "v4"), ("Channel", "12345 hotline"),
                  ("Categories", "noise, cooking fumes"),
                  ("Respondents", "r1 老王饭店", "operator", "王建国"), ("Mediator", "李明"),
                  ("District Ecology and Environment Bureau", "油烟是否超标？"),
                  ("K1", "安装油烟净化器", "due", day(100).isoformat(), "open")):
        assert_line(en, *parts)

    case = store.show()
    assert case["version"] == 4
    assert case["mediator"] == "李明"
    assert case["referrals"][0]["department"] == "ecology_environment"
    assert case["commitments"] == [{
        "id": "K1", "party": "r1", "party_name": "老王饭店", "duty": "安装油烟净化器",
        "due": day(100).isoformat(), "made_at": case["commitments"][0]["made_at"],
        "status": "open", "settled_at": None, "note": None, "overdue": False,
        "settlement_id": None, "corrections": [], "settlement_corrections": []}]

    old = store.json("case", "show", ref, "--version", "2")
    assert old["version"] == 2 and old["mediator"] == "李明"
    assert old["referrals"] == [] and old["commitments"] == []
    first = store.json("case", "show", ref, "--version", "1")
    assert first["version"] == 1 and first["mediator"] is None


def test_show_refusals(store: Store, ref: str) -> None:
    missing = f"C{BASE.year}-000002"
    store.refused(["case", "show", missing], 1, f"no case {missing} in this store",
                  f"本库中没有案件 {missing}（用 gongzhi case list 查看案件）")
    store.refused(["case", "show", "42"], 2, "'42' is not a case reference",
                  "“42”不是有效的案件编号")
    store.refused(["case", "show", ref, "--version", "0"], 2, "--version", "--version")


def test_history_lists_every_event(store: Store, ref: str) -> None:
    store.ok("case", "assign", ref, "李明", "--at", at(1, "09:15"), actor="王主任")
    store.ok("case", "note", ref, "已电话联系投诉人", "--at", at(1, "10:00"))
    store.ok("case", "propose", ref, "--by", "mediator", "22:00后停止户外营业", "--at", at(2))

    events = store.history()
    assert [e["version"] for e in events] == [1, 2, 3, 4]
    assert [e["type"] for e in events] == ["Opened", "MediatorAssigned", "NoteAdded", "ProposalMade"]
    assert [e["actor"] for e in events] == [ACTOR, "王主任", ACTOR, ACTOR]
    assert [datetime.fromisoformat(e["occurred_at"]) for e in events] == [
        datetime.fromisoformat(f"{t}:00+08:00")
        for t in (OPENED_AT, at(1, "09:15"), at(1, "10:00"), at(2))]
    for event in events:
        assert set(event) >= {"version", "type", "actor", "recorded_at", "occurred_at", "data"}
        assert event["aggregate"] == REF
        recorded = datetime.fromisoformat(event["recorded_at"])
        assert recorded.tzinfo is not None
        assert recorded >= datetime.fromisoformat(event["occurred_at"])
    assert events[0]["data"]["summary"] == "一楼饭店22点后噪音扰民、油烟直排"
    assert events[0]["data"]["categories"] == ["noise", "cooking_fumes"]
    assert events[1]["data"] == {"mediator": "李明"}
    assert events[2]["data"] == {"text": "已电话联系投诉人"}
    assert events[3]["data"] == {"proposal_id": "P1", "by": "mediator",
                                 "terms": "22:00后停止户外营业"}

    zh = store.ok("case", "history", ref).stdout
    assert_line(zh, "v1", OPENED_AT, "受理立案", ACTOR, "记录于")
    assert_line(zh, "12345热线", "噪音、油烟", "张女士", "老王饭店", "一楼饭店22点后噪音扰民、油烟直排")
    assert_line(zh, "v2", at(1, "09:15"), "指派调解员", "王主任")
    assert_line(zh, "李明")
    en = store.ok("case", "history", ref, lang="en").stdout
    assert_line(en, "v3", at(1, "10:00"), "note added", ACTOR, "recorded")
    assert_line(en, "已电话联系投诉人")
    assert_line(en, "v4", at(2), "proposal made")
    assert_line(en, "P1", "22:00后停止户外营业")


def test_history_refusals(store: Store, ref: str) -> None:
    missing = f"C{BASE.year}-000007"
    store.refused(["case", "history", missing], 1, f"no case {missing}", f"本库中没有案件 {missing}")
    store.refused(["case", "history", "case-one"], 2, "is not a case reference", "不是有效的案件编号")


def test_list_filters_cases(store: Store, ref: str) -> None:
    other = [*OPEN]
    other[other.index("--grid") + 1] = "7号网格"
    other[other.index("油烟")] = "停车"
    second = store.json(*other)["ref"]
    store.ok("case", "assign", ref, "李明")
    store.ok("case", "agree", second, "车位划线")

    rows = store.json("case", "list")
    assert sorted(r["ref"] for r in rows) == [REF, second]
    open_rows = store.json("case", "list", "--status", "调解中")
    assert [r["ref"] for r in open_rows] == [REF]
    assert open_rows[0]["mediator"] == "李明" and open_rows[0]["grid"] == "3号网格"
    assert [r["ref"] for r in store.json("case", "list", "--category", "parking")] == [second]
    assert [r["ref"] for r in store.json("case", "list", "--mediator", "李明")] == [REF]
    assert store.json("case", "list", "--grid", "9号网格") == []

    zh = store.ok("case", "list", "--grid", "3号网格").stdout
    assert "编号" in zh and REF in zh and second not in zh and "共 1 件" in zh
    en = store.ok("case", "list", lang="en").stdout
    assert "Ref" in en and "2 case(s)" in en and "noise, parking" in en


def test_list_refusals(store: Store, ref: str) -> None:
    store.refused(["case", "list", "--status", "bogus"], 2,
                  "unknown status 'bogus'", "未知的状态“bogus”")
    store.refused(["case", "list", "--level", "省"], 2, "unknown level '省'", "未知的层级“省”")
    store.refused(["case", "list", "--on", "明天"], 2, "--on", "--on")


# -- JSON ------------------------------------------------------------------------------------


def test_chinese_text_round_trips_intact_in_json(store: Store, ref: str) -> None:
    note = "已电话联系投诉人「张女士」，约定周四（10月15日）上门；😀 ‘引号’"
    store.ok("case", "note", ref, note)
    raw = store.ok("case", "show", ref, as_json=True).stdout
    assert "张女士" in raw and note in raw  # written as UTF-8, not \\u escapes
    assert "\\u" not in raw
    assert json.loads(raw)["notes"] == [note]
    raw_history = store.ok("case", "history", ref, as_json=True).stdout
    assert "\\u" not in raw_history
    assert json.loads(raw_history)[-1]["data"] == {"text": note}
    raw_list = store.ok("case", "list", as_json=True).stdout
    assert "\\u" not in raw_list and "双塔社区" in raw_list


def test_json_errors_go_to_stderr_as_json(store: Store, ref: str) -> None:
    before = store.version()
    refused = store.run("case", "join", ref, "张女士", as_json=True)
    assert_refused(refused, 1, "{")
    assert json.loads(refused.stderr) == {"error": {
        "code": "duplicate_party", "message": f"“张女士”已是案件 {REF} 的当事人"}}
    assert "\\u" not in refused.stderr

    bad = store.run("case", "statement", ref, "--party", "路人", "x", as_json=True, lang="en")
    assert_refused(bad, 2, "{")
    error = json.loads(bad.stderr)["error"]
    assert error["code"] == "unknown_party"
    assert error["message"].startswith(f"no party '路人' in case {REF}")

    missing = store.run("case", "show", f"C{BASE.year}-000009", as_json=True)
    assert_refused(missing, 1, "{")
    assert json.loads(missing.stderr)["error"]["code"] == "not_found"
    assert store.version() == before


JSON_USAGE_ERRORS = {
    # An unknown category is the domain's InvalidInput, found while parsing the option.
    "bad option value": (_replace(OPEN, "--category", "吵架"), ACTOR, "未知的类别“吵架”"),
    "no actor": (["case", "note", REF, "备注"], None, "--actor"),
}


@pytest.mark.parametrize("what", sorted(JSON_USAGE_ERRORS))
def test_json_usage_errors_are_json_too(store: Store, ref: str, what: str) -> None:
    """With --json every refusal is the JSON error on stderr, bad input (exit 2) included."""
    args, actor, phrase = JSON_USAGE_ERRORS[what]
    result = store.run(*args, actor=actor, as_json=True)
    assert_refused(result, 2, phrase)
    error = json.loads(result.stderr)["error"]
    assert error["code"] and phrase in error["message"]
    assert store.count_cases() == 1 and store.version() == 1
