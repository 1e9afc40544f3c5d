"""History lines for people, for any aggregate kind: the one place they are rendered.

What each event says comes from its kind's view (adapters.views); this module
lays the lines out the same way for `case history`, `audit history` and the demo.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from adapters.clock import local_tz
from adapters.views import describe, event_name
from cli_commands.safe_text import one_line
from cli_commands.server_stamp import server_line

__all__ = ["describe", "event_name", "history_lines", "when"]


def when(moment: datetime | str | None) -> str:
    if moment is None:
        return "—"
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.astimezone(local_tz()).strftime("%Y-%m-%d %H:%M")


def _topic(entry: dict[str, Any]) -> str:
    return str(entry.get("topic") or entry["type"])


def history_lines(entries: list[dict[str, Any]], lang: str, names: dict[str, str],
                  audit: bool = False, late_mark: str = "") -> list[str]:
    """Two or three lines per event: version, time, name, who; then what it recorded.

    `audit` adds the log position, both times and the event's hash (audit history).
    """
    zh = lang == "zh"
    lines = []
    for e in entries:
        name = event_name(_topic(e), lang)
        # One line whatever the text holds: a newline in a note must not forge a history line.
        what = one_line(describe(_topic(e), e["data"], lang, names))
        if audit:
            late = f" {late_mark}" if e.get("late") else ""
            lines.append(
                f"v{e['version']:<3} #{e['notification_id']:<6} {name}{late}\n"
                f"     {'发生' if zh else 'happened'} {when(e['occurred_at'])}  "
                f"{'记录' if zh else 'recorded'} {when(e['recorded_at'])}  "
                f"{'记录人' if zh else 'by'} {e['actor']}  hash {e['event_hash'][:12]}\n"
                f"{server_line(e, lang)}"
                f"     {what}")
        else:
            recorded = f"{'，记录于 ' if zh else ', recorded '}{when(e['recorded_at'])}"
            lines.append(f"v{e['version']:<3} {when(e['occurred_at'])}  {name}"
                         f"  [{e['actor']}{recorded}]\n     {what}")
    return lines
