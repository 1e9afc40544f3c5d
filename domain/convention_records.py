"""The convention's value objects and the records its state keeps.

`Clause` is stored in events (as "ConventionClause"); the other records are
rebuilt from events and never stored themselves. Validation is the aggregate's:
these classes only hold values, so history always loads.
"""

from __future__ import annotations

from datetime import date, datetime

import attrs

from domain.personal import PersonalData
from domain.values import TimeWindow


@attrs.frozen
class Clause:
    """One duty of one bound party: what, when (window, deadline) and how it is checked."""

    id: str  # c1, c2 ...: stable across versions, never reused
    party_kind: str  # BoundKind code
    party: str  # 老王家常菜馆, 5栋全体居民, 物业公司 ...
    duty: str
    window: TimeWindow | None = None  # e.g. 22:00–07:00, daily
    deadline: date | None = None
    check_method: str | None = None
    frequency: str | None = None  # Frequency code


@attrs.frozen
class SigningAct:
    """A signature (signed) or a refusal (declined, with its reason) by one bound party."""

    id: str  # sig1, sig2 ... over the whole convention: also the signatory's data subject
    party: str
    signatory: PersonalData
    signed: bool
    method: str | None  # SignMethod code when signed
    reason: str | None  # when declined
    at: datetime


@attrs.frozen
class Version:
    """One text of the convention: drafted, signed, adopted, published; old ones stay readable."""

    number: int
    clauses: tuple[Clause, ...] = ()
    acts: tuple[SigningAct, ...] = ()
    drafted_at: datetime | None = None
    amend_reason: str | None = None  # why this version replaced the one before
    adopted_at: datetime | None = None
    override_reason: str | None = None
    unsigned: tuple[str, ...] = ()  # parties that had not signed when adoption was overridden
    published_on: date | None = None
    published_where: str | None = None

    @property
    def parties(self) -> list[str]:
        return list(dict.fromkeys(c.party for c in self.clauses))

    def clause(self, clause_id: str) -> Clause | None:
        return next((c for c in self.clauses if c.id == clause_id), None)

    def latest_act(self, party: str) -> SigningAct | None:
        return next((a for a in reversed(self.acts) if a.party == party), None)

    def signature_status(self, party: str) -> str:
        """signed, declined or unsigned: the party's latest act on this text."""
        act = self.latest_act(party)
        return "unsigned" if act is None else "signed" if act.signed else "declined"

    @property
    def unsigned_parties(self) -> list[str]:
        return [p for p in self.parties if self.signature_status(p) != "signed"]


@attrs.frozen
class Check:
    """A compliance check of one clause; a breach may have opened or reopened a case."""

    id: str  # CK1, CK2 ...
    clause_id: str
    version: int
    result: str  # CheckResult code
    checked_at: datetime
    checker: str
    evidence: str
    case_ref: str | None = None
    case_reopened: bool = False
    remedied_at: datetime | None = None
    remedy_note: str | None = None

    @property
    def open_breach(self) -> bool:
        return self.result == "breached" and self.remedied_at is None
