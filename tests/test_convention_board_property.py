"""The convention status board is a fold over the events and survives a rebuild.

Hypothesis drives random convention commands (three buildings; refusals ignored;
breaches opening cases) through the application, catching the read models up
after random commands in batches of 1, 3 or 2000 events. At every catch-up the
SQL tables must equal the pure fold of the log; at the end a rebuild into a
second store and a rebuild in place must give the same tables, and the board
must agree with the aggregates themselves (state, version in force, clauses,
signatures, open breaches). On SQLite and PostgreSQL.
"""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import adapters.projector
from adapters import convention_use_cases as use
from adapters.app import Gongzhi
from adapters.convention_board import ConventionBoard
from adapters.readmodels import ReadModels
from domain.convention_vocabulary import BoundKind, CheckResult, Frequency, SignMethod
from domain.errors import DomainError
from tests.conftest import PG_SKIP_REASON, StepClock
from tests.convention_support import CST
from tests.readmodel_support import create_schema, folded_tables, fresh_store, sql_tables

START = datetime(2026, 9, 1, 9, tzinfo=CST)
PARTIES = [(BoundKind.BUSINESS, "老王饭店"), (BoundKind.PROPERTY, "安居物业"),
           (BoundKind.RESIDENTS, "5栋居民")]
KINDS = ["draft", "clause", "clause", "clause", "amend_clause", "withdraw", "sign", "sign", "sign",
         "decline", "adopt", "adopt", "publish", "amend", "check", "check", "check", "breach",
         "remedy", "suspend", "repeal"]
command = st.tuples(st.sampled_from(KINDS), st.integers(0, 2), st.integers(0, 5), st.booleans())


class Driver:
    def __init__(self, app: Gongzhi) -> None:
        self.app = app
        self.refs: list[str] = []
        self.now = START

    def run(self, kind: str, which: int, variant: int) -> None:
        self.now += timedelta(hours=7)
        stamp = self.app.stamp("刘敏", self.now)
        if kind == "draft" or not self.refs:
            building = f"{variant % 4 + 5}栋"
            with contextlib.suppress(DomainError):  # one per building: a second one is refused
                self.refs.append(use.draft(self.app, stamp, source_cases=[], community="双塔社区",
                                           grid="第三网格", building=building).result)
            return
        ref = self.refs[which % len(self.refs)]
        party_kind, party = PARTIES[variant % 3]
        clause = f"c{variant % 4 + 1}"
        commands = {
            "clause": lambda c, s: use.propose_clause(
                c, s, party_kind=party_kind, party=party, duty="保持安静",
                deadline=date(2026, 9, 20) if variant % 2 else None,
                frequency=list(Frequency)[variant % 5]),
            "amend_clause": lambda c, s: use.amend_clause(c, s, clause=clause, duty=f"义务{variant}"),
            "withdraw": lambda c, s: use.withdraw_clause(c, s, clause=clause, reason="合并"),
            "sign": lambda c, s: use.sign(c, s, party=party, signatory="王建国",
                                          method=SignMethod.SEAL),
            "decline": lambda c, s: use.decline(c, s, party=party, signatory="王建国", reason="再议"),
            "adopt": lambda c, s: use.adopt(c, s, override_reason="表决" if variant == 5 else None),
            "publish": lambda c, s: use.publish(c, s, where="公告栏"),
            "amend": lambda c, s: use.amend(c, s, reason="修订"),
            "check": lambda c, s: use.check(c, s, clause=clause, checked_at=None, checker="周婷",
                                            evidence="巡查", result=list(CheckResult)[variant % 2]),
            "remedy": lambda c, s: use.remedy(c, s, check_id=f"CK{variant + 1}", note="已整改"),
            "suspend": lambda c, s: use.suspend(c, s, reason="装修"),
            "repeal": lambda c, s: use.repeal(c, s, reason="迁出"),
        }
        try:
            if kind == "breach":
                use.breach(self.app, stamp, ref, clause=clause, checker="周婷", evidence="违约",
                           summary="违反公约")
            else:
                self.app.record(ref, "刘敏", commands[kind], self.now)
        except DomainError:
            pass


