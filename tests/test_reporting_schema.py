"""The reporting schema as analysts meet it: there from the start, documented, kept in step.

* A fresh store (written to, never read) already has every table and index that
  docs/reporting.md lists, empty, with the labels filled; `projections status` says
  the tables will be built on the first read. The write path does this without
  importing SQLAlchemy.
* The documented columns are the real ones; PostgreSQL carries COMMENT ON each of
  them; docs/datasette-metadata.json is in step with adapters/read_catalog.py.
* Rebuilds keep an analyst's own index; an older version's table is replaced.
* `labels` follows the code; `report summary --by grid,category` gives the counts of
  the events; the documented read-only role reads the reports and not the log.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from adapters.app import Gongzhi
from adapters.read_catalog import datasette_metadata
from adapters.read_ddl import columns, index_name
from adapters.readmodels import ReadModels
from adapters.settings import StoreConfig
from domain.departments import Department, register_department
from projections.labels import LabelRow, label_rows
from projections.registry import case_projections
from tests.conftest import PG_URL, StepClock, drop_schema
from tests.readmodel_support import fresh_store, seed_district
from tests.report_oracle import Oracle, month
from tests.test_projections import gongzhi, store_url

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "reporting.md").read_text(encoding="utf-8")
# The documented reporting contract covers the case read models; meetings and conventions
# keep their own tables (docs/meetings.md, docs/conventions.md) outside it for now.
ROW_CLASSES = [LabelRow, *(row for p in case_projections() for row in p.tables)]


def write_cases(store: str, **options: Any) -> None:
    """A few writes that read no read model (the demo now prints read models too)."""
    for complainant in ("张女士", "李先生"):
        gongzhi(store, "case", "open", "--channel", "12345", "--category",
                "噪音", "--community", "双塔社区", "--grid", "第三网格", "--building", "5栋",
                "--complainant", complainant, "--respondent", "老王饭店", "--summary",
                "夜间噪音", as_json=False, **options)


def documented_tables() -> dict[str, set[str]]:
    """Table name -> the columns its section's table lists (`a`, `b` in the first cell)."""
    out: dict[str, set[str]] = {}
    for section in re.split(r"^## ", DOC, flags=re.M)[1:]:
        heading = re.match(r"`(\w+)`", section)
        if not heading:
            continue
        cells = re.findall(r"^\| (`[^|]+`) \|", section, flags=re.M)
        out[heading[1]] = {name for cell in cells for name in re.findall(r"`(\w+)`", cell)}
    return out


def documented_indexes() -> set[str]:
    section = DOC.split("## Indexes", 1)[1].split("\n## ", 1)[0]
    names = set()
    for table, groups in re.findall(r"^\| `(\w+)` \| (.+) \|$", section, flags=re.M):
        for group in groups.split(";"):
            (cols,) = re.findall(r"`([\w, ]+)`", group)
            names.add(f"ix_{table}_{'_'.join(c.strip() for c in cols.split(','))}")
    return names


def catalogue(config: StoreConfig) -> tuple[dict[str, list[str]], set[str]]:
    """Tables with their columns, and index names, read with the plain drivers."""
    tables: dict[str, list[str]] = {}
    if config.kind == "sqlite":
        with sqlite3.connect(config.path) as db:
            rows = db.execute("SELECT m.name, p.name FROM sqlite_master m, "
                              "pragma_table_info(m.name) p WHERE m.type = 'table'").fetchall()
            indexes = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    else:
        with pg_connect() as db:
            rows = db.execute("SELECT table_name, column_name FROM information_schema.columns "
                              "WHERE table_schema = %s ORDER BY ordinal_position",
                              (config.schema,)).fetchall()
            indexes = {n for (n,) in db.execute(
                "SELECT indexname FROM pg_indexes WHERE schemaname = %s", (config.schema,))}
    for table, column in rows:
        tables.setdefault(table, []).append(column)
    return tables, indexes


