"""The pool and agenda read models equal a fold over the events, and survive a rebuild.

Hypothesis drives random case and meeting commands (refusals ignored) through the
real application. At random points the `meetings` read model is caught up
(batches of 1, 3 or 2000 events): its tables read back from SQL must equal the
pure fold of the log, and the pool and every agenda built from SQL must equal
those built from the fold. At the end two rebuilds give the same again. On
SQLite and PostgreSQL.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import adapters.projector
from adapters import meeting_use_cases as uc
from adapters.app import Gongzhi
from adapters.clock import local_tz
from adapters.event_feed import EventFeed
from adapters.meeting_read_models import memory_fetch, sql_fetch
from adapters.readmodels import ReadModels
from domain.errors import DomainError
from domain.meeting_records import ActionSpec, Question
from domain.values import ReferralRequest
from domain.vocabulary import Level, Outcome, Satisfaction
from projections.meeting_agenda import agenda_document
from projections.meeting_pool import pool_entries
from projections.meeting_projection import MeetingsProjection
from tests.conftest import PG_SKIP_REASON, StepClock, open_restaurant_case
from tests.readmodel_support import fresh_store, normalise

CST = timezone(timedelta(hours=8))
START = datetime(2026, 10, 1, 9, 0, tzinfo=CST)
TODAY = date(2026, 10, 20)
BODIES = ["market_regulation", "police_station", "community_committee"]
KINDS = ["case", "refer", "escalate", "close", "convene", "invite", "add", "withdraw", "cancel",
         "hold", "resolve", "done", "missed", "commit", "inspect"]
command = st.tuples(st.sampled_from(KINDS), st.integers(0, 2), st.integers(0, 2), st.booleans())


class Driver:
    def __init__(self, app: Gongzhi) -> None:
        self.app, self.clock = app, START
        self.cases: list[str] = []
        self.meetings: list[str] = []

    def stamp(self) -> Any:
        self.clock += timedelta(hours=3)
        return self.app.stamp("测试", self.clock)

    def run(self, kind: str, a: int, b: int) -> None:
        # refused, or nothing to act on yet: the log is unchanged
        with contextlib.suppress(DomainError, IndexError, KeyError, ZeroDivisionError):
            self._run(kind, a, b)

    def _case(self, n: int) -> str:
        return self.cases[n % len(self.cases)]

    def _meeting(self, unit_work: Any, n: int) -> None:
        ref = self.meetings[n % len(self.meetings)]
        uc.in_unit(self.app, ref, "测试", self.stamp().occurred_at, unit_work)

    def _run(self, kind: str, a: int, b: int) -> None:
        app = self.app
        if kind == "case":
            self.cases.append(open_restaurant_case(app, at=self.stamp().occurred_at).id)
        elif kind == "refer":
            app.record(self._case(a), "测试", lambda c, s: c.refer(
                [ReferralRequest(BODIES[b % 2], "问题？"), ReferralRequest(BODIES[(b + 1) % 2], "问？")][
                    :1 + a % 2], s), self.stamp().occurred_at)
        elif kind == "escalate":
            app.record(self._case(a), "测试", lambda c, s: c.escalate(Level.COMMUNITY, "升级", s),
                       self.stamp().occurred_at)
        elif kind == "close":
            app.record(self._case(a), "测试", lambda c, s: c.close(
                Outcome.WITHDRAWN, Satisfaction.SATISFIED, s), self.stamp().occurred_at)
        elif kind == "commit":
            app.record(self._case(a), "测试", lambda c, s: c.commit(
                "r1", "收桌", s.occurred_at.date() + timedelta(days=b), s), self.stamp().occurred_at)
        elif kind == "inspect":
            when = self.stamp().occurred_at
            app.record(self._case(a), "测试", lambda c, s: c.record_spot_check(
                when - timedelta(hours=1), when, ["赵"], "查", b == 0, False, s), when)
        elif kind == "convene":
            self.meetings.append(uc.convene(
                app, self.stamp(), title="会", convened_by="community_committee",
                level=Level.COMMUNITY, scheduled_at=self.clock + timedelta(days=2), venue="室",
                chair="刘", invite=BODIES[:1 + a]).result)
        elif kind == "invite":
            self._meeting(lambda u, m, s: uc.invite(m, s, bodies=[BODIES[b]]), a)
        elif kind == "add":
            self._meeting(lambda u, m, s: uc.add_item(u, m, s, case_ref=self._case(b), questions=[
                Question(BODIES[0], "问题？")]), a)
        elif kind == "withdraw":
            self._meeting(lambda u, m, s: uc.withdraw_item(m, s, item_id=f"I{b + 1}",
                                                           reason="撤"), a)
        elif kind == "cancel":
            self._meeting(lambda u, m, s: uc.cancel(m, s, reason="取消"), a)
        elif kind == "hold":
            self._meeting(lambda u, m, s: uc.hold(m, s, present={BODIES[0]: ["李"]}), a)
        elif kind == "resolve":
            self._meeting(lambda u, m, s: uc.resolve(u, m, s, item_id=f"I{b + 1}", resolution="决",
                                                     actions=[ActionSpec(BODIES[0], "办", TODAY)]), a)
        elif kind == "done":
            self._meeting(lambda u, m, s: uc.action_done(u, m, s, action_id=f"A{b + 1}", note="办"), a)
        else:
            self._meeting(lambda u, m, s: uc.action_missed(m, s, action_id=f"A{b + 1}",
                                                           reason="未"), a)


def folded(app: Gongzhi) -> Any:
    projection = MeetingsProjection()
    return projection.fold(e for _, e in EventFeed(app).events(topics=projection.topics()))


def documents(fetch: Any, meetings: list[str]) -> Any:
    tz = local_tz()
    return (pool_entries(fetch, TODAY, tz),
            [agenda_document(fetch, ref, TODAY, tz) for ref in meetings],
            [agenda_document(fetch, ref, TODAY, tz, "police_station") for ref in meetings])


def check(kind: str, commands: list[tuple[str, int, int, bool]], batch: int) -> None:
    with fresh_store(kind) as config:
        app = Gongzhi(config, clock=StepClock(datetime(2027, 1, 1, tzinfo=UTC)))
        models = ReadModels(app, config)
        default = adapters.projector.BATCH
        adapters.projector.BATCH = batch
        try:
            driver = Driver(app)
            driver.run("case", 0, 0)
            for kind_, a, b, catch_up in commands:
                driver.run(kind_, a, b)
                if catch_up:
                    agree(app, models, driver.meetings)
            agree(app, models, driver.meetings)
            for _ in range(2):
                models.rebuild("meetings")
                agree(app, models, driver.meetings)
        finally:
            adapters.projector.BATCH = default
            models.close()
            app.close()


def agree(app: Gongzhi, models: ReadModels, meetings: list[str]) -> None:
    models.catch_up("meetings")
    state = folded(app)
    fetch = sql_fetch(models)
    for row_class in MeetingsProjection.tables:
        assert normalise(fetch(row_class)) == normalise(state.rows(row_class)), row_class
    assert documents(sql_fetch(models), meetings) == documents(memory_fetch(state), meetings)


commands_strategy = st.lists(command, min_size=5, max_size=30)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(commands=commands_strategy, batch=st.sampled_from([1, 3, 2000]))
def test_pool_and_agendas_equal_the_fold_on_sqlite(commands: Any, batch: int) -> None:
    check("sqlite", commands, batch)


@pytest.mark.postgres
@pytest.mark.skipif(PG_SKIP_REASON is not None, reason=PG_SKIP_REASON or "")
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(commands=commands_strategy, batch=st.sampled_from([1, 3, 2000]))
def test_pool_and_agendas_equal_the_fold_on_postgres(commands: Any, batch: int) -> None:
    check("postgres", commands, batch)


def test_the_generated_commands_reach_the_pool_items_and_action_items(tmp_path: Any) -> None:
    """A guard on the generator: a typical run puts a case in the pool, on a meeting, and resolves it."""
    script = [("refer", 0, 0, False), ("convene", 0, 0, False), ("add", 0, 0, True),
              ("hold", 0, 0, False), ("resolve", 0, 0, False), ("done", 0, 0, True)]
    with fresh_store("sqlite") as config:
        app = Gongzhi(config, clock=StepClock(datetime(2027, 1, 1, tzinfo=UTC)))
        models = ReadModels(app, config)
        driver = Driver(app)
        driver.run("case", 0, 0)
        driver.run("refer", 1, 0)
        assert [e["ref"] for e in pool_entries(folded_fetch(app), TODAY, local_tz())] == driver.cases
        for kind_, a, b, _ in script[1:]:
            driver.run(kind_, a, b)
        agenda = agenda_document(folded_fetch(app), driver.meetings[0], TODAY, local_tz())
        assert agenda is not None and agenda["items"][0]["actions"][0]["status"] == "done"
        agree(app, models, driver.meetings)
        models.close()
        app.close()


def folded_fetch(app: Gongzhi) -> Any:
    return memory_fetch(folded(app))
