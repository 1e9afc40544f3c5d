"""Read-only questions about a case's state, and the guards its commands share.

Kept apart from `case.py` so the aggregate module shows only commands and the
events they record.
"""

from __future__ import annotations

from datetime import datetime

from domain.corrections import Correctable
from domain.departments import department_label, department_or_code, find_department
from domain.errors import InvalidInput, Phrase, RuleViolation
from domain.records import Commitment, Escalation, Note, Proposal, Referral, SpotCheck, Statement
from domain.values import Location, Party, Stamp, TimeWindow
from domain.vocabulary import CommitmentStatus, Level, Status

MEDIATOR = "mediator"


class CaseQueries(Correctable):
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
    escalations: list[Escalation]
    note_entries: list[Note]

    # -- lookups ---------------------------------------------------------
    @property
    def all_parties(self) -> tuple[Party, ...]:
        """Every party ever named, a retracted joiner included (history still names them)."""
        return self.complainants + self.respondents

    @property
    def parties(self) -> tuple[Party, ...]:
        """The parties to the case (joiners are entries; a retracted one is no party)."""
        return tuple(p for p in self.all_parties if p.key not in self.entries or self.is_live(p.key))

    # -- live entries (a retracted one stays in the state, for its id, but counts no more)
    @property
    def live_statements(self) -> list[Statement]:
        return [s for s in self.statements if self.is_live(s.id)]

    @property
    def live_proposals(self) -> list[Proposal]:
        return [p for p in self.proposals.values() if self.is_live(p.id)]

    @property
    def live_referrals(self) -> list[Referral]:
        return [r for r in self.referrals if self.is_live(r.id)]

    @property
    def live_escalations(self) -> list[Escalation]:
        return [e for e in self.escalations if self.is_live(e.id)]

    @property
    def live_spot_checks(self) -> list[SpotCheck]:
        return [c for c in self.spot_checks if self.is_live(c.id)]

    @property
    def live_commitments(self) -> list[Commitment]:
        return [c for c in self.commitments.values() if self.is_live(c.id)]

    @property
    def notes(self) -> list[str]:
        """The texts of the notes in force (corrected, retracted ones left out)."""
        return [n.text for n in self.note_entries if self.is_live(n.id)]

    @property
    def party_keys(self) -> tuple[str, ...]:
        return tuple(p.key for p in self.parties)

    def find_party(self, text: str) -> Party:
        """A party by key (c1, r1), by exact name, or by a part of its name or unit that only
        one party has ("402" for 陈桂兰（402室）, "王伯"); an ambiguous part lists the candidates."""
        wanted = text.strip()
        for party in self.parties:
            if wanted.casefold() == party.key or (wanted == str(party.name)
                                                  and not party.name.erased):
                return party
        folded = wanted.casefold()  # an erased party is found by its key only
        matches = [p for p in self.parties if folded and not p.name.erased and any(
            folded in name.casefold() for name in (str(p.name), str(p.operator or "")))]
        if len(matches) == 1:
            return matches[0]
        raise InvalidInput(
            "ambiguous_party" if matches else "unknown_party",
            ref=self.ref,
            value=text,
            choices=[f"{p.key} {p.name}" for p in (matches or self.parties)],
        )

    def _awaiting(self, author: str) -> tuple[str, ...]:
        return tuple(key for key in self.party_keys if key != author)

    def find_proposal(self, proposal_id: str) -> Proposal:
        proposal = self.proposals.get(proposal_id.strip().upper())
        if proposal is None:
            raise InvalidInput("unknown_proposal", ref=self.ref, value=proposal_id,
                               choices=[p.id for p in self.live_proposals])
        if not self.is_live(proposal.id):
            raise RuleViolation("retracted_entry", ref=self.ref, value=proposal.id)
        return proposal

    def find_commitment(self, commitment_id: str) -> Commitment:
        commitment = self.commitments.get(commitment_id.strip().upper())
        if commitment is None:
            raise InvalidInput("unknown_commitment", ref=self.ref, value=commitment_id,
                               choices=[c.id for c in self.live_commitments])
        if not self.is_live(commitment.id):
            raise RuleViolation("retracted_entry", ref=self.ref, value=commitment.id)
        return commitment

    def open_referral(self, department: str) -> Referral | None:
        for referral in self.live_referrals:
            if referral.department == department and not referral.answered:
                return referral
        return None

    @property
    def referred_departments(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.department for r in self.live_referrals))

    @property
    def open_commitments(self) -> list[Commitment]:
        return [c for c in self.live_commitments if c.status == CommitmentStatus.OPEN]

    def obligor(self, text: str) -> str:
        """Who can promise something: a party (its key) or a referred department (its code)."""
        try:
            return self.find_party(text).key
        except InvalidInput as error:
            if error.code == "ambiguous_party":
                raise
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
        for party in self.all_parties:
            if party.key == key:
                return str(party.name)
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