def pg_connect(user: str | None = None) -> Any:
    import psycopg

    config = StoreConfig.parse(PG_URL)
    return psycopg.connect(host=config.host, port=config.port, user=user or config.user,
                           dbname=config.dbname, password=config.password or None, autocommit=True)


def count_rows(config: StoreConfig, table: str) -> int:
    query = f"SELECT COUNT(*) FROM {table}"
    if config.kind == "sqlite":
        with sqlite3.connect(config.path) as db:
            return int(db.execute(query).fetchone()[0])
    with pg_connect() as db:
        return int(db.execute(f'SELECT COUNT(*) FROM "{config.schema}".{table}').fetchone()[0])


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_fresh_store_has_every_documented_table_and_index_before_any_read(kind: str) -> None:
    with fresh_store(kind) as config:
        store = store_url(config)
        write_cases(store)  # writes cases, reads no read model
        tables, indexes = catalogue(config)
        documented = documented_tables()
        assert set(documented) == {row.__table__ for row in ROW_CLASSES} | {"projection_positions"}
        for table, cols in documented.items():
            assert set(tables.get(table, [])) == cols, table
        assert documented_indexes() <= indexes
        made = {i for i in indexes if i.startswith("ix_")}
        assert made == documented_indexes(), "an index is made but not documented"
        for row in ROW_CLASSES:
            expected = len(label_rows()) if row is LabelRow else 0
            assert count_rows(config, row.__table__) == expected, row.__table__
        status = {r["name"]: r for r in json.loads(gongzhi(store, "projections", "status").stdout)}
        assert {r["state"] for r in status.values()} == {"not built"}
        assert all(r["lag"] == r["head"] > 0 for r in status.values())
        text = gongzhi(store, "--lang", "en", "projections", "status", as_json=False).stdout
        assert "will be built on first read" in text
        gongzhi(store, "case", "list")  # the first read builds cases and commitments
        status = {r["name"]: r["state"] for r in json.loads(
            gongzhi(store, "projections", "status").stdout)}
        assert {name: status[name] for name in ("cases", "commitments", "case_stats")} == {
            "cases": "ok", "commitments": "ok", "case_stats": "not built"}


def test_the_write_path_creates_the_tables_without_importing_sqlalchemy(tmp_path: Path) -> None:
    store = tmp_path / "gongzhi.db"
    script = (
        "import sys\nfrom cli import cli\n"
        f"cli.main(['--store', {str(store)!r}, '--actor', '刘敏', 'case', 'open', '--channel', "
        "'12345', '--category', '噪音', '--community', '双塔社区', '--grid', '第三网格', "
        "'--building', '5栋', '--complainant', '张女士', '--respondent', '老王饭店', "
        "'--summary', '夜间噪音'], standalone_mode=False)\n"
        "print('sqlalchemy' in sys.modules, 'psycopg' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={"GONGZHI_TZ": "Asia/Shanghai",
                                                       "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False False"
    with sqlite3.connect(store) as db:
        names = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"cases", "case_rates", "labels", "projection_positions"} <= names


def test_the_datasette_metadata_file_is_in_step_and_describes_every_column() -> None:
    on_disk = json.loads((ROOT / "docs" / "datasette-metadata.json").read_text(encoding="utf-8"))
    assert on_disk == datasette_metadata(), (
        "regenerate: .venv/bin/python -m adapters.read_catalog > docs/datasette-metadata.json")
    tables = on_disk["databases"]["gongzhi"]["tables"]
    assert tables["gongzhi_events"] == {"hidden": True}
    for row in ROW_CLASSES:
        described = tables[row.__table__]["columns"]
        assert set(described) == {name for name, _, _ in columns(row)}, row.__table__
        assert all(text.strip() for text in described.values())


@pytest.mark.postgres
def test_postgres_comments_on_every_table_and_column(pg_config: StoreConfig) -> None:
    app = Gongzhi(pg_config, clock=StepClock())
    models = ReadModels(app, pg_config)
    try:
        models.catch_up()
    finally:
        models.close()
        app.close()
    with pg_connect() as db:
        for row in ROW_CLASSES:
            name = f'"{pg_config.schema}".{row.__table__}'
            (table_comment,) = db.execute("SELECT obj_description(%s::regclass)", (name,)).fetchone()
            assert table_comment, row.__table__
            missing = db.execute(
                "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 "
                "AND NOT attisdropped AND col_description(attrelid, attnum) IS NULL", (name,)).fetchall()
            assert missing == [], row.__table__


