"""Audits cannot change what they check: every audit command but `seal` only reads.

* SQLite: history, replay, verify and export leave the database file (and a
  live -wal) byte for byte as they were, mtime included; they work on a copy
  made read-only with chmod 0444; and the reader's connection is opened with
  mode=ro, so a write through it fails (this holds even for root, whom chmod
  does not stop);
* PostgreSQL: the reader runs in a READ ONLY transaction (a write through its
  connection raises ReadOnlySqlTransaction), each audit command's session is
  read-only, and the rows and the notification sequence are unchanged;
* `audit seal` appends exactly one event and changes no earlier row; on a
  broken log it refuses and appends nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from adapters.app import Gongzhi
from adapters.hashing import log_hash
from adapters.log_reader import PostgresLogReader, SQLiteLogReader
from adapters.settings import StoreConfig
from cli import cli
from tests.conftest import PG_URL, StepClock, open_restaurant_case

REF = "C2026-000001"
SEAL_TOPIC = "domain.seal:LogSeal.Sealed"



def store_arg(config: StoreConfig) -> str:
    if config.kind == "sqlite":
        return config.path
    return f"{PG_URL}{'&' if '?' in PG_URL else '?'}schema={config.schema}"


def gongzhi(config: StoreConfig, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--store", store_arg(config), "--lang", "en",
                                      "--actor", "审计员", *args])
    crashed = result.exception if not isinstance(result.exception, SystemExit) else None
    assert crashed is None, f"gongzhi {' '.join(args)} crashed: {crashed!r}"
    return result


def record_case(app: Gongzhi) -> None:
    case = open_restaurant_case(app)
    app.change(case.id, lambda c: c.assign("王调解员", app.stamp("李调解员")))
    app.change(case.id, lambda c: c.add_note("已电话联系双方", app.stamp("李调解员")))
    app.change(case.id, lambda c: c.agree("22点后停止室外营业", app.stamp("李调解员")))


def build(config: StoreConfig) -> None:
    """One case with four events, sealed, and one more event after the seal."""
    app = Gongzhi(config, clock=StepClock())
    try:
        record_case(app)
    finally:
        app.close()
    assert gongzhi(config, "audit", "seal").exit_code == 0
    app = Gongzhi(config, clock=StepClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC)))
    try:
        app.change(REF, lambda c: c.add_note("回访：夜间已安静", app.stamp("李调解员")))
    finally:
        app.close()


def read_commands(tmp_path: Path) -> list[list[str]]:
    return [
        ["audit", "history", REF],
        ["--json", "audit", "history", "SEAL-000001"],
        ["audit", "replay", REF],
        ["--json", "audit", "replay", REF, "--version", "2"],
        ["audit", "replay", REF, "--as-of", "2026-11-01T09:03:00+00:00"],
        ["audit", "replay", REF, "--step"],
        ["audit", "verify"],
        ["--json", "audit", "verify", "--against", "0" * 16],  # fails, must not write either
        ["audit", "export", "-o", str(tmp_path / "archive.jsonl")],
        ["audit", "export", "--since", "2"],
    ]


def run_read_commands(config: StoreConfig, tmp_path: Path) -> None:
    for args in read_commands(tmp_path):
        result = gongzhi(config, *args)
        expected = 1 if "--against" in args else 0
        assert result.exit_code == expected, (args, result.output)
    assert "回访：夜间已安静" in (tmp_path / "archive.jsonl").read_text(encoding="utf-8")


# -- SQLite --------------------------------------------------------------------------------------


def fingerprint(path: Path) -> tuple[int, str] | None:
    """(mtime in ns, SHA-256 of the bytes), or None if there is no such file."""
    if not path.exists():
        return None
    return path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()


def wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def test_sqlite_audit_reads_leave_a_closed_store_untouched(
        sqlite_config: StoreConfig, tmp_path: Path) -> None:
    build(sqlite_config)
    db = Path(sqlite_config.path)
    before, wal_before = fingerprint(db), fingerprint(wal(db))
    assert before is not None

    run_read_commands(sqlite_config, tmp_path)

    assert fingerprint(db) == before
    if wal_before is not None:
        assert fingerprint(wal(db)) == wal_before
    else:  # SQLite may leave an empty -wal beside a WAL-mode file it opened: no frame written
        assert not wal(db).exists() or wal(db).stat().st_size == 0


def test_sqlite_audit_reads_leave_a_live_wal_untouched(
        sqlite_config: StoreConfig, tmp_path: Path) -> None:
    """A mediator's session is open with events still in the -wal: audits read them, change nothing."""
    build(sqlite_config)
    app = Gongzhi(sqlite_config, clock=StepClock(datetime(2026, 11, 3, 9, 0, tzinfo=UTC)))
    try:
        app.change(REF, lambda c: c.add_note("仍在写前日志中的记录", app.stamp("李调解员")))
        db = Path(sqlite_config.path)
        assert wal(db).stat().st_size > 0
        before = fingerprint(db), fingerprint(wal(db))

        run_read_commands(sqlite_config, tmp_path)
        history = json.loads(gongzhi(sqlite_config, "--json", "audit", "history", REF).stdout)

        assert (fingerprint(db), fingerprint(wal(db))) == before
        assert history[-1]["data"] == {"text": "仍在写前日志中的记录"}
    finally:
        app.close()


