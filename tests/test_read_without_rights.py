"""A role that may only read runs every read command (issue 13, holes 4 and 7).

A SELECT-only auditor on PostgreSQL cannot create, catch up or rebuild the read
models. Its reads then fold the log in memory and say so on stderr; the figures
must be the ones the owner sees once the owner's reads have caught the tables up.
Both when the read-model tables do not exist yet and when they exist but are behind.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from adapters.app import Gongzhi
from adapters.settings import StoreConfig
from cli import cli
from tests.conftest import PG_URL, StepClock
from tests.convention_support import adopted_convention
from tests.test_integrity_exports import OPEN
from tests.test_integrity_readonly_files import _run_as_reader, shared_tmp  # noqa: F401
from tests.test_integrity_roles import _admin, granted, roles, run, url_as  # noqa: F401

READS = [
    ["--json", "projections", "status"],  # first: the owner's other reads catch up
    ["--json", "case", "list"],
    ["--json", "report", "summary"],
    ["export", "cases", "--format", "json"],
    ["--json", "convention", "status"],
    ["--json", "convention", "list"],
    ["--json", "meeting", "list"],
]
NOTE = "folded in memory"


def _figures(store: str) -> tuple[list[str], list[str]]:
    outputs, notes = [], []
    for command in READS:
        result = run(store, *command)
        assert result.exit_code == 0, (command, result.output)
        assert "Traceback" not in result.output
        outputs.append(_without_times(command, result.stdout))
        notes.append(result.stderr)
    return outputs, notes


def _without_times(command: list[str], stdout: str) -> str:
    if command[-1] != "status" or command[1] != "projections":
        return stdout
    return json.dumps([{k: v for k, v in r.items() if k != "note"} for r in json.loads(stdout)])


@pytest.mark.postgres
def test_a_select_only_auditor_reads_what_the_owner_reads(
        pg_config: StoreConfig, granted: tuple[str, str]) -> None:  # noqa: F811
    writer, auditor = granted
    owner = f"{PG_URL}?schema={pg_config.schema}"
    app = Gongzhi(StoreConfig.parse(url_as(pg_config, writer)), clock=StepClock())
    try:
        adopted_convention(app)
    finally:
        app.close()
    with _admin(pg_config) as conn:  # the read models' tables do not exist yet
        from adapters.pg_grants import read_model_tables

        for table in read_model_tables(conn, pg_config.schema):
            conn.execute(f'DROP TABLE "{pg_config.schema}".{table} CASCADE')
    elsewhere = url_as(pg_config, auditor).replace(pg_config.schema, pg_config.schema + "_reads")
    separate = run(url_as(pg_config, auditor), "--read-store", elsewhere, "--json", "case", "list")
    assert separate.exit_code == 0 and NOTE in separate.stderr, separate.output  # no such schema
    seen, notes = _figures(url_as(pg_config, auditor))
    assert separate.stdout == seen[1]
    assert all(NOTE in note for note in notes[1:]), notes
    assert NOTE not in notes[0]  # the status only reports, it folds nothing
    assert json.loads(seen[0])[0]["state"] == "not built"
    assert seen == _figures(owner)[0]
    cases = json.loads(seen[1])
    assert len(cases) == 2 and json.loads(seen[4])["communities"][0]["clauses_in_force"] == 2

    # The tables exist now (made by the owner) but fall behind the writer's next write.
    assert run(url_as(pg_config, writer), *OPEN).exit_code == 0
    seen, notes = _figures(url_as(pg_config, auditor))
    assert "behind" in {r["state"] for r in json.loads(seen[0])}
    assert NOTE in notes[1]
    assert seen == _figures(owner)[0]
    assert len(json.loads(seen[1])) == 3

    # Current read models are simply read; only writes are refused, clearly.
    current, notes = _figures(url_as(pg_config, auditor))
    assert current[1:] == seen[1:] and not any(NOTE in note for note in notes)
    refused = run(url_as(pg_config, auditor), "projections", "rebuild")
    assert refused.exit_code == 1 and "cannot update the read models" in refused.output


def test_read_only_files_with_read_models_behind(shared_tmp: Path) -> None:  # noqa: F811
    """SQLite: the reader may not write the file, and the read models lag the log."""
    store = shared_tmp / "gongzhi.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", str(store), "--actor", "李", *OPEN]).exit_code == 0
    assert runner.invoke(cli, ["--store", str(store), "case", "list"]).exit_code == 0
    assert runner.invoke(cli, ["--store", str(store), "--actor", "李", *OPEN]).exit_code == 0
    connection = sqlite3.connect(store)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    state = shared_tmp / "state"
    state.mkdir(mode=0o777)
    state.chmod(0o777)
    shared_tmp.chmod(0o755)
    store.chmod(0o444)
    code, output = _run_as_reader(store, state, "--json", "case", "list")
    assert code == 0, output
    assert NOTE in output and output.count('"ref"') == 2
    code, output = _run_as_reader(store, state, "--json", "convention", "status")
    assert code == 0 and NOTE in output, output