def test_a_rebuild_keeps_an_analysts_index_and_replaces_an_older_versions_table(
    sqlite_config: StoreConfig,
) -> None:
    app = Gongzhi(sqlite_config, clock=StepClock())
    seed_district(app, 30)
    models = ReadModels(app, sqlite_config)
    try:
        models.catch_up()
        with sqlite3.connect(sqlite_config.path) as db:
            db.execute("CREATE INDEX my_summary ON cases (summary)")
        models.rebuild()
        _, indexes = catalogue(sqlite_config)
        assert "my_summary" in indexes and "ix_cases_grid_key" in indexes
        assert count_rows(sqlite_config, "cases") == 30

        # A store last read by an older Gongzhi: `cases` without today's columns, version 1.
        with sqlite3.connect(sqlite_config.path) as db:
            db.execute("DROP TABLE cases")
            db.execute("CREATE TABLE cases (ref TEXT PRIMARY KEY, status TEXT, grid TEXT)")
            db.execute("UPDATE projection_positions SET version = 1 WHERE name = 'cases'")
    finally:
        models.close()
    again = ReadModels(app, sqlite_config)  # a new process of the new version
    try:
        assert {r["name"]: r["state"] for r in again.status()}["cases"] == "needs rebuild"
        again.catch_up()
        tables, indexes = catalogue(sqlite_config)
        assert tables["cases"] == [name for name, _, _ in columns(ROW_CLASSES[1])]
        assert {index_name("cases", cols) for cols in ROW_CLASSES[1].__indexes__} <= indexes
        assert count_rows(sqlite_config, "cases") == 30
    finally:
        again.close()
        app.close()


def test_labels_follow_the_code(sqlite_config: StoreConfig) -> None:
    app = Gongzhi(sqlite_config, clock=StepClock())
    try:
        ReadModels(app, sqlite_config).status()
        with sqlite3.connect(sqlite_config.path) as db:
            db.execute("UPDATE labels SET zh = '改过' WHERE kind = 'category' AND code = 'noise'")
        register_department(Department("water_company", "自来水公司", "Water Company"))
        ReadModels(app, sqlite_config).status()  # the next process to open the read store
        with sqlite3.connect(sqlite_config.path) as db:
            stored = set(db.execute("SELECT kind, code, zh, en FROM labels"))
        assert ("category", "noise", "噪音", "noise") in stored
        assert ("department", "water_company", "自来水公司", "Water Company") in stored
        assert stored == {(r.kind, r.code, r.zh, r.en) for r in label_rows()}
    finally:
        from domain import departments

        departments._REGISTRY.pop("water_company", None)
        app.close()


def test_report_summary_by_grid_and_category_gives_the_counts_of_the_events(
    sqlite_config: StoreConfig,
) -> None:
    app = Gongzhi(sqlite_config)
    seed_district(app, 150)
    from adapters.event_feed import EventFeed

    oracle = Oracle([e for _, e in EventFeed(app).events()])
    app.close()
    store = sqlite_config.path
    period = ["--since", "2025-03-01", "--until", "2025-05-31"]
    figures = json.loads(gongzhi(store, "report", "summary", *period, "--by", "grid,category").stdout)
    expected: dict[tuple[str, str], list[int]] = {}
    for life in oracle.cases.values():
        for category in life.categories:
            slot = expected.setdefault((life.grid_key, category), [0, 0, 0])
            slot[0] += "2025-03" <= month(life.opened_at) <= "2025-05"
            for c in life.closings:
                if "2025-03" <= month(c.at) <= "2025-05":
                    slot[1] += 1
                    slot[2] += c.outcome == "resolved"
    expected = {k: v for k, v in expected.items() if any(v)}
    assert {(r["grid"], r["category"]): [r["opened"], r["closed"], r["resolved"]]
            for r in figures["cross"]} == expected
    assert sum(r["opened"] for r in figures["cross"]) >= figures["opened"] > 0
    text = gongzhi(store, "report", "summary", *period, "--by", "grid,category",
                   as_json=False).stdout
    assert "按网格、类别交叉统计" in text
    bad = gongzhi(store, "report", "summary", "--by", "grid,colour", exit_code=2)
    assert "colour" in bad.stderr
    as_of = json.loads(gongzhi(store, "report", "summary", *period, "--by", "grid,category",
                               "--as-of", "today 23:59").stdout)
    assert as_of["cross"] == figures["cross"]


