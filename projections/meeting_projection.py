"""The `meetings` read model: joint meetings, their agendas and action items, and case facts.

One projection, so that a meeting's events can move its cases in and out of the
agenda pool (a case leaves the pool when put on a meeting, and comes back when
its item is withdrawn or the meeting cancelled) within the same fold.
"""

from __future__ import annotations

from typing import Any

from domain.meeting import MeetingEvents
from projections.framework import State, handles, update
from projections.meeting_case_facts import CaseFactsHandlers, refresh_waiting
from projections.meeting_rows import (
    MEETING_TABLES,
    MeetingActionRow,
    MeetingBodyRow,
    MeetingItemRow,
    MeetingQuestionRow,
    MeetingRow,
    PoolCaseRow,
)


def _codes(text: str) -> list[str]:
    return [c for c in text.split(",") if c]


def _meeting(state: State, e: Any) -> MeetingRow | None:
    return state.get(MeetingRow, (e.originator_id,))


def _set_order(state: State, meeting: MeetingRow, order: list[str]) -> None:
    update(state, MeetingRow, (meeting.ref,), items=",".join(order))
    for position, item_id in enumerate(order, 1):
        update(state, MeetingItemRow, (meeting.ref, item_id), position=position)


def _release(state: State, meeting_ref: str, item_id: str) -> None:
    """The item's case waits in the pool again (unless it went onto another meeting since)."""
    item = state.get(MeetingItemRow, (meeting_ref, item_id))
    case = state.get(PoolCaseRow, (item.case_ref,)) if item else None
    if case is not None and case.meeting_ref == meeting_ref:
        update(state, PoolCaseRow, (case.ref,), meeting_ref=None)
        refresh_waiting(state, case.ref)


