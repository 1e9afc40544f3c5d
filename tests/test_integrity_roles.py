"""Least-privilege PostgreSQL (issue 13, hole 4): writers without UPDATE, read-only auditors.

Roles get unique names and are dropped afterwards (DROP OWNED BY, then DROP ROLE).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner, Result

from adapters.settings import StoreConfig
from cli import cli
from tests.conftest import PG_URL
from tests.test_integrity_exports import OPEN

pytestmark = pytest.mark.postgres


def _admin(config: StoreConfig) -> Any:
    import psycopg

    return psycopg.connect(host=config.host, port=config.port, user=config.user,
                           dbname=config.dbname, password=config.password or None,
                           autocommit=True)


def url_as(config: StoreConfig, role: str) -> str:
    return f"postgresql://{role}@{config.host}:{config.port}/{config.dbname}?schema={config.schema}"


def run(store: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--store", store, "--lang", "en", "--actor", "李调解员", *args])


@pytest.fixture
def roles(pg_config: StoreConfig) -> Iterator[tuple[str, str]]:
    suffix = uuid.uuid4().hex[:10]
    writer, auditor = f"gz_writer_{suffix}", f"gz_auditor_{suffix}"
    with _admin(pg_config) as conn:
        for role in (writer, auditor):
            conn.execute(f'CREATE ROLE "{role}" LOGIN')
    try:
        yield writer, auditor
    finally:
        with _admin(pg_config) as conn:
            for role in (writer, auditor):
                conn.execute(f'DROP OWNED BY "{role}" CASCADE')
                conn.execute(f'DROP ROLE "{role}"')


@pytest.fixture
def granted(pg_config: StoreConfig, roles: tuple[str, str]) -> tuple[str, str]:
    owner = f"{PG_URL}?schema={pg_config.schema}"
    assert run(owner, *OPEN).exit_code == 0  # the owner creates the table
    writer, auditor = roles
    printed = run(owner, "store", "grant", "--writer", writer, "--auditor", auditor)
    assert printed.exit_code == 0, printed.output
    log_grants = [line for line in printed.stdout.splitlines()
                  if "gongzhi_events" in line or "gongzhi_commands" in line]
    assert log_grants and not any("UPDATE" in line or "DELETE" in line for line in log_grants)
    applied = run(owner, "store", "grant", "--writer", writer, "--auditor", auditor, "--apply")
    assert applied.exit_code == 0, applied.output
    return roles


def test_a_writer_records_with_only_insert_and_select(pg_config: StoreConfig,
                                                      granted: tuple[str, str]) -> None:
    import psycopg

    writer, _ = granted
    store = url_as(pg_config, writer)
    result = run(store, "case", "note", "2026-1", "已电话联系")
    assert result.exit_code == 0, result.output
    assert run(store, *OPEN).exit_code == 0
    with psycopg.connect(host=pg_config.host, port=pg_config.port, user=writer,
                         dbname=pg_config.dbname, autocommit=True) as conn:
        for statement in ("UPDATE {t} SET topic = 'x'", "DELETE FROM {t}"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement.format(t=f'"{pg_config.schema}".gongzhi_events'))
    with _admin(pg_config) as conn:
        users = conn.execute(f'SELECT db_user FROM "{pg_config.schema}".gongzhi_events '
                             "ORDER BY notification_id").fetchall()
    assert [u[0] for u in users] == [pg_config.user, writer, writer]


def test_an_auditor_reads_and_verifies_but_cannot_write(pg_config: StoreConfig,
                                                        granted: tuple[str, str]) -> None:
    _, auditor = granted
    store = url_as(pg_config, auditor)
    for command in (["case", "show", "2026-1"], ["case", "history", "2026-1"],
                    ["audit", "history", "2026-1"], ["audit", "verify"],
                    ["audit", "replay", "2026-1"], ["audit", "export"]):
        result = run(store, *command)
        assert result.exit_code == 0, (command, result.output)
    refused = run(store, "case", "note", "2026-1", "x")
    assert refused.exit_code == 1, refused.output
    assert "permission denied" in refused.output
    history = json.loads(run(store, "--json", "case", "history", "2026-1").stdout)
    assert len(history) == 1


def test_grant_refuses_a_sqlite_store(tmp_path: Any) -> None:
    result = run(str(tmp_path / "g.db"), "store", "grant", "--writer", "w")
    assert result.exit_code == 2
    assert "PostgreSQL" in result.output


def test_an_erasure_by_a_writer_says_the_key_table_still_needs_its_owner(
        pg_config: StoreConfig, granted: tuple[str, str]) -> None:
    # VACUUM FULL, which overwrites the destroyed keys' old rows, is the owner's alone:
    # PostgreSQL skipped it for a writer with a mere warning, and the erasure said nothing.
    writer, _ = granted
    erased = run(url_as(pg_config, writer), "--json", "privacy", "erase", "C2026-000001", "c1",
                 "--reason", "申请")
    assert erased.exit_code == 0, erased.output
    assert json.loads(erased.stdout)["vacuum_needed"] == f"{pg_config.schema}_keys.subject_keys"
    owner = f"{PG_URL}?schema={pg_config.schema}"
    by_owner = run(owner, "privacy", "erase", "C2026-000001", "r1", "--reason", "申请")
    assert by_owner.exit_code == 0 and "VACUUM" not in by_owner.output, by_owner.output