@pytest.mark.postgres
def test_the_documented_read_only_role_reads_the_reports_and_not_the_log() -> None:
    block = re.search(r"```postgresql\n(.*?)```", DOC, re.S)
    assert block
    role, reports = f"analyst_{uuid.uuid4().hex[:8]}", f"reports_{uuid.uuid4().hex[:8]}"
    with fresh_store("postgres") as events:
        statements = (block[1].replace("analyst", role).replace("reports", reports)
                      .replace("gongzhi", "postgres"))
        with pg_connect() as db:
            for statement in filter(None, (s.strip() for s in re.sub(
                    r"--[^\n]*", "", statements).split(";"))):
                db.execute(statement)
        try:
            read_store = f"{PG_URL}?schema={reports}"
            write_cases(store_url(events), read_store=read_store)
            gongzhi(store_url(events), "projections", "catch-up", read_store=read_store)
            assert "cases" not in catalogue(events)[0]  # the read models went to the read store
            import psycopg

            with pg_connect(user=role) as db:
                assert db.execute("SELECT COUNT(*) FROM cases").fetchone() == (2,)  # search_path
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    db.execute(f'SELECT COUNT(*) FROM "{events.schema}".gongzhi_events')
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    db.execute("DELETE FROM cases")
            gongzhi(store_url(events), "projections", "rebuild", read_store=read_store)
            with pg_connect(user=role) as db:  # the grants outlive a rebuild
                assert db.execute("SELECT COUNT(*) FROM case_stats").fetchone()[0] > 0
        finally:
            drop_schema(reports)
            with pg_connect() as db:
                db.execute(f"DROP OWNED BY {role}")
                db.execute(f"DROP ROLE {role}")


def test_case_list_takes_the_grid_key_where_a_grid_name_is_ambiguous(sqlite_config: StoreConfig) -> None:
    app = Gongzhi(sqlite_config)
    seed_district(app, 200)
    app.close()
    store = sqlite_config.path

    def listed(*filters: str) -> list[dict[str, Any]]:
        return list(json.loads(gongzhi(store, "case", "list", "--limit", "1000", *filters).stdout))

    by_name = listed("--grid", "3号网格")
    assert len({r["community"] for r in by_name}) > 1  # the name alone mixes communities
    by_key = listed("--grid", "双塔社区/3号网格")
    assert by_key and {(r["community"], r["grid"], r["grid_key"]) for r in by_key} == {
        ("双塔社区", "3号网格", "双塔社区/3号网格")}
    assert by_key == [r for r in by_name if r["community"] == "双塔社区"]


def test_a_write_goes_through_when_the_empty_tables_cannot_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import adapters.read_ddl

    def broken(*_args: Any) -> list[str]:
        return ["CREATE TABLE no_such_schema.t (x INTEGER)"]  # fails inside the transaction

    monkeypatch.setattr(adapters.read_ddl, "schema_statements", broken)
    monkeypatch.setattr("adapters.read_bootstrap.schema_statements", broken)
    store = str(tmp_path / "gongzhi.db")
    write_cases(store)
    with sqlite3.connect(store) as db:
        names = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "cases" not in names and "gongzhi_events" in names
    assert json.loads(gongzhi(store, "case", "list").stdout)  # the first read makes them
    assert "cases" in catalogue(StoreConfig.parse(store))[0]
