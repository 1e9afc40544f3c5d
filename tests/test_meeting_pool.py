"""The agenda pool: which cases wait for a joint meeting, and in which order (docs/meetings.md).

Built through the application, read from the pure fold and from SQL alike.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from adapters.app import Gongzhi
from adapters.meeting_read_models import pool
from adapters.readmodels import open_read_models
from adapters.settings import StoreConfig
from domain.values import PartySpec, ReferralRequest
from domain.vocabulary import Level
from tests.conftest import open_restaurant_case

CST = timezone(timedelta(hours=8))
TODAY = date(2026, 10, 30)


def at(day: int, hour: int = 10) -> datetime:
    return datetime(2026, 10, day, hour, tzinfo=CST)


def refer(app: Gongzhi, ref: str, *departments: str, day: int = 3) -> None:
    app.record(ref, "李", lambda c, s: c.refer([ReferralRequest(d, "问题？") for d in departments],
                                              s), at(day))


def waiting(sqlite_app: Gongzhi, config: StoreConfig) -> list[str]:
    with open_read_models(sqlite_app, config) as models:
        return [e["ref"] for e in pool(models, TODAY)]


def test_who_waits_and_in_which_order(sqlite_app: Gongzhi, sqlite_config: StoreConfig) -> None:
    app = sqlite_app
    refs: dict[str, Any] = {}
    for name, day in (("old", 1), ("crowded", 2), ("overdue", 4), ("tried", 3), ("grid", 1),
                      ("escalated", 5), ("closed", 1)):
        refs[name] = open_restaurant_case(app, at=at(day, 9)).id
    for name in ("old", "crowded", "overdue", "tried", "closed"):
        refer(app, refs[name], "market_regulation", "police_station", day=6)
    refer(app, refs["grid"], "police_station", day=6)  # one department, still in the grid
    app.record(refs["escalated"], "李", lambda c, s: c.escalate(Level.COMMUNITY, "升级", s), at(6))
    refer(app, refs["escalated"], "police_station", day=7)
    app.record(refs["crowded"], "李", lambda c, s: c.join(PartySpec("邻居"), s), at(7))
    app.record(refs["overdue"], "李", lambda c, s: c.commit("r1", "收桌", date(2026, 10, 20), s),
               at(7))
    app.record(refs["tried"], "李", lambda c, s: c.propose("mediator", "22点收摊", s), at(7))
    app.record(refs["tried"], "李", lambda c, s: c.answer("P1", "r1", False, s, "太早"), at(7, 11))
    app.record(refs["closed"], "李", lambda c, s: c.fail("不同意", s), at(8))
    from domain.vocabulary import Outcome, Satisfaction

    app.record(refs["closed"], "李", lambda c, s: c.close(Outcome.UNRESOLVED,
                                                         Satisfaction.DISSATISFIED, s), at(9))
    # overdue commitments first, then complainants, then failed attempts, then age
    expected = [refs[n] for n in ("overdue", "crowded", "tried", "old", "escalated")]
    assert waiting(app, sqlite_config) == expected
    with open_read_models(app, sqlite_config) as models:
        before = pool(models, date(2026, 10, 20))  # on its due day the commitment is not overdue
    assert [e["ref"] for e in before][:2] == [refs["crowded"], refs["tried"]]
    entry = next(e for e in before if e["ref"] == refs["escalated"])
    assert entry["reason"] == "escalated" and entry["departments"] == ["police_station"]
