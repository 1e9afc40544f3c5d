"""The agenda of one joint meeting (议程), built from the `meetings` read model.

Per item: the case (ref, summary, parties, location), what each body is asked,
the history so far (statements, responses, failed proposals, spot checks up to
the meeting), open commitments, and action items of earlier meetings on the
same case with their status. Per body: "what you must bring". Once held: the
resolutions and action items with owner, due date and status. "Overdue" is
judged on the day asked. Pure: rows come from `fetch`, SQL or an in-memory fold.
The read model holds no personal data: the chair, party names, rooms and
statements are left empty here and filled in from the aggregates
(adapters/meeting_personal.py).
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any

from projections.meeting_pool import Fetch
from projections.meeting_rows import (
    CaseCommitmentRow,
    CaseHistoryRow,
    MeetingActionRow,
    MeetingBodyRow,
    MeetingItemRow,
    MeetingQuestionRow,
    MeetingRow,
    PoolCaseRow,
)


def _iso(moment: datetime | None, tz: tzinfo) -> str | None:
    return moment.astimezone(tz).isoformat() if moment else None


def action_status(row: MeetingActionRow, today: date) -> str:
    return "overdue" if row.status == "open" and row.due < today else row.status


def action_document(row: MeetingActionRow, today: date, tz: tzinfo) -> dict[str, Any]:
    return {"meeting": row.meeting_ref, "id": row.action_id, "item": row.item_id,
            "case": row.case_ref, "owner": row.owner, "owner_name": None,  # names: see below
            "task": row.task, "due": row.due.isoformat(), "status": action_status(row, today),
            "evidence": row.evidence, "evidence_summary": row.evidence_summary,
            "note": row.note, "settled_at": _iso(row.settled_at, tz)}


def case_action_items(fetch: Fetch, case_ref: str, today: date, tz: tzinfo) -> list[dict[str, Any]]:
    """Every meeting's action items on a case (shown by `case show`)."""
    rows = sorted(fetch(MeetingActionRow, case_ref=case_ref),
                  key=lambda r: (r.meeting_ref, int(r.action_id[1:])))
    return [action_document(r, today, tz) for r in rows]


def agenda_document(fetch: Fetch, ref: str, today: date, tz: tzinfo,
                    department: str | None = None) -> dict[str, Any] | None:
    found = fetch(MeetingRow, ref=ref)
    if not found:
        return None
    meeting: MeetingRow = found[0]
    order = [b for b in meeting.bodies.split(",") if b]
    bodies = {b.body: b for b in fetch(MeetingBodyRow, ref=ref)}
    items = sorted((i for i in fetch(MeetingItemRow, ref=ref) if not i.withdrawn),
                   key=lambda i: i.position)
    actions = fetch(MeetingActionRow, meeting_ref=ref)
    documents = [_item(fetch, meeting, item, order, actions, today, tz) for item in items]
    if department:
        documents = [d for d in documents if any(q["body"] == department for q in d["questions"])
                     or any(a["owner"] == department for a in d["actions"])]
        order = [b for b in order if b == department]
    return {
        "ref": meeting.ref, "title": meeting.title, "level": meeting.level,
        "community": meeting.community, "convened_by": meeting.convened_by,
        "scheduled_at": _iso(meeting.scheduled_at, tz), "venue": meeting.venue,
        "chair": None, "status": meeting.status, "held_at": _iso(meeting.held_at, tz),
        "minutes": {"version": meeting.minutes_version, "frozen": meeting.minutes_frozen,
                    "corrections": meeting.corrections},
        "department": department, "today": today.isoformat(),
        "bodies": [{"body": b, "attendance": bodies[b].attendance,
                    "attendees": bodies[b].attendees} for b in order if b in bodies],
        "items": documents,
        "bring": [_bring(body, documents) for body in order],
    }


def _item(fetch: Fetch, meeting: MeetingRow, item: MeetingItemRow, order: list[str],
          actions: list[MeetingActionRow], today: date, tz: tzinfo) -> dict[str, Any]:
    case_rows = fetch(PoolCaseRow, ref=item.case_ref)
    case = case_rows[0] if case_rows else None
    rank = {b: n for n, b in enumerate(order)}
    questions = sorted((q for q in fetch(MeetingQuestionRow, ref=meeting.ref, item_id=item.item_id)
                        if not q.withdrawn), key=lambda q: rank.get(q.body, len(rank)))
    until = meeting.held_at
    history = sorted((h for h in fetch(CaseHistoryRow, ref=item.case_ref)
                      if (h.kind != "proposal" or h.failed) and (until is None or h.at <= until)),
                     key=lambda h: (h.at, h.entry))
    commitments = sorted((c for c in fetch(CaseCommitmentRow, ref=item.case_ref)
                          if c.status == "open"), key=lambda c: int(c.commitment_id[1:]))
    earlier = [a for a in fetch(MeetingActionRow, case_ref=item.case_ref)
               if a.meeting_ref != meeting.ref]
    earlier.sort(key=lambda r: (r.meeting_ref, int(r.action_id[1:])))
    mine = sorted((a for a in actions if a.item_id == item.item_id),
                  key=lambda r: int(r.action_id[1:]))
    return {
        "id": item.item_id, "position": item.position, "case": item.case_ref,
        "summary": case.summary if case else None, "location": case.location if case else None,
        "complainants": case.complainants if case else 0,
        "respondents": case.respondents if case else None,
        "departments": [c for c in case.departments.split(",") if c] if case else [],
        "questions": [{"body": q.body, "question": q.question} for q in questions],
        "history": [{"entry": h.entry, "kind": h.kind, "who": h.who, "text": h.text,
                     "at": _iso(h.at, tz), "failed": h.failed} for h in history],
        "open_commitments": [{"id": c.commitment_id, "party": c.party,
                              "party_name": None, "duty": c.duty,
                              "due": c.due.isoformat(), "overdue": c.due < today}
                             for c in commitments],
        "earlier_actions": [action_document(a, today, tz) for a in earlier],
        "resolution": item.resolution,
        "actions": [action_document(a, today, tz) for a in mine],
    }


def _bring(body: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    """What one body must bring: its answers, its commitments and earlier action items due."""
    return {
        "body": body,
        "questions": [{"item": i["id"], "case": i["case"], "question": q["question"]}
                      for i in items for q in i["questions"] if q["body"] == body],
        "commitments": [{"case": i["case"], **c} for i in items for c in i["open_commitments"]
                        if c["party"] == body],
        "earlier_actions": [a for i in items for a in i["earlier_actions"]
                            if a["owner"] == body and a["status"] in ("open", "overdue")],
    }
