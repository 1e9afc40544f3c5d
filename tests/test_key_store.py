"""The subjects' key store: private, lazily made, safe when two writers make the same key."""

from __future__ import annotations

from pathlib import Path

import pytest
from eventsourcing.persistence import IntegrityError

from adapters.key_store import SQLiteKeyStore, key_store_path
from adapters.personal_sealing import SealedPersonalData
from domain.personal import ERASED, SEALED, PersonalData

SUBJECT = "C2026-000001/c1"


def test_the_key_store_sits_beside_the_store_and_is_made_only_when_something_is_sealed(
        tmp_path: Path) -> None:
    path = key_store_path(str(tmp_path / "gongzhi.db"))
    assert path == str(tmp_path / "gongzhi.keys.db")
    keys = SQLiteKeyStore(path)
    assert keys.key(SUBJECT) is None and not Path(path).exists()  # a read makes nothing
    sealing = SealedPersonalData(keys)
    stored = sealing.encode(PersonalData(SUBJECT, "张秀英"))
    assert "张秀英" not in str(stored) and stored["subject"] == SUBJECT
    keys.flush()
    assert Path(path).stat().st_mode & 0o777 == 0o600
    assert sealing.decode(stored) == PersonalData(SUBJECT, "张秀英")
    moved = {**stored, "subject": "C2026-000001/c2"}  # sealed under one subject only
    assert sealing.decode(moved).text == ERASED
    assert keys.destroy([SUBJECT]) == [SUBJECT]
    keys.close()
    fresh = SealedPersonalData(SQLiteKeyStore(path, read_only=True))
    assert fresh.decode(stored) == PersonalData(SUBJECT, ERASED)
    assert SEALED != ERASED


def test_a_key_another_writer_made_first_wins_and_the_loser_redoes_its_work(
        tmp_path: Path) -> None:
    path = str(tmp_path / "gongzhi.keys.db")
    first, second = SQLiteKeyStore(path), SQLiteKeyStore(path)
    mine = first.key_for_sealing(SUBJECT)
    theirs = second.key_for_sealing(SUBJECT)
    first.flush()
    with pytest.raises(IntegrityError):  # the application runs the unit of work again
        second.flush()
    assert second.key(SUBJECT) == first.key(SUBJECT) == mine != theirs
    first.close()
    second.close()


def test_a_store_written_in_the_clear_still_reads(tmp_path: Path) -> None:
    """Older stores hold names as plain text: they load, and new data is sealed beside them."""
    from adapters.app import Gongzhi
    from adapters.settings import StoreConfig
    from domain.values import PartySpec
    from tests.conftest import StepClock, open_restaurant_case

    config = StoreConfig.parse(str(tmp_path / "old.db"))
    old = Gongzhi(config, clock=StepClock(), seal_personal_data=False)
    ref = open_restaurant_case(old).id
    old.close()
    assert "张女士".encode() in (tmp_path / "old.db").read_bytes()
    app = Gongzhi(config, clock=StepClock())
    try:
        assert str(app.get_case(ref).complainants[0].name) == "张女士"
        app.record(ref, "李", lambda c, s: c.join(PartySpec("李先生"), s))
        assert [str(p.name) for p in app.get_case(ref).complainants] == ["张女士", "李先生"]
    finally:
        app.close()
    assert "李先生".encode() not in (tmp_path / "old.db").read_bytes()


def test_keys_for_the_next_cases_are_made_ahead_in_the_same_commit(tmp_path: Path) -> None:
    path = str(tmp_path / "gongzhi.keys.db")
    keys = SQLiteKeyStore(path)
    keys.key_for_sealing(SUBJECT)
    keys.flush()
    keys.close()
    later = SQLiteKeyStore(path)
    made = later.key("C2026-000002/c1")
    assert made is not None and later.key("C2026-000002/r1") is None  # the same roles only
    assert later.key_for_sealing("C2026-000002/c1") == made
    later.flush()  # nothing to store: no commit, no fsync
    later.close()
