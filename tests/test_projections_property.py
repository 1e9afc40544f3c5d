"""Read models three ways must agree: incremental catch-up == full rebuild == the pure fold.

Hypothesis drives random sequences of case commands (several cases, valid and
invalid; the domain's refusals are ignored) through the real application, with
read-model catch-ups after random commands (in batches of 1, 2, 3 or 2000 events,
so one catch-up may span several transactions). At every catch-up point, and at
the end, every read-model table read back from SQL must equal the pure fold of
the log so far (`projection.fold(events)` into a MemoryState for each projection
of `all_projections`). At the end a full rebuild into a second store, and two
rebuilds of the first store, must give the same tables again. Log seals (events
of another aggregate) are mixed in. On SQLite and on PostgreSQL (each example
gets fresh stores, created in the test body).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import adapters.projector
from adapters.app import Gongzhi
from adapters.clock import local_tz
from adapters.event_feed import EventFeed
from adapters.log_reader import open_log_reader
from adapters.readmodels import ReadModels
from adapters.sealing import seal
from adapters.settings import StoreConfig
from domain.errors import DomainError
from domain.values import Location, PartySpec, ReferralRequest
from domain.vocabulary import Category, Channel, Level, Outcome, Satisfaction
from tests.conftest import PG_SKIP_REASON, StepClock
from tests.readmodel_support import (
    create_schema,
    folded_tables,
    fresh_store,
    positions,
    sql_tables,
)

CST = timezone(timedelta(hours=8))
ACTOR = "李调解员"

# -- random commands ----------------------------------------------------------------------------

# Business times start here and move by the commands' steps; they stay well before the
# step clock's recording times (2026-11-01 09:00 UTC onwards), and cross local midnights.
START = datetime(2026, 9, 20, 22, 30, tzinfo=CST)
LATEST = datetime(2026, 10, 31, 23, 0, tzinfo=CST)
PLACES = [("双塔社区", "3号网格", "5栋"), ("双塔社区", "4号网格", "12栋"), ("桂花社区", "1号网格", "2栋")]
CATEGORY_SETS = [[Category.NOISE, Category.COOKING_FUMES], [Category.PARKING], [Category.WATER_LEAK],
                 [Category.NOISE], [Category.PETS, Category.NOISE], [Category.EBIKE_CHARGING]]
NAMES = ["李先生", "王女士", "张女士", "老王饭店"]
MEDIATORS = ["李明", "王芳", "赵强"]
DEPARTMENTS = ["market_regulation", "police_station", "property_management"]
OBLIGORS = ["c1", "r1", "police_station", "c1", "r1", "market_regulation", "c7"]
KINDS = ["open", "join", "assign", "refer", "respond", "escalate", "escalate", "commit", "commit",
         "commit", "settle", "settle", "settle", "propose", "agree", "agree", "fail", "close", "close",
         "close", "reopen", "reopen", "note", "seal"]

command = st.tuples(
    st.sampled_from(KINDS),
    st.integers(0, 2),          # which case
    st.integers(0, 11),         # which variant of the command
    st.integers(-6, 60),        # steps of 37 minutes: business time moves, mostly forward
    st.booleans(),              # catch up after this command
)


class Driver:
    """Runs generated commands through the application; refusals by the domain are ignored.

    Besides case commands it records log seals: events of another aggregate, which the
    projections must pass over (positions still move past them).
    """

    def __init__(self, app: Gongzhi, config: StoreConfig) -> None:
        self.app = app
        self.config = config
        self.refs: list[str] = []
        self.now = START
        self.recorded = 0
        self.refused = 0

    def run(self, kind: str, which: int, variant: int, step: int) -> None:
        self.now = min(self.now + timedelta(minutes=37 * step), LATEST)
        stamp = self.app.stamp(ACTOR, self.now)
        if kind == "seal":
            reader = open_log_reader(self.config)
            try:
                seal(self.app, reader, stamp)
            finally:
                reader.close()
            self.recorded += 1
            return
        if kind == "open" or not self.refs:
            self.open(variant, stamp)
            return
        ref = self.refs[which % len(self.refs)]
        day = self.now.date()
        commands = {
            "join": lambda c: c.join(PartySpec(NAMES[variant % len(NAMES)]), stamp),
            "assign": lambda c: c.assign(MEDIATORS[variant % 3], stamp, "换人"),
            "refer": lambda c: c.refer([ReferralRequest(DEPARTMENTS[variant % 3], "请核查")], stamp),
            "respond": lambda c: c.record_response(DEPARTMENTS[variant % 3], "已核查", stamp),
            "escalate": lambda c: c.escalate(list(Level)[variant % 3], "升级处理", stamp),
            "commit": lambda c: c.commit(OBLIGORS[variant % len(OBLIGORS)], "整改油烟",
                                         day + timedelta(days=variant - 2), stamp),
            "settle": lambda c: c.settle_commitment(f"K{variant % 3 + 1}", variant % 2 == 0, stamp,
                                                    "现场确认" if variant % 4 else None),
            "propose": lambda c: c.propose("mediator", "22点后停止营业", stamp),
            "agree": lambda c: c.agree("22点后停止营业，加装净化器", stamp),
            "fail": lambda c: c.fail("双方分歧较大", stamp),
            "close": lambda c: c.close(list(Outcome)[variant % 4], list(Satisfaction)[variant % 4],
                                       stamp),
            "reopen": lambda c: c.reopen("投诉人反映问题复发", stamp),
            "note": lambda c: c.add_note("电话回访", stamp),
        }
        try:
            self.app.change(ref, commands[kind])
            self.recorded += 1
        except DomainError:
            self.refused += 1

    def open(self, variant: int, stamp: Any) -> None:
        community, grid, building = PLACES[variant % len(PLACES)]
        case = self.app.open_case(
            stamp,
            channel=list(Channel)[variant % len(Channel)],
            categories=CATEGORY_SETS[variant % len(CATEGORY_SETS)],
            location=Location(community, grid, building, "2单元" if variant % 2 else None),
            complainants=[PartySpec("张女士")],
            respondents=[PartySpec("老王饭店", "business", "王建国")],
            summary="一楼饭店22点后噪音扰民、油烟直排",
            level=Level.COMMUNITY if variant == 11 else Level.GRID,
        )
        self.refs.append(case.id)
        self.recorded += 1


def check_three_ways(kind: str, commands: list[tuple[str, int, int, int, bool]], batch: int) -> None:
    with fresh_store(kind, "events") as config, fresh_store(kind, "second") as second_config:
        app = Gongzhi(config, clock=StepClock())
        models = ReadModels(app, config)
        second = None
        default_batch = adapters.projector.BATCH
        adapters.projector.BATCH = batch  # small batches: a catch-up spans several transactions
        try:
            driver = Driver(app, config)
            for kind_, which, variant, step, catch_up in commands:
                driver.run(kind_, which, variant, step)
                if catch_up:
                    models.catch_up()
                    assert sql_tables(models) == folded_tables(app)
            # (a) incremental, caught up at the end
            models.catch_up()
            incremental = sql_tables(models)
            expected = folded_tables(app)
            assert incremental == expected
            head = EventFeed(app).head()
            assert {name: p[0] for name, p in positions(models).items()} == dict.fromkeys(
                models.names, head)
            # (b) a full rebuild into a second store gives the same tables
            create_schema(second_config)
            second = ReadModels(app, second_config)
            second.rebuild()  # reads only the case events: its count leaves seals out
            assert {name: p[0] for name, p in positions(second).items()} == dict.fromkeys(
                second.names, head)
            assert sql_tables(second) == expected
            # ... and rebuilding the first store, twice, changes nothing
            models.rebuild()
            assert sql_tables(models) == expected
            models.rebuild()
            assert sql_tables(models) == expected
            # after a rebuild, catching up finds nothing to do
            assert models.catch_up() == dict.fromkeys(models.names, 0)
            assert sql_tables(models) == expected
        finally:
            adapters.projector.BATCH = default_batch
            models.close()
            if second is not None:
                second.close()
            app.close()


batches = st.sampled_from([1, 2, 3, 2000])
commands_strategy = st.lists(command, min_size=6, max_size=40)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(commands=commands_strategy, batch=batches)
def test_incremental_equals_rebuild_equals_fold_on_sqlite(
    commands: list[tuple[str, int, int, int, bool]], batch: int,
) -> None:
    check_three_ways("sqlite", commands, batch)


@pytest.mark.postgres
@pytest.mark.skipif(PG_SKIP_REASON is not None, reason=PG_SKIP_REASON or "")
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(commands=commands_strategy, batch=batches)
def test_incremental_equals_rebuild_equals_fold_on_postgres(
    commands: list[tuple[str, int, int, int, bool]], batch: int,
) -> None:
    check_three_ways("postgres", commands, batch)


def test_the_generated_commands_do_reach_every_table() -> None:
    """A guard on the generator: a typical sequence records commitments, closings, reopenings."""
    commands = [("open", 0, 0, 1, False), ("assign", 0, 1, 1, False), ("refer", 0, 1, 1, False),
                ("commit", 0, 2, 1, False), ("settle", 0, 0, 1, False), ("escalate", 0, 1, 1, False),
                ("propose", 0, 0, 1, False), ("agree", 0, 0, 1, False), ("close", 0, 0, 1, True),
                ("reopen", 0, 0, 40, False), ("seal", 0, 0, 1, False), ("close", 0, 1, 1, False),
                ("note", 0, 0, 1, True)]
    with fresh_store("sqlite") as config:
        app = Gongzhi(config, clock=StepClock())
        models = ReadModels(app, config)
        try:
            driver = Driver(app, config)
            for kind, which, variant, step, _ in commands:
                driver.run(kind, which, variant, step)
            assert driver.refused == 1  # the second close: a reopened case is open, not agreed
            models.catch_up()
            tables = sql_tables(models)
            case_tables = {name: rows for name, rows in tables.items()  # other kinds' aside
                           if not name.startswith(("convention_", "meeting"))}
            assert {name: len(rows) for name, rows in case_tables.items()} == {
                "cases": 1, "case_categories": 2, "commitments": 1, "case_facts": 1,
                "case_closings": 1, "case_stats": len(tables["case_stats"]),
                "case_rates": len(tables["case_rates"]),
                "case_counts": len(tables["case_counts"])}
            (fact,) = tables["case_facts"].values()
            assert (fact["max_level"], fact["times_closed"], fact["reopened"]) == ("community", 1, 1)
            assert fact["opened_on"] == (START + timedelta(minutes=37)).astimezone(local_tz()).date()
            assert tables == folded_tables(app)
        finally:
            models.close()
            app.close()
