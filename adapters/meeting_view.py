"""A joint meeting's state as a plain dict: the `meeting show --json` and `audit replay` document.

Action items carry their status as judged on `today` (open, done, missed or overdue).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from adapters.jsonable import jsonable
from domain.meeting import JointMeeting


def _names(people: Any) -> list[str]:
    return [str(p) for p in people]


def meeting_document(meeting: JointMeeting, today: date) -> dict[str, Any]:
    attendance = meeting.attendance
    bodies = [{"body": b, "invited": True,
               "attendance": ("present" if b in attendance else "absent" if b in meeting.absent
                              else None),
               "attendees": _names(attendance[b].attendees) if b in attendance else []}
              for b in meeting.bodies]
    items = [meeting.items[i] for i in meeting.order]
    return {
        "id": meeting.id, "ref": meeting.ref, "version": meeting.version,
        "title": meeting.title, "status": meeting.status, "level": meeting.level,
        "community": meeting.community, "convened_by": meeting.convened_by,
        "convened_at": meeting.convened_at.isoformat(),
        "scheduled_at": meeting.scheduled_at.isoformat(), "venue": meeting.venue,
        "chair": str(meeting.chair), "held_at": jsonable(meeting.held_at),
        "cancel_reason": meeting.cancel_reason, "bodies": bodies,
        "items": [{"id": i.id, "case": i.case_ref, "questions": jsonable(i.questions),
                   "resolution": i.resolution, "actions": list(i.action_ids)} for i in items],
        "withdrawn_items": [{"id": i.id, "case": i.case_ref}
                            for i in meeting.items.values() if i.withdrawn],
        "actions": [{**jsonable(a), "owner_name": str(a.owner_name) if a.owner_name else None,
                     "status": "overdue" if a.is_overdue(today) else a.status}
                    for a in meeting.actions.values()],
        "minutes": {"text": meeting.minutes, "version": meeting.minutes_version,
                    "approved_by": list(meeting.approvals), "frozen": meeting.minutes_frozen,
                    "corrections": jsonable(meeting.corrections)},
    }
