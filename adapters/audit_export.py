"""Archive the log as JSON lines with its hashes, and check such an archive offline.

Format (one JSON object per line, UTF-8):
  line 1: {"format": "gongzhi-audit-export", "version": 1, "after": N,
           "events_before": K, "prev_log_hash": HEX, ...}
  then per event: {"n", "aggregate", "version", "topic", "state", "event_hash",
           "log_hash"} (+ "prev_event_hash" on an export's first event of a stream
           that began earlier). "state" is the stored bytes as text; "state_b64"
           replaces it if the bytes are not valid UTF-8 (only if tampered with).
  last line: {"trailer": {"events": N, "log_hash": HEX, "checkpoint": TEXT}}: the
           number of events up to the last one exported, its log hash, and the
           same as a checkpoint (signed if the export was made with --key).
           `verify --file` requires it, so an archive cut short is named as such.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any

from adapters.errors import AppError
from adapters.hashing import GENESIS
from adapters.log_reader import LogReader, LogRow
from adapters.verifier import Verifier
from adapters.verify_report import Expected, Problem, Report

FORMAT = "gongzhi-audit-export"


def start_after(reader: LogReader, since: int | datetime | None) -> int:
    """The notification id after which to start: given, or the last one recorded before a time."""
    if since is None:
        return 0
    if isinstance(since, int):
        return since
    last = 0
    for row in reader.rows():
        try:
            recorded = datetime.fromisoformat(json.loads(row.state)["timestamp"]["_data_"])
        except (ValueError, KeyError, TypeError):
            recorded = None  # unreadable (altered?) bytes: export it, verify will say why
        if recorded is None or recorded >= since:
            break
        last = row.notification_id
    return last


def export_lines(reader: LogReader, after: int, store: str, now: datetime, origin: str = "",
                 signer: Any = None) -> Iterator[str]:
    from adapters.checkpoint_audit import signed
    from adapters.checkpoints import Checkpoint

    prev_log = (reader.log_hash_upto(after) if after else None) or GENESIS
    count = reader.count_upto(after) if after else 0
    header = {"format": FORMAT, "version": 1, "store": store, "origin": origin,
              "exported_at": now.isoformat(), "after": after, "events_before": count,
              "prev_log_hash": prev_log.hex()}
    yield json.dumps(header, ensure_ascii=False)
    seen: set[str] = set()
    last_log = prev_log
    for row in reader.rows(after=after):
        count, last_log = count + 1, row.log_hash
        record: dict[str, Any] = {"n": row.notification_id, "aggregate": row.originator_id,
                                  "version": row.version, "topic": row.topic}
        try:
            record["state"] = row.state.decode("utf-8")
        except UnicodeDecodeError:
            record["state_b64"] = base64.b64encode(row.state).decode()
        record["event_hash"], record["log_hash"] = row.event_hash.hex(), row.log_hash.hex()
        if row.originator_id not in seen and row.version > 1:
            previous = reader.event_hash_of(row.originator_id, row.version - 1)
            if previous is not None:
                record["prev_event_hash"] = previous.hex()
        seen.add(row.originator_id)
        yield json.dumps(record, ensure_ascii=False)
    note = signed(Checkpoint(origin, count, last_log), signer)
    yield json.dumps({"trailer": {"events": count, "log_hash": last_log.hex(),
                                  "checkpoint": note.text()}}, ensure_ascii=False)


def _records(stream: IO[str], trailer: dict[str, Any] | None = None,
             ) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    try:
        header = json.loads(stream.readline() or "{}")
    except ValueError:
        header = {}
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise AppError("不是共治审计导出文件（第一行应为文件头）",
                       "not a Gongzhi audit export (the first line must be its header)")
    return header, _lines(stream, trailer)


def _lines(stream: IO[str], trailer: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
    """The event records; the trailer, once met, goes into `trailer` (nothing may follow it)."""
    for number, line in enumerate(stream, start=2):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if trailer is not None and "found" in trailer:
                raise ValueError("a line after the trailer")
            if isinstance(record, dict) and "trailer" in record:
                if trailer is not None:
                    trailer["found"] = dict(record["trailer"])
                continue
            _row(record)
        except (ValueError, KeyError, TypeError) as error:
            raise AppError(
                f"归档第 {number} 行不是有效的事件记录（{type(error).__name__}）：归档已被改动或损坏",
                f"line {number} of the archive is not a stored event ({type(error).__name__}): "
                "the archive was altered or damaged",
            ) from None
        yield record


def _row(record: dict[str, Any]) -> LogRow:
    state = (record["state"].encode("utf-8") if "state" in record
             else base64.b64decode(record["state_b64"]))
    return LogRow(record["n"], record["aggregate"], record["version"], record["topic"], state,
                  bytes.fromhex(record["event_hash"]), bytes.fromhex(record["log_hash"]))


def verify_export(path: str, against: str | None, seal_topic: str,
                  expected: list[Expected] | None = None) -> Report:
    from adapters.sealing import parse_seal

    with open(path, encoding="utf-8") as stream:
        header, records = _records(stream)
        after = int(header["after"])
        seals = [seal for r in records if r["topic"] == seal_topic
                 for seal in [parse_seal(_row(r))] if seal is not None and seal.head > after]
    verifier = Verifier(seals, against, start_log=bytes.fromhex(header["prev_log_hash"]),
                        start_position=after, expected=expected or ())
    verifier.count = int(header["events_before"])
    trailer: dict[str, Any] = {}
    with open(path, encoding="utf-8") as stream:
        _, records = _records(stream, trailer)
        last_stored = bytes.fromhex(header["prev_log_hash"])
        for record in records:
            if "prev_event_hash" in record:
                verifier.seed_stream(record["aggregate"], record["version"] - 1,
                                     bytes.fromhex(record["prev_event_hash"]))
            row = _row(record)
            verifier.feed(row)
            last_stored = row.log_hash
    report = verifier.finish()
    report.problems.extend(_trailer_problems(trailer.get("found"), report, last_stored.hex()))
    report.trailer_checkpoint = (trailer.get("found") or {}).get("checkpoint")
    return report


def _trailer_problems(trailer: dict[str, Any] | None, report: Report, last_log: str,
                      ) -> list[Problem]:
    """The trailer says how many events the archive had and the stored log hash of the last:
    lines cut from the end (or the trailer itself) show here; altered lines show above."""
    if trailer is None:
        return [Problem("no_trailer", None, None, None,
                        "the archive ends without its trailer: lines were cut from its end "
                        f"(it now holds {report.events} events)",
                        f"归档缺少结尾记录：其末尾被删去了若干行（现含 {report.events} 个事件）")]
    try:
        events, log_hash = int(trailer["events"]), str(trailer["log_hash"])
    except (KeyError, TypeError, ValueError):
        events, log_hash = -1, ""
    if events == report.events and log_hash == last_log:
        return []
    return [Problem("trailer_mismatch", None, None, None,
                    f"the trailer records {events} events ending in {log_hash[:16]}…, but the "
                    f"archive holds {report.events} ending in {last_log[:16]}…",
                    f"结尾记录为 {events} 个事件、哈希 {log_hash[:16]}…，但归档实含 "
                    f"{report.events} 个、哈希 {last_log[:16]}…")]
