"""Erasure by destroying a person's key: afterwards the name is nowhere, and the log still verifies.

Names are sealed per data subject before events are stored (adapters/personal_sealing.py);
`privacy erase` records the erasure and destroys the subject's key. The test searches
every byte of every file the store has (and a fresh export) for the erased name.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from adapters.settings import StoreConfig
from cli import cli
from tests.conftest import PG_URL, requires_postgres

NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
ERASED_NAME = "甄士隐"  # the complainant who asks to be erased
ERASED_ROOM = "1703室"
KEPT = ["林黛玉", "贾雨村", "贾府酒楼"]  # another complainant, an operator, a business


def run(store: str, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--store", store, "--actor", "刘敏", "--json", *args],
                                obj={"clock": lambda: NOW})
    assert result.exit_code == 0, result.output
    return result


def data(store: str, *args: str) -> Any:
    return json.loads(run(store, *args).stdout)


def open_cases(store: str) -> None:
    for complainant, room in ((ERASED_NAME, ERASED_ROOM), ("林黛玉", "302室")):
        run(store, "case", "open", "--channel", "12345", "--category", "噪音",
            "--community", "双塔社区", "--grid", "第三网格", "--building", "5栋", "--unit", room,
            "--complainant", complainant, "--respondent", "商户:贾府酒楼:贾雨村",
            "--summary", "夜间喧哗", "--at", "2026-10-08 22:40")
    run(store, "case", "statement", "2026-1", "--party", "c1", "--kind", "诉求",
        f"我是{ERASED_NAME}，住{ERASED_ROOM}，要求22点后安静")
    run(store, "case", "commit", "2026-1", "--party", "r1", "--duty", "22点后停止营业",
        "--due", "2026-12-31", "--at", "2026-10-09 10:00")


def figures(store: str) -> Any:
    run(store, "projections", "rebuild")
    return data(store, "report", "summary")


def exported(store: str, tmp_path: Path) -> bytes:
    out = b""
    for table in ("cases", "commitments", "case_facts"):
        target = tmp_path / f"{table}.csv"
        run(store, "export", table, "-o", str(target))
        out += target.read_bytes()
    target = tmp_path / "log.jsonl"
    run(store, "audit", "export", "-o", str(target))
    return out + target.read_bytes()


def erase_and_check(store: str, tmp_path: Path) -> tuple[Any, Any]:
    open_cases(store)
    shown = data(store, "case", "show", "2026-1")
    assert shown["complainants"][0]["name"] == ERASED_NAME  # readable before
    before = figures(store)
    sealed = data(store, "audit", "seal")  # a seal over the log as it was before the erasure
    erased = data(store, "privacy", "erase", "2026-1", ERASED_NAME, "--reason", "本人申请删除")
    assert erased["subjects"] == ["C2026-000001/c1", "C2026-000001/location"]
    assert erased["erasure"] == "ERASE-000001"
    again = data(store, "privacy", "erase", "2026-1", "c1", "--reason", "本人申请删除")
    assert again["erasure"] is None and again["keys_destroyed"] == []  # idempotent
    after = figures(store)
    assert after == before  # the reports count the same
    shown = data(store, "case", "show", "2026-1")
    assert shown["complainants"][0]["name"] == "〔已删除〕"
    assert shown["respondents"][0]["name"] == "贾府酒楼"
    assert data(store, "case", "show", "2026-2")["complainants"][0]["name"] == "林黛玉"
    history = run(store, "case", "history", "2026-1").stdout
    replay = run(store, "audit", "replay", "2026-1").stdout
    for text in (history, replay):
        assert ERASED_NAME not in text and ERASED_ROOM not in text and "已删除" in text
    verified = data(store, "audit", "verify")
    assert verified["ok"] is True and len(verified["seals"]) == 1, verified  # the seal still holds
    assert sealed
    # Rules still work: the erased party is found by its key.
    run(store, "case", "commit", "2026-1", "--party", "c1", "--duty", "配合回访",
        "--due", "2026-12-31")
    return exported(store, tmp_path), verified


def test_an_erased_complainant_is_nowhere_in_the_sqlite_files_or_an_export(
        tmp_path: Path) -> None:
    store = str(tmp_path / "gongzhi.db")
    export, _ = erase_and_check(store, tmp_path)
    # A meeting's chair is erased by subject id, in another kind of aggregate.
    run(store, "meeting", "convene", "--title", "联席会议", "--by", "社区", "--level", "community",
        "--scheduled", "2026-11-30 14:30", "--venue", "会议室", "--chair", "司马懿",
        "--invite", "派出所")
    assert data(store, "meeting", "agenda", "JM2026-1")["chair"] == "司马懿"
    run(store, "privacy", "erase", "--subject", "JM2026-000001/chair", "--reason", "离任")
    assert data(store, "meeting", "agenda", "JM2026-1")["chair"] == "〔已删除〕"
    files = [Path(store + s) for s in ("", "-wal")] + [
        tmp_path / ("gongzhi.keys.db" + s) for s in ("", "-wal")]
    assert (tmp_path / "gongzhi.keys.db").stat().st_mode & 0o077 == 0  # 0600
    for blob in [f.read_bytes() for f in files if f.exists()] + [export]:
        for secret in (ERASED_NAME, ERASED_ROOM, "司马懿"):
            assert secret.encode("utf-8") not in blob
    assert "林黛玉".encode() not in export  # the read models name nobody
    assert data(store, "case", "show", "2026-2")["complainants"][0]["name"] == "林黛玉"


@requires_postgres
@pytest.mark.postgres
def test_an_erased_complainant_is_in_no_table_on_postgresql(
        tmp_path: Path, pg_config: StoreConfig) -> None:
    import psycopg

    store = f"{PG_URL}?schema={pg_config.schema}"
    erase_and_check(store, tmp_path)
    c = pg_config
    with psycopg.connect(host=c.host, port=c.port, user=c.user, dbname=c.dbname,
                         password=c.password or None, autocommit=True) as conn:
        tables = conn.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_schema IN (%s, %s)", (c.schema, f"{c.schema}_keys")).fetchall()
        assert any(schema.endswith("_keys") for schema, _ in tables)
        rows = [str(r[0]) for schema, table in tables
                for r in conn.execute(f'SELECT t::text FROM "{schema}"."{table}" t').fetchall()]
    text = "\n".join(rows)
    for secret in (ERASED_NAME, ERASED_ROOM):
        assert secret not in text and secret.encode().hex() not in text  # bytea shows as hex


def test_retention_lists_and_erases_closed_cases(tmp_path: Path) -> None:
    from adapters.app import Gongzhi
    from adapters.demo_case import play_restaurant_case

    store = str(tmp_path / "demo.db")
    app = Gongzhi(StoreConfig.parse(store), clock=lambda: NOW)
    try:
        play_restaurant_case(app, "zh")  # closed on 2026-11-22
    finally:
        app.close()
    due = data(store, "privacy", "due", "--after", "3y", "--on", "2029-11-22")
    assert due["cases"] == []  # closed on 2026-11-22: three years are not over yet
    due = data(store, "privacy", "due", "--after", "3y", "--on", "2029-11-23")
    assert [c["ref"] for c in due["cases"]] == ["C2026-000001"]
    erased = data(store, "privacy", "erase", "--closed-before", "2026-12-01",
                  "--reason", "保存期满")
    assert "C2026-000001/r1" in erased["keys_destroyed"]
    assert data(store, "privacy", "due", "--after", "3y", "--on", "2030-01-01")["cases"] == []
    shown = data(store, "case", "show", "2026-1")
    assert {p["name"] for p in shown["complainants"] + shown["respondents"]} == {"〔已删除〕"}
    assert data(store, "audit", "verify")["ok"] is True
