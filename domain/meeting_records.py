"""What a joint meeting stores and remembers: questions, attendance, action items, evidence.

Value objects stored in events keep tuples as tuples after a reload (a converter
runs even when validators are off), so a reloaded meeting equals the one saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import attrs

from domain.meeting_vocabulary import ActionStatus
from domain.personal import PersonalData


def _tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(values)


@attrs.frozen
class Question:
    """What one invited body is asked about one agenda item."""

    body: str
    question: str


@attrs.frozen
class Attendance:
    """Who came for one body (names are personal data); a body not listed was absent."""

    body: str
    attendees: tuple[PersonalData, ...] = attrs.field(converter=_tuple)


@attrs.frozen
class ActionSpec:
    """An action item as typed: its owner (a body code or a case party key), task, due date."""

    owner: str
    task: str
    due: date


@attrs.frozen
class Evidence:
    """A later step of the case that shows an action item was done (S2, K1, a response)."""

    case_ref: str
    entry: str  # S2, K1, or the responding department's code
    kind: str  # spot_check, commitment, response
    summary: str
    occurred_at: datetime


@attrs.frozen
class ActionItem:
    id: str  # A1, A2, ... numbered across the meeting
    item_id: str
    case_ref: str
    owner: str
    owner_name: PersonalData | None  # a case party's name; None when the owner is a body
    task: str
    due: date
    status: str = ActionStatus.OPEN.value
    evidence: Evidence | None = None
    note: str | None = None
    settled_at: datetime | None = None

    def is_overdue(self, on: date) -> bool:
        return self.status == ActionStatus.OPEN and self.due < on


@attrs.frozen
class AgendaItem:
    id: str  # I1, I2, ... never reused, also after a withdrawal
    case_ref: str
    questions: tuple[Question, ...] = attrs.field(converter=_tuple)
    withdrawn: bool = False
    resolution: str | None = None
    action_ids: tuple[str, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen
class MinutesCorrection:
    """A correction of frozen minutes: a new entry that names the version it corrects."""

    id: str  # M1, M2, ...
    corrects_version: int
    by: str
    text: str


@attrs.frozen
class CaseOnAgenda:
    """What a meeting needs to know about a case it is asked to put on its agenda."""

    ref: str
    closed: bool
