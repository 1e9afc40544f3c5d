"""Defects found by throwing bad and unusual input at the CLI, each pinned by one lean test."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cli import cli


def _run(store: Path, *args: str, lang: str = "en") -> object:
    return CliRunner().invoke(cli, ["--store", str(store), "--lang", lang, "--actor", "fuzz",
                                    *args])


def test_the_demo_stores_the_keys_of_the_names_it_records(tmp_path: Path) -> None:
    # The demo's events were copied in without their new keys: every name read as erased.
    store = tmp_path / "demo.db"
    assert _run(store, "demo").exit_code == 0
    shown = _run(store, "case", "show", "2026-1")
    assert shown.exit_code == 0, shown.output
    assert "Zhang Xiuying" in shown.output and "〔已删除〕" not in shown.output
