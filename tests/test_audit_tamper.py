"""Tampering with the stored log directly in the database, and what `audit verify` says.

Each test builds a real store through the application (three cases whose
events interleave in the log), seals it with `gongzhi audit seal`, then
changes the table behind the application's back with sqlite3 or psycopg, the
way someone with database access would: edit an event's bytes, delete rows,
swap rows, insert a forged row, or rewrite every hash consistently. Then
`gongzhi audit verify` (through click's CliRunner, --json for the report)
must exit 1 and name each problem with its kind, aggregate and version.

Runs on SQLite and on PostgreSQL (skipped, with the reason, if no server).

The log every test starts from (notification positions on a fresh store):

    1 C1 v1 Opened             6 C2 v2 MediatorAssigned
    2 C2 v1 Opened             7 C2 v3 NoteAdded
    3 C3 v1 Opened             8 C3 v2 MediatorAssigned
    4 C1 v2 MediatorAssigned   9 C3 v3 NoteAdded
    5 C1 v3 NoteAdded         10 C1 v4 NoteAdded
                              11 SEAL-000001 v1 Sealed (head 10)

Tests look positions up by (aggregate, version) rather than trusting these numbers.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from adapters.app import Gongzhi
from adapters.hashing import GENESIS, event_hash, log_hash
from adapters.settings import StoreConfig
from cli import cli
from tests.conftest import CST, PG_URL, StepClock, open_restaurant_case

C1, C2, C3 = "C2026-000001", "C2026-000002", "C2026-000003"
SEAL = "SEAL-000001"
NOTE_TOPIC = "domain.case:Case.NoteAdded"
OPENED_TOPIC = "domain.case:Case.Opened"



# -- direct access to the table, bypassing the application ------------------------------------


class RawTable:
    """The events table as an attacker with database access sees it.

    `pos` is the column that orders the log: SQLite's rowid, PostgreSQL's notification_id.
    """

    def __init__(self, config: StoreConfig) -> None:
        self.config = config
        self.conn: Any
        if config.kind == "sqlite":
            self.conn = sqlite3.connect(config.path, isolation_level=None)
            self.pos, self.mark, self.table = "rowid", "?", "gongzhi_events"
        else:
            import psycopg

            self.conn = psycopg.connect(host=config.host, port=config.port, user=config.user,
                                        dbname=config.dbname, password=config.password or None,
                                        autocommit=True)
            self.pos, self.mark = "notification_id", "%s"
            self.table = f'"{config.schema}".gongzhi_events'
            # A superuser can switch the append-only trigger off, as an attacker would.
            self.conn.execute("SET session_replication_role = replica")

    def sql(self, statement: str, *params: Any) -> list[tuple[Any, ...]]:
        statement = statement.format(t=self.table, pos=self.pos).replace("?", self.mark)
        cursor = self.conn.execute(statement, params)
        return list(cursor.fetchall()) if cursor.description else []

    def rows(self) -> list[tuple[Any, ...]]:
        """(position, aggregate, version, topic, state, event_hash, log_hash) in log order."""
        return [(r[0], r[1], r[2], r[3], bytes(r[4]), bytes(r[5]), bytes(r[6])) for r in self.sql(
            "SELECT {pos}, originator_id, originator_version, topic, state, event_hash, "
            "log_hash FROM {t} ORDER BY {pos}")]

    def position(self, aggregate: str, version: int) -> int:
        [(pos,)] = self.sql("SELECT {pos} FROM {t} WHERE originator_id = ? AND "
                            "originator_version = ?", aggregate, version)
        return int(pos)

    def state(self, pos: int) -> bytes:
        [(state,)] = self.sql("SELECT state FROM {t} WHERE {pos} = ?", pos)
        return bytes(state)

    def set_state(self, pos: int, state: bytes) -> None:
        self.sql("UPDATE {t} SET state = ? WHERE {pos} = ?", state, pos)

    def delete(self, pos: int) -> None:
        self.sql("DELETE FROM {t} WHERE {pos} = ?", pos)

    def move(self, old: int, new: int) -> None:
        self.sql("UPDATE {t} SET {pos} = ? WHERE {pos} = ?", new, old)

    def swap_positions(self, a: int, b: int) -> None:
        self.move(a, -1)
        self.move(b, a)
        self.move(-1, b)

    def make_room(self, at: int) -> None:
        """Move every row from `at` on one position up (in two steps: positions are unique)."""
        self.sql("UPDATE {t} SET {pos} = {pos} + 1000000 WHERE {pos} >= ?", at)
        self.sql("UPDATE {t} SET {pos} = {pos} - 999999 WHERE {pos} >= 1000000")

    def insert(self, pos: int, aggregate: str, version: int, topic: str, state: bytes,
               digest: bytes, tail: bytes) -> None:
        self.sql("INSERT INTO {t} ({pos}, originator_id, originator_version, topic, state, "
                 "event_hash, log_hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                 pos, aggregate, version, topic, state, digest, tail)

    def head(self) -> int:
        return int(self.sql("SELECT MAX({pos}) FROM {t}")[0][0])

    def recompute_hashes(self) -> None:
        """What a careful attacker does after editing: make every stored hash consistent again."""
        heads: dict[str, bytes] = {}
        tail = GENESIS
        for pos, aggregate, version, topic, state, _, _ in self.rows():
            digest = event_hash(heads.get(aggregate, GENESIS), aggregate, version, topic, state)
            heads[aggregate] = digest
            tail = log_hash(tail, digest)
            self.sql("UPDATE {t} SET event_hash = ?, log_hash = ? WHERE {pos} = ?",
                     digest, tail, pos)

    def close(self) -> None:
        self.conn.close()


def store_arg(config: StoreConfig) -> str:
    """The --store value for a config (keeps the test server's URL, credentials included)."""
    if config.kind == "sqlite":
        return config.path
    return f"{PG_URL}{'&' if '?' in PG_URL else '?'}schema={config.schema}"


def gongzhi(config: StoreConfig | str, *args: str) -> Result:
    store = config if isinstance(config, str) else store_arg(config)
    return CliRunner().invoke(cli, ["--store", store, "--lang", "en", "--actor", "审计员", *args])


def verify(config: StoreConfig | str, *args: str) -> tuple[int, dict[str, Any]]:
    result = gongzhi(config, "--json", "audit", "verify", *args)
    crashed = result.exception if not isinstance(result.exception, SystemExit) else None
    assert crashed is None, f"audit verify crashed: {crashed!r}"
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def named(report: dict[str, Any], *,
          seals: bool = False) -> list[tuple[str, str | None, int | None]]:
    """The problems as (kind, aggregate, version), without the seal verdicts unless asked."""
    return sorted((p["kind"], p["aggregate"], p["version"]) for p in report["problems"]
                  if seals or p["kind"] not in ("seal_mismatch", "against_mismatch",
                                                "no_trailer", "trailer_mismatch"))


def seal_failed(report: dict[str, Any]) -> bool:
    mismatches = [p for p in report["problems"] if p["kind"] == "seal_mismatch"]
    return [s["ok"] for s in report["seals"]] == [False] and \
        [p["aggregate"] for p in mismatches] == [SEAL]


# -- the store every test starts from --------------------------------------------------------


def build_sealed(config: StoreConfig) -> tuple[StoreConfig, RawTable, str]:
    """Three cases, ten events interleaved in the log, sealed: (config, table, seal hash)."""
    app = Gongzhi(config, clock=StepClock())
    try:
        refs = [open_restaurant_case(app, at=datetime(2026, 10, 8 + i, 21, 30, tzinfo=CST)).id
                for i in range(3)]
        for ref in refs:
            app.change(ref, lambda c: c.assign("王调解员", app.stamp("李调解员")))
            app.change(ref, lambda c: c.add_note("已电话联系双方", app.stamp("李调解员")))
        app.change(C1, lambda c: c.add_note("约定周五现场调解", app.stamp("李调解员")))
    finally:
        app.close()
    assert refs == [C1, C2, C3]
    result = gongzhi(config, "--json", "audit", "seal")
    assert result.exit_code == 0, result.output
    return config, RawTable(config), json.loads(result.stdout)["log_hash"]


@pytest.fixture
def sealed(store_config: StoreConfig) -> Iterator[tuple[StoreConfig, RawTable, str]]:
    built = build_sealed(store_config)
    yield built
    built[1].close()


@pytest.fixture
def sealed_sqlite(sqlite_config: StoreConfig) -> Iterator[tuple[StoreConfig, RawTable, str]]:
    built = build_sealed(sqlite_config)
    yield built
    built[1].close()


# -- a clean store -----------------------------------------------------------------------------


def test_untouched_store_verifies_ok(sealed: tuple[StoreConfig, RawTable, str]) -> None:
    config, table, seal_hash = sealed
    code, report = verify(config)
    assert code == 0
    assert report["ok"] is True and report["problems"] == []
    assert (report["events"], report["streams"]) == (11, 4)
    assert report["seals"] == [{"ref": SEAL, "head": table.position(C1, 4),
                                "log_hash": seal_hash, "ok": True}]
    text = gongzhi(config, "audit", "verify")
    assert text.exit_code == 0
    assert "OK: nothing was altered" in text.stdout
    assert "Checked 11 events in 4 streams and 1 seals" in text.stdout


# -- (a) changed bytes -------------------------------------------------------------------------


def test_altered_event_bytes_are_named_as_changed(
        sealed: tuple[StoreConfig, RawTable, str]) -> None:
    config, table, _ = sealed
    pos = table.position(C2, 3)
    original = table.state(pos)
    assert "已电话联系双方".encode() in original
    table.set_state(pos, original.replace("已电话联系双方".encode(), "双方拒绝调解".encode()))

    code, report = verify(config)
    assert code == 1
    assert report["ok"] is False
    assert named(report) == [("changed", C2, 3)]
    [changed] = [p for p in report["problems"] if p["kind"] == "changed"]
    assert changed["notification_id"] == pos
    assert seal_failed(report)

    text = gongzhi(config, "audit", "verify")
    assert text.exit_code == 1
    assert "FAILED: 2 problem(s)" in text.stdout
    assert "changed data" in text.stdout and C2 in text.stdout


def test_state_edited_with_sql_text_functions_is_named_as_changed(
        sealed_sqlite: tuple[StoreConfig, RawTable, str]) -> None:
    """The obvious edit in the sqlite3 shell: replace() on the column (SQLite then stores TEXT)."""
    config, table, _ = sealed_sqlite
    pos = table.position(C2, 3)
    table.sql("UPDATE {t} SET state = replace(state, '已电话联系双方', '双方拒绝调解') "
              "WHERE {pos} = ?", pos)
    assert table.sql("SELECT typeof(state) FROM {t} WHERE {pos} = ?", pos) == [("text",)]

    code, report = verify(config)
    assert code == 1
    assert sorted(named(report)) == [("changed", C2, 3), ("retyped", C2, 3)]  # TEXT, not BLOB


def test_altered_seal_is_named_as_changed(sealed: tuple[StoreConfig, RawTable, str]) -> None:
    """Moving the seal's head back a little: the seal's own stream chain catches it."""
    config, table, _ = sealed
    pos = table.position(SEAL, 1)
    forged = json.loads(table.state(pos))
    forged["head"] -= 1
    table.set_state(pos, json.dumps(forged).encode())

    code, report = verify(config)
    assert code == 1
    assert ("changed", SEAL, 1) in named(report)


def test_seal_whose_bytes_no_longer_parse_is_named_as_changed(
        sealed: tuple[StoreConfig, RawTable, str]) -> None:
    config, table, _ = sealed
    pos = table.position(SEAL, 1)
    table.set_state(pos, table.state(pos)[:-5])  # cut short: no longer JSON

    code, report = verify(config)
    assert code == 1
    assert ("changed", SEAL, 1) in named(report)


# -- (b) deleted events ------------------------------------------------------------------------


def test_event_deleted_from_the_middle_of_a_stream_is_named(
        sealed: tuple[StoreConfig, RawTable, str]) -> None:
    config, table, _ = sealed
    table.delete(table.position(C1, 3))

    code, report = verify(config)
    assert code == 1
    assert ("deleted", C1, 3) in named(report)
    assert {kind for kind, _, _ in named(report)} == {"deleted"}
    assert report["events"] == 10
    assert seal_failed(report)


def test_deletion_in_the_middle_of_a_stream_names_no_intact_event(
        sealed: tuple[StoreConfig, RawTable, str]) -> None:
    """C1 v3 is gone; C2 v2, next in the log, is intact and must not be reported as deleted."""
    config, table, _ = sealed
    table.delete(table.position(C1, 3))

    code, report = verify(config)
    assert code == 1
    assert named(report) == [("deleted", C1, 3)]


def test_last_event_of_a_stream_deleted_breaks_the_log_where_it_stood(
        sealed: tuple[StoreConfig, RawTable, str]) -> None:
    """Nothing names C3 v3 any more; the break in the log says where an event went missing."""
    config, table, _ = sealed
    before, gone, after = (table.position(C3, 2), table.position(C3, 3),
                           table.position(C1, 4))
    table.delete(gone)

    code, report = verify(config)
    assert code == 1
    deleted = [p for p in report["problems"] if p["kind"] == "deleted"]
    assert [p["notification_id"] for p in deleted] == [after]
    assert f"between notification {before} and {after}" in deleted[0]["detail"]
    assert deleted[0]["aggregate"] is None  # what remains cannot tell whose event it was
    assert {kind for kind, _, _ in named(report)} == {"deleted"}
    assert seal_failed(report)


# -- (c) reordered events ----------------------------------------------------------------------


@pytest.mark.parametrize("first, second", [
    pytest.param((C1, 3), (C2, 2), id="neighbours-of-two-streams"),
    pytest.param((C2, 2), (C2, 3), id="neighbours-of-one-stream"),
])
def test_swapped_log_positions_are_named_as_reordered(
        sealed: tuple[StoreConfig, RawTable, str], first: tuple[str, int],
        second: tuple[str, int]) -> None:
    config, table, _ = sealed
    a, b = table.position(*first), table.position(*second)
    table.swap_positions(a, b)
    assert table.position(*first) == b

    code, report = verify(config)
    assert code == 1
    assert named(report) == sorted([("reordered", *first), ("reordered", *second)])
    where = {(p["aggregate"], p["version"]): p["notification_id"] for p in report["problems"]}
    assert where[first] == b and where[second] == a
    assert seal_failed(report)


def test_distant_events_swapped_are_named_as_reordered(
        sealed: tuple[StoreConfig, RawTable, str]) -> None:
    config, table, _ = sealed
    a, b = table.position(C2, 1), table.position(C3, 3)
    table.swap_positions(a, b)

    code, report = verify(config)
    assert code == 1
    assert {("reordered", C2, 1), ("reordered", C3, 3)} <= set(named(report))
    assert {kind for kind, _, _ in named(report)} == {"reordered"}
    assert seal_failed(report)


@pytest.mark.parametrize("first, second", [
    pytest.param(3, 4, id="notes-v3-v4"),
    pytest.param(2, 3, id="assignment-v2-note-v3"),
])
def test_swapped_bytes_of_two_versions_are_named_as_reordered(
        sealed: tuple[StoreConfig, RawTable, str], first: int, second: int) -> None:
    config, table, _ = sealed
    a, b = table.position(C1, first), table.position(C1, second)
    state_a, state_b = table.state(a), table.state(b)
    table.set_state(a, state_b)
    table.set_state(b, state_a)

    code, report = verify(config)
    assert code == 1
    assert named(report) == [("reordered", C1, first), ("reordered", C1, second)]
    assert sorted(p["notification_id"] for p in report["problems"]
                  if p["kind"] == "reordered") == [a, b]
    assert seal_failed(report)


# -- (d) inserted events -----------------------------------------------------------------------


def forged_note(table: RawTable, text: str) -> bytes:
    """A plausible NoteAdded body: a real one with its text changed."""
    return table.state(table.position(C1, 4)).replace("约定周五现场调解".encode(), text.encode())


def test_forged_event_appended_at_the_end_is_named_as_inserted(
        sealed: tuple[StoreConfig, RawTable, str]) -> None:
    config, table, _ = sealed
    end = table.head() + 1
    table.insert(end, C2, 4, NOTE_TOPIC, forged_note(table, "投诉人同意撤诉"),
                 bytes(range(32)), bytes(range(32, 64)))

    code, report = verify(config)
    assert code == 1
    assert report["problems"] == [{
        "kind": "inserted", "notification_id": end, "aggregate": C2, "version": 4,
        "detail": report["problems"][0]["detail"]}]
    assert [s["ok"] for s in report["seals"]] == [True]  # everything sealed is intact


@pytest.mark.parametrize("aggregate, version, topic", [
    pytest.param("C2026-000004", 1, OPENED_TOPIC, id="a-case-that-never-was"),
    pytest.param(C1, 5, NOTE_TOPIC, id="a-note-on-an-existing-case"),
])
def test_forged_event_slipped_between_notifications_is_named_as_inserted(
        sealed: tuple[StoreConfig, RawTable, str], aggregate: str, version: int,
        topic: str) -> None:
    config, table, _ = sealed
    at = table.position(C2, 2)
    state = (table.state(table.position(C3, 1)).replace(C3.encode(), aggregate.encode())
             if topic == OPENED_TOPIC else forged_note(table, "投诉人同意撤诉"))
    table.make_room(at)
    table.insert(at, aggregate, version, topic, state, bytes(32), bytes([7]) * 32)
    assert table.position(C2, 2) == at + 1

    code, report = verify(config)
    assert code == 1
    assert named(report) == [("inserted", aggregate, version)]
    [inserted] = [p for p in report["problems"] if p["kind"] == "inserted"]
    assert inserted["notification_id"] == at
    assert seal_failed(report)


# -- a consistent rewrite: only the seal (and a published hash) can tell -----------------------


def alter_mediator(table: RawTable) -> None:
    pos = table.position(C1, 2)
    table.set_state(pos, table.state(pos).replace("王调解员".encode(), "赵调解员".encode()))


def test_rewrite_with_recomputed_hashes_fails_on_the_recorded_seal(
        sealed: tuple[StoreConfig, RawTable, str]) -> None:
    config, table, seal_hash = sealed
    alter_mediator(table)
    table.recompute_hashes()

    code, report = verify(config)
    assert code == 1
    # The seal, and the head this machine remembered when sealing, both tell.
    assert [(p["kind"], p["aggregate"], p["notification_id"]) for p in report["problems"]] == [
        ("head_mismatch", None, None), ("seal_mismatch", SEAL, table.position(SEAL, 1))]
    assert report["seals"][0]["ok"] is False
    assert seal_hash[:16] in report["problems"][1]["detail"]


def test_rewrite_that_also_forges_the_seal_fails_against_the_published_hash(
        sealed: tuple[StoreConfig, RawTable, str]) -> None:
    config, table, seal_hash = sealed
    alter_mediator(table)
    table.recompute_hashes()
    seal_pos = table.position(SEAL, 1)
    forged = json.loads(table.state(seal_pos))
    forged["log_hash"] = next(r[6] for r in table.rows() if r[0] == forged["head"]).hex()
    table.set_state(seal_pos, json.dumps(forged).encode())
    table.recompute_hashes()
    shutil.rmtree(os.environ["XDG_STATE_HOME"])  # an auditor's machine that never verified it

    code, report = verify(config)
    assert code == 0  # the stored log is consistent with itself again ...
    code, report = verify(config, "--against", seal_hash)
    assert code == 1  # ... but not with the hash published at sealing time
    assert [p["kind"] for p in report["problems"]] == ["against_mismatch"]
    assert report["against_matched_at"] is None


# -- verify --against a published seal hash ----------------------------------------------------


@pytest.mark.parametrize("form", ["full", "prefix16", "prefix40-upper"])
def test_against_the_published_seal_hash_passes(
        sealed: tuple[StoreConfig, RawTable, str], form: str) -> None:
    config, table, seal_hash = sealed
    given = {"full": seal_hash, "prefix16": seal_hash[:16],
             "prefix40-upper": seal_hash[:40].upper()}[form]
    code, report = verify(config, "--against", given)
    assert code == 0, report
    assert report["against_matched_at"] == table.position(C1, 4)
    text = gongzhi(config, "audit", "verify", "--against", given)
    assert text.exit_code == 0
    assert f"The log up to notification {table.position(C1, 4)} matches the hash" in text.stdout


def test_against_fails_after_tampering_before_the_seal_head(
        sealed: tuple[StoreConfig, RawTable, str]) -> None:
    config, table, seal_hash = sealed
    pos = table.position(C3, 2)
    table.set_state(pos, table.state(pos).replace("王调解员".encode(), "赵调解员".encode()))

    code, report = verify(config, "--against", seal_hash[:16])
    assert code == 1
    assert ("against_mismatch", None, None) in named(report, seals=True)
    assert ("changed", C3, 2) in named(report)


def test_against_still_matches_when_only_events_after_the_seal_were_altered(
        sealed: tuple[StoreConfig, RawTable, str]) -> None:
    config, table, seal_hash = sealed
    app = Gongzhi(config, clock=StepClock(datetime(2026, 11, 2, 9, 0, tzinfo=CST)))
    try:
        app.change(C3, lambda c: c.add_note("封存后的记录", app.stamp("李调解员")))
    finally:
        app.close()
    pos = table.position(C3, 4)
    table.set_state(pos, table.state(pos).replace("封存后的记录".encode(), "改过的记录".encode()))

    code, report = verify(config, "--against", seal_hash)
    assert code == 1
    assert report["against_matched_at"] == table.position(C1, 4)
    assert named(report, seals=True) == [("changed", C3, 4)]


def test_against_rejects_a_hash_too_short_to_mean_anything(
        sealed: tuple[StoreConfig, RawTable, str]) -> None:
    config, _, seal_hash = sealed
    result = gongzhi(config, "audit", "verify", "--against", seal_hash[:15])
    assert result.exit_code == 2
    assert "16 to 64 hex digits" in result.stderr


# -- export, and verifying the archive offline -------------------------------------------------


def export(config: StoreConfig, path: Path, *args: str) -> list[dict[str, Any]]:
    result = gongzhi(config, "audit", "export", "-o", str(path), *args)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert "trailer" in lines[-1]
    return lines[:-1]  # header and events (a rewritten archive here has no trailer)


def write_lines(path: Path, records: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")


def offline(tmp_path: Path) -> str:
    """A --store that does not exist: verifying an archive needs no database."""
    return str(tmp_path / "no-such-store.db")


def test_full_export_verifies_offline_and_a_tampered_line_fails(
        sealed: tuple[StoreConfig, RawTable, str], tmp_path: Path) -> None:
    config, table, seal_hash = sealed
    archive = tmp_path / "archive.jsonl"
    records = export(config, archive)
    header, events = records[0], records[1:]
    assert header["format"] == "gongzhi-audit-export" and header["after"] == 0
    assert [(e["n"], e["aggregate"], e["version"]) for e in events] == [
        (pos, agg, ver) for pos, agg, ver, *_ in table.rows()]
    assert [e["event_hash"] for e in events] == [r[5].hex() for r in table.rows()]

    code, report = verify(offline(tmp_path), "--file", str(archive), "--against", seal_hash)
    assert code == 0, report
    assert (report["events"], report["streams"]) == (11, 4)
    assert [s["ok"] for s in report["seals"]] == [True]
    assert report["against_matched_at"] == table.position(C1, 4)
    assert not Path(offline(tmp_path)).exists()

    tampered = tmp_path / "tampered.jsonl"
    line = next(e for e in events if (e["aggregate"], e["version"]) == (C2, 3))
    line["state"] = line["state"].replace("已电话联系双方", "双方拒绝调解")
    write_lines(tampered, records)
    code, report = verify(offline(tmp_path), "--file", str(tampered))
    assert code == 1
    assert named(report) == [("changed", C2, 3)]
    assert seal_failed(report)

    dropped = tmp_path / "dropped.jsonl"
    write_lines(dropped, [r for r in records if (r.get("aggregate"), r.get("version"))
                          != (C3, 2)])
    code, report = verify(offline(tmp_path), "--file", str(dropped))
    assert code == 1
    assert ("deleted", C3, 2) in named(report)


def test_partial_export_since_a_notification_verifies_offline(
        sealed: tuple[StoreConfig, RawTable, str], tmp_path: Path) -> None:
    config, table, seal_hash = sealed
    since = table.position(C1, 2)
    archive = tmp_path / "since.jsonl"
    records = export(config, archive, "--since", str(since))
    header, events = records[0], records[1:]
    before = [r for r in table.rows() if r[0] <= since]
    assert (header["after"], header["events_before"]) == (since, len(before))
    assert header["prev_log_hash"] == before[-1][6].hex()
    assert [e["n"] for e in events] == [r[0] for r in table.rows() if r[0] > since]

    code, report = verify(offline(tmp_path), "--file", str(archive), "--against", seal_hash)
    assert code == 0, report
    assert [s["ok"] for s in report["seals"]] == [True]

    line = next(e for e in events if (e["aggregate"], e["version"]) == (C1, 4))
    line["state"] = line["state"].replace("约定周五现场调解", "约定下周现场调解")
    tampered = tmp_path / "since-tampered.jsonl"
    write_lines(tampered, records)
    code, report = verify(offline(tmp_path), "--file", str(tampered))
    assert code == 1
    assert named(report) == [("changed", C1, 4)]


def test_bytes_that_are_not_text_survive_export_and_fail_offline(
        sealed: tuple[StoreConfig, RawTable, str], tmp_path: Path) -> None:
    config, table, _ = sealed
    pos = table.position(C2, 3)
    table.set_state(pos, table.state(pos)[:-3] + b"\xff\xfe}")
    archive = tmp_path / "archive.jsonl"
    records = export(config, archive)
    assert "state_b64" in next(r for r in records if r.get("n") == pos)

    code, report = verify(offline(tmp_path), "--file", str(archive))
    assert code == 1
    assert named(report) == [("changed", C2, 3)]


def test_export_of_a_tampered_store_fails_offline_as_the_store_does(
        sealed: tuple[StoreConfig, RawTable, str], tmp_path: Path) -> None:
    config, table, _ = sealed
    table.swap_positions(table.position(C1, 3), table.position(C2, 2))
    archive = tmp_path / "archive.jsonl"
    export(config, archive)
    code_db, from_db = verify(config)
    code_file, from_file = verify(offline(tmp_path), "--file", str(archive))
    assert code_db == code_file == 1
    assert from_file["problems"] == from_db["problems"]
