"""Defects found by throwing bad and unusual input at the CLI, each pinned by one lean test."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from cli import cli


def _run(store: Path, *args: str, lang: str = "en") -> object:
    return CliRunner().invoke(cli, ["--store", str(store), "--lang", lang, "--actor", "fuzz",
                                    *args])


def _events(store: Path) -> int:
    with sqlite3.connect(store) as db:
        return int(db.execute("SELECT count(*) FROM gongzhi_events").fetchone()[0])


def test_the_demo_stores_the_keys_of_the_names_it_records(tmp_path: Path) -> None:
    # The demo's events were copied in without their new keys: every name read as erased.
    store = tmp_path / "demo.db"
    assert _run(store, "demo").exit_code == 0
    shown = _run(store, "case", "show", "2026-1")
    assert shown.exit_code == 0, shown.output
    assert "Zhang Xiuying" in shown.output and "〔已删除〕" not in shown.output


OPEN = ["case", "open", "--channel", "12345", "--category", "噪音", "--community", "双塔社区",
        "--grid", "第三网格", "--building", "5栋", "--complainant", "张女士", "--respondent", "王五",
        "--summary", "夜间噪音"]


def test_a_key_store_overwritten_with_garbage_is_named_and_nothing_is_written(
        tmp_path: Path) -> None:
    # It read as "a stored event can no longer be read": the log blamed for the key file.
    store = tmp_path / "g.db"
    assert _run(store, *OPEN).exit_code == 0
    before = _events(store)
    (tmp_path / "g.keys.db").write_bytes(b"not a database" * 500)
    for args in (["case", "show", "2026-1"], ["case", "note", "2026-1", "hello"]):
        result = _run(store, "--json", *args)
        assert result.exit_code == 1, result.output
        assert json.loads(result.stderr)["error"]["code"] == "key_store_damaged"
        assert "g.keys.db" in result.stderr
    shown = _run(store, "case", "show", "2026-1", lang="zh")
    assert "密钥库" in shown.stderr and "file is not" not in shown.stderr
    assert _events(store) == before
