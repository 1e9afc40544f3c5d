"""Times as a desk clerk types them, relative to the Runtime's clock, and times as JSON gives them.

Every command runs at a fixed "now" (obj={"clock": ...}) that is far from the
machine's own date, so a relative time that read the real clock would fail.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result

from cli import cli

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2031, 3, 15, 6, 0, tzinfo=UTC)  # 14:00 in Shanghai; not the machine's date
LOCAL_NOW = NOW.astimezone(SHANGHAI)
OPEN = ["case", "open", "--channel", "12345", "--category", "噪音", "--community", "双塔社区",
        "--grid", "3号网格", "--building", "5栋", "--complainant", "张女士",
        "--respondent", "王先生", "--summary", "夜间噪音", "--at", "-10d"]


def run(store: Path, *args: str, lang: str = "zh", env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, ["--store", str(store), "--actor", "李调解员", "--lang", lang,
                                    *args], obj={"clock": lambda: NOW}, env=env)


def run_json(store: Path, *args: str, env: dict[str, str] | None = None) -> Any:
    result = CliRunner().invoke(
        cli, ["--store", str(store), "--actor", "李调解员", "--json", *args],
        obj={"clock": lambda: NOW}, env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "gongzhi.db"
    assert run_json(path, *OPEN)["ref"] == "C2031-000001"
    return path


def local(days_back: int, clock: str) -> datetime:
    hours, minutes = (int(x) for x in clock.split(":"))
    day = LOCAL_NOW - timedelta(days=days_back)
    return day.replace(hour=hours, minute=minutes, second=0, microsecond=0)


RELATIVE = {
    "昨天 09:00": local(1, "09:00"),
    "昨天9点": local(1, "09:00"),
    "前天 14:00": local(2, "14:00"),
    "今天 8:30": local(0, "08:30"),
    "yesterday 09:00": local(1, "09:00"),
    "Today 8:30": local(0, "08:30"),
    "-2d": LOCAL_NOW - timedelta(days=2),
    "-3h": LOCAL_NOW - timedelta(hours=3),
    "-90m": LOCAL_NOW - timedelta(minutes=90),
    "-2天": LOCAL_NOW - timedelta(days=2),
}


@pytest.mark.parametrize("typed", sorted(RELATIVE))
def test_relative_times_count_from_the_runtime_clock(store: Path, typed: str) -> None:
    run_json(store, "case", "note", "C2031-1", f"备注 {typed}", "--at", typed)
    event = run_json(store, "case", "history", "C2031-1")[-1]
    assert datetime.fromisoformat(event["occurred_at"]) == RELATIVE[typed]


@pytest.mark.parametrize("typed, zh, en", [
    ("1900-01-01", "早于2000年，请检查年份", "is before 2000: check the year"),
    ("1999年12月31日 23:00", "早于2000年", "is before 2000"),
    ("2031-03-17 09:00", "晚一天以上", "is more than a day after now (2031-03-15 14:00)"),
    ("yesterday", "不是有效时间", "is not a time; use e.g. 2026-10-08 21:30"),
    ("昨天 25:00", "不是有效时间", "yesterday 09:00 or -2h (Asia/Shanghai time)"),
])
def test_implausible_times_are_refused_saying_why(store: Path, typed: str, zh: str, en: str) -> None:
    for lang, phrase in (("zh", zh), ("en", en)):
        result = run(store, "case", "note", "C2031-1", "x", "--at", typed, lang=lang)
        assert result.exit_code == 2, result.output
        assert phrase in result.stderr and "--at" in result.stderr
        assert "Traceback" not in result.output
    assert len(run_json(store, "case", "history", "C2031-1")) == 1  # nothing recorded


def test_a_wrong_year_never_opens_a_case(tmp_path: Path) -> None:
    path = tmp_path / "gongzhi.db"
    result = run(path, *OPEN[:-1], "1900-01-01")
    assert result.exit_code == 2 and "早于2000年" in result.stderr
    assert not path.exists() or run_json(path, "case", "list") == []


def test_within_a_day_ahead_is_left_to_the_rules(store: Path) -> None:
    """Later today is no typo: the case's rules refuse it (after the time of recording)."""
    result = run(store, "case", "note", "C2031-1", "x", "--at", "今天 20:00", lang="en")
    assert result.exit_code == 1 and "is after the time of recording" in result.stderr


def test_dates_before_2000_are_refused_for_days_and_due_dates(store: Path) -> None:
    listed = run(store, "case", "list", "--on", "1999-12-31", lang="en")
    assert listed.exit_code == 2 and "is before 2000" in listed.stderr
    due = run(store, "case", "commit", "C2031-1", "--party", "r1", "--duty", "x",
              "--due", "1999-01-01")
    assert due.exit_code == 2 and "早于2000年" in due.stderr


def test_due_plus_n_counts_from_the_day_the_commitment_is_made(store: Path) -> None:
    run_json(store, "case", "commit", "C2031-1", "--party", "r1", "--duty", "安装隔音垫",
             "--due", "+30", "--at", "-5d")
    run_json(store, "case", "commit", "C2031-1", "--party", "r1", "--duty", "晚十点后安静",
             "--due", "+7")
    k1, k2 = run_json(store, "case", "show", "C2031-1")["commitments"]
    assert date.fromisoformat(k1["due"]) == (LOCAL_NOW - timedelta(days=5)).date() + timedelta(30)
    assert date.fromisoformat(k2["due"]) == LOCAL_NOW.date() + timedelta(days=7)
    en = run(store, "case", "commit", "--help", lang="en").stdout
    assert "N days after the day the commitment is made" in " ".join(en.split())
    zh = run(store, "case", "commit", "--help").stdout
    assert "自作出承诺之日" in "".join(zh.split())


def test_help_states_the_time_zone() -> None:
    for lang, phrase in (("en", "GONGZHI_TZ, default Asia/Shanghai"), ("zh", "默认 Asia/Shanghai")):
        page = CliRunner().invoke(cli, ["--lang", lang, "case", "note", "--help"]).stdout
        assert phrase in " ".join(page.split()), page


@pytest.mark.parametrize("zone, offset", [("Asia/Shanghai", "+08:00"), ("Europe/Berlin", "+01:00")])
def test_json_gives_every_time_in_the_local_zone_with_its_offset(tmp_path: Path, zone: str,
                                                                 offset: str) -> None:
    path = tmp_path / "gongzhi.db"
    env = {"GONGZHI_TZ": zone}
    run_json(path, *OPEN, env=env)
    run_json(path, "case", "note", "C2031-1", "已电话联系", env=env)
    for event in run_json(path, "case", "history", "C2031-1", env=env):
        assert event["recorded_at"].endswith(offset), event
        assert event["occurred_at"].endswith(offset), event
    recorded = datetime.fromisoformat(run_json(path, "case", "history", "C2031-1",
                                               env=env)[-1]["recorded_at"])
    assert recorded == NOW  # the same moment, written in the local zone
