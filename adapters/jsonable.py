"""Plain JSON-ready values from domain objects (attrs records, datetimes, tuples).

Every moment is written in the local zone (GONGZHI_TZ, default Asia/Shanghai)
with its offset, whether it was typed (occurred_at) or read from the clock in
UTC (recorded_at): a script sees one zone, and the offset keeps it exact.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

import attrs

from domain.personal import PersonalData


def jsonable(value: Any) -> Any:
    if isinstance(value, PersonalData):  # its text (ERASED once its subject was erased)
        return value.text
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime) and value.tzinfo is not None:
        from adapters.clock import local_tz

        return value.astimezone(local_tz()).isoformat()
    if isinstance(value, datetime | date):
        return value.isoformat()
    if attrs.has(type(value)):
        return {f.name: jsonable(getattr(value, f.name)) for f in attrs.fields(type(value))}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, bytes):
        return value.hex()
    return value


BASE_EVENT_FIELDS = ("originator_id", "originator_version", "timestamp", "originator_topic",
                     "actor", "occurred_at")


def event_type(event: Any) -> str:
    return type(event).__name__


def event_data(event: Any) -> dict[str, Any]:
    """An event's own fields, without the envelope every event carries."""
    return {k: jsonable(v) for k, v in vars(event).items() if k not in BASE_EVENT_FIELDS}


def event_topic(event: Any) -> str:
    from eventsourcing.utils import get_topic

    return get_topic(type(event))


def event_envelope(event: Any) -> dict[str, Any]:
    return {
        "aggregate": event.originator_id,
        "version": event.originator_version,
        "type": event_type(event),
        "topic": event_topic(event),
        "actor": getattr(event, "actor", None),
        "recorded_at": jsonable(event.timestamp),
        "occurred_at": jsonable(getattr(event, "occurred_at", None)),
        "data": event_data(event),
    }
