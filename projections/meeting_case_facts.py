"""The case side of the meetings read model: what the pool and the agenda need of each case.

Folded from case events (as projections/commitments.py does): where the case is,
who complains, which departments it went to, what was tried and failed, and its
commitments. Handlers only; `MeetingsProjection` adds the meeting's own.
"""

from __future__ import annotations

from typing import Any

from domain.case import CaseEvents
from projections.framework import Projection, State, handles, update
from projections.meeting_pool import waits_for_meeting
from projections.meeting_rows import CaseCommitmentRow, CaseHistoryRow, PoolCaseRow


def _status(state: State, e: Any, status: str) -> None:
    update(state, PoolCaseRow, (e.originator_id,), status=status)


def _history(state: State, e: Any, entry: str, kind: str, who: str | None, text: str,
             failed: bool = False) -> None:
    state.put(CaseHistoryRow(ref=e.originator_id, entry=entry, kind=kind, who=who, text=text,
                             at=e.occurred_at, failed=failed))


def refresh_waiting(state: State, ref: str) -> None:
    row = state.get(PoolCaseRow, (ref,))
    if row is not None and row.waiting != waits_for_meeting(row):
        update(state, PoolCaseRow, (ref,), waiting=not row.waiting)


class CaseFactsHandlers(Projection):
    def apply(self, state: State, event: Any) -> None:
        super().apply(state, event)
        if isinstance(event, CaseEvents.Event):
            refresh_waiting(state, event.originator_id)

    @handles(CaseEvents.Opened)
    def opened(self, state: State, e: Any) -> None:
        state.put(PoolCaseRow(
            ref=e.originator_id, status="open", level=e.level, community=e.location.community,
            location=" / ".join((e.location.community, e.location.grid, e.location.building)),
            summary=e.summary, complainants=len(e.complainants),
            respondents=",".join(p.key for p in e.respondents), departments="",
            opened_at=e.occurred_at, rejected_proposals=0, failed_checks=0, meeting_ref=None,
            waiting=False))

    @handles(CaseEvents.ComplainantJoined)
    def joined(self, state: State, e: Any) -> None:
        row = state.get(PoolCaseRow, (e.originator_id,))
        if row is not None:
            update(state, PoolCaseRow, (row.ref,), complainants=row.complainants + 1)

    @handles(CaseEvents.Referred)
    def referred(self, state: State, e: Any) -> None:
        row = state.get(PoolCaseRow, (e.originator_id,))
        if row is not None:
            codes = [c for c in row.departments.split(",") if c]
            codes += [r.department for r in e.referrals if r.department not in codes]
            update(state, PoolCaseRow, (row.ref,), departments=",".join(codes))

    @handles(CaseEvents.Escalated)
    def escalated(self, state: State, e: Any) -> None:
        update(state, PoolCaseRow, (e.originator_id,), level=e.to_level)

    @handles(CaseEvents.AgreementReached)
    def agreed(self, state: State, e: Any) -> None:
        _status(state, e, "agreed")

    @handles(CaseEvents.MediationFailed)
    def failed(self, state: State, e: Any) -> None:
        _status(state, e, "failed")

    @handles(CaseEvents.Closed)
    def closed(self, state: State, e: Any) -> None:
        _status(state, e, "closed")

    @handles(CaseEvents.Reopened)
    def reopened(self, state: State, e: Any) -> None:
        _status(state, e, "open")

    @handles(CaseEvents.StatementRecorded)
    def statement(self, state: State, e: Any) -> None:
        # What a party said is theirs (personal data): the agenda reads it from the case.
        _history(state, e, f"T{e.originator_version}", "statement", e.party, "")

    @handles(CaseEvents.ProposalMade, CaseEvents.CounterProposalMade)
    def proposed(self, state: State, e: Any) -> None:
        _history(state, e, e.proposal_id, "proposal", e.by, e.terms)

    @handles(CaseEvents.ProposalRejected)
    def rejected(self, state: State, e: Any) -> None:
        row = state.get(PoolCaseRow, (e.originator_id,))
        proposal = state.get(CaseHistoryRow, (e.originator_id, e.proposal_id))
        if row is not None and proposal is not None and not proposal.failed:
            update(state, PoolCaseRow, (row.ref,), rejected_proposals=row.rejected_proposals + 1)
            update(state, CaseHistoryRow, (row.ref, e.proposal_id), failed=True)

    @handles(CaseEvents.SpotChecked)
    def spot_checked(self, state: State, e: Any) -> None:
        _history(state, e, e.check_id, "spot_check", None, e.findings, failed=not e.passed)
        row = state.get(PoolCaseRow, (e.originator_id,))
        if row is not None and not e.passed:
            update(state, PoolCaseRow, (row.ref,), failed_checks=row.failed_checks + 1)

    @handles(CaseEvents.DepartmentResponded)
    def responded(self, state: State, e: Any) -> None:
        _history(state, e, f"R{e.originator_version}", "response", e.department, e.response)

    @handles(CaseEvents.CommitmentMade)
    def committed(self, state: State, e: Any) -> None:
        state.put(CaseCommitmentRow(ref=e.originator_id, commitment_id=e.commitment_id,
                                    party=e.party, duty=e.duty,
                                    due=e.due, status="open"))

    @handles(CaseEvents.CommitmentFulfilled)
    def fulfilled(self, state: State, e: Any) -> None:
        update(state, CaseCommitmentRow, (e.originator_id, e.commitment_id), status="fulfilled")

    @handles(CaseEvents.CommitmentBreached)
    def breached(self, state: State, e: Any) -> None:
        update(state, CaseCommitmentRow, (e.originator_id, e.commitment_id), status="breached")
