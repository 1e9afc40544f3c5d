"""The joint meeting's use cases, by name; those that need a case load it in the same unit.

A meeting's rules that look at a case (the case exists and is open; the evidence
is a real step of it) are checked here against the case as it stands, in the
same unit of work as the meeting: on a conflict with another writer both are
loaded afresh and the rules checked again. The case is read, never changed.
The CLI, the demo and the tests all go through these.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from adapters.clock import local_tz
from adapters.errors import NotFound
from adapters.unit_of_work import Recorded, UnitOfWork
from domain.case import Case
from domain.meeting import RESOLVE, JointMeeting
from domain.meeting_evidence import evidence_from_case
from domain.meeting_kind import meeting_ref, meeting_year_prefix
from domain.meeting_records import ActionSpec, CaseOnAgenda, Question
from domain.values import Stamp
from domain.vocabulary import Level, Status

if TYPE_CHECKING:
    from adapters.app import Gongzhi


def convene(app: Gongzhi, stamp: Stamp, *, title: str, convened_by: str, level: Level,
            scheduled_at: datetime, venue: str, chair: str, community: str | None = None,
            invite: Sequence[str] = ()) -> Recorded[str]:
    """Convene a meeting under the next number of its year, inviting `invite` at once."""
    year = stamp.occurred_at.astimezone(local_tz()).year

    def build(unit: UnitOfWork) -> str:
        stamped = unit.restamp(stamp)
        meeting = unit.create_numbered(meeting_year_prefix(year), lambda n: JointMeeting.convene(
            meeting_ref(year, n), title, convened_by, level, scheduled_at, venue, chair, stamped,
            community))
        for body in invite:
            meeting.invite(body, stamped)
        return str(meeting.id)

    return app.run(build)


def in_unit(app: Gongzhi, ref: str, actor: str, at: datetime | None,
            work: Any) -> Recorded[Any]:
    """Run `work(unit, meeting, stamp)` with a fresh stamp each attempt; the meeting first."""
    return app.run(lambda unit: work(unit, unit.get(ref), app.stamp(actor, at)), conflict_ref=ref)


def case_on_agenda(unit: UnitOfWork, case_ref: str) -> CaseOnAgenda | None:
    try:
        case = unit.get(case_ref)
    except NotFound:
        return None
    if not isinstance(case, Case):
        return None
    return CaseOnAgenda(case.id, case.status == Status.CLOSED)


def add_item(unit: UnitOfWork, meeting: JointMeeting, stamp: Stamp, *, case_ref: str,
             questions: Sequence[Question]) -> str:
    return meeting.add_item(case_on_agenda(unit, case_ref), case_ref, questions, stamp)


def resolve(unit: UnitOfWork, meeting: JointMeeting, stamp: Stamp, *, item_id: str,
            resolution: str, actions: Sequence[ActionSpec]) -> str:
    """Action items may be owned by an invited body or by one of the case's parties."""
    meeting.require_held(stamp, RESOLVE)  # the meeting's stage first, as its own command would
    item = meeting.active_item(item_id)
    case = unit.get(item.case_ref)
    parties = {p.key: str(p.name) for p in case.parties}
    return ",".join(meeting.resolve(item.id, resolution, actions, parties, stamp))


def action_done(unit: UnitOfWork, meeting: JointMeeting, stamp: Stamp, *, action_id: str,
                evidence: str | None = None, note: str | None = None) -> None:
    """Done: `evidence` names the step of the action's case that shows it (S2, K1, a dept)."""
    found = None
    if evidence:
        action = meeting.find_action(action_id)
        found = evidence_from_case(unit.get(action.case_ref), evidence)
    meeting.complete_action(action_id, found, note, stamp)


# -- the meeting alone -----------------------------------------------------------------------
def invite(meeting: JointMeeting, stamp: Stamp, *, bodies: Sequence[str]) -> str:
    return ",".join(meeting.invite(b, stamp) for b in bodies)


def withdraw_body(meeting: JointMeeting, stamp: Stamp, *, body: str, reason: str) -> None:
    meeting.withdraw_body(body, reason, stamp)


def withdraw_item(meeting: JointMeeting, stamp: Stamp, *, item_id: str, reason: str) -> None:
    meeting.withdraw_item(item_id, reason, stamp)


def reorder(meeting: JointMeeting, stamp: Stamp, *, first: Sequence[str]) -> str:
    return ",".join(meeting.reorder(first, stamp))


def reschedule(meeting: JointMeeting, stamp: Stamp, *, scheduled_at: datetime, reason: str,
               venue: str | None = None) -> None:
    meeting.reschedule(scheduled_at, reason, stamp, venue)


def cancel(meeting: JointMeeting, stamp: Stamp, *, reason: str) -> None:
    meeting.cancel(reason, stamp)


def hold(meeting: JointMeeting, stamp: Stamp, *, present: Mapping[str, Sequence[str]]) -> str:
    return ",".join(meeting.hold(present, stamp))


def action_missed(meeting: JointMeeting, stamp: Stamp, *, action_id: str, reason: str) -> None:
    meeting.miss_action(action_id, reason, stamp)


def draft_minutes(meeting: JointMeeting, stamp: Stamp, *, by: str, text: str) -> None:
    meeting.draft_minutes(by, text, stamp)


def amend_minutes(meeting: JointMeeting, stamp: Stamp, *, by: str, text: str,
                  note: str | None = None, correction: bool = False) -> str:
    if correction:
        return meeting.correct_minutes(by, text, stamp)
    return f"v{meeting.amend_minutes(by, text, note, stamp)}"


def approve_minutes(meeting: JointMeeting, stamp: Stamp, *, by: str) -> str:
    frozen = meeting.approve_minutes(by, stamp)
    return "frozen" if frozen else f"v{meeting.minutes_version}"
