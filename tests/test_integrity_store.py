"""The store's edges (issue 13, hole 7) and the append-only PostgreSQL table (hole 4).

SQLite stores live in tmp_path; PostgreSQL tests use a schema of their own (dropped
afterwards) and skip with the reason when no server answers.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from adapters.app import Gongzhi
from adapters.settings import StoreConfig
from cli import cli
from tests.conftest import PG_SKIP_REASON, PG_URL, StepClock, drop_schema, open_restaurant_case
from tests.test_integrity_exports import OPEN

pg_only = pytest.mark.skipif(PG_SKIP_REASON is not None, reason=PG_SKIP_REASON or "")


def run(store: str | Path, *args: str, lang: str = "en") -> Result:
    return CliRunner().invoke(cli, ["--store", str(store), "--actor", "李调解员", "--lang", lang,
                                    *args])


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "gongzhi.db"
    assert run(path, *OPEN).exit_code == 0
    assert run(path, "case", "note", "2026-1", "已电话联系").exit_code == 0
    return path


@pytest.mark.parametrize("url, phrase", [
    ("postgresql://u@127.0.0.1:abc/db", "not a number"),
    ("postgresql://u@127.0.0.1:5432/db?sslmod=require", "unknown connection parameter"),
    ("postgresql://u@127.0.0.1:5432/db?connect_timeout=soon", "whole number"),
])
def test_a_malformed_store_url_is_bad_input(url: str, phrase: str) -> None:
    result = run(url, "case", "list")
    assert result.exit_code == 2, result.output
    assert phrase in result.output


def test_libpq_parameters_are_kept() -> None:
    config = StoreConfig.parse("postgresql://u@h/db?sslmode=verify-full&application_name=gz"
                               "&schema=s&connect_timeout=2")
    assert config.schema == "s"
    assert config.libpq_kwargs() == {"sslmode": "verify-full", "application_name": "gz",
                                     "connect_timeout": "2"}


def test_a_huge_limit_is_bad_input(store: Path) -> None:
    result = run(store, "case", "list", "--limit", str(10**30))
    assert result.exit_code == 2, result.output
    assert "too large" in result.output


def _drop_field(store: Path, version: int, field: str) -> None:
    connection = sqlite3.connect(store)
    (state,) = connection.execute(
        "SELECT state FROM gongzhi_events WHERE originator_id='C2026-000001' AND "
        "originator_version=?", (version,)).fetchone()
    document = json.loads(state)
    del document[field]
    connection.execute("UPDATE gongzhi_events SET state=? WHERE originator_id='C2026-000001' "
                       "AND originator_version=?", (json.dumps(document).encode(), version))
    connection.commit()
    connection.close()


@pytest.mark.parametrize("field", ["actor", "text", "timestamp"])
@pytest.mark.parametrize("command", [["case", "show", "2026-1"], ["case", "note", "2026-1", "x"],
                                     ["case", "history", "2026-1"],
                                     ["audit", "replay", "2026-1"],
                                     ["audit", "history", "2026-1"],
                                     ["projections", "rebuild"]])
def test_a_tampered_event_says_run_audit_verify(store: Path, field: str,
                                                command: list[str]) -> None:
    _drop_field(store, 2, field)
    result = run(store, *command)
    if result.exit_code == 0:  # some views do not need the field: they must still be right
        return
    assert result.exit_code == 1, result.output
    assert "audit verify" in result.output
    assert "internal error" not in result.output


# -- PostgreSQL ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pg_only
@pytest.mark.postgres
@pytest.mark.parametrize("change, phrase", [
    ("port", "Connection refused"), ("db", 'database "gz_no_such_db" does not exist'),
    ("user", 'role "gz_no_such_role" does not exist')])
def test_a_connection_error_names_its_cause(change: str, phrase: str) -> None:
    config = StoreConfig.parse(PG_URL)
    port = _free_port() if change == "port" else config.port
    user = "gz_no_such_role" if change == "user" else config.user
    db = "gz_no_such_db" if change == "db" else config.dbname
    result = run(f"postgresql://{user}@{config.host}:{port}/{db}", "case", "list")
    assert result.exit_code == 1, result.output
    assert phrase in result.output
    assert "couldn't get a connection" not in result.output


def _server_has_ssl() -> bool:
    import psycopg

    config = StoreConfig.parse(PG_URL)
    with psycopg.connect(host=config.host, port=config.port, user=config.user,
                         dbname=config.dbname) as conn:
        row = conn.execute("SHOW ssl").fetchone()
        return bool(row and row[0] == "on")


@pg_only
@pytest.mark.postgres
def test_sslmode_in_the_url_reaches_the_driver(pg_config: StoreConfig) -> None:
    if _server_has_ssl():
        pytest.skip("the test server supports SSL, so sslmode=require cannot be seen failing")
    result = run(f"{PG_URL}?schema={pg_config.schema}&sslmode=require", *OPEN)
    assert result.exit_code == 1, result.output
    assert "SSL" in result.output


@pg_only
@pytest.mark.postgres
@pytest.mark.parametrize("round_", range(5))
def test_eight_first_uses_at_once_all_succeed(round_: int) -> None:
    schema = f"t_storm_{uuid.uuid4().hex[:10]}"
    config = StoreConfig.parse(f"{PG_URL}?schema={schema}")
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def first_use() -> None:
        try:
            start.wait()
            app = Gongzhi(config, clock=StepClock())
            try:
                open_restaurant_case(app)
            finally:
                app.close()
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=first_use) for _ in range(8)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        app = Gongzhi(config, read_only=True)
        try:
            assert app.recorder.max_id_with_prefix("C2026-") == "C2026-000008"  # type: ignore[attr-defined]
        finally:
            app.close()
    finally:
        drop_schema(schema)


def _pg(config: StoreConfig) -> Any:
    import psycopg

    return psycopg.connect(host=config.host, port=config.port, user=config.user,
                           dbname=config.dbname, autocommit=True)


@pg_only
@pytest.mark.postgres
@pytest.mark.parametrize("statement", ["UPDATE {t} SET topic = 'x'", "DELETE FROM {t}",
                                       "TRUNCATE {t}"])
def test_the_events_table_refuses_rewrites(pg_config: StoreConfig, statement: str) -> None:
    import psycopg

    app = Gongzhi(pg_config, clock=StepClock())
    open_restaurant_case(app)
    app.close()
    table = f'"{pg_config.schema}".gongzhi_events'
    with _pg(pg_config) as conn:
        with pytest.raises(psycopg.Error, match="append-only"):
            conn.execute(statement.format(t=table))
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == (1,)


@pg_only
@pytest.mark.postgres
def test_each_event_records_the_session_user_and_server_time(pg_config: StoreConfig) -> None:
    app = Gongzhi(pg_config, clock=StepClock())
    open_restaurant_case(app)
    app.close()
    with _pg(pg_config) as conn:
        user, time, current = conn.execute(
            f'SELECT db_user, db_time, now() FROM "{pg_config.schema}".gongzhi_events').fetchone()
    assert user == pg_config.user
    assert abs((current - time).total_seconds()) < 3600


@pg_only
@pytest.mark.postgres
def test_audit_history_shows_the_server_stamp_and_flags_a_clock_difference(
        pg_config: StoreConfig) -> None:
    app = Gongzhi(pg_config, clock=StepClock())  # a client clock set to 2026-11-01
    open_restaurant_case(app)
    app.close()
    store = f"{PG_URL}?schema={pg_config.schema}"
    [entry] = json.loads(run(store, "--json", "audit", "history", "2026-1").stdout)
    assert entry["db_user"] == pg_config.user
    assert entry["clock_mismatch"] is True
    text = run(store, "audit", "history", "2026-1").stdout
    assert f"database: {pg_config.user} @" in text and "[CLOCK OFF BY" in text
    assert run(store, *OPEN).exit_code == 0  # this one's clock is the machine's own
    fresh = json.loads(run(store, "--json", "audit", "history", "2026-2").stdout)
    assert fresh[0]["clock_mismatch"] is False


@pytest.mark.parametrize("args", [["audit", "export", "--since", str(10**30)],
                                  ["case", "show", "2026-1", "--version", str(10**30)]])
def test_huge_numbers_elsewhere_are_bad_input_too(store: Path, args: list[str]) -> None:
    result = run(store, *args)
    assert result.exit_code in (1, 2), result.output
    assert "internal error" not in result.output
