"""Time travel over a case's history: `audit replay` (--version, --as-of, --step) and `audit history`.

The property: for a random history of one case (random commands through the
application; those the rules refuse record nothing and are skipped), the state
that `adapters.replay.upto(rows, version=N)` and `gongzhi audit replay REF
--version N --json` show equals the state after the first N events, for every
N, computed two other ways: the application's own repository
(`app.get_case(ref, version=N)`) and a plain fold of the first N decoded
events with `event.mutate`. Recording times come from a StepClock (one minute
per reading), so `--as-of` can be checked against the exact recording times.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import event as note_for_statistics
from hypothesis import strategies as st

from adapters.app import Gongzhi
from adapters.case_view import case_document
from adapters.log_reader import SQLiteLogReader
from adapters.replay import upto
from adapters.settings import StoreConfig
from cli import cli
from domain.case import Case
from domain.errors import DomainError
from domain.values import PartySpec, ReferralRequest, Stamp
from domain.vocabulary import Level, Outcome, Satisfaction, StatementKind
from tests.conftest import CST, StepClock, open_restaurant_case

ACTOR = "李调解员"
FAR_DUE = date(2099, 12, 31)  # never overdue, whatever day the test runs


# "Now" for every command: after every recording time the tests make (StepClock starts
# on 2026-11-01), so no result depends on the day the tests run.
NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
TODAY = NOW.astimezone(CST).date()


def gongzhi(store: Path, *args: str, lang: str = "en") -> Result:
    result = CliRunner().invoke(cli, ["--store", str(store), "--lang", lang, *args],
                                obj={"clock": lambda: NOW})
    crashed = result.exception if not isinstance(result.exception, SystemExit) else None
    assert crashed is None, f"gongzhi {' '.join(args)} crashed: {crashed!r}"
    return result


def gongzhi_json(store: Path, *args: str) -> Any:
    result = gongzhi(store, "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def plain(document: dict[str, Any]) -> Any:
    """A document as it comes back from --json."""
    return json.loads(json.dumps(document, ensure_ascii=False, default=str))


# -- random histories ---------------------------------------------------------------------------

Command = Callable[[Case, Stamp, int, bool], Any]


def pick(choices: list[str], k: int, fallback: str) -> str:
    """The k-th of what the case has now (so most answers and settlements find their target)."""
    return choices[k % len(choices)] if choices else fallback


COMMANDS: dict[str, Command] = {
    "join": lambda c, s, k, f: c.join(PartySpec(["李先生", "王阿姨", "赵大爷"][k]), s),
    "assign": lambda c, s, k, f: c.assign(["王调解员", "刘调解员", "陈调解员"][k], s,
                                          "换人" if f else None),
    "statement": lambda c, s, k, f: c.record_statement(
        pick(list(c.party_keys), k, "c1"),
        StatementKind.DEMAND if f else StatementKind.STATEMENT, f"陈述{k}", s),
    "propose": lambda c, s, k, f: c.propose(pick(["mediator", *c.party_keys], k, "c1"),
                                            f"方案{k}", s),
    "counter": lambda c, s, k, f: c.propose(pick(list(c.party_keys), k + 1, "r1"),
                                            f"反方案{k}", s,
                                            in_reply_to=pick(sorted(c.proposals), k, "P1")),
    "answer": lambda c, s, k, f: c.answer(pick(sorted(c.proposals), k, "P1"),
                                          pick(list(c.party_keys), k + f, "c1"), k != 2, s,
                                          "不同意" if k == 2 else None),
    "refer": lambda c, s, k, f: c.refer([ReferralRequest(["环保", "派出所", "物业"][k],
                                                         "请核实")], s),
    "respond": lambda c, s, k, f: c.record_response(
        pick([r.department for r in c.referrals if not r.answered], k, "环保"), "已核实", s),
    "escalate": lambda c, s, k, f: c.escalate(Level.SUBDISTRICT if f else Level.COMMUNITY,
                                              "升级处理", s),
    "spot_check": lambda c, s, k, f: c.record_spot_check(
        datetime(2026, 10, 20, 22, 0, tzinfo=CST), datetime(2026, 10, 20, 23, 0, tzinfo=CST),
        ["执法员甲"], f"检查{k}", f, False, s),
    "commit": lambda c, s, k, f: c.commit(pick(list(c.party_keys), k, "r1"), f"义务{k}",
                                          FAR_DUE, s),
    "settle": lambda c, s, k, f: c.settle_commitment(
        pick([x.id for x in c.open_commitments], k, "K1"), f, s),
    "agree": lambda c, s, k, f: c.agree("双方同意22点后停止营业", s),
    "fail": lambda c, s, k, f: c.fail("双方分歧太大", s),
    "close": lambda c, s, k, f: c.close(list(Outcome)[k + (1 if f else 0)],
                                        Satisfaction.SATISFIED, s),
    "reopen": lambda c, s, k, f: c.reopen("投诉人再次来电", s),
    "note": lambda c, s, k, f: c.add_note(f"备注{k}", s),  # made unique in record_history
}

# How often each command comes up: negotiation steps often, the ones that end it rarely,
# so histories get long and reach every kind of event.
WEIGHTS = {"note": 3, "statement": 3, "propose": 3, "counter": 2, "answer": 5, "commit": 2,
           "settle": 2, "refer": 2, "respond": 2, "join": 2, "assign": 2, "escalate": 1,
           "spot_check": 1, "agree": 1, "fail": 1, "close": 2, "reopen": 2}
assert set(WEIGHTS) == set(COMMANDS)
WEIGHTED = [name for name, weight in sorted(WEIGHTS.items()) for _ in range(weight)]
steps_strategy = st.lists(
    st.tuples(st.sampled_from(WEIGHTED), st.integers(0, 2), st.booleans()),
    min_size=8, max_size=30,
)


def record_history(app: Gongzhi, clock: StepClock,
                   steps: list[tuple[str, int, bool]]) -> tuple[str, list[datetime]]:
    """Run the commands the rules allow; return the case and each version's recording time."""
    ref = open_restaurant_case(app).id
    recorded = [clock.now]
    for i, (name, k, flag) in enumerate(steps):
        def command(case: Case, name: str = name, k: int = k, flag: bool = flag,
                    i: int = i) -> Any:
            if name == "note":
                return case.add_note(f"备注{i}", app.stamp(ACTOR))
            return COMMANDS[name](case, app.stamp(ACTOR), k, flag)

        try:
            done = app.change(ref, command)
        except DomainError:
            continue  # refused: nothing recorded (the clock moved on all the same)
        recorded += [clock.now] * len(done.events)
    return ref, recorded


