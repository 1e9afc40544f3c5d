"""Exports never overwrite what they must not, and are private (issue 13, holes 1, 5, 6).

Every output path is inside tmp_path; the "not a regular file" case uses a FIFO
or a folder made there, never a device.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import cli

ACTOR = "李调解员"
OPEN = ["case", "open", "--channel", "12345", "--category", "噪音", "--community", "双塔社区",
        "--grid", "3号网格", "--building", "5栋", "--complainant", "张女士",
        "--respondent", "商户:老王饭店:王建国", "--summary", "夜间噪音",
        "--at", "2026-10-08T21:30+08:00"]


def run(store: Path, *args: str, lang: str = "en") -> Result:
    return CliRunner().invoke(cli, ["--store", str(store), "--actor", ACTOR, "--lang", lang,
                                    *args])


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "gongzhi.db"
    result = run(path, *OPEN)
    assert result.exit_code == 0, result.output
    return path


def _fingerprint(path: Path) -> tuple[int, int, bytes]:
    info = os.stat(path)
    return info.st_ino, info.st_size, path.read_bytes()


EXPORTS = [["export", "cases"], ["audit", "export"]]


@pytest.mark.parametrize("command", EXPORTS)
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_an_export_onto_the_store_or_its_companions_is_refused(store: Path, command: list[str],
                                                               suffix: str) -> None:
    target = Path(str(store) + suffix)
    if not target.exists():
        target.write_bytes(b"")  # a companion that SQLite removed on close: still the store's
    before = {p: _fingerprint(p) for p in store.parent.iterdir()}
    result = run(store, *command, "-o", str(target))
    assert result.exit_code == 2, result.output
    assert "event store" in result.output
    assert {p: _fingerprint(p) for p in store.parent.iterdir()} == before


@pytest.mark.parametrize("command", EXPORTS)
def test_an_export_through_a_link_to_the_store_is_refused(store: Path, command: list[str]) -> None:
    link = store.parent / "report.csv"
    link.symlink_to(store)
    hard = store.parent / "hard.csv"
    os.link(store, hard)
    before = _fingerprint(store)
    for target in (link, hard):
        result = run(store, *command, "-o", str(target))
        assert result.exit_code == 2, result.output
    assert _fingerprint(store) == before
    assert link.is_symlink()
    assert "Opened" in run(store, "--json", "case", "history", "2026-1").output


@pytest.mark.parametrize("command", EXPORTS)
def test_an_export_onto_a_fifo_or_folder_is_refused_and_leaves_it(store: Path, tmp_path: Path,
                                                                  command: list[str]) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    for target, phrase in ((fifo, "not a regular file"), (folder, "")):
        result = run(store, *command, "-o", str(target))
        assert result.exit_code == 2, result.output
        assert phrase in result.output
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert folder.is_dir() and not any(folder.iterdir())


def test_a_refusal_is_worded_in_chinese_too(store: Path) -> None:
    result = run(store, "export", "cases", "-o", str(store), lang="zh")
    assert result.exit_code == 2
    assert "拒绝写入" in result.output


@pytest.mark.parametrize("command", EXPORTS)
def test_missing_folders_are_made_and_the_export_is_private(store: Path, command: list[str]) -> None:
    target = store.parent / "out" / "2026" / "file.txt"
    result = run(store, *command, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["file.txt"]  # no temporary left


def test_an_export_through_a_link_to_another_file_writes_that_file(store: Path) -> None:
    real = store.parent / "real.csv"
    real.write_text("old")
    link = store.parent / "link.csv"
    link.symlink_to(real)
    assert run(store, "export", "cases", "-o", str(link)).exit_code == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("ref,") or "ref" in real.read_text()


def test_the_store_is_created_private(store: Path) -> None:
    for path in store.parent.iterdir():
        if path.name.startswith("gongzhi.db"):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_a_store_readable_by_others_gets_a_warning(store: Path) -> None:
    os.chmod(store, 0o644)
    result = run(store, "--json", "case", "show", "2026-1")
    assert result.exit_code == 0
    assert "chmod 600" in result.stderr
    json.loads(result.stdout)  # the warning stays off standard output


def _cases_csv(store: Path, *extra: str) -> list[dict[str, str]]:
    result = run(store, "export", "cases", *extra)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_formula_cells_are_neutralised_unless_raw(tmp_path: Path) -> None:
    store = tmp_path / "gongzhi.db"
    args = list(OPEN)
    args[args.index("夜间噪音")] = "=HYPERLINK(\"http://x\",\"点我\")"
    args[args.index("张女士")] = "@SUM(1+1)"
    assert run(store, *args).exit_code == 0
    row = _cases_csv(store)[0]
    cells = list(row.values())
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells if c)
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    raw = list(_cases_csv(store, "--raw")[0].values())
    assert any(c.startswith("=HYPERLINK") for c in raw)


def test_a_refused_first_command_leaves_no_store(tmp_path: Path) -> None:
    store = tmp_path / "typo.db"
    result = run(store, "case", "note", "2026-1", "已电话联系")
    assert result.exit_code == 1, result.output
    assert list(tmp_path.iterdir()) == []
    assert "created a new store" not in result.output


def test_creating_a_store_says_so_on_stderr(tmp_path: Path) -> None:
    store = tmp_path / "new.db"
    result = run(store, "--json", *OPEN)
    assert result.exit_code == 0, result.output
    assert f"created a new store at {store}" in result.stderr
    json.loads(result.stdout)
    again = run(store, "case", "note", "2026-1", "已电话联系")
    assert "created a new store" not in again.output


def test_a_store_in_a_missing_folder_makes_no_folder(tmp_path: Path) -> None:
    result = run(tmp_path / "typo" / "gongzhi.db", *OPEN)
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    assert list(tmp_path.iterdir()) == []
