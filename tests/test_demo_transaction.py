"""The demo is one transaction (issue 13, hole 7): interrupted, it leaves nothing in the store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from adapters import demo_convention
from adapters.app import Gongzhi
from adapters.settings import StoreConfig
from cli import cli


def _events(store: Path) -> int:
    app = Gongzhi(StoreConfig.parse(str(store)), read_only=True)
    try:
        return app.recorder.max_notification_id() or 0
    finally:
        app.close()


def test_an_interrupted_demo_leaves_no_half_played_case(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "mine.db"
    assert CliRunner().invoke(cli, ["--store", str(store), "--lang", "en", "--actor", "me",
                                    "case", "list"]).exit_code == 1  # no store yet

    def interrupted(*_: Any) -> str:  # the case and the meeting are played, then Ctrl-C
        raise KeyboardInterrupt

    monkeypatch.setattr(demo_convention, "play_building_convention", interrupted)
    result = CliRunner().invoke(cli, ["--store", str(store), "--lang", "en", "demo"])
    assert result.exit_code != 0
    assert not store.exists() or _events(store) == 0  # the case was not left half-played

    monkeypatch.undo()  # the next demo into the same store then runs as on a fresh one
    again = CliRunner().invoke(cli, ["--store", str(store), "--lang", "en", "--json", "demo"])
    assert again.exit_code == 0, again.output
    played = json.loads(again.stdout)
    assert played["case"]["ref"] == "C2026-000001"
    assert _events(store) > 60
    verify = CliRunner().invoke(cli, ["--store", str(store), "--lang", "en", "audit", "verify"])
    assert verify.exit_code == 0, verify.output
