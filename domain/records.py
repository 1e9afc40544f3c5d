"""What a case remembers about each negotiation step (immutable snapshots in its state)."""

from __future__ import annotations

from datetime import date, datetime

import attrs

from domain.personal import PersonalData
from domain.vocabulary import CommitmentStatus, ProposalStatus


@attrs.frozen
class Statement:
    party: str
    kind: str
    text: PersonalData  # sealed under the speaking party's subject
    occurred_at: datetime
    id: str = ""  # T1, T2 ... (given on replay from the order recorded)


@attrs.frozen
class Answer:
    party: str
    accepted: bool
    reason: str | None = None
    id: str = ""  # A1, A2 ... across the case's proposals


@attrs.frozen
class Proposal:
    id: str
    by: str  # a party key, or "mediator"
    terms: str
    made_at: datetime
    awaiting: tuple[str, ...]  # the parties whose acceptance it needs (all but its author,
    #                            as they were when it was made: a later joiner changes nothing)
    in_reply_to: str | None = None
    answers: tuple[Answer, ...] = ()

    def status(self) -> ProposalStatus:
        """Rejected by anyone, accepted once every awaited party has accepted."""
        if any(not a.accepted for a in self.answers):
            return ProposalStatus.REJECTED
        if set(self.awaiting) <= {a.party for a in self.answers if a.accepted}:
            return ProposalStatus.ACCEPTED
        return ProposalStatus.PENDING

    def answered_by(self, party: str) -> bool:
        return any(a.party == party for a in self.answers)


@attrs.frozen
class Referral:
    department: str
    question: str
    referred_at: datetime
    response: str | None = None
    responded_at: datetime | None = None
    id: str = ""  # Q1, Q2 ... one per department asked (R would clash with r1, a respondent)
    response_id: str | None = None  # D1, D2 ... the answer's own entry id


    @property
    def answered(self) -> bool:
        return self.response is not None


@attrs.frozen
class SpotCheck:
    id: str
    started_at: datetime
    ended_at: datetime
    inspectors: tuple[str, ...]
    findings: str
    passed: bool
    rectified_on_spot: bool


@attrs.frozen
class Commitment:
    id: str
    party: str  # a party key or a department code
    duty: str
    due: date
    made_at: datetime
    status: str = CommitmentStatus.OPEN.value
    settled_at: datetime | None = None
    note: str | None = None
    settlement_id: str | None = None  # F1, F2 ... the fulfil/breach entry that settled it

    def is_overdue(self, on: date) -> bool:
        return self.status == CommitmentStatus.OPEN and self.due < on


@attrs.frozen
class Escalation:
    id: str  # E1, E2 ...
    from_level: str
    to_level: str
    reason: str
    occurred_at: datetime


@attrs.frozen
class Note:
    id: str  # N1, N2 ...
    text: str
    occurred_at: datetime
