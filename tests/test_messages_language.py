"""Messages in the user's language: click's own, the commands' and the database drivers'.

Chinese is the default, English with --lang en; a driver's error is turned into
what to fix and blames the setting that was used (--store or --read-store).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from adapters.app import Gongzhi
from adapters.settings import StoreConfig
from cli import cli
from tests.conftest import open_restaurant_case

NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


def run(*args: str, lang: str | None = None) -> Result:
    argv = ["--lang", lang] if lang else []
    return CliRunner().invoke(cli, [*argv, *args], obj={"clock": lambda: NOW})


@pytest.fixture
def store(tmp_path: Path) -> str:
    path = tmp_path / "gongzhi.db"
    app = Gongzhi(StoreConfig.parse(str(path)), clock=lambda: NOW)
    try:
        open_restaurant_case(app)
    finally:
        app.close()
    return str(path)


def refused(result: Result, exit_code: int, *phrases: str) -> None:
    assert result.exit_code == exit_code, result.output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr


CLICK_ERRORS = {
    "bad value": (["case", "list", "--limit", "0"],
                  ["'--limit' 的值无效", "不在范围"], ["Invalid value for '--limit'"]),
    "missing option": (["case", "close", "C2026-000001", "--outcome", "撤回"],
                       ["缺少选项", "--satisfaction"], ["Missing option", "--satisfaction"]),
    "missing argument": (["case", "show"], ["缺少参数 'REF'。"], ["Missing argument 'REF'."]),
    "no such command": (["case", "shwo"], ["没有命令 'shwo'", "是否想输入 'show'"],
                        ["No such command 'shwo'", "Did you mean 'show'"]),
    "no such option": (["case", "show", "C2026-000001", "--bogus"], ["没有选项 '--bogus'"],
                       ["No such option '--bogus'"]),
    "extra argument": (["case", "show", "C2026-000001", "extra"], ["多余的参数（extra）"],
                       ["Got unexpected extra argument (extra)"]),
    "bad choice": (["--lang", "fr", "case", "list"], ["'--lang' 的值无效", "不在可选值"],
                   ["'--lang' 的值无效"]),  # an unreadable --lang falls back to the default
    "bad duration": (["audit", "history", "C2026-000001", "--late-after", "soon"],
                     ["“soon”不是有效的时长"], ["'soon' is not a duration"]),
}


@pytest.mark.parametrize("what", sorted(CLICK_ERRORS))
def test_clicks_own_errors_are_in_the_users_language(store: str, what: str) -> None:
    args, zh, en = CLICK_ERRORS[what]
    chinese = run("--store", store, *args)
    refused(chinese, 2, "用法:", "查看帮助：", "错误：", *zh)
    assert "Usage:" not in chinese.stderr and "Error:" not in chinese.stderr
    if args[0] != "--lang":
        refused(run("--store", store, *args, lang="en"), 2, "Usage:", "Error:", *en)


def test_json_usage_errors_use_one_code_style(store: str) -> None:
    result = run("--store", store, "--json", "case", "show")
    refused(result, 2)
    assert json.loads(result.stderr) == {"error": {"code": "usage",
                                                   "message": "缺少参数 'REF'。"}}


def test_command_messages_that_were_english_only(store: str) -> None:
    until = ["--store", store, "report", "summary", "--since", "2026-10-02", "--until", "2026-10-01"]
    refused(run(*until), 2, "--until 早于 --since")
    refused(run(*until, lang="en"), 2, "--until is before --since")
    seal = ["--store", store, "audit", "verify", "--against", "xyz"]
    refused(run(*seal), 2, "应为封存时公布的哈希：16 到 64 位十六进制数字")
    refused(run(*seal, lang="en"), 2, "expected the seal's hash: 16 to 64 hex digits")


def test_a_folder_that_does_not_exist_says_what_to_fix(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-folder" / "gongzhi.db")
    args = ["--store", missing, "--actor", "李调解员", "case", "note", "C2026-000001", "x"]
    refused(run(*args), 1, f"无法打开数据库文件 {missing}", "所在文件夹不存在或没有写权限", "--store")
    english = run(*args, lang="en")
    refused(english, 1, f"cannot open the database file {missing}", "(check --store)")
    assert "sqlite3" not in english.stderr and "OperationalError" not in english.stderr


def test_a_bad_read_store_is_blamed_on_read_store(store: str, tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-folder" / "read.db")
    result = run("--store", store, "--read-store", missing, "case", "list", lang="en")
    refused(result, 1, f"cannot open the database file {missing}", "(check --read-store)")
    assert "sqlite3" not in result.stderr
    unparsable = run("--store", store, "--read-store", "mysql://x", "case", "list")
    refused(unparsable, 2, "'--read-store' 的值无效", "不支持的数据存储“mysql://x”")
    assert "'--store'" not in unparsable.stderr


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "notes.db"
    junk.write_text("这不是数据库\n" * 100, encoding="utf-8")
    refused(run("--store", str(junk), "case", "list"), 1, f"{junk} 不是数据库文件", "--store")


def test_an_unreachable_server_says_so(store: str) -> None:
    url = "postgresql://nobody@127.0.0.1:1/gongzhi"  # nothing listens on port 1
    result = run("--store", store, "--read-store", url, "case", "list", lang="en")
    refused(result, 1, "cannot reach the database server", "127.0.0.1:1", "(check --read-store)")
