"""The convention's lifecycle against a plain model (hypothesis RuleBasedStateMachine).

The model is a few dicts and sets saying what should be allowed: a clause only
in a draft, signing only a draft with clauses, adoption only when every bound
party's latest act is a signature (or with an override), checks only on clauses
of the version in force while it is adopted or published, a remedy only of an
open breach, nothing after repeal. Every command is tried whether or not the
model allows it: the aggregate must refuse exactly what the model refuses, and
its state must match the model after every step. The aggregate is also rebuilt
from its own events at the end of each step: the same state comes back.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from domain.convention import Convention
from domain.convention_vocabulary import BoundKind, CheckResult, SignMethod
from domain.errors import DomainError
from domain.values import Stamp

CST = timezone(timedelta(hours=8))
PARTIES = ["老王家常菜馆", "安居物业", "5栋居民"]


class ConventionMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.now = datetime(2026, 10, 1, 9, tzinfo=CST)
        self.conv = Convention.draft_for("GY2026-000001", "双塔社区", "第三网格", "5栋",
                                         ["C2026-000001"], self.stamp())
        self.status = "drafting"
        self.draft: dict[str, str] | None = {}  # clause id -> party, while drafting
        self.acts: dict[str, bool] = {}  # party -> latest act signed?
        self.in_force: dict[str, str] = {}  # of the latest adopted version
        self.published = False
        self.breaches: dict[str, bool] = {}  # breach check id -> open?
        self.clauses = 0
        self.checks = 0
        self.steps = 0

    @initialize(adopted=st.booleans())
    def start(self, adopted: bool) -> None:
        """Half the runs start from an adopted text, so checks and remedies get explored too."""
        if adopted:
            for party in PARTIES[:2]:
                self.propose(party)
            for party in PARTIES[:2]:  # after the text is complete: a change voids signatures
                self.sign_or_decline(party, True)
            self.adopt(False)
            assert self.status == "adopted"

    def stamp(self) -> Stamp:
        self.now += timedelta(minutes=30)
        return Stamp("刘敏", self.now, self.now + timedelta(minutes=1))

    def attempt(self, allowed: bool, command: Any) -> bool:
        self.steps += 1
        events = len(self.conv.pending_events)
        try:
            command()
        except DomainError:
            assert not allowed, "refused a command the model allows"
            assert len(self.conv.pending_events) == events  # a refusal records nothing
            return False
        assert allowed, "accepted a command the model refuses"
        return True

    @property
    def live(self) -> bool:
        return self.status != "repealed"

    # -- drafting ------------------------------------------------------------------------
    @rule(party=st.sampled_from(PARTIES))
    def propose(self, party: str) -> None:
        if self.attempt(self.live and self.draft is not None, lambda: self.conv.propose_clause(
                BoundKind.OTHER, party, "保持安静", self.stamp())):
            self.clauses += 1
            assert self.draft is not None
            self.draft[f"c{self.clauses}"] = party
            self.acts = {}

    def pick(self, ids: Any, n: int) -> str:
        """Mostly an id that exists, sometimes one that does not (c99)."""
        ids = sorted(ids)
        return ids[n % len(ids)] if ids and n < 5 else "c99"

    @rule(n=st.integers(0, 5))
    def withdraw(self, n: int) -> None:
        clause = self.pick(self.draft or {}, n)
        ok = self.live and self.draft is not None and clause in self.draft
        if self.attempt(ok, lambda: self.conv.withdraw_clause(clause, "合并", self.stamp())):
            assert self.draft is not None
            del self.draft[clause]
            self.acts = {}

    @rule(party=st.sampled_from(PARTIES), signs=st.booleans())
    def sign_or_decline(self, party: str, signs: bool) -> None:
        bound = self.draft is not None and party in self.draft.values()
        ok = self.live and bound and (not signs or not self.acts.get(party, False))
        command = ((lambda: self.conv.sign(party, "王福生", SignMethod.SEAL, self.stamp())) if signs
                   else (lambda: self.conv.decline(party, "王福生", "再考虑", self.stamp())))
        if self.attempt(ok, command):
            self.acts[party] = signs

    @rule(override=st.booleans())
    def adopt(self, override: bool) -> None:
        draft = self.draft
        everyone = draft is not None and all(self.acts.get(p, False) for p in draft.values())
        ok = self.live and bool(draft) and (everyone or override)
        if self.attempt(ok, lambda: self.conv.adopt(self.stamp(), "代表大会表决" if override else None)):
            assert draft is not None
            self.in_force, self.draft, self.status, self.published = dict(draft), None, "adopted", False

    @rule()
    def publish(self) -> None:
        ok = self.status == "adopted" and not self.published
        if self.attempt(ok, lambda: self.conv.publish("公告栏", self.now.date(), self.stamp())):
            self.status, self.published = "published", True

    @rule()
    def amend(self) -> None:
        if self.attempt(self.live and self.draft is None,
                        lambda: self.conv.amend("修订", self.stamp())):
            self.draft, self.acts = dict(self.in_force), {}

    # -- compliance ------------------------------------------------------------------------
    @rule(n=st.integers(0, 5), complied=st.booleans())
    def check(self, n: int, complied: bool) -> None:
        clause = self.pick(self.in_force, n)
        ok = self.status in ("adopted", "published") and clause in self.in_force
        result = CheckResult.COMPLIED if complied else CheckResult.BREACHED
        stamp = self.stamp()
        if self.attempt(ok, lambda: self.conv.record_check(clause, result, stamp.occurred_at,
                                                           "周婷", "巡查", stamp)):
            self.checks += 1
            if not complied:
                self.breaches[f"CK{self.checks}"] = True

    @rule(n=st.integers(0, 5))
    def remedy(self, n: int) -> None:
        check = sorted(self.breaches)[n % len(self.breaches)] if self.breaches and n < 5 else "CK99"
        ok = self.live and self.breaches.get(check, False)
        if self.attempt(ok, lambda: self.conv.remedy(check, "已整改", self.stamp())):
            self.breaches[check] = False

    @precondition(lambda self: self.steps > 20)  # a suspension stops the checks: not too early
    @rule()
    def suspend(self) -> None:
        if self.attempt(self.status in ("adopted", "published"),
                        lambda: self.conv.suspend("装修", self.stamp())):
            self.status = "suspended"

    @precondition(lambda self: self.steps > 30)  # repealing ends the story: not too early
    @rule()
    def repeal(self) -> None:
        if self.attempt(self.live, lambda: self.conv.repeal("迁出", self.stamp())):
            self.status, self.draft = "repealed", None

    # -- what must hold ---------------------------------------------------------------------
    @invariant()
    def matches_the_model(self) -> None:
        conv = self.conv
        assert conv.status == self.status
        draft = conv.draft
        assert ({c.id: c.party for c in draft.clauses} if draft else None) == self.draft
        current = conv.current
        assert ({c.id: c.party for c in current.clauses} if current else {}) == self.in_force
        assert {c.id for c in conv.open_breaches} == {k for k, v in self.breaches.items() if v}
        if draft is not None:
            assert draft.unsigned_parties == [p for p in dict.fromkeys(self.draft.values())
                                              if not self.acts.get(p, False)]

    @invariant()
    def rebuilds_from_its_events(self) -> None:
        state: Any = None
        for event in self.conv.pending_events:
            state = event.mutate(state)
        assert state.versions == self.conv.versions and state.checks == self.conv.checks
        assert state.status == self.conv.status


ConventionMachine.TestCase.settings = settings(max_examples=80, stateful_step_count=50,
                                               deadline=None)
TestConventionLifecycle = ConventionMachine.TestCase
