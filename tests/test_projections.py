"""Read models as users meet them: safe catch-ups, honest refusals, listings, reports, exports.

* A catch-up that fails half-way leaves the tables and the position exactly as they
  were; the next one ends with every row once (equal to the pure fold). A log
  rewritten below a projection's position is refused, never silently skipped; a
  projection whose code changed version is rebuilt on the next catch-up.
* `case list` shows every write at once, and its filters (overdue judged on the
  date given at read time) return the right cases.
* `report summary` gives the right figures for a small known set of cases, and
  `--known-at` reproduces an earlier report after later entries arrived.
* `export` keeps Chinese intact in CSV and JSON, with a BOM only when asked.
* `projections status` and `projections rebuild` report and act on the right things.

Store-level tests run on SQLite and PostgreSQL (the `store_config` fixture); the CLI
runs against the same stores through click's CliRunner.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import sqlite3
import types
import typing
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Connection, update
from sqlalchemy.sql.dml import Delete, Insert, Update

import adapters.projector
from adapters.app import Gongzhi
from adapters.clock import local_tz
from adapters.errors import AppError
from adapters.event_feed import EventFeed
from adapters.read_shapes import LIST_COLUMNS, READ_TIME_COLUMNS
from adapters.readmodels import CaseFilter, ReadModels
from adapters.settings import StoreConfig
from cli import cli
from cli_commands.export_cmd import TABLES
from domain.case import CaseEvents
from domain.values import Location, PartySpec
from domain.vocabulary import Category, Channel, Level, Outcome, Satisfaction
from projections.cases import CaseRow, CasesProjection
from projections.framework import State
from tests.conftest import PG_URL, StepClock, drop_schema
from tests.readmodel_support import folded_tables, normalise, positions, sql_tables

CST = timezone(timedelta(hours=8))
ACTOR = "李调解员"
SUMMARY = '一楼饭店22点后噪音扰民、油烟直排, 住户称"无法入睡"\n另：楼道堆物'

CASE_MODELS = ("cases", "commitments", "case_stats")  # other kinds add their own



@pytest.fixture
def models(app: Gongzhi, store_config: StoreConfig) -> Iterator[ReadModels]:
    read_models = ReadModels(app, store_config)
    yield read_models
    read_models.close()


def at(month: int, day: int, clock: str = "10:00") -> datetime:
    hour, minute = (int(x) for x in clock.split(":"))
    return datetime(2026, month, day, hour, minute, tzinfo=CST)


def open_case(app: Gongzhi, when: datetime, place: tuple[str, str, str],
              categories: list[Category], channel: Channel = Channel.HOTLINE,
              summary: str = SUMMARY) -> str:
    community, grid, building = place
    case = app.open_case(
        app.stamp(ACTOR, when), channel=channel, categories=categories,
        location=Location(community, grid, building), complainants=[PartySpec("张女士")],
        respondents=[PartySpec("老王饭店", "business", "王建国")], summary=summary,
    )
    return case.id


def do(app: Gongzhi, ref: str, when: datetime, step: str, *args: Any) -> None:
    """Run one case command at business time `when` (it must be accepted)."""
    stamp = app.stamp(ACTOR, when)
    app.change(ref, lambda c: getattr(c, step)(*args, stamp))


SHUANGTA_3 = ("双塔社区", "3号网格", "5栋")
SHUANGTA_4 = ("双塔社区", "4号网格", "12栋")
GUIHUA_1 = ("桂花社区", "1号网格", "2栋")


def seed_report_cases(app: Gongzhi, *, close_b: bool = True) -> dict[str, str]:
    """Five cases with known figures (business times in China Standard Time).

    A: noise+fumes, grid, opened 10-08 21:30, resolved 10-12 21:30 (4 days, never left the grid)
    B: parking, escalated to community 10-10, resolved 10-19 10:00 (10 days)
    C: noise, grid, mediation failed, closed unresolved 10-11 21:00 (1.5 days, in the grid)
    D: water leak, opened 10-31 23:30 local (15:30 UTC): an October case, still open
    E: pets, opened 11-01 00:30 local (10-31 16:30 UTC): a November case, still open
    """
    a = open_case(app, at(10, 8, "21:30"), SHUANGTA_3, [Category.NOISE, Category.COOKING_FUMES])
    b = open_case(app, at(10, 9, "10:00"), SHUANGTA_4, [Category.PARKING], Channel.WALK_IN)
    c = open_case(app, at(10, 10, "09:00"), GUIHUA_1, [Category.NOISE], Channel.ONLINE)
    do(app, a, at(10, 9), "assign", "李明")
    do(app, a, at(10, 10), "commit", "r1", "加装油烟净化器", date(2026, 10, 20))
    do(app, a, at(10, 12, "09:00"), "settle_commitment", "K1", True)
    do(app, a, at(10, 12, "10:00"), "agree", "22点后停止营业")
    do(app, a, at(10, 12, "21:30"), "close", Outcome.RESOLVED, Satisfaction.SATISFIED)
    do(app, b, at(10, 10), "escalate", Level.COMMUNITY, "网格无法协调")
    do(app, b, at(10, 18), "agree", "划定固定车位")
    do(app, c, at(10, 11, "20:00"), "fail", "双方分歧较大")
    do(app, c, at(10, 11, "21:00"), "close", Outcome.UNRESOLVED, Satisfaction.DISSATISFIED)
    d = open_case(app, at(10, 31, "23:30"), SHUANGTA_3, [Category.WATER_LEAK], Channel.GRID_WORKER)
    e = open_case(app, at(11, 1, "00:30"), GUIHUA_1, [Category.PETS])
    if close_b:
        do(app, b, at(10, 19, "10:00"), "close", Outcome.RESOLVED, Satisfaction.BASICALLY_SATISFIED)
    return {"A": a, "B": b, "C": c, "D": d, "E": e}


def assert_same(actual: dict[str, Any], expected: dict[str, Any]) -> None:
    """Table by table, so a failure names the table and the differing rows."""
    assert set(actual) == set(expected)
    for name in expected:
        assert actual[name] == expected[name], f"table {name} differs"


# -- crash safety ------------------------------------------------------------------------------


class Boom(Exception):
    """The process 'dies' here."""


def fail_statement(monkeypatch: pytest.MonkeyPatch, kind: type, table: str) -> list[str]:
    """Make the first SQL `kind` (Insert/Update) statement on `table` raise; log the writes before it."""
    real_execute = Connection.execute
    written: list[str] = []

    def execute(self: Connection, statement: Any, *args: Any, **kwargs: Any) -> Any:
        target = getattr(statement, "table", None)
        if isinstance(statement, kind) and getattr(target, "name", None) == table:
            raise Boom(f"{kind.__name__} {table}")
        result = real_execute(self, statement, *args, **kwargs)
        if isinstance(statement, Insert | Update | Delete):
            written.append(f"{type(statement).__name__} {statement.table.name}")
        return result

    monkeypatch.setattr(Connection, "execute", execute)
    return written


@pytest.mark.parametrize(("projection", "kind", "table", "written_before"), [
    # case_facts rows and new case_stats rows are written, then updating case_stats fails
    ("case_stats", Update, "case_stats", {"Update case_facts", "Insert case_stats"}),
    # the cases rows are written, then their categories fail
    ("cases", Insert, "case_categories", {"Insert cases", "Update cases"}),
    # every row is written, then moving the position fails
    ("commitments", Update, "projection_positions", {"Insert commitments", "Update commitments"}),
], ids=["stats-counters", "case-categories", "position"])
def test_a_catch_up_that_dies_half_way_leaves_rows_and_position_as_they_were(
    app: Gongzhi, models: ReadModels, monkeypatch: pytest.MonkeyPatch,
    projection: str, kind: type, table: str, written_before: set[str],
) -> None:
    refs = seed_report_cases(app, close_b=False)
    do(app, refs["B"], at(10, 15), "commit", "r1", "让出车位", date(2026, 10, 18))
    models.catch_up()
    # Later events: updates of existing rows and new rows in every table.
    do(app, refs["B"], at(10, 18, "12:00"), "settle_commitment", "K1", True)
    do(app, refs["B"], at(10, 19, "10:00"), "close", Outcome.RESOLVED, Satisfaction.SATISFIED)
    do(app, refs["D"], at(11, 1, "09:00"), "commit", "c1", "清理管道", date(2026, 11, 5))
    do(app, refs["E"], at(11, 1, "10:00"), "commit", "r1", "拴绳遛狗", date(2026, 11, 8))
    do(app, refs["E"], at(11, 1, "11:00"), "settle_commitment", "K1", True)
    open_case(app, at(11, 1, "12:00"), GUIHUA_1, [Category.OTHER, Category.NOISE])
    before_rows, before_positions = sql_tables(models), positions(models)

    written = fail_statement(monkeypatch, kind, table)
    with pytest.raises(Boom):
        models.catch_up(projection)
    assert written_before <= set(written), written  # it did die after writing rows
    monkeypatch.undo()

    assert positions(models) == before_positions
    assert_same(sql_tables(models), before_rows)
    # The next catch-up applies every event exactly once: nothing missing, nothing twice.
    head = EventFeed(app).head()
    assert models.catch_up()[projection] > 0
    assert_same(sql_tables(models), folded_tables(app))
    assert {name: p[0] for name, p in positions(models).items()} == dict.fromkeys(models.names, head)


def test_a_failure_in_a_later_batch_keeps_the_earlier_batches_whole(
    app: Gongzhi, models: ReadModels, monkeypatch: pytest.MonkeyPatch,
) -> None:
    models.catch_up()  # empty log: every projection at position 0
    seed_report_cases(app)
    head = EventFeed(app).head()
    monkeypatch.setattr(adapters.projector, "BATCH", 4)
    real_apply = CasesProjection.apply
    calls = []

    def apply(self: CasesProjection, state: State, event: Any) -> None:
        calls.append(event)
        if len(calls) == 10:  # the second event of the third batch
            raise Boom("handler")
        real_apply(self, state, event)

    monkeypatch.setattr(CasesProjection, "apply", apply)
    with pytest.raises(Boom):
        models.catch_up("cases")
    monkeypatch.undo()

    position = positions(models)["cases"][0]
    assert position == 8  # two whole batches committed, none of the third
    stored = sql_tables(models)
    folded = folded_tables(app, stop=position)
    assert stored["cases"] == folded["cases"]
    assert stored["case_categories"] == folded["case_categories"]
    assert models.catch_up("cases") == {"cases": head - position}
    assert_same(sql_tables(models), {**folded_tables(app), **{
        t: rows for t, rows in stored.items() if t not in ("cases", "case_categories")}})


# -- a log rewritten below the position ----------------------------------------------------------


@pytest.mark.parametrize("appended", [3, 1], ids=["ids-reused", "position-beyond-head"])
def test_a_log_rewritten_below_the_position_is_refused_until_rebuilt(
    sqlite_app: Gongzhi, sqlite_config: StoreConfig, appended: int,
) -> None:
    app = sqlite_app
    refs = seed_report_cases(app)
    for text in ("电话回访一", "电话回访二", "电话回访三"):
        do(app, refs["E"], at(11, 1, "12:00"), "add_note", text)
    models = ReadModels(app, sqlite_config)
    try:
        models.catch_up()
        position = EventFeed(app).head()
        before_rows, before_positions = sql_tables(models), positions(models)

        # Someone deletes the three newest events in the table itself ...
        with sqlite3.connect(sqlite_config.path) as db:
            db.execute("DELETE FROM gongzhi_events WHERE rowid > ?", (position - 3,))
        # ... and new, different events are recorded after them (SQLite reuses the ids).
        for i in range(appended):
            do(app, refs["E"], at(11, 1, "13:00"), "add_note", f"改写后的记录{i}")
        assert EventFeed(app).head() == position - 3 + appended

        with pytest.raises(AppError) as refused:
            models.catch_up()
        message = refused.value.message("en")
        assert "rebuild" in message and "cases" in message, message
        assert "rebuild" in refused.value.message("zh")
        assert positions(models) == before_positions  # nothing skipped, nothing applied
        assert_same(sql_tables(models), before_rows)
        assert {s["name"]: s["state"] for s in models.status()} == dict.fromkeys(
            models.names, "log changed")

        models.rebuild()
        assert_same(sql_tables(models), folded_tables(app))
        do(app, refs["D"], at(11, 1, "15:00"), "assign", "王芳")
        caught = models.catch_up()  # every read model: the comparison below covers all
        assert {name: caught[name] for name in CASE_MODELS} == {"cases": 1, "commitments": 0, "case_stats": 1}
        assert_same(sql_tables(models), folded_tables(app))
    finally:
        models.close()


# -- projection versions -----------------------------------------------------------------------


def test_a_projection_whose_version_changed_is_rebuilt_on_the_next_catch_up(
    app: Gongzhi, models: ReadModels, monkeypatch: pytest.MonkeyPatch,
) -> None:
    refs = seed_report_cases(app)
    models.catch_up()
    everyone = CaseFilter(today=date(2026, 11, 2))
    assert {r["respondent_count"] for r in models.list_cases(everyone)} == {1}

    # A new release of the `cases` projection lists respondents with their operators.
    opened_v1 = CasesProjection.handlers[CaseEvents.Opened]

    def opened_v2(self: CasesProjection, state: State, e: Any) -> None:
        opened_v1(self, state, e)
        row = state.get(CaseRow, (e.originator_id,))
        assert row is not None
        # (a count that includes the operators, standing in for any change of meaning)
        state.put(attrs.evolve(row, respondent_count=len(e.respondents) + sum(
            1 for p in e.respondents if p.operator)))

    monkeypatch.setitem(CasesProjection.handlers, CaseEvents.Opened, opened_v2)
    new_version = CasesProjection.version + 1
    monkeypatch.setattr(CasesProjection, "version", new_version)

    assert {s["name"]: s["state"] for s in models.status() if s["name"] in CASE_MODELS} == {
        "cases": "needs rebuild", "commitments": "ok", "case_stats": "ok"}
    head = EventFeed(app).head()
    # Only the changed projection replays the log; the others have nothing to do.
    caught = models.catch_up()  # every read model: the comparison below covers all
    assert {name: caught[name] for name in CASE_MODELS} == {"cases": head, "commitments": 0, "case_stats": 0}
    assert {r["ref"]: r["respondent_count"] for r in models.list_cases(everyone)} == dict.fromkeys(
        refs.values(), 2)
    assert_same(sql_tables(models), folded_tables(app))
    position, _, version = positions(models)["cases"]
    assert (position, version) == (head, new_version)
    assert {s["name"]: s["state"] for s in models.status()} == dict.fromkeys(models.names, "ok")
    # From then on it goes on incrementally, with the new code.
    do(app, refs["D"], at(11, 1, "15:00"), "assign", "王芳")
    open_case(app, at(11, 1, "15:00"), GUIHUA_1, [Category.PETS])
    caught = models.catch_up()  # every read model: the comparison below covers all
    assert {name: caught[name] for name in CASE_MODELS} == {"cases": 2, "commitments": 0, "case_stats": 2}
    assert_same(sql_tables(models), folded_tables(app))
    assert sql_tables(models)["cases"][(refs["D"],)]["mediator"] == "王芳"


# -- the CLI -----------------------------------------------------------------------------------


def store_url(config: StoreConfig) -> str:
    """What a user passes as --store for this store (with the test server's credentials)."""
    return config.path if config.kind == "sqlite" else f"{PG_URL}?schema={config.schema}"


def gongzhi(store: str, *args: str, read_store: str | None = None, as_json: bool = True,
            exit_code: int = 0) -> Result:
    options = ["--store", store, "--actor", ACTOR]
    if read_store:
        options += ["--read-store", read_store]
    if as_json:
        options.append("--json")
    result = CliRunner().invoke(cli, [*options, *args])
    assert result.exit_code == exit_code, (result.output, result.exception)
    assert "Traceback" not in result.output
    return result


def listed(store: str, *filters: str, read_store: str | None = None) -> dict[str, dict[str, Any]]:
    rows = json.loads(gongzhi(store, "case", "list", *filters, read_store=read_store).stdout)
    return {row["ref"]: row for row in rows}


@pytest.mark.parametrize("read_store", [None, "reports.db"], ids=["beside-events", "read-store"])
def test_case_list_shows_every_write_at_once(tmp_path: Path, read_store: str | None) -> None:
    store = str(tmp_path / "gongzhi.db")
    reads = str(tmp_path / read_store) if read_store else None
    day = (datetime.now(CST) - timedelta(days=10)).replace(hour=9, minute=0, second=0,
                                                          microsecond=0)

    def when(hours: int) -> str:
        return (day + timedelta(hours=hours)).strftime("%Y-%m-%d %H:%M")

    opened = json.loads(gongzhi(
        store, "case", "open", "--channel", "12345", "--category", "噪音", "--community", "双塔社区",
        "--grid", "3号网格", "--building", "5栋", "--complainant", "张女士",
        "--respondent", "商户:老王饭店:王建国", "--summary", "夜间噪音", "--at", when(0)).stdout)
    ref = opened["ref"]
    rows = listed(store, read_store=reads)
    assert set(rows) == {ref}
    assert (rows[ref]["status"], rows[ref]["mediator"], rows[ref]["version"]) == ("open", None, 1)

    steps = [
        (["case", "assign", ref, "李明"], {"mediator": "李明", "version": 2}),
        (["case", "commit", ref, "--party", "r1", "--duty", "22点后停止营业", "--due", "+3"],
         {"open_commitments": 1, "version": 3}),
        (["case", "fulfil", ref, "K1"], {"open_commitments": 0, "version": 4}),
        (["case", "escalate", ref, "--to", "社区", "--reason", "协调不成"],
         {"level": "community", "version": 5}),
        (["case", "agree", ref, "22点后停止营业"], {"status": "agreed", "version": 6}),
        (["case", "close", ref, "--outcome", "调解成功", "--satisfaction", "满意"],
         {"status": "closed", "outcome": "resolved", "version": 7}),
        (["case", "reopen", ref, "--reason", "问题复发"],
         {"status": "open", "outcome": None, "reopened_count": 1, "version": 8}),
    ]
    for hours, (command, expected) in enumerate(steps, start=1):
        gongzhi(store, *command, "--at", when(hours), read_store=reads)
        row = listed(store, read_store=reads)[ref]
        assert {k: row[k] for k in expected} == expected, command
    assert set(listed(store, "--mediator", "李明", "--status", "open", read_store=reads)) == {ref}


@pytest.fixture
def listing_cases(app: Gongzhi) -> dict[str, str]:
    """Four cases for the filters of `case list` (commitments made on 10-10)."""
    l1 = open_case(app, at(10, 8), SHUANGTA_3, [Category.NOISE, Category.COOKING_FUMES])
    l2 = open_case(app, at(10, 8), ("双塔社区", "3号网格", "7栋"), [Category.PARKING])
    l3 = open_case(app, at(10, 8), ("双塔社区", "4号网格", "5栋"), [Category.NOISE])
    l4 = open_case(app, at(10, 8), GUIHUA_1, [Category.WATER_LEAK])
    do(app, l1, at(10, 9), "assign", "李明")
    do(app, l1, at(10, 10), "commit", "r1", "加装净化器", date(2026, 10, 20))
    do(app, l2, at(10, 9), "assign", "王芳")
    do(app, l2, at(10, 10), "commit", "r1", "让出车位", date(2026, 10, 25))
    do(app, l2, at(10, 10), "commit", "c1", "不再占道", date(2026, 10, 15))
    do(app, l2, at(10, 12), "settle_commitment", "K2", True)
    do(app, l2, at(10, 13), "agree", "固定车位")
    do(app, l3, at(10, 9), "assign", "李明")
    do(app, l3, at(10, 10), "escalate", Level.COMMUNITY, "网格协调不成")
    do(app, l3, at(10, 11), "fail", "分歧较大")
    do(app, l3, at(10, 11, "12:00"), "close", Outcome.UNRESOLVED, Satisfaction.DISSATISFIED)
    do(app, l4, at(10, 10), "commit", "r1", "维修水管", date(2026, 10, 18))
    do(app, l4, at(10, 19), "settle_commitment", "K1", False)
    return {"L1": l1, "L2": l2, "L3": l3, "L4": l4}


def test_case_list_filters_return_the_right_cases(
    store_config: StoreConfig, listing_cases: dict[str, str],
) -> None:
    store = store_url(store_config)
    names = {ref: name for name, ref in listing_cases.items()}

    def refs(*filters: str) -> set[str]:
        return {names[ref] for ref in listed(store, *filters)}

    assert refs() == {"L1", "L2", "L3", "L4"}
    assert refs("--status", "open") == {"L1", "L4"}
    assert refs("--status", "已达成协议") == {"L2"}
    assert refs("--status", "closed") == {"L3"}
    assert refs("--mediator", "李明") == {"L1", "L3"}
    assert refs("--mediator", "王芳") == {"L2"}
    assert refs("--mediator", "赵强") == set()
    assert refs("--community", "桂花社区") == {"L4"}
    assert refs("--grid", "3号网格") == {"L1", "L2"}
    assert refs("--building", "5栋") == {"L1", "L3"}
    assert refs("--building", "5栋", "--grid", "4号网格") == {"L3"}
    assert refs("--category", "噪音") == {"L1", "L3"}
    assert refs("--category", "cooking fumes") == {"L1"}
    assert refs("--category", "停车") == {"L2"}
    assert refs("--category", "pets") == set()
    assert refs("--level", "社区") == {"L3"}
    assert refs("--level", "grid") == {"L1", "L2", "L4"}
    assert refs("--status", "open", "--limit", "1") == {"L4"}  # newest reference first


def test_overdue_is_judged_on_the_date_given_at_read_time(
    store_config: StoreConfig, listing_cases: dict[str, str],
) -> None:
    store = store_url(store_config)
    names = {ref: name for name, ref in listing_cases.items()}

    def overdue(on: str, *filters: str) -> dict[str, int]:
        rows = listed(store, "--overdue", "--on", on, *filters)
        return {names[ref]: row["overdue_commitments"] for ref, row in rows.items()}

    # L1 due 10-20 (open), L2 due 10-25 (open) and 10-15 (fulfilled), L4 due 10-18 (breached)
    assert overdue("2026-10-19") == {}
    assert overdue("2026-10-20") == {}  # due today is not overdue yet
    assert overdue("2026-10-21") == {"L1": 1}
    assert overdue("2026-10-26") == {"L1": 1, "L2": 1}
    assert overdue("2026-10-26", "--grid", "4号网格") == {}
    assert overdue("2026-10-26", "--mediator", "王芳") == {"L2": 1}
    # without --overdue every case is listed, with its overdue count for that day
    rows = listed(store, "--on", "2026-10-21")
    assert {names[ref]: row["overdue_commitments"] for ref, row in rows.items()} == {
        "L1": 1, "L2": 0, "L3": 0, "L4": 0}
    assert {names[ref]: row["open_commitments"] for ref, row in rows.items()} == {
        "L1": 1, "L2": 1, "L3": 0, "L4": 0}


# -- report summary ----------------------------------------------------------------------------

OCTOBER = {
    "since": "2026-10-01", "until": "2026-10-31",
    "opened": 4, "closed": 3, "resolved": 2, "escalated": 1, "reopened": 0,
    "resolved_in_grid": 1, "resolved_in_grid_share": 0.3333, "resolution_rate": 0.6667,
    "mean_resolution_days": 5.17,
}
LATE_OCTOBER = {
    "since": "2026-10-12", "until": "2026-10-31",
    "opened": 1, "closed": 2, "resolved": 2, "escalated": 0, "reopened": 0,
    "resolved_in_grid": 1, "resolved_in_grid_share": 0.5, "resolution_rate": 1.0,
    "mean_resolution_days": 7.0,
}
NOVEMBER = {
    "since": "2026-11-01", "until": "2026-11-30",
    "opened": 1, "closed": 0, "resolved": 0, "escalated": 0, "reopened": 0,
    "resolved_in_grid": 0, "resolved_in_grid_share": None, "resolution_rate": None,
    "mean_resolution_days": None,
}


def counters(opened: int = 0, closed: int = 0, resolved: int = 0, in_grid: int = 0,
             days: float = 0.0, escalated: int = 0, reached: int = 0,
             satisfied: int = 0) -> dict[str, Any]:
    return {"opened": opened, "closed": closed, "resolved": resolved, "resolved_in_grid": in_grid,
            "resolution_days_total": days, "escalated": escalated, "reopened": 0,
            "reached": reached, "satisfied": satisfied,
            "resolution_rate": round(resolved / closed, 4) if closed else None,
            "satisfaction_rate": round(satisfied / reached, 4) if reached else None}


def test_report_summary_figures_for_known_cases(
    app: Gongzhi, store_config: StoreConfig, models: ReadModels,
) -> None:
    seed_report_cases(app)
    for expected in (OCTOBER, LATE_OCTOBER, NOVEMBER):
        figures = models.summary(date.fromisoformat(expected["since"]),
                                 date.fromisoformat(expected["until"]))
        assert {k: figures[k] for k in expected} == expected
    october = models.summary(date(2026, 10, 1), date(2026, 10, 31))
    assert october["by"]["category"] == {
        "cooking_fumes": counters(opened=1, closed=1, resolved=1, in_grid=1, days=4.0,
                                  reached=1, satisfied=1),
        "noise": counters(opened=2, closed=2, resolved=1, in_grid=1, days=5.5, reached=2,
                          satisfied=1),
        "parking": counters(opened=1, closed=1, resolved=1, days=10.0, escalated=1, reached=1,
                            satisfied=1),
        "water_leak": counters(opened=1),
    }
    assert october["by"]["level"] == {
        "grid": counters(opened=4, closed=2, resolved=1, in_grid=1, days=5.5, reached=2,
                         satisfied=1),
        "community": counters(closed=1, resolved=1, days=10.0, escalated=1, reached=1,
                              satisfied=1),
    }
    assert {k: (v["closed"], v["resolution_rate"]) for k, v in october["by"]["mediator"].items()} == {
        "": (2, 0.5), "李明": (1, 1.0)}
    # A: 4 days, B: 10 days (9.x whole days), C: 1.5 days: the median closing took 4 whole days
    assert (october["median_resolution_days"], october["satisfaction_rate"]) == (4, 0.6667)
    assert {k: v["closed"] for k, v in october["by"]["outcome"].items()} == {
        "resolved": 2, "unresolved": 1}
    assert {k: v["opened"] for k, v in october["by"]["grid"].items()} == {
        "双塔社区/3号网格": 2, "双塔社区/4号网格": 1, "桂花社区/1号网格": 1}
    everything = models.summary(None, None)
    assert (everything["opened"], everything["closed"]) == (5, 3)

    # The same figures through the CLI.
    store = store_url(store_config)
    result = gongzhi(store, "report", "summary", "--since", "2026-10-01", "--until", "2026-10-31")
    assert json.loads(result.stdout) == october
    text = gongzhi(store, "report", "summary", "--since", "2026-10-01", "--until", "2026-10-31",
                   as_json=False).stdout
    assert "受理 4 件，结案 3 件（调解成功 2 件）" in text
    assert "网格内调解成功 1 件，占结案 33%" in text
    assert "解决率 66.7%；满意率 66.7%（回访到 3 件，无法回访 0 件）" in text
    assert "平均办结 5.17 天，中位数 4 天" in text
    gongzhi(store, "report", "summary", "--since", "2026-10-31", "--until", "2026-10-01",
            exit_code=2)


def test_report_as_of_reproduces_an_earlier_report(
    app: Gongzhi, clock: StepClock, store_config: StoreConfig,
) -> None:
    refs = seed_report_cases(app, close_b=False)
    store = store_url(store_config)
    october = ["report", "summary", "--since", "2026-10-01", "--until", "2026-10-31"]
    before = json.loads(gongzhi(store, *october).stdout)
    assert (before["closed"], before["resolved"]) == (2, 1)
    recorded_by = clock.now  # the last recording time so far

    # Later entries: B's closing, recorded late, and A reopened; plus a new October case.
    do(app, refs["B"], at(10, 19, "10:00"), "close", Outcome.RESOLVED, Satisfaction.SATISFIED)
    do(app, refs["A"], at(10, 20), "reopen", "问题复发")
    open_case(app, at(10, 30), GUIHUA_1, [Category.OTHER])
    after = json.loads(gongzhi(store, *october).stdout)
    assert (after["opened"], after["closed"], after["reopened"]) == (5, 3, 1)

    # --known-at is recorded time: the report exactly as it was given then.
    known = json.loads(gongzhi(store, *october, "--known-at", recorded_by.isoformat()).stdout)
    assert datetime.fromisoformat(known.pop("known_at")) == recorded_by  # the same instant
    assert known == before
    # The same moment in local time without a zone (GONGZHI_TZ) means the same instant.
    local = recorded_by.astimezone(local_tz()).strftime("%Y-%m-%d %H:%M:%S")
    again = json.loads(gongzhi(store, *october, "--known-at", local).stdout)
    assert {k: v for k, v in again.items() if k != "known_at"} == before
    # A moment after the late entries gives today's report.
    now = json.loads(gongzhi(store, *october, "--known-at", clock.now.isoformat()).stdout)
    assert {k: v for k, v in now.items() if k != "known_at"} == after


# -- export --------------------------------------------------------------------------------------


def parse_value(field: attrs.Attribute[Any], text: Any, from_csv: bool) -> Any:
    """A value as exported back into the row field's type."""
    kind, nullable = field.type, False
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        nullable = type(None) in typing.get_args(kind)
        kind = next(a for a in typing.get_args(kind) if a is not type(None))
    if text is None or (from_csv and nullable and text == ""):
        return None
    if kind is datetime:
        return datetime.fromisoformat(text)
    if kind is date:
        return date.fromisoformat(text)
    if kind in (int, float) and from_csv:
        return kind(text)
    if kind is bool and from_csv:
        return text == "True"
    return text


def exported_rows(models: ReadModels, table: str, records: list[dict[str, Any]],
                  from_csv: bool) -> dict[Any, Any]:
    row_class = next(r for p in models.projector.tables.values() for r, t in p.items()
                     if t.name == table)
    # The stored columns round-trip; those judged on read (overdue) are not stored, and
    # lists of codes are lists in JSON, one comma-joined cell in the table.
    records = [{k: ",".join(v) if isinstance(v, list) and k in LIST_COLUMNS.get(table, ()) else v
                for k, v in r.items() if k not in READ_TIME_COLUMNS.get(table, ())}
               for r in records]
    attrs.resolve_types(row_class)
    fields = attrs.fields(row_class)
    assert [list(r) for r in records[:1]] == [[f.name for f in fields]][:len(records)]
    return normalise([row_class(**{f.name: parse_value(f, r[f.name], from_csv) for f in fields})
                      for r in records])


def test_export_every_table_as_csv_and_json_with_chinese_intact(
    sqlite_app: Gongzhi, sqlite_config: StoreConfig, tmp_path: Path,
) -> None:
    seed_report_cases(sqlite_app)
    store = sqlite_config.path
    expected = folded_tables(sqlite_app)
    models = ReadModels(sqlite_app, sqlite_config)
    try:
        assert sorted(TABLES) == sorted(t.name for tables in models.projector.tables.values()
                                        for t in tables.values())
        for table in TABLES:
            plain = gongzhi(store, "export", table, "--format", "csv", as_json=False)
            assert not plain.stdout_bytes.startswith(codecs.BOM_UTF8)
            text = plain.stdout_bytes.decode("utf-8")
            assert text.startswith(table_header(models, table) + "\r\n")
            records = list(csv.DictReader(io.StringIO(text, newline="")))
            assert exported_rows(models, table, records, from_csv=True) == expected[table], table

            with_bom = gongzhi(store, "export", table, "--format", "csv", "--bom", as_json=False)
            assert with_bom.stdout_bytes.startswith(codecs.BOM_UTF8)
            assert with_bom.stdout_bytes[len(codecs.BOM_UTF8):] == plain.stdout_bytes

            as_json = gongzhi(store, "export", table, "--format", "json", as_json=False)
            records = json.loads(as_json.stdout_bytes.decode("utf-8"))
            assert exported_rows(models, table, records, from_csv=False) == expected[table], table
    finally:
        models.close()

    # Chinese stays Chinese: real UTF-8 characters, not escapes or replacement marks.
    csv_bytes = gongzhi(store, "export", "cases", as_json=False).stdout_bytes
    json_bytes = gongzhi(store, "export", "cases", "--format", "json", as_json=False).stdout_bytes
    for raw in (csv_bytes, json_bytes):
        assert "双塔社区".encode() in raw and "噪音".encode() in raw
        assert b"\\u" not in raw and "\ufffd".encode() not in raw
    cases = json.loads(json_bytes)
    assert {c["summary"] for c in cases} == {SUMMARY}
    by_csv = list(csv.DictReader(io.StringIO(csv_bytes.decode("utf-8"), newline="")))
    assert {c["summary"] for c in by_csv} == {SUMMARY}
    assert {c["respondent_count"] for c in by_csv} == {"1"}  # counted: names are personal data

    # To a file: the BOM only when asked.
    for bom in (True, False):
        target = tmp_path / f"commitments-{bom}.csv"
        gongzhi(store, "export", "commitments", "--format", "csv", *(["--bom"] if bom else []),
                "-o", str(target), as_json=False)
        raw = target.read_bytes()
        assert raw.startswith(codecs.BOM_UTF8) is bom
        (row,) = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
        assert (row["party"], row["duty"]) == ("r1", "加装油烟净化器")
        assert "party_name" not in row
    gongzhi(store, "export", "no_such_table", as_json=False, exit_code=2)


def table_header(models: ReadModels, table: str) -> str:
    """The stored columns, then those judged on read (adapters/read_shapes.py)."""
    stored = [c.name for c in models.projector.table(table).columns]
    return ",".join(stored + list(READ_TIME_COLUMNS.get(table, ())))


# -- projections status / rebuild ----------------------------------------------------------------


def test_projections_status_and_rebuild(app: Gongzhi, store_config: StoreConfig) -> None:
    store = store_url(store_config)
    refs = seed_report_cases(app)
    head = EventFeed(app).head()

    def status() -> dict[str, dict[str, Any]]:
        report = json.loads(gongzhi(store, "projections", "status").stdout)
        return {r["name"]: r for r in report if r["name"] in CASE_MODELS}

    fresh = status()
    assert set(fresh) == {"cases", "commitments", "case_stats"}
    for row in fresh.values():
        assert (row["position"], row["head"], row["lag"], row["state"]) == (0, head, head, "not built")
        assert set(row["rows"].values()) == {0}

    listed(store)  # `case list` catches up `cases` and `commitments`, not `case_stats`
    built = status()
    assert (built["cases"]["position"], built["cases"]["lag"], built["cases"]["state"]) == (
        head, 0, "ok")
    assert built["cases"]["rows"] == {"cases": 5, "case_categories": 6}
    assert built["commitments"]["rows"] == {"commitments": 1}
    assert built["case_stats"]["state"] == "not built"

    do(app, refs["D"], at(11, 1, "15:00"), "assign", "王芳")
    do(app, refs["E"], at(11, 1, "15:00"), "assign", "王芳")
    behind = status()
    assert (behind["cases"]["position"], behind["cases"]["head"], behind["cases"]["lag"]) == (
        head, head + 2, 2)
    text = gongzhi(store, "projections", "status", as_json=False).stdout
    assert "cases" in text and "case_categories=6" in text

    rebuilt = json.loads(gongzhi(store, "projections", "rebuild", "cases").stdout)
    assert rebuilt == {"rebuilt": {"cases": head + 2}}
    after = status()
    assert (after["cases"]["lag"], after["commitments"]["lag"]) == (0, 2)
    assert after["case_stats"]["state"] == "not built"
    assert after["cases"]["rows"] == {"cases": 5, "case_categories": 6}

    refused = gongzhi(store, "projections", "rebuild", "cases", "no_such", exit_code=2)
    assert "no_such" in refused.stderr and "case_stats" in refused.stderr
    assert status()["case_stats"]["state"] == "not built"  # nothing was rebuilt

    everything = json.loads(gongzhi(store, "projections", "rebuild").stdout)
    rebuilt = {name: n for name, n in everything["rebuilt"].items() if name in CASE_MODELS}
    assert rebuilt == dict.fromkeys(["cases", "commitments", "case_stats"], head + 2)
    final = status()
    assert {name: (r["lag"], r["state"]) for name, r in final.items()} == dict.fromkeys(
        final, (0, "ok"))
    assert final["case_stats"]["rows"]["case_facts"] == 5


def test_naming_a_projection_twice_in_rebuild_does_not_count_its_events_twice(
    app: Gongzhi, store_config: StoreConfig,
) -> None:
    seed_report_cases(app)
    store = store_url(store_config)
    october = ["report", "summary", "--since", "2026-10-01", "--until", "2026-10-31"]
    report, cases = json.loads(gongzhi(store, *october).stdout), listed(store)
    assert {k: report[k] for k in OCTOBER} == OCTOBER

    gongzhi(store, "projections", "rebuild", "case_stats", "cases", "case_stats", "cases")
    assert json.loads(gongzhi(store, *october).stdout) == report
    assert listed(store) == cases


def test_the_cli_refuses_a_rewritten_log_and_rebuild_repairs_it(
    sqlite_app: Gongzhi, sqlite_config: StoreConfig,
) -> None:
    refs = seed_report_cases(sqlite_app)
    store = sqlite_config.path
    listed(store)
    head = EventFeed(sqlite_app).head()
    with sqlite3.connect(store) as db:
        db.execute("DELETE FROM gongzhi_events WHERE rowid = ?", (head,))
    do(sqlite_app, refs["E"], at(11, 1, "12:00"), "add_note", "改写")

    refused = gongzhi(store, "case", "list", exit_code=1)
    assert "projections rebuild cases" in refused.stderr
    assert {r["name"]: r["state"] for r in json.loads(
        gongzhi(store, "projections", "status").stdout)}["cases"] == "log changed"
    gongzhi(store, "projections", "rebuild", "cases", "commitments")
    rows = listed(store)
    assert set(rows) == set(refs.values())
    assert rows[refs["E"]]["version"] == 2


@pytest.mark.postgres
def test_read_models_in_a_postgres_schema_of_their_own(pg_config: StoreConfig, clock: StepClock) -> None:
    """`--read-store postgresql://...?schema=reports`: a schema nobody created yet, as the
    event store's own schema is created on first use."""
    app = Gongzhi(pg_config, clock=clock)
    reports = attrs.evolve(pg_config, schema=f"{pg_config.schema}_reports")
    try:
        refs = seed_report_cases(app)
        rows = listed(store_url(pg_config), read_store=store_url(reports))
        assert set(rows) == set(refs.values())
        summary = json.loads(gongzhi(store_url(pg_config), "report", "summary", "--since",
                                     "2026-10-01", "--until", "2026-10-31",
                                     read_store=store_url(reports)).stdout)
        assert {k: summary[k] for k in OCTOBER} == OCTOBER
    finally:
        app.close()
        drop_schema(reports.schema)


def test_rebuild_repairs_rows_edited_by_hand(
    app: Gongzhi, models: ReadModels,
) -> None:
    """Catch-up only applies new events; `rebuild` replaces whatever is in the tables."""
    refs = seed_report_cases(app)
    models.catch_up()
    cases = models.projector.table("cases")
    with models.engine.begin() as conn:
        conn.execute(update(cases).where(cases.c.ref == refs["A"]).values(summary="手工改过"))
    assert models.catch_up() == dict.fromkeys(models.names, 0)
    assert sql_tables(models)["cases"][(refs["A"],)]["summary"] == "手工改过"
    models.rebuild("cases")
    assert_same(sql_tables(models), folded_tables(app))


def test_times_read_back_are_the_same_instants(app: Gongzhi, models: ReadModels) -> None:
    refs = seed_report_cases(app)
    models.catch_up()
    row = sql_tables(models)["cases"][(refs["D"],)]
    assert row["opened_at"] == datetime(2026, 10, 31, 15, 30, tzinfo=UTC)
    fact = sql_tables(models)["case_facts"][(refs["D"],)]
    assert fact["opened_on"] == date(2026, 10, 31)
