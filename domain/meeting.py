"""The joint meeting (联席会议, 吹哨报到): bodies invited, cases on its agenda, what it decided.

The community or sub-district convenes it, invites departments and
representatives, and puts cases on its agenda with a question for each body.
Once it is held, only its outcomes may be added: resolutions with action items,
their results, and the minutes, which the bodies that attended amend and
approve; approved by all of them, the minutes are frozen and a later correction
is a new entry that names the version it corrects.

Rules that need another aggregate (the case exists and is open; the evidence is
a real step of the case) are checked by the use cases in
adapters/meeting_use_cases.py, which pass the meeting what it needs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import attrs
from eventsourcing.domain import event

import domain.meeting_messages  # noqa: F401  (registers the meeting's messages)
from domain.aggregate import TextIdAggregate
from domain.errors import InvalidInput, Phrase, RuleViolation
from domain.meeting_records import (
    ActionItem,
    ActionSpec,
    AgendaItem,
    Attendance,
    CaseOnAgenda,
    Evidence,
    MinutesCorrection,
    Question,
)
from domain.meeting_rules import MeetingRules
from domain.meeting_vocabulary import ActionStatus, BodyName, MeetingStatus, find_body
from domain.personal import PersonalData, personal
from domain.values import Stamp, aware_time, text
from domain.vocabulary import Level

SHORT = 200
RESOLVE = Phrase("作出决议", "resolve items")


class JointMeeting(TextIdAggregate, MeetingRules):
    @classmethod
    def convene(cls, ref: str, title: str, convened_by: str, level: Level, scheduled_at: datetime,
                venue: str, chair: str, stamp: Stamp, community: str | None = None
                ) -> JointMeeting:
        if level == Level.GRID:
            raise InvalidInput("meeting_level")
        aware_time("scheduled time", scheduled_at)
        return cls(ref=ref, title=text("title", title, SHORT), convened_by=find_body(convened_by),
                   level=level.value, scheduled_at=scheduled_at, venue=text("venue", venue, SHORT),
                   chair=personal(f"{ref}/chair", text("chair", chair, 100)),
                   community=text("community", community, 100) if community else None,
                   **stamp.event_fields())

    @event("Convened")
    def __init__(self, ref: str, title: str, convened_by: str, level: str, scheduled_at: datetime,
                 venue: str, chair: PersonalData, community: str | None, actor: str,
                 occurred_at: datetime, timestamp: datetime) -> None:
        self.ref = ref
        self.title = title
        self.convened_by = convened_by
        self.level = level
        self.scheduled_at = scheduled_at
        self.venue = venue
        self.chair = chair
        self.community = community
        self.convened_at = occurred_at
        self.status = MeetingStatus.SCHEDULED.value
        self.bodies: tuple[str, ...] = ()
        self.items: dict[str, AgendaItem] = {}
        self.order: tuple[str, ...] = ()
        self.held_at: datetime | None = None
        self.attendance: dict[str, Attendance] = {}
        self.absent: tuple[str, ...] = ()
        self.actions: dict[str, ActionItem] = {}
        self.cancel_reason: str | None = None
        self.minutes: str | None = None
        self.minutes_version = 0
        self.approvals: tuple[str, ...] = ()
        self.minutes_frozen = False
        self.corrections: tuple[MinutesCorrection, ...] = ()

    # -- before the meeting ---------------------------------------------------
    def invite(self, body: str, stamp: Stamp) -> str:
        self.require_scheduled(stamp, Phrase("邀请单位", "invite bodies"))
        code = find_body(body)
        if code in self.bodies:
            raise RuleViolation("already_invited", body=BodyName(code), ref=self.id)
        self._body_invited(body=code, **stamp.event_fields())
        return code

    @event("BodyInvited")
    def _body_invited(self, body: str, actor: str, occurred_at: datetime,
                      timestamp: datetime) -> None:
        self.bodies = (*self.bodies, body)

    def withdraw_body(self, body: str, reason: str, stamp: Stamp) -> None:
        """Withdraw an invitation; the questions put to that body are withdrawn with it."""
        self.require_scheduled(stamp, Phrase("撤回邀请", "withdraw invitations"))
        code = self.invited(body)
        self._body_withdrawn(body=code, reason=text("reason", reason), **stamp.event_fields())

    @event("BodyWithdrawn")
    def _body_withdrawn(self, body: str, reason: str, actor: str, occurred_at: datetime,
                        timestamp: datetime) -> None:
        self.bodies = tuple(b for b in self.bodies if b != body)
        for item_id, item in self.items.items():
            kept = tuple(q for q in item.questions if q.body != body)
            self.items[item_id] = attrs.evolve(item, questions=kept)

    def add_item(self, case: CaseOnAgenda | None, case_ref: str, questions: Sequence[Question],
                 stamp: Stamp) -> str:
        """Put a case on the agenda with a question for each body asked (`case` None: no such case)."""
        self.require_scheduled(stamp, Phrase("增加议题", "add agenda items"))
        if case is None:
            raise RuleViolation("item_case_missing", case=case_ref)
        if case.closed:
            raise RuleViolation("item_case_closed", case=case.ref)
        if any(i.case_ref == case.ref for i in self.active_items):
            raise RuleViolation("case_on_agenda", case=case.ref, ref=self.id)
        asked = self.questions_to_invited(questions)
        item_id = f"I{len(self.items) + 1}"
        self._item_added(item_id=item_id, case_ref=case.ref, questions=asked,
                         **stamp.event_fields())
        return item_id

    @event("ItemAdded")
    def _item_added(self, item_id: str, case_ref: str, questions: list[Question], actor: str,
                    occurred_at: datetime, timestamp: datetime) -> None:
        self.items[item_id] = AgendaItem(item_id, case_ref, tuple(questions))
        self.order = (*self.order, item_id)

    def withdraw_item(self, item_id: str, reason: str, stamp: Stamp) -> None:
        self.require_scheduled(stamp, Phrase("撤下议题", "withdraw agenda items"))
        item = self.active_item(item_id)
        self._item_withdrawn(item_id=item.id, reason=text("reason", reason), **stamp.event_fields())

    @event("ItemWithdrawn")
    def _item_withdrawn(self, item_id: str, reason: str, actor: str, occurred_at: datetime,
                        timestamp: datetime) -> None:
        self.items[item_id] = attrs.evolve(self.items[item_id], withdrawn=True)
        self.order = tuple(i for i in self.order if i != item_id)

    def reorder(self, first: Sequence[str], stamp: Stamp) -> list[str]:
        """Move the named items to the front, in that order; the rest keep theirs."""
        self.require_scheduled(stamp, Phrase("调整议题顺序", "reorder the agenda"))
        if not first:
            raise InvalidInput("blank", field="items")
        moved = [self.active_item(i).id for i in first]
        if len(set(moved)) != len(moved):
            raise InvalidInput("repeated_item", items=moved)
        order = [*moved, *(i for i in self.order if i not in moved)]
        if tuple(order) == self.order:
            raise RuleViolation("same_order", ref=self.id)
        self._items_reordered(order=order, **stamp.event_fields())
        return order

    @event("ItemsReordered")
    def _items_reordered(self, order: list[str], actor: str, occurred_at: datetime,
                         timestamp: datetime) -> None:
        self.order = tuple(order)

    def reschedule(self, scheduled_at: datetime, reason: str, stamp: Stamp,
                   venue: str | None = None) -> None:
        self.require_scheduled(stamp, Phrase("改期", "reschedule"))
        aware_time("scheduled time", scheduled_at)
        place = text("venue", venue, SHORT) if venue else self.venue
        if scheduled_at == self.scheduled_at and place == self.venue:
            raise RuleViolation("same_schedule", ref=self.id)
        self._rescheduled(scheduled_at=scheduled_at, venue=place, reason=text("reason", reason),
                          **stamp.event_fields())

    @event("Rescheduled")
    def _rescheduled(self, scheduled_at: datetime, venue: str, reason: str, actor: str,
                     occurred_at: datetime, timestamp: datetime) -> None:
        self.scheduled_at = scheduled_at
        self.venue = venue

    def cancel(self, reason: str, stamp: Stamp) -> None:
        self.require_scheduled(stamp, Phrase("取消会议", "cancel the meeting"))
        self._cancelled(reason=text("reason", reason), **stamp.event_fields())

    @event("Cancelled")
    def _cancelled(self, reason: str, actor: str, occurred_at: datetime,
                   timestamp: datetime) -> None:
        self.status = MeetingStatus.CANCELLED.value
        self.cancel_reason = reason

    # -- the meeting and its outcomes ----------------------------------------
    def hold(self, present: Mapping[str, Sequence[str]], stamp: Stamp) -> list[str]:
        """The meeting took place: who came for each body; invited bodies not named were absent."""
        self.require_scheduled(stamp, Phrase("召开会议", "hold the meeting"))
        if not self.active_items:
            raise RuleViolation("no_items", ref=self.id)
        attendance: dict[str, Attendance] = {}
        for body, names in present.items():
            code = self.invited(body)
            people = [text("attendee", name, 100) for name in names]
            if not people:
                raise InvalidInput("no_attendees", body=BodyName(code))
            attendance[code] = Attendance(code, tuple(
                personal(f"{self.id}/{code}/{n}", name) for n, name in enumerate(people, 1)))
        if not attendance:
            raise InvalidInput("nobody_present")
        absent = [b for b in self.bodies if b not in attendance]
        self._held(attendance=list(attendance.values()), absent=absent, **stamp.event_fields())
        return absent

    @event("Held")
    def _held(self, attendance: list[Attendance], absent: list[str], actor: str,
              occurred_at: datetime, timestamp: datetime) -> None:
        self.status = MeetingStatus.HELD.value
        self.held_at = occurred_at
        self.attendance = {a.body: a for a in attendance}
        self.absent = tuple(absent)

    def resolve(self, item_id: str, resolution: str, actions: Sequence[ActionSpec],
                parties: Mapping[str, str], stamp: Stamp) -> list[str]:
        """The meeting's resolution on an item, with action items owned by a body or a party.

        `parties` are the case's parties (key -> name), who may own an action item too.
        """
        self.require_held(stamp, RESOLVE)
        item = self.active_item(item_id)
        if item.resolution is not None:
            raise RuleViolation("item_resolved", item=item.id, ref=self.id)
        held_on = self.held_day()
        made: list[ActionItem] = []
        for n, spec in enumerate(actions, len(self.actions) + 1):
            owner, owner_name = self.action_owner(spec.owner, parties)
            if spec.due < held_on:
                raise RuleViolation("due_before_meeting", due=spec.due.isoformat(),
                                    held=held_on.isoformat())
            made.append(ActionItem(
                f"A{n}", item.id, item.case_ref, owner,
                # A party's name is theirs: erased with them, under the case's subject.
                personal(f"{item.case_ref}/{owner}", owner_name) if owner_name else None,
                text("task", spec.task), spec.due))
        self._resolved(item_id=item.id, resolution=text("resolution", resolution),
                       actions=made, **stamp.event_fields())
        return [a.id for a in made]

    @event("Resolved")
    def _resolved(self, item_id: str, resolution: str, actions: list[ActionItem], actor: str,
                  occurred_at: datetime, timestamp: datetime) -> None:
        self.items[item_id] = attrs.evolve(self.items[item_id], resolution=resolution,
                                           action_ids=tuple(a.id for a in actions))
        for action in actions:
            self.actions[action.id] = action

    def complete_action(self, action_id: str, evidence: Evidence | None, note: str | None,
                        stamp: Stamp) -> None:
        """Done, shown by a later step of its case (`evidence`) or described in a note."""
        action = self.open_action(action_id, stamp)
        if evidence is None and not (note or "").strip():
            raise InvalidInput("no_evidence")
        if evidence is not None:
            if evidence.case_ref != action.case_ref:
                raise RuleViolation("evidence_other_case", action=action.id,
                                    case=action.case_ref, other=evidence.case_ref)
            held_at = self.held_at or evidence.occurred_at
            if evidence.occurred_at < held_at:
                raise RuleViolation("evidence_before_meeting", entry=evidence.entry,
                                    at=evidence.occurred_at.isoformat(timespec="minutes"),
                                    held=held_at.isoformat(timespec="minutes"))
        self._action_done(action_id=action.id, evidence=evidence,
                          note=text("note", note) if note else None, **stamp.event_fields())

    @event("ActionDone")
    def _action_done(self, action_id: str, evidence: Evidence | None, note: str | None,
                     actor: str, occurred_at: datetime, timestamp: datetime) -> None:
        self.actions[action_id] = attrs.evolve(
            self.actions[action_id], status=ActionStatus.DONE.value, evidence=evidence,
            note=note, settled_at=occurred_at)

    def miss_action(self, action_id: str, reason: str, stamp: Stamp) -> None:
        action = self.open_action(action_id, stamp)
        self._action_missed(action_id=action.id, reason=text("reason", reason),
                            **stamp.event_fields())

    @event("ActionMissed")
    def _action_missed(self, action_id: str, reason: str, actor: str, occurred_at: datetime,
                       timestamp: datetime) -> None:
        self.actions[action_id] = attrs.evolve(
            self.actions[action_id], status=ActionStatus.MISSED.value, note=reason,
            settled_at=occurred_at)

    # -- minutes ------------------------------------------------------------
    def draft_minutes(self, by: str, minutes: str, stamp: Stamp) -> None:
        self.require_held(stamp, Phrase("起草纪要", "draft minutes"))
        code = self.attended(by)
        if self.minutes is not None:
            raise RuleViolation("minutes_drafted", ref=self.id)
        self._minutes_drafted(by=code, text=text("minutes", minutes, 20000),
                              **stamp.event_fields())

    @event("MinutesDrafted")
    def _minutes_drafted(self, by: str, text: str, actor: str, occurred_at: datetime,
                         timestamp: datetime) -> None:
        self.minutes = text
        self.minutes_version = 1

    def amend_minutes(self, by: str, minutes: str, note: str | None, stamp: Stamp) -> int:
        """A new version of the minutes; approvals given to the old one no longer count."""
        code = self.editable_minutes(by, stamp)
        minutes = text("minutes", minutes, 20000)
        if minutes == self.minutes:
            raise RuleViolation("minutes_unchanged", ref=self.id)
        self._minutes_amended(by=code, text=minutes, note=text("note", note) if note else None,
                              version=self.minutes_version + 1, **stamp.event_fields())
        return self.minutes_version

    @event("MinutesAmended")
    def _minutes_amended(self, by: str, text: str, note: str | None, version: int, actor: str,
                         occurred_at: datetime, timestamp: datetime) -> None:
        self.minutes = text
        self.minutes_version = version
        self.approvals = ()

    def approve_minutes(self, by: str, stamp: Stamp) -> bool:
        """One attending body approves this version; approved by all, the minutes are frozen."""
        code = self.editable_minutes(by, stamp)
        if code in self.approvals:
            raise RuleViolation("already_approved", body=BodyName(code), version=self.minutes_version)
        self._minutes_approved(by=code, version=self.minutes_version, **stamp.event_fields())
        if set(self.attendance) <= set(self.approvals):
            self._minutes_frozen(version=self.minutes_version, **stamp.event_fields())
        return self.minutes_frozen

    @event("MinutesApproved")
    def _minutes_approved(self, by: str, version: int, actor: str, occurred_at: datetime,
                          timestamp: datetime) -> None:
        self.approvals = (*self.approvals, by)

    @event("MinutesFrozen")
    def _minutes_frozen(self, version: int, actor: str, occurred_at: datetime,
                        timestamp: datetime) -> None:
        self.minutes_frozen = True

    def correct_minutes(self, by: str, correction: str, stamp: Stamp) -> str:
        """A correction of frozen minutes: a new entry linked to the version it corrects."""
        self.require_held(stamp, Phrase("更正纪要", "correct minutes"))
        code = self.attended(by)
        if not self.minutes_frozen:
            raise RuleViolation("minutes_not_frozen", ref=self.id)
        correction_id = f"M{len(self.corrections) + 1}"
        self._minutes_corrected(correction_id=correction_id, by=code,
                                corrects_version=self.minutes_version,
                                text=text("correction", correction), **stamp.event_fields())
        return correction_id

    @event("MinutesCorrected")
    def _minutes_corrected(self, correction_id: str, by: str, corrects_version: int, text: str,
                           actor: str, occurred_at: datetime, timestamp: datetime) -> None:
        self.corrections = (*self.corrections,
                            MinutesCorrection(correction_id, corrects_version, by, text))


# JointMeeting's event classes (made by eventsourcing from the @event methods), for readers.
MeetingEvents: Any = JointMeeting
