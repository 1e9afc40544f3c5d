"""The building convention (楼栋共治公约): clauses, signatures, adoption, checks, versions.

After mediation the parties of a building agree who does what ("明确各方权责").
A convention is drafted from the cases it comes from, clause by clause; every
bound party signs (签字, 盖章 or 按手印) or declines; it is adopted and published
(公示); later versions are drafted as amendments and adopted the same way, the
old text staying readable. Each clause in force is checked; a breach can open a
case (adapters/convention_use_cases.py), remedied later.

As in domain/case.py, public commands check the rules and raise a DomainError;
the private `@event` methods only assign.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import attrs
from eventsourcing.domain import event

from domain.aggregate import TextIdAggregate
from domain.convention_queries import ConventionQueries, clause_id_of
from domain.convention_records import Check, Clause, SigningAct, Version
from domain.convention_vocabulary import (
    BoundKind,
    CheckResult,
    ConventionStatus,
    Frequency,
    SignMethod,
)
from domain.errors import InvalidInput, Phrase, RuleViolation
from domain.personal import PersonalData, personal
from domain.values import SHORT_TEXT, Stamp, TimeWindow, aware_time, not_in_future, text

EDIT = Phrase("修改条款", "change clauses")
SIGN = Phrase("签署", "be signed")
ADOPT = Phrase("通过", "be adopted")
PUBLISH = Phrase("公示", "be published")
AMEND = Phrase("修订", "be amended")
CHECK = Phrase("登记检查", "record checks")
REMEDY = Phrase("登记整改", "record remedies")
SUSPEND = Phrase("暂停", "be suspended")
REPEAL = Phrase("废止", "be repealed")
UNSET = object()  # amend_clause: "leave this field as it is"


class Convention(TextIdAggregate, ConventionQueries):
    @classmethod
    def draft_for(cls, ref: str, community: str, grid: str, building: str,
                  source_cases: Sequence[str], stamp: Stamp, title: str | None = None) -> Convention:
        building = text("building", building, SHORT_TEXT)
        return cls(ref=ref, community=text("community", community, SHORT_TEXT),
                   grid=text("grid", grid, SHORT_TEXT), building=building,
                   title=text("title", title, SHORT_TEXT) if title else f"{building}共治公约",
                   source_cases=list(dict.fromkeys(source_cases)), **stamp.event_fields())

    @event("Drafted")
    def __init__(self, ref: str, community: str, grid: str, building: str, title: str,
                 source_cases: list[str], actor: str, occurred_at: datetime,
                 timestamp: datetime) -> None:
        self.ref = ref
        self.community = community
        self.grid = grid
        self.building = building
        self.title = title
        self.source_cases = tuple(source_cases)
        self.status = ConventionStatus.DRAFTING.value
        self.drafted_at = occurred_at
        self.drafted_by = actor
        self.versions = [Version(1, drafted_at=occurred_at)]
        self.clause_count = 0
        self.checks: dict[str, Check] = {}
        self.ended_reason: str | None = None

    # -- clauses (while drafting) -----------------------------------------------------
    def propose_clause(self, party_kind: BoundKind, party: str, duty: str, stamp: Stamp,
                       window: TimeWindow | None = None, deadline: date | None = None,
                       check_method: str | None = None,
                       frequency: Frequency | None = None) -> str:
        draft = self.require_draft(stamp, EDIT)
        clause = self._valid_clause(Clause(
            id=f"c{self.clause_count + 1}", party_kind=BoundKind(party_kind).value, party=party,
            duty=duty, window=window, deadline=deadline, check_method=check_method,
            frequency=Frequency(frequency).value if frequency else None))
        self._clause_proposed(version=draft.number, clause=clause, voided=_voided(draft),
                              **stamp.event_fields())
        return clause.id

    @event("ClauseProposed")
    def _clause_proposed(self, version: int, clause: Clause, voided: list[str], actor: str,
                         occurred_at: datetime, timestamp: datetime) -> None:
        self.clause_count += 1
        self._set_draft(clauses=(*self.versions[-1].clauses, clause))

    def amend_clause(self, clause_id: str, stamp: Stamp, **changes: Any) -> None:
        """Change some of a draft clause's fields (party_kind, party, duty, window, ...)."""
        draft = self.require_draft(stamp, EDIT)
        old = self.find_clause(draft, clause_id)
        given = {k: v for k, v in changes.items() if v is not UNSET}
        unknown = set(given) - {"party_kind", "party", "duty", "window", "deadline",
                                "check_method", "frequency"}
        if unknown:
            raise InvalidInput("conv_nothing_amended")
        if "party_kind" in given:
            given["party_kind"] = BoundKind(given["party_kind"]).value
        if given.get("frequency") is not None:
            given["frequency"] = Frequency(given["frequency"]).value
        new = self._valid_clause(attrs.evolve(old, **given))
        if new == old:
            raise InvalidInput("conv_nothing_amended")
        self._clause_amended(version=draft.number, clause=new, voided=_voided(draft),
                             **stamp.event_fields())

    @event("ClauseAmended")
    def _clause_amended(self, version: int, clause: Clause, voided: list[str], actor: str,
                        occurred_at: datetime, timestamp: datetime) -> None:
        self._set_draft(clauses=tuple(clause if c.id == clause.id else c
                                      for c in self.versions[-1].clauses))

    def withdraw_clause(self, clause_id: str, reason: str, stamp: Stamp) -> None:
        draft = self.require_draft(stamp, EDIT)
        clause = self.find_clause(draft, clause_id)
        self._clause_withdrawn(version=draft.number, clause_id=clause.id,
                               reason=text("reason", reason), voided=_voided(draft),
                               **stamp.event_fields())

    @event("ClauseWithdrawn")
    def _clause_withdrawn(self, version: int, clause_id: str, reason: str, voided: list[str],
                          actor: str, occurred_at: datetime, timestamp: datetime) -> None:
        self._set_draft(clauses=tuple(c for c in self.versions[-1].clauses if c.id != clause_id))

    def _valid_clause(self, clause: Clause) -> Clause:
        if clause.deadline is not None and clause.deadline < self.drafted_at.date():
            raise RuleViolation("conv_deadline_before_drafting", deadline=clause.deadline.isoformat(),
                                drafted=self.drafted_at.date().isoformat())
        return attrs.evolve(
            clause, party=text("party", clause.party, SHORT_TEXT), duty=text("duty", clause.duty),
            check_method=text("check method", clause.check_method) if clause.check_method else None)

    def _set_draft(self, **changes: Any) -> None:
        # Any change to the text voids the signatures given to the old text.
        self.versions[-1] = attrs.evolve(self.versions[-1], acts=(), **changes)

    # -- signing and adoption ---------------------------------------------------------
    def sign(self, party: str, signatory: str, method: SignMethod, stamp: Stamp) -> str:
        draft = self._signable(stamp)
        bound = self.find_party(draft, party)
        if draft.signature_status(bound) == "signed":
            raise RuleViolation("conv_already_signed", party=bound, ref=self.ref,
                                version=draft.number)
        act_id = self.next_act_id
        self._signed(version=draft.number, act_id=act_id, party=bound,
                     signatory=self._signatory(act_id, signatory),
                     method=SignMethod(method).value, **stamp.event_fields())
        return act_id

    @event("Signed")
    def _signed(self, version: int, act_id: str, party: str, signatory: PersonalData, method: str,
                actor: str, occurred_at: datetime, timestamp: datetime) -> None:
        self._add_act(SigningAct(act_id, party, signatory, True, method, None, occurred_at))

    def decline(self, party: str, signatory: str, reason: str, stamp: Stamp) -> str:
        draft = self._signable(stamp)
        bound = self.find_party(draft, party)
        act_id = self.next_act_id
        self._declined(version=draft.number, act_id=act_id, party=bound,
                       signatory=self._signatory(act_id, signatory),
                       reason=text("reason", reason), **stamp.event_fields())
        return act_id

    @event("Declined")
    def _declined(self, version: int, act_id: str, party: str, signatory: PersonalData,
                  reason: str, actor: str, occurred_at: datetime, timestamp: datetime) -> None:
        self._add_act(SigningAct(act_id, party, signatory, False, None, reason, occurred_at))

    def _add_act(self, act: SigningAct) -> None:
        draft = self.versions[-1]
        self.versions[-1] = attrs.evolve(draft, acts=(*draft.acts, act))

    def _signable(self, stamp: Stamp) -> Version:
        draft = self.require_draft(stamp, SIGN)
        if not draft.clauses:
            raise RuleViolation("conv_no_clauses", ref=self.ref, version=draft.number, what=SIGN)
        return draft

    def _signatory(self, act_id: str, name: str) -> PersonalData:
        # The subject id is derived from the convention and the act, so a replay yields it again.
        return personal(f"{self.ref}/{act_id}", text("signatory", name, SHORT_TEXT))

    def adopt(self, stamp: Stamp, override_reason: str | None = None) -> None:
        """Adopt the draft once every bound party signed, or by an override with its reason."""
        draft = self.require_draft(stamp, ADOPT)
        if not draft.clauses:
            raise RuleViolation("conv_no_clauses", ref=self.ref, version=draft.number, what=ADOPT)
        unsigned = draft.unsigned_parties
        if unsigned and not (override_reason or "").strip():
            raise RuleViolation("conv_unsigned", ref=self.ref, version=draft.number,
                                parties=unsigned)
        reason = text("override reason", override_reason) if override_reason else None
        self._adopted(version=draft.number, override_reason=reason, unsigned=unsigned,
                      **stamp.event_fields())

    @event("Adopted")
    def _adopted(self, version: int, override_reason: str | None, unsigned: list[str], actor: str,
                 occurred_at: datetime, timestamp: datetime) -> None:
        self.versions[-1] = attrs.evolve(self.versions[-1], adopted_at=occurred_at,
                                         override_reason=override_reason, unsigned=tuple(unsigned))
        self.status = ConventionStatus.ADOPTED.value
        self.ended_reason = None

    def publish(self, where: str, from_day: date, stamp: Stamp) -> None:
        """Post the version in force (公示): where, and from which day."""
        self.require_live(stamp, PUBLISH)
        current = self.in_force
        if current is None or current.adopted_at is None:
            raise RuleViolation("conv_not_adopted", ref=self.ref,
                                status=ConventionStatus(self.status), what=PUBLISH)
        if current.published_on is not None:
            raise RuleViolation("conv_already_published", ref=self.ref, version=current.number,
                                day=current.published_on.isoformat())
        adopted = current.adopted_at.astimezone(stamp.occurred_at.tzinfo).date()
        if from_day < adopted:
            raise RuleViolation("conv_published_before_adoption", day=from_day.isoformat(),
                                adopted=adopted.isoformat())
        self._published(version=current.number, where=text("where", where, SHORT_TEXT),
                        from_day=from_day, **stamp.event_fields())

    @event("Published")
    def _published(self, version: int, where: str, from_day: date, actor: str,
                   occurred_at: datetime, timestamp: datetime) -> None:
        self.versions[version - 1] = attrs.evolve(self.versions[version - 1],
                                                  published_on=from_day, published_where=where)
        self.status = ConventionStatus.PUBLISHED.value

    def amend(self, reason: str, stamp: Stamp) -> int:
        """Start a new version from the one adopted; the old text stays in force until then."""
        self.require_live(stamp, AMEND)
        if self.draft is not None:
            raise RuleViolation("conv_draft_pending", ref=self.ref, version=self.draft.number)
        number = len(self.versions) + 1
        self._amended(version=number, reason=text("reason", reason), **stamp.event_fields())
        return number

    @event("Amended")
    def _amended(self, version: int, reason: str, actor: str, occurred_at: datetime,
                 timestamp: datetime) -> None:
        self.versions.append(Version(version, clauses=self.versions[-1].clauses,
                                     drafted_at=occurred_at, amend_reason=reason))

    # -- compliance -----------------------------------------------------------------
    def record_check(self, clause_id: str, result: CheckResult, checked_at: datetime,
                     checker: str, evidence: str, stamp: Stamp, case_ref: str | None = None,
                     case_reopened: bool = False) -> str:
        """A check of a clause in force: complied or breached, when, by whom, on what evidence."""
        clause = self.checkable_clause(clause_id, checked_at, stamp)
        check_id = f"CK{len(self.checks) + 1}"
        self._checked(check_id=check_id, clause_id=clause.id, version=self.versions_in_force,
                      result=CheckResult(result).value, checked_at=checked_at,
                      checker=text("checker", checker, SHORT_TEXT),
                      evidence=text("evidence", evidence), case_ref=case_ref,
                      case_reopened=case_reopened, **stamp.event_fields())
        return check_id

    def checkable_clause(self, clause_id: str, checked_at: datetime, stamp: Stamp) -> Clause:
        """The clause a check at `checked_at` may be recorded for (or the rule that refuses it)."""
        self.require_live(stamp, CHECK)
        current = self.in_force
        if current is None:
            raise RuleViolation("conv_clause_not_in_force", ref=self.ref,
                                value=clause_id_of(clause_id), status=ConventionStatus(self.status))
        clause = self.find_clause(current, clause_id)  # an unknown clause: says which exist
        aware_time("checked at", checked_at)
        not_in_future("checked at", checked_at, stamp.recorded_at)
        since = self.clause_in_force_since(clause.id)
        if since is not None and checked_at < since:
            raise RuleViolation("conv_check_before_force", value=clause.id,
                                checked_at=checked_at.isoformat(timespec="minutes"),
                                since=since.isoformat(timespec="minutes"))
        return clause

    @property
    def versions_in_force(self) -> int:
        current = self.current
        return current.number if current else 0

    @event("ComplianceChecked")
    def _checked(self, check_id: str, clause_id: str, version: int, result: str,
                 checked_at: datetime, checker: str, evidence: str, case_ref: str | None,
                 case_reopened: bool, actor: str, occurred_at: datetime,
                 timestamp: datetime) -> None:
        self.checks[check_id] = Check(check_id, clause_id, version, result, checked_at, checker,
                                      evidence, case_ref, case_reopened)

    def remedy(self, check_id: str, note: str, stamp: Stamp) -> None:
        self.require_live(stamp, REMEDY)
        check = self.find_check(check_id)
        if check.result != CheckResult.BREACHED:
            raise RuleViolation("conv_not_breached", value=check.id)
        if check.remedied_at is not None:
            raise RuleViolation("conv_already_remedied", value=check.id,
                                day=check.remedied_at.date().isoformat())
        if stamp.occurred_at < check.checked_at:
            raise RuleViolation("conv_remedy_before_breach",
                                occurred_at=stamp.occurred_at.isoformat(timespec="minutes"),
                                checked_at=check.checked_at.isoformat(timespec="minutes"))
        self._remedied(check_id=check.id, note=text("note", note), **stamp.event_fields())

    @event("BreachRemedied")
    def _remedied(self, check_id: str, note: str, actor: str, occurred_at: datetime,
                  timestamp: datetime) -> None:
        self.checks[check_id] = attrs.evolve(self.checks[check_id], remedied_at=occurred_at,
                                             remedy_note=note)

    # -- the end ------------------------------------------------------------------------
    def suspend(self, reason: str, stamp: Stamp) -> None:
        self.require_live(stamp, SUSPEND)
        if self.status not in (ConventionStatus.ADOPTED, ConventionStatus.PUBLISHED):
            raise RuleViolation("conv_cannot_suspend", ref=self.ref,
                                status=ConventionStatus(self.status))
        self._suspended(reason=text("reason", reason), **stamp.event_fields())

    @event("Suspended")
    def _suspended(self, reason: str, actor: str, occurred_at: datetime,
                   timestamp: datetime) -> None:
        self.status = ConventionStatus.SUSPENDED.value
        self.ended_reason = reason

    def repeal(self, reason: str, stamp: Stamp) -> None:
        self.require_live(stamp, REPEAL)
        self._repealed(reason=text("reason", reason), **stamp.event_fields())

    @event("Repealed")
    def _repealed(self, reason: str, actor: str, occurred_at: datetime,
                  timestamp: datetime) -> None:
        self.status = ConventionStatus.REPEALED.value
        self.ended_reason = reason


def _voided(draft: Version) -> list[str]:
    """The signing acts a change to the draft's text voids (recorded for the audit trail)."""
    return [a.id for a in draft.acts]


# Event classes (Convention.Drafted, ...) exist only at runtime: see domain/case.py.
ConventionEvents: Any = Convention
