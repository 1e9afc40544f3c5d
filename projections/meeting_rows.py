"""The rows of the joint meetings' read model (projection "meetings").

Meetings, their bodies, items, questions and action items come from meeting
events; what the agenda pool and the agenda need to know about cases (who,
where, what was tried, open commitments) comes from case events. Nothing that
depends on the day you ask (overdue, a case's age) is stored: readers judge it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

import attrs


@attrs.frozen
class MeetingRow:
    __table__: ClassVar[str] = "meetings"
    __key__: ClassVar[tuple[str, ...]] = ("ref",)

    ref: str
    title: str
    level: str
    community: str | None
    convened_by: str
    scheduled_at: datetime
    venue: str
    status: str  # (the chair is personal data: in the log only)
    held_at: datetime | None
    bodies: str  # invited body codes in order of invitation, comma-separated
    items: str  # active item ids in agenda order, comma-separated
    minutes_version: int
    minutes_frozen: bool
    corrections: int


@attrs.frozen
class MeetingBodyRow:
    __table__: ClassVar[str] = "meeting_bodies"
    __key__: ClassVar[tuple[str, ...]] = ("ref", "body")

    ref: str
    body: str
    invited: bool  # False once withdrawn
    attendance: str | None  # present, absent; None before the meeting
    attendees: int  # how many came (their names stay in the log only)


@attrs.frozen
class MeetingItemRow:
    __table__: ClassVar[str] = "meeting_items"
    __key__: ClassVar[tuple[str, ...]] = ("ref", "item_id")

    ref: str
    item_id: str
    case_ref: str
    position: int  # 1, 2, ... in agenda order; 0 once withdrawn
    withdrawn: bool
    resolution: str | None


@attrs.frozen
class MeetingQuestionRow:
    __table__: ClassVar[str] = "meeting_questions"
    __key__: ClassVar[tuple[str, ...]] = ("ref", "item_id", "body")

    ref: str
    item_id: str
    body: str
    question: str
    withdrawn: bool  # the body's invitation was withdrawn


@attrs.frozen
class MeetingActionRow:
    """An action item; `case show` finds the ones of a case by `case_ref`."""

    __table__: ClassVar[str] = "meeting_action_items"
    __key__: ClassVar[tuple[str, ...]] = ("meeting_ref", "action_id")

    meeting_ref: str
    action_id: str
    case_ref: str
    item_id: str
    owner: str  # a body code or a party key of the case (names: in the log only)
    task: str
    due: date
    status: str  # open, done, missed (overdue is judged when read)
    evidence: str | None  # S2, K1 or a department code
    evidence_summary: str | None
    note: str | None
    settled_at: datetime | None


@attrs.frozen
class PoolCaseRow:
    """What the pool and the agenda know about a case."""

    __table__: ClassVar[str] = "meeting_cases"
    __key__: ClassVar[tuple[str, ...]] = ("ref",)

    ref: str
    status: str
    level: str
    community: str
    location: str  # community / grid / building: places stop at the building
    summary: str
    complainants: int
    respondents: str  # party keys, comma-separated (r1,r2): names are personal data
    departments: str  # codes referred to, distinct, in order, comma-separated
    opened_at: datetime
    rejected_proposals: int
    failed_checks: int
    meeting_ref: str | None  # the meeting it is on (not cancelled, not withdrawn)
    waiting: bool  # in the agenda pool (projections/meeting_pool.py says when)


@attrs.frozen
class CaseHistoryRow:
    """A step of a case the agenda recalls: statements, proposals, spot checks, responses."""

    __table__: ClassVar[str] = "meeting_case_history"
    __key__: ClassVar[tuple[str, ...]] = ("ref", "entry")

    ref: str
    entry: str  # P1 / S1 for proposals and checks; T<version> / R<version> otherwise
    kind: str  # statement, proposal, spot_check, response
    who: str | None  # a party key or a department code
    text: str  # empty for a statement (personal data, read from the case)
    at: datetime
    failed: bool  # a rejected proposal, a failed spot check


@attrs.frozen
class CaseCommitmentRow:
    __table__: ClassVar[str] = "meeting_case_commitments"
    __key__: ClassVar[tuple[str, ...]] = ("ref", "commitment_id")

    ref: str
    commitment_id: str
    party: str
    duty: str
    due: date
    status: str


MEETING_TABLES = (MeetingRow, MeetingBodyRow, MeetingItemRow, MeetingQuestionRow,
                  MeetingActionRow, PoolCaseRow, CaseHistoryRow, CaseCommitmentRow)
