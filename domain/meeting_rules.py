"""The joint meeting's checks and lookups, shared by its commands (no events here)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from domain.errors import DomainError, InvalidInput, Phrase, RuleViolation
from domain.meeting_records import ActionItem, AgendaItem, Attendance, Question
from domain.meeting_vocabulary import ActionStatus, BodyName, MeetingStatus, find_body
from domain.values import Stamp, text

if TYPE_CHECKING:
    from domain.personal import PersonalData


class MeetingRules:
    # State assigned by JointMeeting's event methods (declared here for type checkers).
    if TYPE_CHECKING:
        @property
        def id(self) -> str: ...

    status: str
    convened_at: datetime
    held_at: datetime | None
    bodies: tuple[str, ...]
    items: dict[str, AgendaItem]
    order: tuple[str, ...]
    attendance: dict[str, Attendance]
    actions: dict[str, ActionItem]
    minutes: str | None
    minutes_frozen: bool
    chair: PersonalData

    # -- stages ------------------------------------------------------------------
    def check_time(self, stamp: Stamp) -> None:
        if stamp.occurred_at < self.convened_at:
            raise RuleViolation("before_convened", ref=self.id,
                                occurred_at=stamp.occurred_at.isoformat(timespec="minutes"),
                                convened_at=self.convened_at.isoformat(timespec="minutes"))

    def require_scheduled(self, stamp: Stamp, what: Phrase) -> None:
        """Before the meeting: nothing may be added to it once it is held or cancelled."""
        if self.status == MeetingStatus.CANCELLED:
            raise RuleViolation("meeting_cancelled", ref=self.id, what=what)
        if self.status == MeetingStatus.HELD:
            raise RuleViolation("meeting_held", ref=self.id, what=what)
        self.check_time(stamp)

    def require_held(self, stamp: Stamp, what: Phrase) -> None:
        if self.status != MeetingStatus.HELD or self.held_at is None:
            raise RuleViolation("meeting_not_held", ref=self.id, what=what,
                                status=MeetingStatus(self.status))
        if stamp.occurred_at < self.held_at:
            raise RuleViolation("before_held", ref=self.id,
                                occurred_at=stamp.occurred_at.isoformat(timespec="minutes"),
                                held_at=self.held_at.isoformat(timespec="minutes"))

    def held_day(self) -> date:
        return (self.held_at or self.convened_at).date()

    # -- bodies ------------------------------------------------------------------
    def invited(self, body: str) -> str:
        code = find_body(body)
        if code not in self.bodies:
            raise RuleViolation("not_invited", body=BodyName(code), ref=self.id)
        return code

    def attended(self, body: str) -> str:
        code = find_body(body)
        if code not in self.attendance:
            raise RuleViolation("not_attended", body=BodyName(code), ref=self.id)
        return code

    def questions_to_invited(self, questions: Sequence[Question]) -> list[Question]:
        if not questions:
            raise InvalidInput("no_questions")
        asked: dict[str, Question] = {}
        for q in questions:
            code = self.invited(q.body)
            if code in asked:
                raise InvalidInput("asked_twice", body=BodyName(code))
            asked[code] = Question(code, text("question", q.question))
        return list(asked.values())

    # -- items and action items ------------------------------------------------
    @property
    def active_items(self) -> list[AgendaItem]:
        return [self.items[i] for i in self.order]

    def active_item(self, item_id: str) -> AgendaItem:
        item = self.items.get(item_id.strip().upper())
        if item is None or item.withdrawn:
            raise RuleViolation("no_item", item=item_id, ref=self.id,
                                items=[i.id for i in self.active_items])
        return item

    def find_action(self, action_id: str) -> ActionItem:
        action = self.actions.get(action_id.strip().upper())
        if action is None:
            raise RuleViolation("no_action", action=action_id, ref=self.id,
                                actions=list(self.actions))
        return action

    def open_action(self, action_id: str, stamp: Stamp) -> ActionItem:
        self.require_held(stamp, Phrase("登记事项结果", "record action results"))
        action = self.find_action(action_id)
        if action.status != ActionStatus.OPEN:
            raise RuleViolation("action_settled", action=action.id,
                                status=ActionStatus(action.status))
        return action

    def action_owner(self, owner: str, parties: Mapping[str, object]) -> tuple[str, str | None]:
        """(owner code, the party's name or None): an invited body, or a party of the case."""
        key = owner.strip().casefold()
        if key in parties:
            return key, str(parties[key])
        try:
            return self.invited(owner), None
        except DomainError:
            raise RuleViolation("bad_owner", owner=owner, parties=sorted(parties),
                                bodies=list(self.bodies)) from None

    # -- minutes -------------------------------------------------------------------
    def editable_minutes(self, by: str, stamp: Stamp) -> str:
        self.require_held(stamp, Phrase("修改或通过纪要", "amend or approve minutes"))
        code = self.attended(by)
        if self.minutes is None:
            raise RuleViolation("no_minutes", ref=self.id)
        if self.minutes_frozen:
            raise RuleViolation("minutes_frozen", ref=self.id)
        return code
