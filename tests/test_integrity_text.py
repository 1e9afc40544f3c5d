"""Hazards in text (issue 13, hole 6): forged lines, terminal escapes, invalid UTF-8."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import cli
from tests.test_integrity_exports import OPEN


def run(store: Path, *args: str, actor: str = "李调解员", lang: str = "en") -> Result:
    return CliRunner().invoke(cli, ["--store", str(store), "--actor", actor, "--lang", lang,
                                    *args])


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "gongzhi.db"
    assert run(path, *OPEN).exit_code == 0
    return path


@pytest.mark.parametrize("actor", ["李调解员\nv9  2026-10-09 结案", "李\x1b[31m红", "李\x9b2J",
                                   "李\u202e员", "李\x00"])
def test_an_actor_with_control_characters_is_refused(store: Path, actor: str) -> None:
    result = run(store, "case", "note", "2026-1", "已联系", actor=actor)
    assert result.exit_code == 2, result.output
    assert "control characters" in result.output
    assert "单行纯文本" in run(store, "case", "note", "2026-1", "x", actor=actor, lang="zh").output
    assert len(json.loads(run(store, "--json", "case", "history", "2026-1").stdout)) == 1


@pytest.mark.parametrize("option, value", [("--complainant", "张\n女士"),
                                           ("--community", "双塔\x1b]0;pwned\x07社区"),
                                           ("--respondent", "商户:老王饭店:王\x1b[2J建国")])
def test_names_with_control_characters_are_refused(tmp_path: Path, option: str, value: str) -> None:
    args = list(OPEN)
    args[args.index(option) + 1] = value
    result = run(tmp_path / "g.db", *args)
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "g.db").exists()


def test_a_multi_line_note_cannot_forge_a_history_line(store: Path) -> None:
    forged = "已联系\nv9   2026-10-09 10:00  closed  [王主任, recorded 2026-10-09 10:00]"
    assert run(store, "case", "note", "2026-1", forged).exit_code == 0
    lines = run(store, "case", "history", "2026-1").stdout.splitlines()
    assert not any(line.startswith("v9") for line in lines)
    assert any("已联系 ⏎ v9" in line for line in lines)
    audit = run(store, "audit", "history", "2026-1").stdout.splitlines()
    assert not any(line.startswith("v9") for line in audit)
    notes = json.loads(run(store, "--json", "case", "history", "2026-1").stdout)
    assert notes[-1]["data"]["text"] == forged  # stored as typed


def test_escape_sequences_in_text_are_shown_not_obeyed(store: Path) -> None:
    assert run(store, "case", "note", "2026-1", "看\x1b[2J这里\x9b31m").exit_code == 0
    for command in (["case", "history", "2026-1"], ["case", "show", "2026-1"],
                    ["audit", "history", "2026-1"]):
        out = run(store, *command).stdout
        assert "\x1b" not in out and "\x9b" not in out, command
    assert "看\\x1b[2J这里\\x9b31m" in run(store, "case", "history", "2026-1").stdout
    raw = run(store, "--json", "case", "history", "2026-1").stdout
    assert "\x9b" not in raw and "\x1b" not in raw
    assert json.loads(raw)[-1]["data"]["text"] == "看\x1b[2J这里\x9b31m"


def test_invalid_utf8_in_an_argument_is_bad_input(store: Path) -> None:
    bad = b"\xff\xfe".decode("utf-8", "surrogateescape")
    for args in (["case", "note", "2026-1", "备注" + bad], ["case", "note", "2026-1", "x"]):
        actor = "李" + bad if args[-1] == "x" else "李调解员"
        result = run(store, *args, actor=actor)
        assert result.exit_code == 2, result.output
        assert "UTF-8" in result.output
