"""Reads work on a store in a read-only folder, with a read-only file (issue 13, hole 7).

Root ignores file modes, so as root the commands run as user 65534 (setpriv) in a
temporary folder that user can reach; otherwise they run as the current user.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli
from tests.test_integrity_exports import OPEN

NOBODY = 65534
GONGZHI = str(Path(sys.executable).with_name("gongzhi"))


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="gongzhi-ro-", dir="/tmp"))
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir():
                path.chmod(0o755)
        shutil.rmtree(folder)


def _run_as_reader(store: Path, state: Path, *args: str) -> tuple[int, str]:
    env = {**os.environ, "XDG_STATE_HOME": str(state), "HOME": str(state)}
    argv = [GONGZHI, "--store", str(store), "--lang", "en", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot drop the right to write")
        argv = [setpriv, "--reuid", str(NOBODY), "--regid", str(NOBODY), "--clear-groups", *argv]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout + done.stderr


def test_reads_work_in_a_read_only_folder(shared_tmp: Path) -> None:
    folder = shared_tmp / "store"
    folder.mkdir()
    store = folder / "gongzhi.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", str(store), "--actor", "李", *OPEN]).exit_code == 0
    assert runner.invoke(cli, ["--store", str(store), "case", "list"]).exit_code == 0
    keys = folder / "gongzhi.keys.db"  # the subjects' keys: 0600, this reader may not open it
    for database in (store, keys):
        connection = sqlite3.connect(database)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
    state = shared_tmp / "state"
    state.mkdir(mode=0o777)
    state.chmod(0o777)
    shared_tmp.chmod(0o755)
    store.chmod(0o444)
    folder.chmod(0o555)
    for command in (["case", "show", "2026-1"], ["case", "history", "2026-1"],
                    ["audit", "verify"], ["audit", "history", "2026-1"], ["case", "list"],
                    ["export", "cases"]):
        code, output = _run_as_reader(store, state, *command)
        assert code == 0, (command, output)
        assert "readonly" not in output
    assert sorted(p.name for p in folder.iterdir()) == ["gongzhi.db", "gongzhi.keys.db"]
    assert stat.S_IMODE(store.stat().st_mode) == 0o444
