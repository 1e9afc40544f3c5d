"""`convention status` reads a current board without SQLAlchemy, and says the same (issue 12).

The first read after a write catches the board up through the projector; the
next reads find it current and query its tables with the plain driver. Both
paths must print the same bytes, and the fast one must not import SQLAlchemy
(which alone costs about three times the interpreter's start).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from adapters import convention_use_cases as use
from adapters.app import Gongzhi
from adapters.clock import local_tz
from adapters.convention_board import board_projection
from adapters.settings import StoreConfig
from cli import cli
from domain.convention_vocabulary import CheckResult
from projections.convention_board import ConventionBoardProjection
from tests.conftest import StepClock
from tests.convention_support import adopted_convention, at, record

READS = [["convention", "status"], ["convention", "status", "GY2026-1"],
         ["convention", "status", "--party", "老王饭店"],
         ["convention", "status", "--community", "双塔社区", "--since", "2026-10-01"],
         ["convention", "list"]]


def _store(tmp_path: Path) -> Path:
    path = tmp_path / "gongzhi.db"
    app = Gongzhi(StoreConfig.parse(str(path)), clock=StepClock())
    try:
        _, ref = adopted_convention(app)
        record(app, ref, at(10, 25, 22), use.check, clause="c1", result=CheckResult.BREACHED,
               checked_at=at(10, 25, 22), checker="周婷", evidence="23:10门前仍有桌椅")
        record(app, ref, at(10, 26), use.check, clause="c2", result=CheckResult.COMPLIED,
               checked_at=at(10, 26), checker="周婷", evidence="已检查")
    finally:
        app.close()
    path.chmod(0o600)
    return path


def _read_all(store: Path) -> list[str]:
    out = []
    for args in READS:
        for lang in ("zh", "en"):
            for as_json in ((), ("--json",)):
                result = CliRunner().invoke(
                    cli, ["--store", str(store), "--lang", lang, *as_json, *args, "--on",
                          "2026-12-01"] if args[1] == "status" else
                    ["--store", str(store), "--lang", lang, *as_json, *args])
                assert result.exit_code == 0, (args, result.output)
                out.append(result.stdout)
    return out


def test_the_fast_path_prints_what_the_catch_up_path_prints(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = _store(tmp_path)
    import adapters.readmodels

    caught_up: list[Any] = []
    real = adapters.readmodels.open_read_models

    def counting(*args: Any, **kwargs: Any) -> Any:
        caught_up.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(adapters.readmodels, "open_read_models", counting)
    first = _read_all(store)  # the first read catches the board up, the others are fast
    assert len(caught_up) == 1
    caught_up.clear()
    conn = sqlite3.connect(store)  # forget the board: it is rebuilt, then caught up each time
    with conn:
        conn.execute("DELETE FROM projection_positions WHERE name = 'convention_board'")
    conn.close()

    def always_behind(*args: Any, **kwargs: Any) -> bool:
        return False

    monkeypatch.setattr("adapters.plain_read.is_current", always_behind)
    slow = _read_all(store)
    assert len(caught_up) == len(slow)
    assert slow == first
    assert "老王饭店" in first[0] and '"clauses_in_force": 2' in first[1]


def test_a_current_board_is_read_without_sqlalchemy(tmp_path: Path) -> None:
    store = _store(tmp_path)
    assert CliRunner().invoke(cli, ["--store", str(store), "convention", "status"]).exit_code == 0
    probe = ("import sys\nfrom cli import cli\n"
             f"cli.main(args=['--store', {str(store)!r}, '--json', 'convention', 'status'], "
             "standalone_mode=False)\n"
             "print('sqlalchemy' in sys.modules, 'domain.case' in sys.modules, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).parent.parent)
    assert done.returncode == 0, done.stderr
    assert done.stderr.split() == ["False", "False"]


def test_the_board_stamp_is_the_projections() -> None:
    projection = ConventionBoardProjection(local_tz())
    stamp = board_projection()
    assert (stamp.name, stamp.version, stamp.settings()) == (
        projection.name, projection.version, projection.settings())
