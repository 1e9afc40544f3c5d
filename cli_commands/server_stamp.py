"""What the PostgreSQL server itself recorded for an event, beside what the client stated.

The actor and the recording time come from the client: any string, any clock.
The server adds its session user and its own clock (column defaults), and a
large difference between the two clocks is flagged in `audit history`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

CLOCK_TOLERANCE = timedelta(minutes=5)


def add_server_stamp(entry: dict[str, Any], db_user: str, db_time: datetime) -> None:
    entry["db_user"], entry["db_time"] = db_user, db_time.isoformat()
    recorded = entry.get("recorded_at")
    try:
        client = datetime.fromisoformat(recorded) if isinstance(recorded, str) else recorded
        gap = abs((client - db_time).total_seconds()) if client is not None else None
    except (TypeError, ValueError):
        gap = None
    entry["clock_gap_seconds"] = gap
    entry["clock_mismatch"] = gap is not None and gap > CLOCK_TOLERANCE.total_seconds()


def server_line(entry: dict[str, Any], lang: str) -> str:
    """An extra history line when the server recorded who and when; empty otherwise."""
    if "db_user" not in entry:
        return ""
    from cli_commands.event_text import when

    zh = lang == "zh"
    flag = ""
    if entry.get("clock_mismatch"):
        minutes = int((entry["clock_gap_seconds"] or 0) // 60)
        flag = (f"  【时钟相差 {minutes} 分钟】" if zh else f"  [CLOCK OFF BY {minutes} MIN]")
    return (f"     {'数据库记录' if zh else 'database'}: {entry['db_user']} @ "
            f"{when(entry['db_time'])}{flag}\n")