def fold(app: Gongzhi, ref: str, n: int) -> Any:
    """The state after the first n events: a plain fold of freshly decoded events."""
    aggregate = None
    for event in app.events.get(ref, lte=n):
        aggregate = event.mutate(aggregate)
    return aggregate


def differing(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    return {k for k in after if k != "version" and before.get(k) != after[k]}


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(steps=steps_strategy)
def test_replay_shows_the_state_after_the_first_n_events(
        steps: list[tuple[str, int, bool]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "gongzhi.db"
        clock = StepClock()
        app = Gongzhi(StoreConfig.parse(str(store)), clock=clock)
        try:
            ref, recorded = record_history(app, clock, steps)
            # Shown by --hypothesis-show-statistics: how long and varied the histories are.
            note_for_statistics(f"versions {len(recorded) // 5 * 5}-{len(recorded) // 5 * 5 + 4}")
            for recorded_event in app.events.get(ref):
                note_for_statistics(type(recorded_event).__name__)
            check_history(app, store, ref, recorded)
        finally:
            app.close()


def check_history(app: Gongzhi, store: Path, ref: str, recorded: list[datetime]) -> None:
    today = TODAY
    reader = SQLiteLogReader(str(store))
    try:
        rows = reader.stream(ref)
    finally:
        reader.close()
    versions = len(recorded)
    assert [r.version for r in rows] == list(range(1, versions + 1))
    assert app.get_case(ref).version == versions

    expected = {n: plain(case_document(app.get_case(ref, version=n), today))
                for n in range(1, versions + 1)}
    for n in range(1, versions + 1):
        assert plain(case_document(fold(app, ref, n), today)) == expected[n]
        found = upto(rows, version=n, keys=app.keys)
        assert found is not None
        event, state = found
        assert event.originator_version == n
        assert plain(case_document(state, today)) == expected[n]
        assert gongzhi_json(store, "audit", "replay", ref, "--version", str(n)) == expected[n]

    # --known-at: the last version recorded at or before the moment.
    def version_as_of(moment: datetime) -> int:
        found = upto(rows, known_by=moment, keys=app.keys)
        return found[0].originator_version if found else 0

    for n, moment in enumerate(recorded, 1):
        assert version_as_of(moment - timedelta(seconds=1)) == n - 1
        assert version_as_of(moment) == n
        assert version_as_of(moment + timedelta(seconds=59)) == n
    n = versions // 2 + 1
    for moment in (recorded[n - 1], recorded[n - 1] + timedelta(seconds=59)):
        assert gongzhi_json(store, "audit", "replay", ref, "--known-at",
                            moment.isoformat()) == expected[n]
    too_early = gongzhi(store, "audit", "replay", ref, "--known-at",
                        (recorded[0] - timedelta(minutes=1)).isoformat())
    assert too_early.exit_code == 1
    assert "nothing was recorded by then" in too_early.stderr

    # --step: one entry per event, saying what that event changed.
    steps = gongzhi_json(store, "audit", "replay", ref, "--step")
    types = [type(e).__name__ for e in app.events.get(ref)]
    assert [(s["version"], s["type"]) for s in steps] == list(
        zip(range(1, versions + 1), types, strict=True))
    before: dict[str, Any] = {}
    for step in steps:
        after = expected[step["version"]]
        assert set(step["changes"]) == differing(before, after), step
        for key, change in step["changes"].items():
            if "added" in change:
                assert change["added"] or change["removed"], (key, step)
                assert all(v in after[key] and v not in before[key] for v in change["added"])
                assert all(v in before[key] and v not in after[key] for v in change["removed"])
            else:
                assert (change["from"], change["to"]) == (before.get(key), after[key])
        before = after


# -- replay, deterministic examples -------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "gongzhi.db"


def build(store: Path, clock: StepClock,
          commands: list[Callable[[Case, Stamp], Any]]) -> tuple[str, list[datetime]]:
    app = Gongzhi(StoreConfig.parse(str(store)), clock=clock)
    try:
        ref = open_restaurant_case(app).id
        recorded = [clock.now]
        for command in commands:
            app.change(ref, lambda c, command=command: command(c, app.stamp(ACTOR)))
            recorded.append(clock.now)
        return ref, recorded
    finally:
        app.close()


def test_known_at_a_local_time_picks_the_last_version_recorded_by_then(store: Path) -> None:
    clock = StepClock(datetime(2026, 11, 1, 1, 0, tzinfo=UTC))  # 09:00 in Shanghai
    ref, recorded = build(store, clock, [
        lambda c, s: c.assign("王调解员", s),
        lambda c, s: c.add_note("已电话联系", s),
        lambda c, s: c.agree("22点后停止营业", s),
    ])
    assert [t.astimezone(CST).strftime("%H:%M") for t in recorded] == [
        "09:01", "09:02", "09:03", "09:04"]
    at = {t: gongzhi_json(store, "audit", "replay", ref, "--known-at", f"2026-11-01 {t}")
          for t in ("09:01", "09:02:30", "09:03", "09:59")}
    assert (at["09:01"]["version"], at["09:01"]["mediator"]) == (1, None)
    assert (at["09:02:30"]["version"], at["09:02:30"]["mediator"]) == (2, "王调解员")
    assert (at["09:03"]["version"], at["09:03"]["notes"]) == (3, ["已电话联系"])
    assert (at["09:59"]["version"], at["09:59"]["status"]) == (4, "agreed")
    text = gongzhi(store, "audit", "replay", ref, "--known-at", "2026-11-01 09:02:30")
    assert text.exit_code == 0 and "王调解员" in text.stdout and "v2" in text.stdout


def test_as_of_and_version_together_are_refused(store: Path) -> None:
    ref, _ = build(store, StepClock(), [lambda c, s: c.add_note("已电话联系", s)])
    for moment in ("--as-of", "--known-at"):
        result = gongzhi(store, "audit", "replay", ref, "--version", "1", moment, "2026-11-02")
        assert result.exit_code == 2
        assert "not both" in result.stderr


# -- a case entered after the fact: business time and recorded time ---------------------------

# The mediator worked the case from 10 to 20 November but typed it all in on 25 November.
DAY = {n: datetime(2026, 11, n, 10, 0, tzinfo=CST) for n in range(1, 31)}


@pytest.fixture
def back_dated(store: Path) -> str:
    clock = StepClock(datetime(2026, 11, 25, 1, 0, tzinfo=UTC))  # typed in on the 25th
    app = Gongzhi(StoreConfig.parse(str(store)), clock=clock)
    try:
        ref = open_restaurant_case(app, at=DAY[10]).id
        for day, command in [
            (12, lambda c, s: c.assign("王调解员", s)),
            (15, lambda c, s: c.commit("r1", "安装油烟净化器", date(2026, 11, 18), s)),
            (19, lambda c, s: c.agree("22点后停止户外营业", s)),
        ]:
            stamp = app.stamp(ACTOR, DAY[day])
            app.change(ref, lambda c, command=command, stamp=stamp: command(c, stamp))
        # A late entry recorded on the 28th about the 14th: a statement the mediator forgot.
        clock.now = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)
        stamp = app.stamp(ACTOR, DAY[14])
        app.change(ref, lambda c: c.record_statement(
            "c1", StatementKind.DEMAND, "22点后停止营业", stamp))
        return ref
    finally:
        app.close()


def test_as_of_is_business_time_for_a_back_dated_case(store: Path, back_dated: str) -> None:
    ref = back_dated
    on_16th = gongzhi_json(store, "audit", "replay", ref, "--as-of", "2026-11-16 12:00")
    assert on_16th["status"] == "open" and on_16th["mediator"] == "王调解员"
    assert [c["id"] for c in on_16th["commitments"]] == ["K1"]
    assert on_16th["commitments"][0]["overdue"] is False  # due on the 18th: not yet, on the 16th
    # The late entry about the 14th is known now, so it is part of the 16th.
    assert [s["text"] for s in on_16th["statements"]] == ["22点后停止营业"]
    on_20th = gongzhi_json(store, "audit", "replay", ref, "--as-of", "2026-11-20 00:00")
    assert on_20th["status"] == "agreed"
    assert on_20th["commitments"][0]["overdue"] is True  # judged on the 20th, not today
    on_11th = gongzhi_json(store, "audit", "replay", ref, "--as-of", "2026-11-11 09:00")
    assert on_11th["mediator"] is None and on_11th["commitments"] == []
    before = gongzhi(store, "audit", "replay", ref, "--as-of", "2026-11-09 12:00")
    assert before.exit_code == 1 and "nothing had happened by 2026-11-09 12:00" in before.stderr
    text = gongzhi(store, "audit", "replay", ref, "--as-of", "2026-11-16 12:00", lang="zh")
    assert text.exit_code == 0, text.output
    assert "2026-11-16 12:00 时的状态（按业务时间，依目前所知）" in text.stdout
    assert "王调解员" in text.stdout


def test_known_at_is_recorded_time_and_both_together_say_what_we_knew_then(
        store: Path, back_dated: str) -> None:
    ref = back_dated
    # On the 24th nothing had been typed in yet; by the 26th everything but the late entry.
    early = gongzhi(store, "audit", "replay", ref, "--known-at", "2026-11-24 12:00")
    assert early.exit_code == 1 and "nothing was recorded by then" in early.stderr
    on_26th = gongzhi_json(store, "audit", "replay", ref, "--known-at", "2026-11-26 12:00")
    assert on_26th["status"] == "agreed" and on_26th["statements"] == []
    # What did we know on the 26th about the 16th? Not yet the statement of the 14th.
    then = gongzhi_json(store, "audit", "replay", ref, "--as-of", "2026-11-16 12:00",
                        "--known-at", "2026-11-26 12:00")
    assert then["status"] == "open" and then["mediator"] == "王调解员"
    assert then["statements"] == []
    now = gongzhi_json(store, "audit", "replay", ref, "--as-of", "2026-11-16 12:00",
                       "--known-at", "2026-11-29 12:00")
    assert [s["text"] for s in now["statements"]] == ["22点后停止营业"]


def test_step_follows_business_time_too(store: Path, back_dated: str) -> None:
    steps = gongzhi_json(store, "audit", "replay", back_dated, "--step",
                         "--as-of", "2026-11-16 12:00")
    # v4 (the agreement on the 19th) is left out; v5, about the 14th, is in.
    assert [(s["version"], s["type"]) for s in steps] == [
        (1, "Opened"), (2, "MediatorAssigned"), (3, "CommitmentMade"), (5, "StatementRecorded")]
    assert datetime.fromisoformat(steps[3]["occurred_at"]) == DAY[14]
    assert steps[3]["recorded_at"].endswith("+08:00")  # every time in the local zone


def test_step_says_what_each_event_changed(store: Path) -> None:
    ref, _ = build(store, StepClock(), [
        lambda c, s: c.assign("王调解员", s),
        lambda c, s: c.add_note("已电话联系", s),
        lambda c, s: c.agree("22点后停止营业", s),
    ])
    steps = gongzhi_json(store, "audit", "replay", ref, "--step")
    assert [(s["version"], s["type"]) for s in steps] == [
        (1, "Opened"), (2, "MediatorAssigned"), (3, "NoteAdded"), (4, "AgreementReached")]
    assert steps[0]["changes"]["status"] == {"from": None, "to": "open"}
    assert steps[1]["changes"] == {"mediator": {"from": None, "to": "王调解员"}}
    assert steps[2]["changes"]["notes"] == {"added": ["已电话联系"], "removed": []}
    assert steps[3]["changes"] == {"status": {"from": "open", "to": "agreed"},
                                   "agreement": {"from": None, "to": "22点后停止营业"}}
    until = gongzhi_json(store, "audit", "replay", ref, "--step", "--version", "2")
    assert [s["version"] for s in until] == [1, 2]
    # In words, in either language: the event's line, then each field by its name, codes as
    # words, never a Python dict.
    text = gongzhi(store, "audit", "replay", ref, "--step").stdout
    assert "mediator: — → 王调解员" in text
    assert "notes: added 已电话联系" in text
    assert "status: open → agreed" in text and "agreement reached" in text
    zh = gongzhi(store, "audit", "replay", ref, "--step", lang="zh").stdout
    assert "指派调解员" in zh and "调解员：— → 王调解员" in zh
    assert "备注：新增 已电话联系" in zh
    assert "状态：调解中 → 已达成协议" in zh
    for page in (text, zh):
        assert "{" not in page and "None" not in page, page


def test_step_shows_a_note_repeated_word_for_word_as_added(store: Path) -> None:
    """A mediator who phones twice writes the same note twice: the second step adds it too."""
    ref, _ = build(store, StepClock(), [
        lambda c, s: c.add_note("已电话联系", s),
        lambda c, s: c.add_note("已电话联系", s),
    ])
    steps = gongzhi_json(store, "audit", "replay", ref, "--step")
    assert steps[2]["changes"]["notes"] == {"added": ["已电话联系"], "removed": []}
    text = gongzhi(store, "audit", "replay", ref, "--step")
    assert text.stdout.count("notes: added 已电话联系") == 2


# -- history ------------------------------------------------------------------------------------


def stamp_ago(app: Gongzhi, clock: StepClock, ago: timedelta) -> Stamp:
    """A stamp for something that happened `ago` before it is recorded (the next clock tick)."""
    return app.stamp(ACTOR, clock.now + timedelta(minutes=1) - ago)


@pytest.fixture
def late_history(store: Path) -> tuple[str, list[tuple[datetime, datetime]]]:
    """v1 opened 3 weeks before it was recorded; then 0, 48h, 3 days and 1 hour late."""
    clock = StepClock()
    app = Gongzhi(StoreConfig.parse(str(store)), clock=clock)
    try:
        ref = open_restaurant_case(app, actor="周网格员").id
        times = [(datetime(2026, 10, 8, 21, 30, tzinfo=CST), clock.now)]
        for ago, command in [
            (timedelta(0), lambda c, s: c.assign("王调解员", s)),
            (timedelta(hours=48), lambda c, s: c.add_note("前天已上门", s)),
            (timedelta(days=3), lambda c, s: c.record_statement(
                "r1", StatementKind.DEMAND, "希望营业到23点", s)),
            (timedelta(hours=1), lambda c, s: c.add_note("一小时前电话联系", s)),
        ]:
            stamp = stamp_ago(app, clock, ago)
            app.change(ref, lambda c, command=command, stamp=stamp: command(c, stamp))
            times.append((stamp.occurred_at, stamp.recorded_at))
        return ref, times
    finally:
        app.close()


def test_history_lists_every_event_with_who_when_what_and_hashes(
        store: Path, late_history: tuple[str, list[tuple[datetime, datetime]]]) -> None:
    ref, times = late_history
    entries = gongzhi_json(store, "audit", "history", ref)
    with sqlite3.connect(store) as db:
        rows = db.execute("SELECT rowid, originator_version, event_hash, log_hash FROM "
                          "gongzhi_events WHERE originator_id = ? ORDER BY originator_version",
                          (ref,)).fetchall()
    assert [(e["aggregate"], e["version"], e["type"]) for e in entries] == [
        (ref, 1, "Opened"), (ref, 2, "MediatorAssigned"), (ref, 3, "NoteAdded"),
        (ref, 4, "StatementRecorded"), (ref, 5, "NoteAdded")]
    assert [e["actor"] for e in entries] == ["周网格员"] + [ACTOR] * 4
    for entry, (occurred, recorded) in zip(entries, times, strict=True):
        assert datetime.fromisoformat(entry["occurred_at"]) == occurred
        assert datetime.fromisoformat(entry["recorded_at"]) == recorded
    assert [(e["notification_id"], e["version"], e["event_hash"], e["log_hash"])
            for e in entries] == [(n, v, bytes(eh).hex(), bytes(lh).hex())
                                  for n, v, eh, lh in rows]
    assert entries[0]["data"]["summary"] == "一楼饭店22点后噪音扰民、油烟直排"
    assert entries[1]["data"] == {"mediator": "王调解员"}
    assert entries[2]["data"] == {"text": "前天已上门"}
    assert entries[3]["data"] == {"party": "r1", "kind": "demand", "text": "希望营业到23点"}


@pytest.mark.parametrize("late_after, late_versions", [
    (None, [1, 4]),  # default 48h: exactly 48h late is not "more than" 48h
    ("48h", [1, 4]),
    ("4d", [1]),
    ("30m", [1, 3, 4, 5]),
    ("2天", [1, 4]),
    ("30d", []),
])
def test_history_flags_late_entries_by_late_after(
        store: Path, late_history: tuple[str, list[tuple[datetime, datetime]]],
        late_after: str | None, late_versions: list[int]) -> None:
    ref, _ = late_history
    option = ["--late-after", late_after] if late_after else []
    entries = gongzhi_json(store, "audit", "history", ref, *option)
    assert [e["version"] for e in entries if e["late"]] == late_versions
    text = gongzhi(store, "audit", "history", ref, *option)
    assert text.exit_code == 0
    flagged = [int(line.split()[0][1:]) for line in text.stdout.splitlines()
               if line.startswith("v") and "[LATE]" in line]
    assert flagged == late_versions


def test_history_refuses_a_bad_duration_and_an_unknown_case(
        store: Path, late_history: tuple[str, list[tuple[datetime, datetime]]]) -> None:
    ref, _ = late_history
    bad = gongzhi(store, "audit", "history", ref, "--late-after", "soon")
    assert bad.exit_code == 2 and "not a duration" in bad.stderr
    unknown = gongzhi(store, "audit", "history", "2026-99")
    assert unknown.exit_code == 1 and "C2026-000099" in unknown.stderr


def test_the_summary_travels_in_both_times_too(store: Path, back_dated: str) -> None:
    """The figures by business time and by recorded time (`report summary --as-of/--known-at`)."""
    from adapters.time_travel import summary_at

    app = Gongzhi(StoreConfig.parse(str(store)), clock=lambda: NOW)
    try:
        def opened(**moment: datetime) -> int:
            figures: dict[str, Any] = summary_at(app, None, None, **moment)
            return int(figures["opened"])

        assert opened(as_of=DAY[9]) == 0 and opened(as_of=DAY[16]) == 1
        assert opened(known_at=datetime(2026, 11, 24, tzinfo=CST)) == 0  # not yet typed in
        assert opened(known_at=datetime(2026, 11, 26, tzinfo=CST)) == 1
        assert opened(as_of=DAY[9], known_at=datetime(2026, 11, 26, tzinfo=CST)) == 0
        old = summary_at(app, None, None, known_at=datetime(2026, 11, 26, tzinfo=CST))
        assert old["opened"] == 1 and old["known_at"].startswith("2026-11-26")
    finally:
        app.close()
