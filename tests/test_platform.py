"""A new aggregate kind needs its own files and one `register` call, nothing else.

The toy lamp (tests/toy_kind.py) goes through the same code paths as a case:
save and load by reference, `audit history`, `audit replay --version N`, `audit
verify`, and a projection rebuilt from the log. Its events share names with the
Case's (Opened, Closed) and its references start with "C", as a case's do: the
kind is found by reference form and by event topic, never by a bare name.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from adapters.app import Gongzhi
from adapters.errors import NotFound
from adapters.readmodels import open_read_models
from adapters.settings import StoreConfig
from cli import cli
from domain.registry import kind_of_ref, register, unregister
from tests.conftest import StepClock, open_restaurant_case
from tests.toy_kind import LAMP_KIND, PREFIX, Fitting, Lamp


@pytest.fixture
def lamps() -> Iterator[None]:
    register(LAMP_KIND)
    yield
    unregister(LAMP_KIND.code)


@pytest.fixture
def lamp_app(lamps: None, store_config: StoreConfig, clock: StepClock) -> Iterator[Gongzhi]:
    application = Gongzhi(store_config, clock=clock)
    yield application
    application.close()


def install(app: Gongzhi, street: str = "和平路") -> Lamp:
    stamp = app.stamp("市政所")
    lamp: Lamp = app.save_numbered(PREFIX, lambda n: Lamp.install(
        f"{PREFIX}{n:06d}", street, Fitting("LED-40", 40), stamp))
    return lamp


def audit(store_config: StoreConfig, *args: str, lang: str = "zh") -> Any:
    result = CliRunner().invoke(cli, ["--store", store_config.describe(), "--lang", lang, *args])
    assert "Traceback" not in result.output
    return result


def test_a_toy_kind_is_saved_and_loaded_by_reference(lamp_app: Gongzhi) -> None:
    first, second = install(lamp_app), install(lamp_app, "解放路")
    assert (first.id, second.id) == ("CL-000001", "CL-000002")  # numbered per prefix
    recorded = lamp_app.record(first.id, "市政所", lambda lamp, s: lamp.switch(True, s))
    assert recorded.event_types == ["Switched"]
    loaded = lamp_app.get(first.id)
    assert isinstance(loaded, Lamp) and loaded.lit and loaded.switches == 1
    assert loaded.fitting == Fitting("LED-40", 40)  # its value object round-trips
    assert kind_of_ref(first.id) is LAMP_KIND
    with pytest.raises(NotFound, match="no lamp CL-000009"):
        lamp_app.get("CL-000009")
    with pytest.raises(NotFound, match="no case"):  # a lamp is not mistaken for a case
        lamp_app.get_case(first.id)


def test_audit_history_replay_and_verify_work_for_a_toy_kind(
        lamp_app: Gongzhi, store_config: StoreConfig) -> None:
    case = open_restaurant_case(lamp_app)
    lamp = install(lamp_app)
    lamp_app.record(lamp.id, "市政所", lambda lamp, s: lamp.switch(True, s))
    lamp_app.record(lamp.id, "市政所", lambda lamp, s: lamp.retire(s))

    history = audit(store_config, "audit", "history", "cl-1")
    assert history.exit_code == 0, history.output
    assert "安装路灯" in history.output and "和平路 LED-40" in history.output
    assert "拆除" in history.output and "结案" not in history.output  # Closed, but the lamp's
    english = audit(store_config, "--json", "audit", "history", lamp.id, lang="en")
    assert [e["type"] for e in json.loads(english.output)] == ["Opened", "Switched", "Closed"]
    case_history = audit(store_config, "audit", "history", case.id)
    assert "受理立案" in case_history.output and "安装路灯" not in case_history.output

    replayed = audit(store_config, "audit", "replay", lamp.id, "--version", "2")
    assert replayed.exit_code == 0, replayed.output
    assert replayed.output.strip() == f"{lamp.id} 和平路 [亮]"
    as_json = audit(store_config, "--json", "audit", "replay", lamp.id, "--version", "1")
    assert json.loads(as_json.output)["lit"] is False
    steps = audit(store_config, "audit", "replay", lamp.id, "--step", lang="en")
    assert steps.exit_code == 0 and "v2 switched" in steps.output

    verified = audit(store_config, "audit", "verify")
    assert verified.exit_code == 0, verified.output


def test_a_toy_projection_is_rebuilt_from_the_log(lamp_app: Gongzhi,
                                                  store_config: StoreConfig) -> None:
    lamp = install(lamp_app)
    for on in (True, False, True):
        lamp_app.record(lamp.id, "市政所", lambda lamp, s, on=on: lamp.switch(on, s))
    rebuilt = audit(store_config, "projections", "rebuild", "toy_lamps")
    assert rebuilt.exit_code == 0, rebuilt.output
    with open_read_models(lamp_app, store_config) as models:
        table = models.projector.table("toy_lamps")
        with models.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(select(table)).mappings()]
    assert rows == [{"ref": lamp.id, "street": "和平路", "lit": True, "switches": 3}]


def test_two_aggregates_in_one_transaction_are_stored_together_or_not_at_all(
        lamp_app: Gongzhi) -> None:
    """A failure after the rows of both are inserted, before the commit, stores neither."""
    case = open_restaurant_case(lamp_app)
    lamp = install(lamp_app)
    head = lamp_app.recorder.max_notification_id()

    def both(unit: Any) -> None:
        unit.get(case.id).add_note("路灯已报修", lamp_app.stamp("网格员"))
        unit.get(lamp.id).switch(True, lamp_app.stamp("网格员"))

    def boom() -> None:
        raise RuntimeError("injected failure after the insert")

    lamp_app.recorder.after_insert = boom  # type: ignore[attr-defined]
    with pytest.raises(RuntimeError, match="injected"):
        lamp_app.run(both)
    lamp_app.recorder.after_insert = None  # type: ignore[attr-defined]
    assert lamp_app.recorder.max_notification_id() == head
    assert lamp_app.get(case.id).notes == [] and not lamp_app.get(lamp.id).lit

    recorded = lamp_app.run(both)  # and without the failure, both land in one go
    assert sorted(recorded.event_types) == ["NoteAdded", "Switched"]
    assert lamp_app.get(case.id).notes == ["路灯已报修"] and lamp_app.get(lamp.id).lit


def test_a_reaction_runs_in_the_triggering_transaction(lamp_app: Gongzhi) -> None:
    """When a lamp is retired, the case that mentions its street gets a note, atomically."""
    from adapters.unit_of_work import _REACTIONS, reacts_to
    from tests.toy_kind import LampEvents

    case = open_restaurant_case(lamp_app)
    lamp = install(lamp_app)

    @reacts_to(LampEvents.Closed)
    def note_on_case(unit: Any, event: Any) -> None:
        unit.get(case.id).add_note(f"{event.originator_id} 已拆除", lamp_app.stamp("系统"))

    try:
        recorded = lamp_app.record(lamp.id, "市政所", lambda lamp, s: lamp.retire(s))
    finally:
        _REACTIONS.pop(LampEvents.Closed)
    assert recorded.event_types == ["Closed", "NoteAdded"]
    assert lamp_app.get(case.id).notes == [f"{lamp.id} 已拆除"]
