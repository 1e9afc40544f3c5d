"""Shared by the convention tests: building 5's convention, adopted and published."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from adapters import convention_use_cases as use
from adapters.app import Gongzhi
from domain.convention_vocabulary import BoundKind, Frequency, SignMethod
from domain.values import TimeWindow
from tests.conftest import open_restaurant_case

CST = timezone(timedelta(hours=8))
ACTOR = "刘敏"


def at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=CST)


def record(app: Gongzhi, ref: str, when: datetime, command: Any, **arguments: Any) -> Any:
    return app.record(ref, ACTOR, lambda c, s: command(c, s, **arguments), when).result


def adopted_convention(app: Gongzhi, publish: bool = True) -> tuple[str, str]:
    """The restaurant case and building 5's convention from it: two clauses, signed, adopted."""
    case = open_restaurant_case(app)
    ref = use.draft(app, app.stamp(ACTOR, at(10, 20)), source_cases=[case.id]).result
    record(app, ref, at(10, 20, 11), use.propose_clause, party_kind=BoundKind.BUSINESS,
           party="老王饭店", duty="22:00后不在户外营业、不喧哗", window=TimeWindow("22:00", "07:00"),
           check_method="网格员夜间巡查", frequency=Frequency.WEEKLY)
    record(app, ref, at(10, 20, 12), use.propose_clause, party_kind=BoundKind.PROPERTY,
           party="安居物业", duty="每月检查排烟管道", frequency=Frequency.MONTHLY,
           deadline=date(2026, 11, 30))
    record(app, ref, at(10, 21), use.sign, party="老王饭店", signatory="王建国",
           method=SignMethod.SEAL)
    record(app, ref, at(10, 21, 11), use.sign, party="安居物业", signatory="李强",
           method=SignMethod.SIGNATURE)
    record(app, ref, at(10, 22), use.adopt)
    if publish:
        record(app, ref, at(10, 22, 11), use.publish, where="5栋一楼公告栏")
    return case.id, ref
