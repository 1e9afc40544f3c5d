"""Heads a log must reproduce: the one this machine last verified, and published checkpoints.

`audit verify` checks the chains; this module adds what the chains alone cannot
show: that nothing was cut from the end, and that the store was not replaced by
an older or consistently rehashed copy (see adapters.verify_state).
"""

from __future__ import annotations

from datetime import datetime

from adapters.checkpoints import BadCheckpoint, Checkpoint, Note
from adapters.clock import local_tz
from adapters.keys import SignerKey, VerifierKey
from adapters.log_reader import LogReader
from adapters.verify_report import Expected, Problem, Report
from adapters.verify_state import Remembered, recall, remember

VERIFIED = "verified"
WITNESSED = "witnessed"


def _day(at: str) -> str:
    try:
        return datetime.fromisoformat(at).astimezone(local_tz()).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return at


def remembered_head(kind: str, origin: str) -> Expected | None:
    entry = recall(kind, origin)
    if entry is None:
        return None
    day = _day(entry.at)
    return Expected(entry.size, entry.log_hash, f"what you verified on {day}",
                    f"您于 {day} 核验时")


def checked_note(note: Note, keys: list[VerifierKey], origin: str | None) -> Checkpoint:
    """The checkpoint, once every key's signature verifies and it names this log."""
    for key in keys:
        if not note.signed_by(key):
            raise BadCheckpoint(
                f"检查点没有 {key.name} 的有效签名：它被改动过，或由其他密钥签署",
                f"the checkpoint has no valid signature by {key.name}: it was altered, or "
                "signed with another key")
    checkpoint = note.checkpoint
    if origin is not None and checkpoint.origin != origin:
        raise BadCheckpoint(
            f"该检查点属于另一份日志（“{checkpoint.origin}”），而非“{origin}”",
            f"the checkpoint is for another log ('{checkpoint.origin}'), not '{origin}'")
    return checkpoint


def published_head(checkpoint: Checkpoint, path: str) -> Expected:
    return Expected(checkpoint.size, checkpoint.log_hash.hex(), f"the checkpoint {path}",
                    f"检查点 {path}")


def retyped_problems(reader: LogReader) -> list[Problem]:
    problems = []
    for position, aggregate, version, column, found, expected in reader.retyped():
        problems.append(Problem(
            "retyped", position, aggregate, version,
            f"column {column} holds {found}, not {expected}: the value hashes the same but the "
            "event can no longer be read as it was written",
            f"列 {column} 存的是 {found} 而非 {expected}：哈希不变，但事件已无法按原样读取"))
    return problems


def remember_verified(origin: str, report: Report, now: datetime, note: str = "") -> None:
    """Keep the head just verified, unless an earlier, longer one is already kept."""
    previous = recall(VERIFIED, origin)
    if previous is not None and previous.size > report.events:
        return
    remember(VERIFIED, Remembered(origin, report.events, report.log_hash, now.isoformat(), note))


def signed(checkpoint: Checkpoint, signer: SignerKey | None) -> Note:
    note = Note(checkpoint.body(), ())
    return note.add_signature(signer) if signer else note


def trailer_signature_problems(text: str | None, keys: list[VerifierKey]) -> list[Problem]:
    """An export's trailer checkpoint must carry each key's signature (export --key)."""
    from adapters.checkpoints import parse_note

    try:
        note = parse_note(text or "")
    except BadCheckpoint:
        note = None
    missing = [k.name for k in keys if note is None or not note.signed_by(k)]
    if not missing:
        return []
    names = ", ".join(missing)
    return [Problem("bad_signature", None, None, None,
                    f"the archive's trailer carries no valid signature by {names}: the archive "
                    "was altered or re-made after it was signed",
                    f"归档结尾记录没有 {names} 的有效签名：归档在签署后被改动或重新生成")]