class MeetingsProjection(CaseFactsHandlers):
    name = "meetings"
    version = 2  # 2: no personal data (chair, owner names, statements, rooms)
    tables = MEETING_TABLES

    @handles(MeetingEvents.Convened)
    def convened(self, state: State, e: Any) -> None:
        state.put(MeetingRow(
            ref=e.originator_id, title=e.title, level=e.level, community=e.community,
            convened_by=e.convened_by, scheduled_at=e.scheduled_at, venue=e.venue,
            status="scheduled", held_at=None, bodies="", items="",
            minutes_version=0, minutes_frozen=False, corrections=0))

    @handles(MeetingEvents.BodyInvited)
    def invited(self, state: State, e: Any) -> None:
        meeting = _meeting(state, e)
        if meeting is not None:
            update(state, MeetingRow, (meeting.ref,),
                   bodies=",".join([*_codes(meeting.bodies), e.body]))
            state.put(MeetingBodyRow(ref=meeting.ref, body=e.body, invited=True, attendance=None,
                                     attendees=0))

    @handles(MeetingEvents.BodyWithdrawn)
    def withdrawn(self, state: State, e: Any) -> None:
        meeting = _meeting(state, e)
        if meeting is None:
            return
        update(state, MeetingRow, (meeting.ref,),
               bodies=",".join(b for b in _codes(meeting.bodies) if b != e.body))
        update(state, MeetingBodyRow, (meeting.ref, e.body), invited=False)
        for item_id in _codes(meeting.items):
            update(state, MeetingQuestionRow, (meeting.ref, item_id, e.body), withdrawn=True)

    @handles(MeetingEvents.ItemAdded)
    def item_added(self, state: State, e: Any) -> None:
        meeting = _meeting(state, e)
        if meeting is None:
            return
        order = [*_codes(meeting.items), e.item_id]
        state.put(MeetingItemRow(ref=meeting.ref, item_id=e.item_id, case_ref=e.case_ref,
                                 position=len(order), withdrawn=False, resolution=None))
        for q in e.questions:
            state.put(MeetingQuestionRow(ref=meeting.ref, item_id=e.item_id, body=q.body,
                                         question=q.question, withdrawn=False))
        update(state, MeetingRow, (meeting.ref,), items=",".join(order))
        update(state, PoolCaseRow, (e.case_ref,), meeting_ref=meeting.ref)
        refresh_waiting(state, e.case_ref)

    @handles(MeetingEvents.ItemWithdrawn)
    def item_withdrawn(self, state: State, e: Any) -> None:
        meeting = _meeting(state, e)
        if meeting is None:
            return
        _release(state, meeting.ref, e.item_id)
        update(state, MeetingItemRow, (meeting.ref, e.item_id), withdrawn=True, position=0)
        _set_order(state, meeting, [i for i in _codes(meeting.items) if i != e.item_id])

    @handles(MeetingEvents.ItemsReordered)
    def reordered(self, state: State, e: Any) -> None:
        meeting = _meeting(state, e)
        if meeting is not None:
            _set_order(state, meeting, list(e.order))

    @handles(MeetingEvents.Rescheduled)
    def rescheduled(self, state: State, e: Any) -> None:
        update(state, MeetingRow, (e.originator_id,), scheduled_at=e.scheduled_at, venue=e.venue)

    @handles(MeetingEvents.Cancelled)
    def cancelled(self, state: State, e: Any) -> None:
        meeting = _meeting(state, e)
        if meeting is None:
            return
        for item_id in _codes(meeting.items):
            _release(state, meeting.ref, item_id)
        update(state, MeetingRow, (meeting.ref,), status="cancelled")

    @handles(MeetingEvents.Held)
    def held(self, state: State, e: Any) -> None:
        meeting = _meeting(state, e)
        if meeting is None:
            return
        update(state, MeetingRow, (meeting.ref,), status="held", held_at=e.occurred_at)
        for a in e.attendance:
            update(state, MeetingBodyRow, (meeting.ref, a.body), attendance="present",
                   attendees=len(a.attendees))
        for body in e.absent:
            update(state, MeetingBodyRow, (meeting.ref, body), attendance="absent")

    @handles(MeetingEvents.Resolved)
    def resolved(self, state: State, e: Any) -> None:
        update(state, MeetingItemRow, (e.originator_id, e.item_id), resolution=e.resolution)
        for a in e.actions:
            state.put(MeetingActionRow(
                meeting_ref=e.originator_id, action_id=a.id, case_ref=a.case_ref,
                item_id=a.item_id, owner=a.owner,
                task=a.task, due=a.due, status="open", evidence=None, evidence_summary=None,
                note=None, settled_at=None))

    @handles(MeetingEvents.ActionDone)
    def action_done(self, state: State, e: Any) -> None:
        evidence = e.evidence
        update(state, MeetingActionRow, (e.originator_id, e.action_id), status="done",
               evidence=evidence.entry if evidence else None,
               evidence_summary=evidence.summary if evidence else None, note=e.note,
               settled_at=e.occurred_at)

    @handles(MeetingEvents.ActionMissed)
    def action_missed(self, state: State, e: Any) -> None:
        update(state, MeetingActionRow, (e.originator_id, e.action_id), status="missed",
               note=e.reason, settled_at=e.occurred_at)

    @handles(MeetingEvents.MinutesDrafted)
    def drafted(self, state: State, e: Any) -> None:
        update(state, MeetingRow, (e.originator_id,), minutes_version=1)

    @handles(MeetingEvents.MinutesAmended)
    def amended(self, state: State, e: Any) -> None:
        update(state, MeetingRow, (e.originator_id,), minutes_version=e.version)

    @handles(MeetingEvents.MinutesFrozen)
    def frozen(self, state: State, e: Any) -> None:
        update(state, MeetingRow, (e.originator_id,), minutes_frozen=True)

    @handles(MeetingEvents.MinutesCorrected)
    def corrected(self, state: State, e: Any) -> None:
        meeting = _meeting(state, e)
        if meeting is not None:
            update(state, MeetingRow, (meeting.ref,), corrections=meeting.corrections + 1)
