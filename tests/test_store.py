"""The event store on SQLite and PostgreSQL: persistence, hash chains, numbering, conflicts."""

from __future__ import annotations

from datetime import datetime

import pytest

from adapters.app import Gongzhi
from adapters.errors import ConcurrentChange, NotFound
from adapters.hashing import GENESIS, event_hash, log_hash
from adapters.log_reader import open_log_reader
from adapters.settings import StoreConfig, StoreSettingError
from tests.conftest import CST, open_restaurant_case


def test_a_case_reloads_equal_from_a_new_application(app, store_config, clock):
    case = open_restaurant_case(app)
    app.change(case.id, lambda c: c.add_note("第一次上门", app.stamp("刘敏")))
    recorded = app.get_case(case.id)

    fresh = Gongzhi(store_config, clock=clock)
    try:
        assert fresh.get_case(case.id) == recorded
        assert fresh.get_case(case.id).notes == ["第一次上门"]
    finally:
        fresh.close()


def test_every_stored_event_carries_both_hash_chains(app, store_config):
    for _ in range(2):
        case = open_restaurant_case(app)
        app.change(case.id, lambda c: c.add_note("note", app.stamp("x")))
    reader = open_log_reader(store_config)
    try:
        rows = list(reader.rows())
    finally:
        reader.close()
    assert len(rows) == 4
    heads: dict[str, bytes] = {}
    previous_log = GENESIS
    for row in rows:
        prev = heads.get(row.originator_id, GENESIS)
        assert row.event_hash == event_hash(prev, row.originator_id, row.version, row.topic,
                                            row.state)
        assert row.log_hash == log_hash(previous_log, row.event_hash)
        heads[row.originator_id], previous_log = row.event_hash, row.log_hash


def test_case_numbers_follow_the_year_the_complaint_was_raised(app):
    first = open_restaurant_case(app, at=datetime(2025, 12, 30, 20, 0, tzinfo=CST))
    second = open_restaurant_case(app, at=datetime(2026, 1, 2, 9, 0, tzinfo=CST))
    third = open_restaurant_case(app, at=datetime(2025, 12, 31, 23, 0, tzinfo=CST))
    assert [first.id, second.id, third.id] == ["C2025-000001", "C2026-000001", "C2025-000002"]


def test_a_conflicting_write_is_retried_on_the_fresh_state(app, store_config, clock):
    """Another mediator saves between our load and our save: both notes survive."""
    case = open_restaurant_case(app)
    other = Gongzhi(store_config, clock=clock)
    interfered = []

    def note(c):
        if not interfered:
            other.change(case.id, lambda o: o.add_note("他人的记录", other.stamp("王芳")))
            interfered.append(True)
        c.add_note("我的记录", app.stamp("刘敏"))

    try:
        recorded = app.change(case.id, note)
    finally:
        other.close()
    assert recorded.aggregate.notes == ["他人的记录", "我的记录"]
    assert app.get_case(case.id).version == 3


def test_a_write_that_keeps_losing_the_race_is_refused_with_a_clear_message(
        app, store_config, clock, monkeypatch):
    monkeypatch.setattr("adapters.app.RETRIES", 3)  # give up sooner than in real use
    case = open_restaurant_case(app)
    other = Gongzhi(store_config, clock=clock)

    def note(c):
        other.change(case.id, lambda o: o.add_note("抢先", other.stamp("王芳")))
        c.add_note("我的记录", app.stamp("刘敏"))

    try:
        with pytest.raises(ConcurrentChange) as refused:
            app.change(case.id, note)
    finally:
        other.close()
    assert "try again" in refused.value.message("en")
    assert "我的记录" not in app.get_case(case.id).notes


def test_an_unknown_case_is_reported_as_not_found(app):
    with pytest.raises(NotFound) as missing:
        app.get_case("C2026-000404")
    assert "C2026-000404" in missing.value.message("en")


def test_a_seal_is_not_mistaken_for_a_case(app, store_config):
    from adapters.sealing import seal

    open_restaurant_case(app)
    reader = open_log_reader(store_config)
    try:
        record = seal(app, reader, app.stamp("审计员"))
    finally:
        reader.close()
    with pytest.raises(NotFound):
        app.get_case(record.id)


@pytest.mark.parametrize("setting, kind", [
    ("cases.db", "sqlite"),
    ("sqlite:///cases.db", "sqlite"),
    ("postgresql://postgres@db.example:5433/mediation?schema=east", "postgres"),
])
def test_the_store_setting_picks_the_back_end(setting, kind):
    config = StoreConfig.parse(setting)
    assert config.kind == kind
    if kind == "postgres":
        assert (config.host, config.port, config.dbname, config.schema) == (
            "db.example", 5433, "mediation", "east")
    else:
        assert config.path.endswith("cases.db")


@pytest.mark.parametrize("setting", ["sqlite://", "mysql://x/y", "postgresql:///nohost"])
def test_an_unusable_store_setting_says_what_is_expected(setting):
    with pytest.raises(StoreSettingError):
        StoreConfig.parse(setting)
