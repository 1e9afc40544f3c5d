"""Defects found by throwing bad and unusual input at the CLI, each pinned by one lean test."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from adapters.settings import StoreConfig
from cli import cli
from tests.conftest import PG_URL


def _run(store: Path, *args: str, lang: str = "en") -> object:
    return CliRunner().invoke(cli, ["--store", str(store), "--lang", lang, "--actor", "fuzz",
                                    *args])


def _events(store: Path) -> int:
    with sqlite3.connect(store) as db:
        return int(db.execute("SELECT count(*) FROM gongzhi_events").fetchone()[0])


def test_the_demo_stores_the_keys_of_the_names_it_records(tmp_path: Path) -> None:
    # The demo's events were copied in without their new keys: every name read as erased.
    store = tmp_path / "demo.db"
    assert _run(store, "demo").exit_code == 0
    shown = _run(store, "case", "show", "2026-1")
    assert shown.exit_code == 0, shown.output
    assert "Zhang Xiuying" in shown.output and "〔已删除〕" not in shown.output


OPEN = ["case", "open", "--channel", "12345", "--category", "噪音", "--community", "双塔社区",
        "--grid", "第三网格", "--building", "5栋", "--complainant", "张女士", "--respondent", "王五",
        "--summary", "夜间噪音"]


def test_a_key_store_overwritten_with_garbage_is_named_and_nothing_is_written(
        tmp_path: Path) -> None:
    # It read as "a stored event can no longer be read": the log blamed for the key file.
    store = tmp_path / "g.db"
    assert _run(store, *OPEN).exit_code == 0
    before = _events(store)
    (tmp_path / "g.keys.db").write_bytes(b"not a database" * 500)
    for args in (["case", "show", "2026-1"], ["case", "note", "2026-1", "hello"]):
        result = _run(store, "--json", *args)
        assert result.exit_code == 1, result.output
        assert json.loads(result.stderr)["error"]["code"] == "key_store_unreadable"
        assert "g.keys.db" in result.stderr
    assert "密钥库" in _run(store, "case", "show", "2026-1", lang="zh").stderr
    assert _events(store) == before


def test_a_deleted_key_store_is_not_an_erasure_and_no_write_starts_a_new_one(
        tmp_path: Path) -> None:
    # Every name read as erased and the next write made a fresh, empty key store beside
    # the old ciphertext: the loss was silent and then permanent.
    store = tmp_path / "g.db"
    assert _run(store, *OPEN).exit_code == 0
    before = _events(store)
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"g.keys.db{suffix}").unlink(missing_ok=True)
    refused = _run(store, "--json", *OPEN)  # a new case's keys would start a new key store
    assert refused.exit_code == 1, refused.output
    assert json.loads(refused.stderr)["error"]["code"] == "key_store_missing"
    assert _events(store) == before and not (tmp_path / "g.keys.db").exists()
    shown = _run(store, "--json", "case", "show", "2026-1")
    assert json.loads(shown.stdout)["complainants"][0]["name"] == "〔已加密〕"  # not 〔已删除〕


def test_a_store_setting_pointing_at_another_sqlite_database_changes_nothing_in_it(
        tmp_path: Path) -> None:
    # A refused write still gave someone else's database the events and read-model tables.
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE contacts (name TEXT)")
    for args in (["case", "note", "2026-1", "x"], ["case", "list"], ["demo"]):
        result = _run(other, "--json", *args)
        assert result.exit_code == 1, result.output
        assert json.loads(result.stderr)["error"]["code"] == "not_a_store"
    with sqlite3.connect(other) as db:
        assert [r[0] for r in db.execute("SELECT name FROM sqlite_master")] == ["contacts"]


def test_report_by_naming_no_dimension_says_what_was_given(tmp_path: Path) -> None:
    store = tmp_path / "g.db"
    assert _run(store, *OPEN).exit_code == 0
    result = _run(store, "report", "summary", "--by", ",,", lang="zh")
    assert result.exit_code == 2 and "“,,”" in result.output and "month、community" in result.output


@pytest.mark.postgres
def test_a_dropped_key_schema_on_postgresql_refuses_new_keys(pg_config: StoreConfig) -> None:
    import psycopg

    url = f"{PG_URL}?schema={pg_config.schema}"
    run = lambda *a: CliRunner().invoke(cli, ["--store", url, "--lang", "en",  # noqa: E731
                                              "--actor", "fuzz", "--json", *a])
    assert run(*OPEN).exit_code == 0
    with psycopg.connect(host=pg_config.host, port=pg_config.port, user=pg_config.user,
                         dbname=pg_config.dbname, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{pg_config.schema}_keys" CASCADE')
    result = run(*OPEN)
    assert result.exit_code == 1, result.output
    assert json.loads(result.stderr)["error"]["code"] == "key_store_missing"
    assert json.loads(run("case", "show", "2026-1").stdout)["complainants"][0]["name"] == "〔已加密〕"


def test_erasing_a_subject_id_that_names_nobody_records_nothing(tmp_path: Path) -> None:
    # A typo (c9) or a case not opened yet was recorded as erased, and the latter's key,
    # made ahead, destroyed.
    store = tmp_path / "g.db"
    assert _run(store, *OPEN).exit_code == 0
    before = _events(store)
    for subject in ("C2026-000001/c9", "C2026-000002/c1"):
        result = _run(store, "--json", "privacy", "erase", "--subject", subject, "--reason", "x")
        assert result.exit_code in (1, 2), result.output
        assert json.loads(result.stderr)["error"]["code"] in ("unknown_subject", "not_found")
    assert _events(store) == before
    assert _run(store, "privacy", "erase", "--subject", "C2026-000001/c1", "--reason",
                "x").exit_code == 0


def test_a_filter_that_is_not_utf8_is_bad_input_not_an_internal_error(tmp_path: Path) -> None:
    # Lone surrogates (bytes that are not UTF-8) reached the SQLite driver: exit 70.
    store = tmp_path / "g.db"
    assert _run(store, *OPEN).exit_code == 0
    for args in (["convention", "list", "--community", "ab\udcff"],
                 ["convention", "status", "--party", "\udcff"],
                 ["case", "list", "--community", "\udcc3"]):
        result = _run(store, "--json", *args)
        assert result.exit_code == 2, result.output
        assert json.loads(result.stderr)["error"]["code"] == "not_utf8"


def test_a_number_option_refused_in_chinese_names_no_english_type(tmp_path: Path) -> None:
    # click filled in its type's English name: “'x' 不是有效的integer range。”
    result = _run(tmp_path / "g.db", "convention", "list", "--limit", "x", lang="zh")
    assert result.exit_code == 2 and "不是有效的数值" in result.output
    assert "integer" not in result.output


def test_a_retention_period_reaching_before_year_one_is_bad_input(tmp_path: Path) -> None:
    # 9999y from 2026 is before year 1: AssertionError('unreachable'), an internal error.
    store = tmp_path / "g.db"
    assert _run(store, *OPEN).exit_code == 0
    for period in ("9999y", "1201m", "36526d"):
        result = _run(store, "privacy", "due", "--after", period)
        assert result.exit_code == 2 and "at most 100 years" in result.output, result.output
    assert _run(store, "privacy", "due", "--after", "36525d").exit_code == 0


def test_an_output_path_that_cannot_be_written_is_bad_input(tmp_path: Path) -> None:
    # A name past the file system's limit, or a folder that cannot be made (/proc/...):
    # OSError from the checks or the temporary file, an internal error.
    store = tmp_path / "g.db"
    assert _run(store, *OPEN).exit_code == 0
    for output in (str(tmp_path / ("x" * 300 + ".csv")), "/proc/gongzhi-fuzz/x.csv"):
        for args in (["export", "cases"], ["case", "share", "2026-1"]):
            result = _run(store, "--json", *args, "-o", output)
            assert result.exit_code == 2, result.output
            assert "cannot write" in json.loads(result.stderr)["error"]["message"]


def test_a_postgresql_schema_that_is_not_a_plain_name_is_refused_before_connecting() -> None:
    # It was written into SQL unquoted ("syntax error at or near '-'"), and a name past 58
    # characters was cut by PostgreSQL to the same 63 as its key schema.
    for schema in ("bad-name;drop", "x" * 59, "Upper", "1st"):
        result = CliRunner().invoke(cli, [
            "--store", f"postgresql://u@127.0.0.1:1/db?schema={schema}", "--lang", "en",
            "case", "list"])
        assert result.exit_code == 2 and "not a plain name" in result.output, result.output


def test_a_store_path_that_is_not_utf8_is_refused_and_no_file_is_left(tmp_path: Path) -> None:
    # The refused write's empty store could not be discarded (its URI could not be quoted):
    # internal error, and the file stayed.
    store = str(tmp_path / "a\udcff.db")
    result = CliRunner().invoke(cli, ["--store", store, "--lang", "en", "--actor", "fuzz",
                                      "case", "note", "2026-1", "x"])
    assert result.exit_code == 2 and "not valid UTF-8" in result.output, result.output
    assert list(tmp_path.iterdir()) == []


def test_a_bad_unit_is_named_in_chinese(tmp_path: Path) -> None:
    result = _run(tmp_path / "g.db", *OPEN, "--unit", "a\nb", lang="zh")
    assert result.exit_code == 2 and "单元或房号必须是单行纯文本" in result.output, result.output


def test_a_missing_table_argument_lists_the_choices_in_chinese(tmp_path: Path) -> None:
    result = _run(tmp_path / "g.db", "export", lang="zh")
    assert result.exit_code == 2 and "缺少参数 'TABLE'。可选：" in result.output, result.output
    assert "Choose from" not in result.output


def test_an_emptied_key_store_is_missing_not_a_store_of_erased_keys(tmp_path: Path) -> None:
    # A key file truncated to 0 bytes was opened as a new, empty key store: every name
    # read as erased and the next intake stored its keys there.
    store = tmp_path / "g.db"
    assert _run(store, *OPEN).exit_code == 0
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"g.keys.db{suffix}").unlink(missing_ok=True)
    (tmp_path / "g.keys.db").write_bytes(b"")
    refused = _run(store, "--json", *OPEN)
    assert refused.exit_code == 1, refused.output
    assert json.loads(refused.stderr)["error"]["code"] == "key_store_missing"
    assert (tmp_path / "g.keys.db").stat().st_size == 0
    shown = _run(store, "--json", "case", "show", "2026-1")
    assert json.loads(shown.stdout)["complainants"][0]["name"] == "〔已加密〕"
