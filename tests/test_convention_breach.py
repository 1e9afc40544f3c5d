"""A breach opens a case in one step: both are stored together or not at all."""

from __future__ import annotations

from typing import Any

import pytest

from adapters import convention_use_cases as use
from adapters.app import Gongzhi
from adapters.case_view import case_document
from cli_commands.case_text import render_case
from domain.errors import RuleViolation
from domain.vocabulary import Category, Outcome, Satisfaction
from tests.convention_support import ACTOR, adopted_convention, at, record


def breach(app: Gongzhi, ref: str, **options: Any) -> Any:
    return use.breach(app, app.stamp("周婷", at(10, 25, 23, 10)), ref, clause="c1",
                      checker="周婷", evidence="23:10门前仍有4桌", summary="违反公约第1条",
                      categories=[Category.NOISE], **options)


def test_a_breach_opens_a_case_against_the_bound_party_that_records_the_clause(
        app: Gongzhi) -> None:
    _, ref = adopted_convention(app)
    recorded = breach(app, ref)
    assert sorted(recorded.event_types) == ["ComplianceChecked", "Opened"]
    check = app.get(ref).checks[recorded.result]
    assert check.result == "breached" and check.case_ref == "C2026-000002"
    case = app.get_case(check.case_ref)
    assert case.enforces == f"{ref}/c1"
    assert [str(p.name) for p in case.respondents] == ["老王饭店"]
    assert [str(p.name) for p in case.complainants] == ["周婷"]
    assert case.location.building == "5栋" and case.categories == ("noise",)
    text = render_case(case_document(case, at(10, 26).date()), "zh")
    assert f"执行公约条款：{ref}/c1" in text
    assert app.get_case("C2026-000001").enforces is None  # a case opened the usual way


def test_a_failure_between_the_breach_and_the_new_case_stores_neither(app: Gongzhi) -> None:
    _, ref = adopted_convention(app)
    head = app.recorder.max_notification_id()
    version = app.get(ref).version

    def boom() -> None:
        raise RuntimeError("injected failure after the insert")

    app.recorder.after_insert = boom  # type: ignore[attr-defined]
    with pytest.raises(RuntimeError, match="injected"):
        breach(app, ref)
    app.recorder.after_insert = None  # type: ignore[attr-defined]
    assert app.recorder.max_notification_id() == head
    assert app.get(ref).version == version and app.get(ref).checks == {}
    assert app.recorder.max_id_with_prefix("C2026-") == "C2026-000001"  # no new case

    recorded = breach(app, ref)  # and without the failure both land, under the next number
    assert app.get(ref).checks[recorded.result].case_ref == "C2026-000002"


def test_a_breach_can_reopen_the_case_the_convention_came_from(app: Gongzhi) -> None:
    case_ref, ref = adopted_convention(app)
    with pytest.raises(RuleViolation, match="not closed"):  # still open: nothing to reopen
        breach(app, ref, reopen=case_ref)
    app.record(case_ref, ACTOR, lambda c, s: c.agree("22点后停止户外营业", s), at(10, 23))
    app.record(case_ref, ACTOR, lambda c, s: c.close(Outcome.RESOLVED, Satisfaction.SATISFIED, s),
               at(10, 23, 11))
    with pytest.raises(RuleViolation, match="not one the convention"):
        breach(app, ref, reopen="C2026-000009")
    recorded = breach(app, ref, reopen=case_ref)
    assert sorted(recorded.event_types) == ["ComplianceChecked", "Reopened"]
    check = app.get(ref).checks[recorded.result]
    assert (check.case_ref, check.case_reopened) == (case_ref, True)
    assert app.get_case(case_ref).status == "open"


def test_a_refused_breach_opens_no_case(app: Gongzhi) -> None:
    _, ref = adopted_convention(app)
    record(app, ref, at(10, 24), use.suspend, reason="装修停业")
    head = app.recorder.max_notification_id()
    with pytest.raises(RuleViolation, match="not in force"):
        breach(app, ref)
    assert app.recorder.max_notification_id() == head


def test_a_case_opened_before_conventions_still_loads(app: Gongzhi) -> None:
    """Opened events stored without `enforces` (every case before this change) load as None."""
    import json

    from adapters.codec import decode, make_mapper
    from tests.conftest import open_restaurant_case

    case = open_restaurant_case(app)
    (stored,) = app.recorder.select_events(case.id)
    state = json.loads(stored.state)
    assert state.pop("enforces") is None
    event = decode(make_mapper(), stored.originator_id, stored.originator_version, stored.topic,
                   json.dumps(state).encode())
    old = event.mutate(None)
    assert old.enforces is None and old.summary == case.summary