@pytest.fixture
def read_only_copy(sqlite_config: StoreConfig, tmp_path: Path) -> Iterator[StoreConfig]:
    """The store copied into a directory of its own, the file chmod 0444."""
    build(sqlite_config)
    archive = tmp_path / "archive"
    archive.mkdir()
    copy = archive / "gongzhi-copy.db"
    shutil.copyfile(sqlite_config.path, copy)
    copy.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    yield StoreConfig.parse(str(copy))
    copy.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_sqlite_audits_work_on_a_read_only_copy(
        read_only_copy: StoreConfig, tmp_path: Path) -> None:
    copy = Path(read_only_copy.path)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o444
    before = fingerprint(copy)

    run_read_commands(read_only_copy, tmp_path)
    report = json.loads(gongzhi(read_only_copy, "--json", "audit", "verify").stdout)

    assert report["ok"] is True and report["events"] == 6
    assert fingerprint(copy) == before
    if os.geteuid() == 0:
        # chmod does not stop root: show the audit connection itself cannot write.
        reader = SQLiteLogReader(str(copy))
        try:
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                reader.connection.execute("DELETE FROM gongzhi_events")
        finally:
            reader.close()
        assert fingerprint(copy) == before


@pytest.mark.parametrize("statement", [
    "DELETE FROM gongzhi_events",
    "UPDATE gongzhi_events SET state = x'00' WHERE rowid = 1",
    "INSERT INTO gongzhi_events SELECT * FROM gongzhi_events LIMIT 0",  # even a no-op insert
    "CREATE TABLE audit_scratch (x)",
])
def test_sqlite_reader_connection_is_opened_read_only(
        sqlite_config: StoreConfig, statement: str) -> None:
    build(sqlite_config)
    db = Path(sqlite_config.path)
    before = fingerprint(db)
    reader = SQLiteLogReader(sqlite_config.path)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.connection.execute(statement)
            reader.connection.commit()
        assert len(list(reader.rows())) == 6
    finally:
        reader.close()
    assert fingerprint(db) == before


# -- PostgreSQL ----------------------------------------------------------------------------------


def pg_connect(config: StoreConfig) -> Any:
    import psycopg

    return psycopg.connect(host=config.host, port=config.port, user=config.user,
                           dbname=config.dbname, password=config.password or None,
                           autocommit=True,  # tampering as a superuser: triggers switched off
                           options="-c session_replication_role=replica")


def pg_snapshot(config: StoreConfig) -> tuple[list[tuple[Any, ...]], Any, list[str]]:
    """Every row with its position, the notification sequence, and the schema's tables."""
    with pg_connect(config) as conn:
        rows = conn.execute(
            f'SELECT * FROM "{config.schema}".gongzhi_events ORDER BY notification_id').fetchall()
        sequence = conn.execute(
            "SELECT last_value FROM pg_sequences WHERE schemaname = %s",
            (config.schema,)).fetchall()
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s ORDER BY tablename",
            (config.schema,)).fetchall()]
    return [tuple(bytes(v) if isinstance(v, memoryview) else v for v in r) for r in rows], \
        sequence, tables


