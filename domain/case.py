"""The Case aggregate (投诉/纠纷案件): one complaint from intake to closure.

Each public command checks the rules and raises a `DomainError` before anything
happens; only then does it call a private `@event` method, whose body only
assigns state. The same bodies rebuild the case from stored events, so they
contain no checks, no clock and no randomness.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import attrs
from eventsourcing.domain import event

from domain.aggregate import TextIdAggregate
from domain.case_corrections import CaseCorrections
from domain.case_queries import MEDIATOR
from domain.departments import find_department
from domain.errors import InvalidInput, Phrase, RuleViolation
from domain.personal import PersonalData, personal
from domain.records import (
    Answer,
    Commitment,
    Escalation,
    Note,
    Proposal,
    Referral,
    SpotCheck,
    Statement,
)
from domain.values import (
    Location,
    Party,
    PartySpec,
    ReferralRequest,
    Stamp,
    TimeWindow,
    aware_time,
    not_in_future,
    text,
)
from domain.vocabulary import (
    Category,
    Channel,
    CommitmentStatus,
    Level,
    Outcome,
    ProposalStatus,
    Role,
    Satisfaction,
    StatementKind,
    Status,
)

PROPOSE = Phrase("提出方案", "make proposals")
ANSWER = Phrase("答复方案", "answer proposals")
AGREE = Phrase("达成协议", "reach agreement")
FAIL = Phrase("终止调解", "end mediation as failed")

# What each outcome needs before a case can close with it.
STILL_OPEN = Phrase("案件仍在调解中", "a case still in mediation")
CLOSE_NEEDS = {
    Outcome.RESOLVED: (Status.AGREED, Phrase("先达成协议（gongzhi case agree）",
                                              "an agreement first (gongzhi case agree)")),
    Outcome.UNRESOLVED: (Status.FAILED, Phrase("先登记调解不成（gongzhi case fail）",
                                                "the failed mediation recorded first "
                                                "(gongzhi case fail)")),
    Outcome.WITHDRAWN: (Status.OPEN, STILL_OPEN),
    Outcome.TRANSFERRED: (Status.OPEN, STILL_OPEN),
}


class Case(TextIdAggregate, CaseCorrections):
    # The events that read models and other aggregates read, as explicit classes so that
    # their fields are typed where they are read (stored topics are unchanged: Case.X).
    class Opened(TextIdAggregate.Created):
        ref: str
        channel: str
        categories: list[str]
        location: Location
        complainants: list[Party]
        respondents: list[Party]
        summary: str
        nuisance_window: TimeWindow | None
        level: str
        actor: str
        occurred_at: datetime
        enforces: str | None = None  # the convention clause a breach opened the case for

    class ComplainantJoined(TextIdAggregate.Event):
        party: Party
        actor: str
        occurred_at: datetime

    class ConsentRecorded(TextIdAggregate.Event):
        party: str  # a complainant's key
        named: bool  # True: consents to be named to the other side; False: confidential
        reason: str
        actor: str
        occurred_at: datetime

    class MediatorAssigned(TextIdAggregate.Event):
        mediator: str
        actor: str
        occurred_at: datetime

    class MediatorReassigned(TextIdAggregate.Event):
        mediator: str
        previous: str
        reason: str
        actor: str
        occurred_at: datetime

    class Referred(TextIdAggregate.Event):
        referrals: list[ReferralRequest]
        actor: str
        occurred_at: datetime

    class Escalated(TextIdAggregate.Event):
        from_level: str
        to_level: str
        reason: str
        actor: str
        occurred_at: datetime

    class CommitmentMade(TextIdAggregate.Event):
        commitment_id: str
        party: str
        duty: str
        due: date
        actor: str
        occurred_at: datetime

    class CommitmentFulfilled(TextIdAggregate.Event):
        commitment_id: str
        note: str | None
        actor: str
        occurred_at: datetime

    class CommitmentBreached(TextIdAggregate.Event):
        commitment_id: str
        note: str | None
        actor: str
        occurred_at: datetime

    class AgreementReached(TextIdAggregate.Event):
        terms: str
        actor: str
        occurred_at: datetime
        proposal_id: str | None = None

    class MediationFailed(TextIdAggregate.Event):
        reason: str
        actor: str
        occurred_at: datetime

    class Closed(TextIdAggregate.Event):
        outcome: str
        satisfaction: str
        follow_up: str | None
        actor: str
        occurred_at: datetime

    class Reopened(TextIdAggregate.Event):
        reason: str
        actor: str
        occurred_at: datetime

    class EntryRetracted(TextIdAggregate.Event):
        entry_id: str
        kind: str
        reason: str
        entry: dict[str, Any]
        actor: str
        occurred_at: datetime

    class EntryCorrected(TextIdAggregate.Event):
        entry_id: str
        kind: str
        reason: str
        changes: dict[str, Any]
        previous: dict[str, Any]
        actor: str
        occurred_at: datetime
        parent: str | None = None

    @classmethod
    def open(
        cls,
        ref: str,
        channel: Channel,
        categories: Sequence[Category],
        location: Location,
        complainants: Sequence[PartySpec],
        respondents: Sequence[PartySpec],
        summary: str,
        stamp: Stamp,
        nuisance_window: TimeWindow | None = None,
        level: Level = Level.GRID,
        enforces: str | None = None,  # a convention clause, "GY2026-000001/c3"
    ) -> Case:
        if not categories:
            raise InvalidInput("no_categories")
        for role, specs in ((Role.COMPLAINANT, complainants), (Role.RESPONDENT, respondents)):
            if not specs:
                raise InvalidInput("no_parties", role=role)
        names = [s.name for s in (*complainants, *respondents)]
        for name in names:
            if names.count(name) > 1:
                raise InvalidInput("duplicate_party", name=name, ref=ref)
        return cls(
            ref=ref,
            channel=channel.value,
            categories=list(dict.fromkeys(c.value for c in categories)),
            location=location.sealed(ref),
            complainants=[
                Party.from_spec(ref, f"c{i}", Role.COMPLAINANT, s)
                for i, s in enumerate(complainants, 1)
            ],
            respondents=[
                Party.from_spec(ref, f"r{i}", Role.RESPONDENT, s)
                for i, s in enumerate(respondents, 1)
            ],
            summary=text("summary", summary),
            nuisance_window=nuisance_window,
            level=level.value,
            enforces=enforces,
            **stamp.event_fields(),
        )

    @event(Opened)
    def __init__(
        self,
        ref: str,
        channel: str,
        categories: list[str],
        location: Location,
        complainants: list[Party],
        respondents: list[Party],
        summary: str,
        nuisance_window: TimeWindow | None,
        level: str,
        actor: str,
        occurred_at: datetime,
        timestamp: datetime,
        enforces: str | None = None,  # absent from cases opened before conventions
    ) -> None:
        self.ref = ref
        self.enforces = enforces
        self.channel = channel
        self.categories = tuple(categories)
        # Older events stored names and rooms in plain text: held as personal data all the same.
        self.location = location.sealed(ref)
        self.complainants = tuple(p.sealed(ref) for p in complainants)
        self.respondents = tuple(p.sealed(ref) for p in respondents)
        self.summary = summary
        self.nuisance_window = nuisance_window
        self.level = level
        self.status = Status.OPEN.value
        self.mediator = None
        self.opened_at = occurred_at
        self.opened_by = actor
        self.statements = []
        self.proposals = {}
        self.referrals = []
        self.spot_checks = []
        self.commitments = {}
        self._clear_outcome()
        self.reopened_count = 0
        self.escalations = []
        self.note_entries = []
        self.init_entries()

    # -- parties and mediator ---------------------------------------------
    def join(self, spec: PartySpec, stamp: Stamp) -> Party:
        """Another complainant joins the case."""
        self.require_not_closed(stamp)
        if any(str(p.name) == spec.name for p in self.parties):
            raise RuleViolation("duplicate_party", name=spec.name, ref=self.id)
        party = Party.from_spec(self.id, f"c{len(self.complainants) + 1}", Role.COMPLAINANT, spec)
        self._complainant_joined(party=party, **stamp.event_fields())
        return party

    @event(ComplainantJoined)
    def _complainant_joined(
        self, party: Party, actor: str, occurred_at: datetime, timestamp: datetime
    ) -> None:
        self.complainants = (*self.complainants, party.sealed(self.id))
        self.add_entry("party", party.key)

    def record_consent(self, party: str, named: bool, reason: str, stamp: Stamp) -> str:
        """A complainant consents to be named to the other side, or withdraws it (保密).

        Allowed at any stage, a closed case too: what is shared from now on follows it.
        """
        self.check_time(stamp)
        found = self.find_party(party)
        if found.role != Role.COMPLAINANT:
            raise RuleViolation("consent_not_complainant", value=found.name)
        if found.named == named:
            raise RuleViolation("consent_unchanged", value=found.name,
                                named=Phrase("同意公开", "named") if named
                                else Phrase("保密", "confidential"))
        self._consent_recorded(party=found.key, named=named, reason=text("reason", reason),
                               **stamp.event_fields())
        return found.key

    @event(ConsentRecorded)
    def _consent_recorded(
        self, party: str, named: bool, reason: str, actor: str, occurred_at: datetime,
        timestamp: datetime,
    ) -> None:
        self.complainants = tuple(attrs.evolve(p, named=named) if p.key == party else p
                                  for p in self.complainants)

    def assign(self, mediator: str, stamp: Stamp, reason: str | None = None) -> None:
        """Assign the mediator, or hand the case to another one (with a reason)."""
        self.require_not_closed(stamp)
        mediator = text("mediator", mediator, 100)
        if self.mediator is None:
            self._mediator_assigned(mediator=mediator, **stamp.event_fields())
            return
        if mediator == self.mediator:
            raise RuleViolation("same_mediator", value=mediator, ref=self.id)
        self._mediator_reassigned(
            mediator=mediator,
            previous=self.mediator,
            reason=text("reason", reason or ""),
            **stamp.event_fields(),
        )

    @event(MediatorAssigned)
    def _mediator_assigned(
        self, mediator: str, actor: str, occurred_at: datetime, timestamp: datetime
    ) -> None:
        self.mediator = mediator

    @event(MediatorReassigned)
    def _mediator_reassigned(
        self,
        mediator: str,
        previous: str,
        reason: str,
        actor: str,
        occurred_at: datetime,
        timestamp: datetime,
    ) -> None:
        self.mediator = mediator

    # -- hearing both sides -------------------------------------------------
    def record_statement(
        self, party: str, kind: StatementKind, content: str, stamp: Stamp
    ) -> None:
        self.require_not_closed(stamp)
        speaker = self.find_party(party)
        # What a party says is theirs: sealed under their subject, erased with them.
        said = personal(speaker.subject, text("statement", content))
        self._statement_recorded(party=speaker.key, kind=kind.value, text=said,
                                 **stamp.event_fields())

    @event("StatementRecorded")
    def _statement_recorded(
        self, party: str, kind: str, text: PersonalData | str, actor: str,
        occurred_at: datetime, timestamp: datetime,
    ) -> None:
        said = text if isinstance(text, PersonalData) else personal(f"{self.id}/{party}", text)
        self.statements.append(Statement(party, kind, said, occurred_at,
                                         self.add_entry("statement")))

    def propose(
        self, by: str, terms: str, stamp: Stamp, in_reply_to: str | None = None
    ) -> str:
        """A party or the mediator proposes terms; a counter-proposal names the one it answers."""
        self.require_negotiating(stamp, PROPOSE)
        author = MEDIATOR if by.strip().casefold() in (MEDIATOR, "调解员") else self.find_party(by).key
        proposal_id = f"P{len(self.proposals) + 1}"
        terms = text("terms", terms)
        if in_reply_to is None:
            self._proposal_made(proposal_id=proposal_id, by=author, terms=terms,
                                **stamp.event_fields())
            return proposal_id
        answered = self.find_proposal(in_reply_to)
        if answered.by == author:
            raise RuleViolation("own_proposal", party=self.party_name(author), value=answered.id,
                                what=Phrase("反驳", "counter"))
        self._counter_proposal_made(proposal_id=proposal_id, by=author, terms=terms,
                                    in_reply_to=answered.id, **stamp.event_fields())
        return proposal_id

    @event("ProposalMade")
    def _proposal_made(
        self, proposal_id: str, by: str, terms: str, actor: str, occurred_at: datetime,
        timestamp: datetime,
    ) -> None:
        self.proposals[proposal_id] = Proposal(proposal_id, by, terms, occurred_at,
                                               self._awaiting(by))
        self.add_entry("proposal", proposal_id)

    @event("CounterProposalMade")
    def _counter_proposal_made(
        self, proposal_id: str, by: str, terms: str, in_reply_to: str, actor: str,
        occurred_at: datetime, timestamp: datetime,
    ) -> None:
        self.proposals[proposal_id] = Proposal(proposal_id, by, terms, occurred_at,
                                               self._awaiting(by), in_reply_to)
        self.add_entry("proposal", proposal_id)

    def answer(
        self, proposal_id: str, party: str, accepted: bool, stamp: Stamp,
        reason: str | None = None,
    ) -> None:
        """A named party accepts or rejects a proposal."""
        self.require_negotiating(stamp, ANSWER)
        proposal = self.find_proposal(proposal_id)
        what = Phrase("接受或拒绝方案", "accept or reject proposals")
        if party.strip().casefold() in (MEDIATOR, "调解员"):
            raise RuleViolation("not_a_party", what=what, value=party)
        key = self.find_party(party).key
        if proposal.by == key:  # before the status: its author's answer is never needed
            if accepted:
                raise RuleViolation("own_proposal_implied", party=self.party_name(key),
                                    value=proposal.id)
            raise RuleViolation("own_proposal", party=self.party_name(key), value=proposal.id,
                                what=Phrase("答复", "answer"))
        status = proposal.status()
        if status != ProposalStatus.PENDING:
            raise RuleViolation("proposal_settled", value=proposal.id, status=status)
        if key not in proposal.awaiting:
            raise RuleViolation("not_awaited", party=self.party_name(key), value=proposal.id)
        if proposal.answered_by(key):
            raise RuleViolation("already_responded", party=self.party_name(key), value=proposal.id)
        if accepted:
            self._proposal_accepted(proposal_id=proposal.id, party=key, **stamp.event_fields())
        else:
            self._proposal_rejected(proposal_id=proposal.id, party=key,
                                    reason=text("reason", reason or ""), **stamp.event_fields())

    @event("ProposalAccepted")
    def _proposal_accepted(
        self, proposal_id: str, party: str, actor: str, occurred_at: datetime,
        timestamp: datetime,
    ) -> None:
        proposal = self.proposals[proposal_id]
        answers = (*proposal.answers, Answer(party, True, None, self.add_entry("answer")))
        self.proposals[proposal_id] = attrs.evolve(proposal, answers=answers)

    @event("ProposalRejected")
    def _proposal_rejected(
        self, proposal_id: str, party: str, reason: str, actor: str, occurred_at: datetime,
        timestamp: datetime,
    ) -> None:
        proposal = self.proposals[proposal_id]
        answers = (*proposal.answers, Answer(party, False, reason, self.add_entry("answer")))
        self.proposals[proposal_id] = attrs.evolve(proposal, answers=answers)

    # -- departments, levels and checks ------------------------------------
    def refer(self, requests: Sequence[ReferralRequest], stamp: Stamp) -> list[str]:
        """Refer the case to one or more departments, each with its own question."""
        self.require_not_closed(stamp)
        if not requests:
            raise InvalidInput("blank", field="department")
        resolved: dict[str, ReferralRequest] = {}
        for request in requests:
            code = find_department(request.department).code
            if code in resolved or self.open_referral(code):
                raise RuleViolation("already_referred", department=find_department(code),
                                    ref=self.id)
            resolved[code] = ReferralRequest(code, request.question)
        self._referred(referrals=list(resolved.values()), **stamp.event_fields())
        return list(resolved)

    @event(Referred)
    def _referred(
        self, referrals: list[ReferralRequest], actor: str, occurred_at: datetime,
        timestamp: datetime,
    ) -> None:
        for r in referrals:
            self.referrals.append(Referral(r.department, r.question, occurred_at,
                                           id=self.add_entry("referral")))

    def record_response(self, department: str, response: str, stamp: Stamp) -> None:
        self.require_not_closed(stamp)
        dept = find_department(department)
        if self.open_referral(dept.code) is None:
            raise RuleViolation("not_referred", ref=self.id, department=dept)
        self._department_responded(department=dept.code, response=text("response", response),
                                   **stamp.event_fields())

    @event("DepartmentResponded")
    def _department_responded(
        self, department: str, response: str, actor: str, occurred_at: datetime,
        timestamp: datetime,
    ) -> None:
        for i, referral in enumerate(self.referrals):
            if referral.department == department and not referral.answered \
                    and self.is_live(referral.id):
                self.referrals[i] = attrs.evolve(referral, response=response,
                                                 responded_at=occurred_at,
                                                 response_id=self.add_entry("response"))
                break

    def escalate(self, to_level: Level, reason: str, stamp: Stamp) -> None:
        """Move the case up: grid → community → sub-district."""
        self.require_not_closed(stamp)
        self.require_higher_level(to_level)
        self._escalated(from_level=self.level, to_level=to_level.value,
                        reason=text("reason", reason), **stamp.event_fields())

    @event(Escalated)
    def _escalated(
        self, from_level: str, to_level: str, reason: str, actor: str, occurred_at: datetime,
        timestamp: datetime,
    ) -> None:
        self.level = to_level
        self.escalations.append(Escalation(self.add_entry("escalation"), from_level, to_level,
                                           reason, occurred_at))

    def record_spot_check(
        self, started_at: datetime, ended_at: datetime, inspectors: Sequence[str],
        findings: str, passed: bool, rectified_on_spot: bool, stamp: Stamp,
    ) -> str:
        """An on-site check (抽查/现场检查): when, who, what was found, and the verdict."""
        self.require_not_closed(stamp)
        aware_time("check start", started_at)
        aware_time("check end", ended_at)
        if ended_at <= started_at:
            raise InvalidInput("window_order")
        if passed and rectified_on_spot:
            raise RuleViolation("rectified_but_passed")
        not_in_future("check end", ended_at, stamp.recorded_at)
        self.after_opening(started_at)
        names = [text("inspector", name, 100) for name in inspectors]
        if not names:
            raise InvalidInput("blank", field="inspectors")
        check_id = f"S{len(self.spot_checks) + 1}"
        self._spot_checked(
            check_id=check_id, started_at=started_at, ended_at=ended_at, inspectors=names,
            findings=text("findings", findings), passed=passed,
            rectified_on_spot=rectified_on_spot, **stamp.event_fields(),
        )
        return check_id

    @event("SpotChecked")
    def _spot_checked(
        self, check_id: str, started_at: datetime, ended_at: datetime, inspectors: list[str],
        findings: str, passed: bool, rectified_on_spot: bool, actor: str,
        occurred_at: datetime, timestamp: datetime,
    ) -> None:
        self.spot_checks.append(SpotCheck(check_id, started_at, ended_at, tuple(inspectors),
                                          findings, passed, rectified_on_spot))
        self.add_entry("spot_check", check_id)

    # -- commitments ----------------------------------------------------------
    def commit(self, party: str, duty: str, due: date, stamp: Stamp) -> str:
        """A party or a referred department promises something by a date."""
        self.require_not_closed(stamp)
        obligor = self.obligor(party)
        made = stamp.occurred_at.date()
        if due < made:
            raise RuleViolation("due_before_made", due=due.isoformat(), made=made.isoformat())
        commitment_id = f"K{len(self.commitments) + 1}"
        self._commitment_made(commitment_id=commitment_id, party=obligor,
                              duty=text("duty", duty), due=due, **stamp.event_fields())
        return commitment_id

    @event(CommitmentMade)
    def _commitment_made(
        self, commitment_id: str, party: str, duty: str, due: date,
        actor: str, occurred_at: datetime, timestamp: datetime,
        party_name: str | None = None,  # older events copied the name here; no longer
    ) -> None:
        self.commitments[commitment_id] = Commitment(commitment_id, party, duty, due, occurred_at)
        self.add_entry("commitment", commitment_id)

    def settle_commitment(
        self, commitment_id: str, fulfilled: bool, stamp: Stamp, note: str | None = None
    ) -> None:
        """Record that a commitment was kept (fulfilled) or broken (breached)."""
        self.require_not_closed(stamp)
        commitment = self.find_commitment(commitment_id)
        if commitment.status != CommitmentStatus.OPEN:
            raise RuleViolation("commitment_settled", value=commitment.id,
                                status=CommitmentStatus(commitment.status))
        if stamp.occurred_at < commitment.made_at:
            raise RuleViolation("settled_before_made", value=commitment.id,
                                occurred_at=stamp.occurred_at.isoformat(timespec="minutes"),
                                made=commitment.made_at.isoformat(timespec="minutes"))
        note = text("note", note) if note else None
        settle = self._commitment_fulfilled if fulfilled else self._commitment_breached
        settle(commitment_id=commitment.id, note=note, **stamp.event_fields())

    @event(CommitmentFulfilled)
    def _commitment_fulfilled(
        self, commitment_id: str, note: str | None, actor: str, occurred_at: datetime,
        timestamp: datetime,
    ) -> None:
        self._settled(commitment_id, CommitmentStatus.FULFILLED, occurred_at, note)

    @event(CommitmentBreached)
    def _commitment_breached(
        self, commitment_id: str, note: str | None, actor: str, occurred_at: datetime,
        timestamp: datetime,
    ) -> None:
        self._settled(commitment_id, CommitmentStatus.BREACHED, occurred_at, note)

    def _settled(self, commitment_id: str, status: CommitmentStatus, at: datetime,
                 note: str | None) -> None:
        self.commitments[commitment_id] = attrs.evolve(
            self.commitments[commitment_id], status=status.value, settled_at=at, note=note,
            settlement_id=self.add_entry("settlement"))

    # -- outcome ----------------------------------------------------------------
    def agree(self, terms: str, stamp: Stamp) -> None:
        self.require_negotiating(stamp, AGREE)
        self._agreement_reached(terms=text("terms", terms), **stamp.event_fields())

    def agree_to(self, proposal_id: str, stamp: Stamp) -> None:
        """Agreement on the terms of a proposal every party it was put to has accepted."""
        self.require_negotiating(stamp, AGREE)
        proposal = self.find_proposal(proposal_id)
        if proposal.status() == ProposalStatus.REJECTED:
            refusers = [self.party_name(a.party) for a in proposal.answers if not a.accepted]
            raise RuleViolation("proposal_rejected", value=proposal.id, ids=refusers)
        if proposal.status() != ProposalStatus.ACCEPTED:
            waiting = [self.party_name(k) for k in proposal.awaiting if not proposal.answered_by(k)]
            raise RuleViolation("proposal_not_accepted", value=proposal.id, ids=waiting)
        self._agreement_reached(terms=proposal.terms, proposal_id=proposal.id,
                                **stamp.event_fields())

    @event(AgreementReached)
    def _agreement_reached(
        self, terms: str, actor: str, occurred_at: datetime, timestamp: datetime,
        proposal_id: str | None = None,  # the accepted proposal whose terms were agreed
    ) -> None:
        self.agreement = terms
        self.status = Status.AGREED.value

    def fail(self, reason: str, stamp: Stamp) -> None:
        self.require_negotiating(stamp, FAIL)
        self._mediation_failed(reason=text("reason", reason), **stamp.event_fields())

    @event(MediationFailed)
    def _mediation_failed(
        self, reason: str, actor: str, occurred_at: datetime, timestamp: datetime
    ) -> None:
        self.failure_reason = reason
        self.status = Status.FAILED.value

    def close(
        self, outcome: Outcome, satisfaction: Satisfaction, stamp: Stamp,
        follow_up: str | None = None,
    ) -> None:
        """Close with an outcome and the follow-up visit's (回访) satisfaction."""
        self.require_not_closed(stamp)
        needed_status, needs = CLOSE_NEEDS[outcome]
        if self.status != needed_status:
            raise RuleViolation("close_needs_outcome", ref=self.id, status=Status(self.status),
                                outcome=outcome, needs=needs)
        if self.open_commitments:
            raise RuleViolation("open_commitments", ref=self.id,
                                ids=[c.id for c in self.open_commitments])
        self._closed(outcome=outcome.value, satisfaction=satisfaction.value,
                     follow_up=text("follow-up", follow_up) if follow_up else None,
                     **stamp.event_fields())

    @event(Closed)
    def _closed(
        self, outcome: str, satisfaction: str, follow_up: str | None, actor: str,
        occurred_at: datetime, timestamp: datetime,
    ) -> None:
        self.outcome = outcome
        self.satisfaction = satisfaction
        self.follow_up = follow_up
        self.closed_at = occurred_at
        self.status = Status.CLOSED.value

    def reopen(self, reason: str, stamp: Stamp) -> None:
        if self.status != Status.CLOSED:
            raise RuleViolation("not_closed", ref=self.id)
        self.check_time(stamp)
        if self.closed_at is not None and stamp.occurred_at < self.closed_at:
            raise RuleViolation("reopen_before_close", ref=self.id,
                                occurred_at=stamp.occurred_at.isoformat(timespec="minutes"),
                                closed_at=self.closed_at.isoformat(timespec="minutes"))
        self._reopened(reason=text("reason", reason), **stamp.event_fields())

    @event(Reopened)
    def _reopened(self, reason: str, actor: str, occurred_at: datetime, timestamp: datetime) -> None:
        self.status = Status.OPEN.value
        self._clear_outcome()
        self.reopened_count += 1

    def _clear_outcome(self) -> None:
        """No agreement, failure or closure yet: how a case starts, and starts again."""
        self.agreement = None
        self.failure_reason = None
        self.outcome = None
        self.satisfaction = None
        self.follow_up = None
        self.closed_at = None

    def add_note(self, note: str, stamp: Stamp) -> None:
        """Free notes are allowed at any stage, closed cases included."""
        self.check_time(stamp)
        self._note_added(text=text("note", note), **stamp.event_fields())

    @event("NoteAdded")
    def _note_added(self, text: str, actor: str, occurred_at: datetime, timestamp: datetime) -> None:
        self.note_entries.append(Note(self.add_entry("note"), text, occurred_at))

    # -- corrections (rules per kind: domain.case_corrections) ---------------------
    def retract(self, entry: str, reason: str, stamp: Stamp) -> str:
        """Withdraw an entry recorded in error (撤销); returns its id. The original stays in
        the history; the case counts it no more."""
        entry_id, kind = self.find_entry(entry)
        self._amendable(kind.name, stamp)
        self.require_live(entry_id)
        reason = text("reason", reason)
        self.check_case_retraction(entry_id, kind.name)
        self._entry_retracted(entry_id=entry_id, kind=kind.name, reason=reason,
                              entry=self.snapshot(kind.name, entry_id), **stamp.event_fields())
        return entry_id

    def correct(self, entry: str, reason: str, changes: Mapping[str, Any], stamp: Stamp) -> str:
        """Replace fields of an entry (更正), e.g. {"text": ...} or {"due": date(...)};
        a field given as None is left as it is. Returns the entry's id."""
        entry_id, kind = self.find_entry(entry)
        self._amendable(kind.name, stamp)
        self.require_live(entry_id, correcting=True)
        self.requested_fields(entry_id, kind, changes)
        reason = text("reason", reason)
        new, previous = self.checked_changes(entry_id, kind.name, changes, stamp)
        self._entry_corrected(entry_id=entry_id, kind=kind.name, reason=reason, changes=new,
                              previous=previous, parent=self.parent_entry(entry_id),
                              **stamp.event_fields())
        return entry_id

    def _amendable(self, kind: str, stamp: Stamp) -> None:
        if self.status == Status.CLOSED and kind != "note":
            raise RuleViolation("closed_notes_only", ref=self.id)
        self.check_time(stamp)

    @event(EntryRetracted)
    def _entry_retracted(
        self, entry_id: str, kind: str, reason: str, entry: dict[str, Any], actor: str,
        occurred_at: datetime, timestamp: datetime,
    ) -> None:
        self.mark_retracted(entry_id, reason, actor, occurred_at, entry)
        self.undo_entry(kind, entry_id)

    @event(EntryCorrected)
    def _entry_corrected(
        self, entry_id: str, kind: str, reason: str, changes: dict[str, Any],
        previous: dict[str, Any], actor: str, occurred_at: datetime, timestamp: datetime,
        parent: str | None = None,  # the entry it belongs to (a settlement's commitment)
    ) -> None:
        self.mark_corrected(entry_id, reason, actor, occurred_at, changes, previous)
        self.amend_entry(kind, entry_id, changes)


# Untyped access to every event class (those eventsourcing makes from @event names
# too); readers of the explicit ones above use Case.Opened etc. and get their fields typed.
CaseEvents: Any = Case