def board_agrees_with_aggregates(app: Gongzhi, models: ReadModels, refs: list[str]) -> None:
    board = ConventionBoard.caught_up(models)
    for ref in refs:
        conv, row = app.get(ref), board.building(ref, date(2026, 12, 1))
        assert row is not None
        assert (row["status"], row["version"]) == (conv.status, conv.versions_in_force)
        shown = conv.current or conv.draft or conv.versions[-1]
        assert [(c["clause_id"], c["party"], c["duty"], c["signature"]) for c in row["clauses"]] == [
            (c.id, c.party, c.duty, shown.signature_status(c.party)) for c in shown.clauses]
        assert row["open_breaches"] == len(conv.open_breaches)


def check_board(kind: str, commands: list[tuple[str, int, int, bool]], batch: int) -> None:
    with fresh_store(kind, "events") as config, fresh_store(kind, "second") as second_config:
        app = Gongzhi(config, clock=StepClock(datetime(2027, 1, 1, tzinfo=CST)))
        models, second = ReadModels(app, config), None
        default_batch = adapters.projector.BATCH
        adapters.projector.BATCH = batch
        try:
            driver = Driver(app)
            for kind_, which, variant, catch_up in commands:
                driver.run(kind_, which, variant)
                if catch_up:
                    models.catch_up()
                    assert sql_tables(models) == folded_tables(app)
            models.catch_up()
            expected = folded_tables(app)
            assert sql_tables(models) == expected
            board_agrees_with_aggregates(app, models, driver.refs)
            create_schema(second_config)
            second = ReadModels(app, second_config)
            second.rebuild()
            assert sql_tables(second) == expected
            models.rebuild()
            assert sql_tables(models) == expected
        finally:
            adapters.projector.BATCH = default_batch
            models.close()
            if second is not None:
                second.close()
            app.close()


commands_strategy = st.lists(command, min_size=8, max_size=50)
batches = st.sampled_from([1, 3, 2000])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(commands=commands_strategy, batch=batches)
def test_the_board_is_a_fold_that_survives_a_rebuild_on_sqlite(
        commands: list[tuple[str, int, int, bool]], batch: int) -> None:
    check_board("sqlite", commands, batch)


@pytest.mark.postgres
@pytest.mark.skipif(PG_SKIP_REASON is not None, reason=PG_SKIP_REASON or "")
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(commands=commands_strategy, batch=batches)
def test_the_board_is_a_fold_that_survives_a_rebuild_on_postgres(
        commands: list[tuple[str, int, int, bool]], batch: int) -> None:
    check_board("postgres", commands, batch)


def test_a_typical_sequence_reaches_every_board_table() -> None:
    """A guard on the generator: adoption, amendment, checks, a breach's case, a remedy."""
    script = [("draft", 0, 0), ("clause", 0, 0), ("clause", 0, 1), ("sign", 0, 0), ("sign", 0, 1),
              ("adopt", 0, 0), ("publish", 0, 0), ("check", 0, 0), ("breach", 0, 1),
              ("remedy", 0, 1), ("amend", 0, 0), ("amend_clause", 0, 0), ("sign", 0, 0),
              ("sign", 0, 1), ("adopt", 0, 0)]
    with fresh_store("sqlite") as config:
        app = Gongzhi(config, clock=StepClock(datetime(2027, 1, 1, tzinfo=CST)))
        models = ReadModels(app, config)
        try:
            driver = Driver(app)
            for kind, which, variant in script:
                driver.run(kind, which, variant)
            models.catch_up()
            tables: Any = sql_tables(models)
            (board,) = tables["convention_boards"].values()
            assert (board["status"], board["version"], board["breaches"], board["open_breaches"]) \
                == ("adopted", 2, 1, 0)
            assert len(tables["convention_checks"]) == 2 and len(tables["convention_versions"]) == 2
            row = tables["convention_clauses"][(driver.refs[0], 2, "c2")]
            assert (row["checks"], row["breaches"], row["last_case"]) == (1, 1, "C2026-000001")
            assert tables == folded_tables(app)
        finally:
            models.close()
            app.close()
