"""Signed checkpoints and remembered heads (issue 13, hole 3): the tamper set.

Each attack is one an owner of the database could make without breaking any
hash chain: cut the newest events, put back an older copy, rehash everything
after an edit, cut the end of an archive, re-type a column. Each is named by
`audit verify` once this machine verified the log, or a checkpoint was published.
XDG_STATE_HOME points into the test's folder (tests/conftest.py).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest

from adapters.settings import StoreConfig
from tests.test_audit_tamper import C1, C2, build_sealed, gongzhi, offline, verify


@pytest.fixture
def built(store_config: StoreConfig) -> Any:
    config, table, _ = build_sealed(store_config)  # sealing remembers its head
    yield config, table
    table.close()


def kinds(report: dict[str, Any]) -> list[str]:
    return sorted(p["kind"] for p in report["problems"])


def forget() -> None:
    """A machine that never verified this store."""
    shutil.rmtree(os.environ["XDG_STATE_HOME"], ignore_errors=True)


def add_note(config: StoreConfig, ref: str = C1, text: str = "回访：已整改") -> None:
    from tests.test_audit_tamper import store_arg

    result = gongzhi(store_arg(config) if config.kind != "sqlite" else config.path,
                     "case", "note", ref, text)
    assert result.exit_code == 0, result.output


def test_deleting_the_newest_events_is_named_after_a_verify(built: Any) -> None:
    config, table = built
    add_note(config)
    assert verify(config)[0] == 0  # remembers 12 events
    for _ in range(2):
        table.delete(table.head())
    code, report = verify(config)
    assert code == 1
    assert kinds(report) == ["truncated"]
    assert "2 events missing" in report["problems"][0]["detail"]
    text = gongzhi(config, "audit", "verify").stdout
    assert "older than what you verified on" in text


def test_deleting_the_newest_events_passes_on_a_machine_that_never_verified(built: Any) -> None:
    config, table = built
    add_note(config)
    table.delete(table.head())
    forget()
    assert verify(config)[0] == 0  # the limit of remembered state: see the README


def put_back_an_older_copy(sqlite_config: StoreConfig, tmp_path: Path) -> StoreConfig:
    """A sealed store copied, then extended and verified, then the copy put back in its place."""
    config, table, _ = build_sealed(sqlite_config)
    table.close()
    older = tmp_path / "older.db"
    shutil.copy(config.path, older)
    add_note(config)
    assert verify(config)[0] == 0
    for suffix in ("-wal", "-shm"):
        Path(config.path + suffix).unlink(missing_ok=True)
    shutil.copy(older, config.path)
    return config


def test_an_older_copy_of_the_store_is_named(sqlite_config: StoreConfig, tmp_path: Path) -> None:
    config = put_back_an_older_copy(sqlite_config, tmp_path)
    code, report = verify(config)
    assert code == 1
    assert kinds(report) == ["truncated"]


def test_rehashing_everything_after_an_edit_is_named_without_a_seal(built: Any) -> None:
    config, table = built
    pos = table.position(C2, 3)
    table.set_state(pos, table.state(pos).replace("已电话联系双方".encode(), "双方拒绝调解".encode()))
    seal_pos = table.position("SEAL-000001", 1)
    table.delete(seal_pos)  # the attacker removes the seal too
    table.recompute_hashes()
    code, report = verify(config)
    assert code == 1
    assert kinds(report) == ["head_mismatch"]
    assert "no longer reproduces what you verified" in report["problems"][0]["detail"]


def test_a_retyped_state_column_is_named(built: Any) -> None:
    config, table = built
    pos = table.position(C2, 3)
    if config.kind == "sqlite":
        table.sql("UPDATE {t} SET state = CAST(state AS TEXT) WHERE {pos} = ?", pos)
    else:
        table.sql("ALTER TABLE {t} ALTER COLUMN state TYPE text USING encode(state, 'escape')")
    code, report = verify(config)
    assert code == 1
    assert "retyped" in kinds(report)
    retyped = next(p for p in report["problems"] if p["kind"] == "retyped")
    assert "state" in retyped["detail"] and ("BLOB" in retyped["detail"] or
                                             "bytea" in retyped["detail"])


# -- archives -----------------------------------------------------------------------------------


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def test_an_archive_cut_short_is_named(built: Any, tmp_path: Path) -> None:
    config, _ = built
    archive = tmp_path / "archive.jsonl"
    assert gongzhi(config, "audit", "export", "-o", str(archive)).exit_code == 0
    assert verify(offline(tmp_path), "--file", str(archive))[0] == 0
    lines = _lines(archive)
    cut = tmp_path / "cut.jsonl"
    cut.write_text("".join(lines[:-1]), encoding="utf-8")  # the trailer goes
    code, report = verify(offline(tmp_path), "--file", str(cut))
    assert (code, kinds(report)) == (1, ["no_trailer"])
    cut.write_text("".join(lines[:-2] + lines[-1:]), encoding="utf-8")  # the last event goes
    code, report = verify(offline(tmp_path), "--file", str(cut))
    assert (code, kinds(report)) == (1, ["trailer_mismatch"])


def test_a_signed_archive_trailer_is_checked(built: Any, tmp_path: Path) -> None:
    config, _ = built
    key, other = tmp_path / "office.key", tmp_path / "other.key"
    assert gongzhi(config, "audit", "keygen", "--name", "office", "-o", str(key)).exit_code == 0
    assert gongzhi(config, "audit", "keygen", "--name", "other", "-o", str(other)).exit_code == 0
    archive = tmp_path / "archive.jsonl"
    assert gongzhi(config, "audit", "export", "--key", str(key), "-o", str(archive)).exit_code == 0
    assert verify(offline(tmp_path), "--file", str(archive), "--key", f"{key}.pub")[0] == 0
    code, report = verify(offline(tmp_path), "--file", str(archive), "--key", f"{other}.pub")
    assert (code, kinds(report)) == (1, ["bad_signature"])


# -- keys, published checkpoints, witnesses ---------------------------------------------------


@pytest.fixture
def keys(tmp_path: Path) -> dict[str, Path]:
    made = {}
    for name in ("district", "witness"):
        path = tmp_path / "keys" / f"{name}.key"
        result = gongzhi("unused.db", "audit", "keygen", "--name", name, "-o", str(path))
        assert result.exit_code == 0, result.output
        made[name] = path
    return made


def test_keygen_makes_private_files_and_never_overwrites(keys: dict[str, Path]) -> None:
    for path in (keys["district"], Path(f"{keys['district']}.pub")):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    before = keys["district"].read_bytes()
    again = gongzhi("unused.db", "audit", "keygen", "--name", "x", "-o", str(keys["district"]))
    assert again.exit_code == 1 and "never overwritten" in again.output
    assert keys["district"].read_bytes() == before


def _seal(config: StoreConfig, key: Path, out: Path) -> dict[str, Any]:
    result = gongzhi(config, "--json", "audit", "seal", "--key", str(key), "-o", str(out))
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_a_published_checkpoint_catches_truncation_on_any_machine(
        built: Any, keys: dict[str, Path], tmp_path: Path) -> None:
    config, table = built
    checkpoint = tmp_path / "checkpoint.txt"
    doc = _seal(config, keys["district"], checkpoint)
    text = checkpoint.read_text(encoding="utf-8")
    origin, size, _hash, blank, signature = text.split("\n")[:5]
    assert origin == config.origin() and int(size) == doc["events"] == 11 and blank == ""
    assert signature.startswith("— district ")
    pub = f"{keys['district']}.pub"
    assert verify(config, "--checkpoint", str(checkpoint), "--key", pub)[0] == 0

    table.delete(table.head())  # the second seal
    table.delete(table.head())  # the first seal
    table.delete(table.head())  # C1's last note
    forget()
    code, report = verify(config, "--checkpoint", str(checkpoint), "--key", pub)
    assert code == 1
    assert kinds(report) == ["truncated"]
    assert "checkpoint" in report["problems"][0]["detail"]


def test_an_altered_or_foreign_checkpoint_is_refused(built: Any, keys: dict[str, Path],
                                                     tmp_path: Path) -> None:
    config, _ = built
    checkpoint = tmp_path / "checkpoint.txt"
    _seal(config, keys["district"], checkpoint)
    lines = checkpoint.read_text(encoding="utf-8").split("\n")
    lines[1] = str(int(lines[1]) - 1)  # claim fewer events
    altered = tmp_path / "altered.txt"
    altered.write_text("\n".join(lines), encoding="utf-8")
    pub = f"{keys['district']}.pub"
    for path, key in ((altered, pub), (checkpoint, f"{keys['witness']}.pub")):
        result = gongzhi(config, "audit", "verify", "--checkpoint", str(path), "--key", key)
        assert result.exit_code == 1, result.output
        assert "no valid signature" in result.output


def test_a_witness_cosigns_extensions_and_refuses_rollbacks(
        built: Any, keys: dict[str, Path], tmp_path: Path) -> None:
    config, _ = built
    first, second = tmp_path / "cp1.txt", tmp_path / "cp2.txt"
    _seal(config, keys["district"], first)
    add_note(config)
    _seal(config, keys["district"], second)
    witness = ["--key", str(keys["witness"]), "--log-key", f"{keys['district']}.pub"]
    cosigned = tmp_path / "cp1.cosigned.txt"
    result = gongzhi(config, "audit", "witness", str(first), *witness, "-o", str(cosigned))
    assert result.exit_code == 0, result.output
    assert verify(config, "--checkpoint", str(cosigned), "--key", f"{keys['district']}.pub",
                  "--key", f"{keys['witness']}.pub")[0] == 0
    assert gongzhi(config, "audit", "witness", str(second), *witness).exit_code == 0
    rollback = gongzhi(config, "audit", "witness", str(first), *witness)
    assert rollback.exit_code == 1
    assert "roll the log back" in rollback.output


def test_a_witness_refuses_a_checkpoint_of_a_rewritten_history(
        built: Any, keys: dict[str, Path], tmp_path: Path) -> None:
    config, table = built
    first, second = tmp_path / "cp1.txt", tmp_path / "cp2.txt"
    _seal(config, keys["district"], first)
    witness = ["--key", str(keys["witness"]), "--log-key", f"{keys['district']}.pub"]
    assert gongzhi(config, "audit", "witness", str(first), *witness).exit_code == 0
    pos = table.position(C1, 2)
    table.set_state(pos, table.state(pos).replace("王调解员".encode(), "赵调解员".encode()))
    for seal in ("SEAL-000002", "SEAL-000001"):  # the attacker removes both seals
        table.delete(table.position(seal, 1))
    table.recompute_hashes()
    forget_verified = Path(os.environ["XDG_STATE_HOME"]) / "gongzhi" / "verified"
    shutil.rmtree(forget_verified)  # the office's own memory is gone; the witness's is not
    add_note(config)
    add_note(config, C2)  # longer than what the witness saw, but another history
    _seal(config, keys["district"], second)  # a signed checkpoint of the rewritten log
    result = gongzhi(config, "audit", "witness", str(second), *witness)
    assert result.exit_code == 1, result.output
    assert "does not support this checkpoint" in result.output


def test_forget_accepts_a_restored_store(sqlite_config: StoreConfig, tmp_path: Path) -> None:
    config = put_back_an_older_copy(sqlite_config, tmp_path)  # restored from last night's backup
    assert verify(config)[0] == 1
    result = gongzhi(config, "audit", "forget")
    assert result.exit_code == 0 and "forgot the head of 12 events" in result.stdout
    assert verify(config)[0] == 0
    assert "nothing was remembered" in gongzhi(offline(tmp_path), "audit", "forget").stdout
