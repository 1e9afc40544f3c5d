"""Shared fixtures: stores on SQLite (a temp file) and PostgreSQL (a schema of its own).

PostgreSQL tests skip, with the reason, when no server answers at
GONGZHI_TEST_PG (default postgresql://postgres@127.0.0.1:5432/test). Each test
gets a fresh schema, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from adapters.app import Gongzhi
from adapters.settings import StoreConfig
from domain.values import Location, PartySpec
from domain.vocabulary import Category, Channel

PG_URL = os.environ.get("GONGZHI_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
CST = timezone(timedelta(hours=8))


class StepClock:
    """A clock that moves one minute each time it is read: deterministic recording times."""

    def __init__(self, start: datetime = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def _pg_reason() -> str | None:
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed (pip install -e '.[test]')"
    config = StoreConfig.parse(PG_URL)
    try:
        with psycopg.connect(host=config.host, port=config.port, user=config.user,
                             dbname=config.dbname, password=config.password or None,
                             connect_timeout=3):
            return None
    except Exception as error:  # any failure to connect means: skip, and say why
        return f"PostgreSQL not reachable at {PG_URL}: {error}".strip()


PG_SKIP_REASON = _pg_reason()
requires_postgres = pytest.mark.skipif(PG_SKIP_REASON is not None,
                                       reason=PG_SKIP_REASON or "")


def drop_schema(schema: str) -> None:
    import psycopg

    config = StoreConfig.parse(PG_URL)
    with psycopg.connect(host=config.host, port=config.port, user=config.user,
                         dbname=config.dbname, password=config.password or None,
                         autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}_keys" CASCADE')  # its subjects' keys


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    """The developer's shell must not change what the tests see (store, actor, zone), and
    what `audit verify` remembers goes to the test's own folder, not ~/.local/state."""
    for name in ("GONGZHI_STORE", "GONGZHI_READ_STORE", "GONGZHI_ACTOR", "GONGZHI_LANG",
                 "GONGZHI_DEBUG", "GONGZHI_SIGNING_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GONGZHI_TZ", "Asia/Shanghai")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))


@pytest.fixture
def sqlite_config(tmp_path: Any) -> StoreConfig:
    return StoreConfig.parse(str(tmp_path / "gongzhi.db"))


@pytest.fixture
def pg_config() -> Iterator[StoreConfig]:
    if PG_SKIP_REASON:
        pytest.skip(PG_SKIP_REASON)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    yield StoreConfig.parse(f"{PG_URL}?schema={schema}")
    drop_schema(schema)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_config(request: Any) -> StoreConfig:
    name = "sqlite_config" if request.param == "sqlite" else "pg_config"
    return request.getfixturevalue(name)  # type: ignore[no-any-return]


@pytest.fixture
def clock() -> StepClock:
    return StepClock()


@pytest.fixture
def app(store_config: StoreConfig, clock: StepClock) -> Iterator[Gongzhi]:
    application = Gongzhi(store_config, clock=clock)
    yield application
    application.close()


@pytest.fixture
def sqlite_app(sqlite_config: StoreConfig, clock: StepClock) -> Iterator[Gongzhi]:
    application = Gongzhi(sqlite_config, clock=clock)
    yield application
    application.close()


def open_restaurant_case(app: Gongzhi, actor: str = "李调解员",
                         at: datetime | None = None) -> Any:
    """The typical case: residents v. a ground-floor restaurant (noise after 22:00, fumes)."""
    stamp = app.stamp(actor, at or datetime(2026, 10, 8, 21, 30, tzinfo=CST))
    return app.open_case(
        stamp,
        channel=Channel.HOTLINE,
        categories=[Category.NOISE, Category.COOKING_FUMES],
        location=Location("双塔社区", "3号网格", "5栋"),
        complainants=[PartySpec("张女士")],
        respondents=[PartySpec("老王饭店", "business", "王建国")],
        summary="一楼饭店22点后噪音扰民、油烟直排",
    )