@pytest.mark.parametrize("statement", [
    "DELETE FROM {t}",
    "UPDATE {t} SET state = '\\x00'::bytea WHERE notification_id = 1",
    "INSERT INTO {t} SELECT * FROM {t} LIMIT 0",
    "CREATE TABLE {s}.audit_scratch (x int)",
])
def test_postgres_reader_transaction_is_read_only(pg_config: StoreConfig, statement: str) -> None:
    import psycopg

    build(pg_config)
    before = pg_snapshot(pg_config)
    reader = PostgresLogReader(pg_config)
    try:
        assert len(list(reader.rows())) == 6
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            reader.connection.execute(statement.format(
                t=f'"{pg_config.schema}".gongzhi_events', s=f'"{pg_config.schema}"'))
        reader.connection.rollback()
    finally:
        reader.close()
    assert pg_snapshot(pg_config) == before


def test_postgres_audit_commands_read_in_read_only_sessions(
        pg_config: StoreConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(pg_config)
    before = pg_snapshot(pg_config)
    sessions: list[str] = []
    close = PostgresLogReader.close

    def close_and_note(reader: PostgresLogReader) -> None:
        row = reader.connection.execute("SHOW transaction_read_only").fetchone()
        sessions.append(row[0] if row else "?")
        close(reader)

    monkeypatch.setattr(PostgresLogReader, "close", close_and_note)

    run_read_commands(pg_config, tmp_path)

    assert sessions == ["on"] * len(read_commands(tmp_path))
    assert pg_snapshot(pg_config) == before


# -- audit seal: appends one event, changes nothing before it ------------------------------------


def rows_of(config: StoreConfig) -> list[tuple[Any, ...]]:
    """(position, aggregate, version, topic, state, event_hash, log_hash) in log order."""
    if config.kind == "sqlite":
        with sqlite3.connect(config.path) as db:
            found = db.execute("SELECT rowid, * FROM gongzhi_events ORDER BY rowid").fetchall()
        return [tuple(bytes(v) if isinstance(v, memoryview) else v for v in r) for r in found]
    rows, _, _ = pg_snapshot(config)
    # PostgreSQL's column order puts notification_id last.
    return [(r[6], *r[:6]) for r in rows]


def test_seal_appends_exactly_one_event_and_changes_no_earlier_row(
        store_config: StoreConfig) -> None:
    app = Gongzhi(store_config, clock=StepClock())
    try:
        record_case(app)
    finally:
        app.close()
    before = rows_of(store_config)

    first = gongzhi(store_config, "--json", "audit", "seal")
    assert first.exit_code == 0, first.output
    after = rows_of(store_config)
    assert after[:-1] == before
    position, aggregate, version, topic, state, digest, tail = after[-1]
    assert (aggregate, version, topic) == ("SEAL-000001", 1, SEAL_TOPIC)
    assert position > before[-1][0]
    sealed = json.loads(state)
    assert (sealed["head"], sealed["events"], sealed["log_hash"]) == (
        before[-1][0], len(before), before[-1][6].hex())
    assert json.loads(first.stdout)["log_hash"] == before[-1][6].hex()
    assert tail == log_hash(before[-1][6], digest)  # the seal joins the log chain

    second = gongzhi(store_config, "--json", "audit", "seal")
    assert second.exit_code == 0, second.output
    again = rows_of(store_config)
    assert again[:-1] == after
    assert again[-1][1:3] == ("SEAL-000002", 1)
    assert json.loads(again[-1][4])["head"] == position
    assert gongzhi(store_config, "audit", "verify").exit_code == 0


def test_seal_refuses_a_broken_log_and_appends_nothing(store_config: StoreConfig) -> None:
    app = Gongzhi(store_config, clock=StepClock())
    try:
        record_case(app)
    finally:
        app.close()
    position = rows_of(store_config)[1][0]
    if store_config.kind == "sqlite":
        with sqlite3.connect(store_config.path) as db:
            db.execute("UPDATE gongzhi_events SET state = ? WHERE rowid = ?",
                       ('{"mediator": "赵调解员"}'.encode(), position))
    else:
        with pg_connect(store_config) as conn:
            conn.execute(f'UPDATE "{store_config.schema}".gongzhi_events SET state = %s '
                         "WHERE notification_id = %s", (b'{"mediator": "x"}', position))
    before = rows_of(store_config)

    result = gongzhi(store_config, "audit", "seal")

    assert result.exit_code == 1
    assert "already broken" in result.stderr
    assert rows_of(store_config) == before
