"""Read-only questions about a case's state, and the guards its commands share.

Kept apart from `case.py` so the aggregate module shows only commands and the
events they record.
"""

from __future__ import annotations

from datetime import datetime

from domain.departments import department_label, department_or_code, find_department
from domain.errors import InvalidInput, Phrase, RuleViolation
from domain.records import Commitment, Proposal, Referral, SpotCheck, Statement
from domain.values import Location, Party, Stamp, TimeWindow
from domain.vocabulary import CommitmentStatus, Level, Status

MEDIATOR = "mediator"


class CaseQueries:
    # State assigned by Case's event methods (declared here for type checkers).
    ref: str
    channel: str
    categories: tuple[str, ...]
    location: Location
    complainants: tuple[Party, ...]
    respondents: tuple[Party, ...]
    summary: str
    nuisance_window: TimeWindow | None
    level: str
    status: str
    mediator: str | None
    opened_at: datetime
    opened_by: str
    statements: list[Statement]
    proposals: dict[str, Proposal]
    referrals: list[Referral]
    spot_checks: list[SpotCheck]
    commitments: dict[str, Commitment]
    agreement: str | None
    failure_reason: str | None
    outcome: str | None
    satisfaction: str | None
    follow_up: str | None
    closed_at: datetime | None
    reopened_count: int
    notes: list[str]

    # -- lookups ---------------------------------------------------------
    @property
    def parties(self) -> tuple[Party, ...]:
        return self.complainants + self.respondents

    @property
    def party_keys(self) -> tuple[str, ...]:
        return tuple(p.key for p in self.parties)

    def find_party(self, text: str) -> Party:
        """A party by key (c1, r1) or by exact name."""
        wanted = text.strip()
        for party in self.parties:
            if wanted.casefold() == party.key or wanted == party.name:
                return party
        raise InvalidInput(
            "unknown_party",
            ref=self.ref,
            value=text,
            choices=[f"{p.key} {p.name}" for p in self.parties],
        )

    def _awaiting(self, author: str) -> tuple[str, ...]:
        return tuple(key for key in self.party_keys if key != author)

    def find_proposal(self, proposal_id: str) -> Proposal:
        proposal = self.proposals.get(proposal_id.strip().upper())
        if proposal is None:
            raise InvalidInput(
                "unknown_proposal", ref=self.ref, value=proposal_id, choices=list(self.proposals)
            )
        return proposal

    def find_commitment(self, commitment_id: str) -> Commitment:
        commitment = self.commitments.get(commitment_id.strip().upper())
        if commitment is None:
            raise InvalidInput(
                "unknown_commitment",
                ref=self.ref,
                value=commitment_id,
                choices=list(self.commitments),
            )
        return commitment

    def open_referral(self, department: str) -> Referral | None:
        for referral in self.referrals:
            if referral.department == department and not referral.answered:
                return referral
        return None

    @property
    def referred_departments(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.department for r in self.referrals))

    @property
    def open_commitments(self) -> list[Commitment]:
        return [c for c in self.commitments.values() if c.status == CommitmentStatus.OPEN]

    def obligor(self, text: str) -> str:
        """Who can promise something: a party (its key) or a referred department (its code)."""
        try:
            return self.find_party(text).key
        except InvalidInput:
            pass
        choices: list[object] = [f"{p.key} {p.name}" for p in self.parties]
        choices += [department_or_code(code) for code in self.referred_departments]
        try:
            department = find_department(text)
        except InvalidInput:
            raise InvalidInput("unknown_obligor", ref=self.ref, value=text,
                               choices=choices) from None
        if department.code not in self.referred_departments:
            raise RuleViolation("not_an_obligor", ref=self.ref, value=department,
                                choices=choices)
        return department.code

    def party_name(self, key: str) -> str:
        if key == MEDIATOR:
            return key
        for party in self.parties:
            if party.key == key:
                return party.name
        return department_label(key)

    # -- guards -----------------------------------------------------------
    def check_time(self, stamp: Stamp) -> None:
        self.after_opening(stamp.occurred_at)

    def after_opening(self, moment: datetime) -> None:
        if moment < self.opened_at:
            raise RuleViolation(
                "before_opening",
                ref=self.ref,
                occurred_at=moment.isoformat(timespec="minutes"),
                opened_at=self.opened_at.isoformat(timespec="minutes"),
            )

    def require_not_closed(self, stamp: Stamp) -> None:
        if self.status == Status.CLOSED:
            raise RuleViolation("case_closed", ref=self.ref)
        self.check_time(stamp)

    def require_negotiating(self, stamp: Stamp, what: Phrase) -> None:
        self.require_not_closed(stamp)
        if self.status != Status.OPEN:
            raise RuleViolation(
                "not_negotiating", ref=self.ref, status=Status(self.status), what=what
            )

    def require_higher_level(self, to_level: Level) -> None:
        if to_level.rank <= Level(self.level).rank:
            raise RuleViolation("not_higher_level", ref=self.ref, level=Level(self.level))
