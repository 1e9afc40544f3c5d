"""Read-only questions about a convention and the rule checks its commands share.

Kept apart from domain/convention.py so the aggregate module holds only its
commands and events.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import domain.convention_messages  # noqa: F401  (registers the messages raised here)
from domain.convention_records import Check, Clause, Version
from domain.convention_vocabulary import ConventionStatus
from domain.errors import InvalidInput, Phrase, RuleViolation
from domain.values import Stamp

_CLAUSE = re.compile(r"^\s*(?:[cC]|第)?\s*(\d{1,4})\s*条?\s*$")


def clause_id_of(text: str) -> str:
    """'c3', 'C3', '3' or '第3条' -> 'c3'; also the clause part of 'GY2026-000001/c3'."""
    match = _CLAUSE.match(text.rsplit("/", 1)[-1])
    if not match or int(match.group(1)) == 0:
        raise InvalidInput("bad_clause_ref", value=text)
    return f"c{int(match.group(1))}"


class ConventionQueries:
    ref: str
    status: str
    versions: list[Version]
    checks: dict[str, Check]
    drafted_at: datetime
    source_cases: tuple[str, ...]

    # -- versions ---------------------------------------------------------------
    @property
    def draft(self) -> Version | None:
        """The version being drafted (the first, or an amendment), if any."""
        last = self.versions[-1]
        if last.adopted_at is None and self.status != ConventionStatus.REPEALED:
            return last
        return None

    @property
    def current(self) -> Version | None:
        """The latest adopted version, whatever the convention's status now."""
        return next((v for v in reversed(self.versions) if v.adopted_at is not None), None)

    @property
    def in_force(self) -> Version | None:
        """The adopted version whose clauses bind now: none while suspended or repealed."""
        if self.status in (ConventionStatus.ADOPTED, ConventionStatus.PUBLISHED):
            return self.current
        return None

    def version_at(self, moment: datetime) -> Version | None:
        """The version that was in force at a moment (suspensions aside)."""
        adopted = [v for v in self.versions if v.adopted_at is not None and v.adopted_at <= moment]
        return adopted[-1] if adopted else None

    def clause_in_force_since(self, clause_id: str) -> datetime | None:
        """When the clause came into force: the adoption of the first version of its unbroken run."""
        since = None
        for version in self.versions:
            if version.adopted_at is None:
                continue
            since = (since or version.adopted_at) if version.clause(clause_id) else None
        return since

    # -- lookups ------------------------------------------------------------------
    def find_clause(self, version: Version, text: str) -> Clause:
        clause = version.clause(clause_id_of(text))
        if clause is None:
            raise RuleViolation("conv_unknown_clause", ref=self.ref, version=version.number,
                                value=text.strip(), choices=[c.id for c in version.clauses])
        return clause

    def find_party(self, version: Version, text: str) -> str:
        wanted = text.strip().casefold()
        for party in version.parties:
            if party.casefold() == wanted:
                return party
        raise RuleViolation("conv_unknown_party", ref=self.ref, version=version.number,
                            value=text.strip(), choices=version.parties)

    def find_check(self, text: str) -> Check:
        key = text.strip().upper()
        key = key if key.startswith("CK") else f"CK{key}"
        check = self.checks.get(key)
        if check is None:
            raise RuleViolation("conv_unknown_check", ref=self.ref, value=text.strip(),
                                choices=[c.id for c in self.checks.values()
                                         if c.result == "breached"])
        return check

    @property
    def open_breaches(self) -> list[Check]:
        return [c for c in self.checks.values() if c.open_breach]

    @property
    def next_act_id(self) -> str:
        return f"sig{sum(len(v.acts) for v in self.versions) + 1}"

    def clause_ref(self, clause_id: str) -> str:
        return f"{self.ref}/{clause_id}"

    # -- rules shared by the commands --------------------------------------------------
    def check_time(self, stamp: Stamp) -> None:
        if stamp.occurred_at < self.drafted_at:
            raise RuleViolation("conv_before_drafting", ref=self.ref,
                                occurred_at=stamp.occurred_at.isoformat(timespec="minutes"),
                                drafted_at=self.drafted_at.isoformat(timespec="minutes"))

    def require_live(self, stamp: Stamp, what: Phrase) -> None:
        if self.status == ConventionStatus.REPEALED:
            raise RuleViolation("conv_repealed", ref=self.ref, what=what)
        self.check_time(stamp)

    def require_draft(self, stamp: Stamp, what: Phrase) -> Version:
        self.require_live(stamp, what)
        draft = self.draft
        if draft is None:
            raise RuleViolation("conv_not_drafting", ref=self.ref, what=what)
        return draft

    def summary_fields(self) -> dict[str, Any]:
        current = self.current
        return {"ref": self.ref, "status": self.status,
                "version_in_force": current.number if current else None}
