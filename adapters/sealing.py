"""`audit seal`: fix the log's current state with a hash anyone can keep.

Sealing verifies the whole log first (every chain and every earlier seal),
refuses if anything is broken, and appends one `LogSeal.Sealed` event: it
never changes earlier events.
"""

from __future__ import annotations

import json
from typing import Any

import attrs

from adapters.errors import AppError
from adapters.log_reader import LogReader, LogRow
from adapters.verifier import Verifier
from adapters.verify_report import SealInfo
from domain.seal import SEAL_PREFIX, LogSeal, seal_ref
from domain.values import Stamp

SEAL_TOPIC = "domain.seal:LogSeal.Sealed"


def parse_seal(row: LogRow) -> SealInfo | None:
    """The seal a stored row records; None if its bytes no longer parse (the verifier
    reports such a row as changed data, since its hash no longer matches)."""
    try:
        data = json.loads(row.state)
        return SealInfo(row.originator_id, int(data["head"]), str(data["log_hash"]),
                        int(data["events"]), row.notification_id)
    except (ValueError, KeyError, TypeError):
        return None


def recorded_seals(reader: LogReader) -> list[SealInfo]:
    return [s for s in map(parse_seal, reader.rows_with_topic(SEAL_TOPIC)) if s is not None]


def seal(app: Any, reader: LogReader, stamp: Stamp) -> LogSeal:
    """Verify the log up to its head and record a seal of it."""
    verifier = Verifier(recorded_seals(reader))
    for row in reader.rows():
        verifier.feed(row)
    report = verifier.finish()
    if not report.ok:
        first = report.problems[0]
        raise AppError(
            f"日志已有 {len(report.problems)} 处问题（首处在通知 {first.notification_id}："
            f"{first.detail_zh}），请先运行 gongzhi audit verify 查明，再封存",
            f"the log is already broken ({len(report.problems)} problem(s), first at "
            f"notification {first.notification_id}: {first.detail_en}); run 'gongzhi audit "
            "verify' and resolve it before sealing")
    head = verifier.prev.notification_id if verifier.prev else 0
    stamp = attrs.evolve(stamp, recorded_at=app.clock())  # recorded after the long check
    record: LogSeal = app.save_numbered(SEAL_PREFIX, lambda number: LogSeal.record(
        seal_ref(number), head, report.log_hash, report.events, stamp))
    return record
