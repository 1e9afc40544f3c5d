"""Random joint-meeting lifecycles against a plain model of what each command may do.

Hypothesis drives invitations, withdrawals, items, reordering, holding,
cancelling, resolutions, action results and minutes in any order. After each
step the meeting agrees with the model (status, bodies, agenda order, action
statuses, minutes version and frozen flag); a refused command records no event
and leaves the state as it was; and the meeting folded from all its events so
far equals the live one.
"""

from __future__ import annotations

import copy
from datetime import date, datetime, timedelta, timezone
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from domain.errors import DomainError
from domain.meeting import JointMeeting
from domain.meeting_records import ActionSpec, CaseOnAgenda, Evidence, Question
from domain.values import Stamp
from domain.vocabulary import Level

CST = timezone(timedelta(hours=8))
START = datetime(2026, 10, 1, 9, 0, tzinfo=CST)
BODIES = ["market_regulation", "police_station", "community_committee", "resident_reps",
          "ecology_environment"]
CASES = ["C2026-000001", "C2026-000002", "C2026-000003"]
CLOSED = {"C2026-000003"}
REFUSED = object()  # what `attempt` returns for a refused command
STATE = ("status", "bodies", "order", "items", "attendance", "absent", "actions", "minutes",
         "minutes_version", "approvals", "minutes_frozen", "corrections", "scheduled_at", "venue")


def state_of(meeting: JointMeeting) -> dict[str, Any]:
    return {name: copy.deepcopy(getattr(meeting, name)) for name in STATE}


class MeetingLifecycle(RuleBasedStateMachine):
    @initialize()
    def convene(self) -> None:
        self.clock = START
        self.meeting = JointMeeting.convene("JM2026-000001", "联席会议", "community", Level.COMMUNITY,
                                            START + timedelta(days=5), "会议室", "刘书记", self.stamp())
        self.events = list(self.meeting.collect_events())
        self.m_status = "scheduled"
        self.m_bodies: list[str] = []
        self.m_order: list[str] = []
        self.m_items: dict[str, str] = {}  # item id -> case
        self.m_present: list[str] = []
        self.m_actions: dict[str, str] = {}
        self.m_resolved: set[str] = set()
        self.m_minutes = 0
        self.m_approvals: set[str] = set()
        self.m_frozen = False

    def stamp(self) -> Stamp:
        self.clock += timedelta(minutes=30)
        return Stamp("测试", self.clock, self.clock + timedelta(days=60))

    def attempt(self, allowed: bool, command: Any) -> Any:
        """Run a command; it must succeed exactly when the model allows it."""
        before = state_of(self.meeting)
        try:
            result = command(self.stamp())
        except DomainError:
            assert not allowed, "refused a command the model allows"
            assert not self.meeting.pending_events  # a refusal records nothing
            assert state_of(self.meeting) == before
            return REFUSED
        assert allowed, "accepted a command the model refuses"
        self.events += self.meeting.collect_events()
        return result

    @property
    def scheduled(self) -> bool:
        return self.m_status == "scheduled"

    @rule(body=st.sampled_from(BODIES))
    def invite(self, body: str) -> None:
        if self.attempt(self.scheduled and body not in self.m_bodies,
                        lambda s: self.meeting.invite(body, s)) is not REFUSED:
            self.m_bodies.append(body)

    @rule(body=st.sampled_from(BODIES))
    def withdraw_body(self, body: str) -> None:
        if self.attempt(self.scheduled and body in self.m_bodies,
                        lambda s: self.meeting.withdraw_body(body, "不再需要", s)) is REFUSED:
            return
        self.m_bodies.remove(body)

    @rule(case=st.sampled_from([*CASES, "C2026-000009"]),
          asked=st.lists(st.sampled_from(BODIES), min_size=0, max_size=3, unique=True))
    def add_item(self, case: str, asked: list[str]) -> None:
        on_agenda = {self.m_items[i] for i in self.m_order}
        allowed = (self.scheduled and case in CASES and case not in CLOSED
                   and case not in on_agenda and bool(asked)
                   and all(b in self.m_bodies for b in asked))
        facts = CaseOnAgenda(case, case in CLOSED) if case in CASES else None
        item = self.attempt(allowed, lambda s: self.meeting.add_item(
            facts, case, [Question(b, "问题？") for b in asked], s))
        if item is not REFUSED:
            self.m_items[item] = case
            self.m_order.append(item)

    @rule(n=st.integers(0, 3))
    def withdraw_item(self, n: int) -> None:
        item = f"I{n + 1}"
        if self.attempt(self.scheduled and item in self.m_order,
                        lambda s: self.meeting.withdraw_item(item, "撤下", s)) is not REFUSED:
            self.m_order.remove(item)

    @rule(first=st.lists(st.integers(1, 4), min_size=1, max_size=2, unique=True))
    def reorder(self, first: list[int]) -> None:
        ids = [f"I{n}" for n in first]
        new = [*ids, *(i for i in self.m_order if i not in ids)]
        allowed = self.scheduled and all(i in self.m_order for i in ids) and new != self.m_order
        if self.attempt(allowed, lambda s: self.meeting.reorder(ids, s)) is not REFUSED:
            self.m_order = new

    @rule()
    def cancel(self) -> None:
        if self.attempt(self.scheduled, lambda s: self.meeting.cancel("取消", s)) is not REFUSED:
            self.m_status = "cancelled"

    @rule(present=st.lists(st.sampled_from(BODIES), min_size=0, max_size=4, unique=True))
    def hold(self, present: list[str]) -> None:
        allowed = (self.scheduled and bool(self.m_order) and bool(present)
                   and all(b in self.m_bodies for b in present))
        if self.attempt(allowed, lambda s: self.meeting.hold({b: ["某人"] for b in present}, s)) \
                is not REFUSED:
            self.m_status, self.m_present = "held", present

    @rule(n=st.integers(1, 4), owner=st.sampled_from([*BODIES, "r1", "c1", "x9"]),
          late=st.booleans())
    def resolve(self, n: int, owner: str, late: bool) -> None:
        item = f"I{n}"
        held_on = self.meeting.held_at.date() if self.meeting.held_at else date(2026, 1, 1)
        due = held_on + timedelta(days=3 if late else -1)
        allowed = (self.m_status == "held" and item in self.m_order and item not in
                   self.m_resolved and (owner in self.m_bodies or owner in ("r1", "c1")) and late)
        made = self.attempt(allowed, lambda s: self.meeting.resolve(
            item, "决议", [ActionSpec(owner, "事项", due)], {"r1": "老王饭店", "c1": "张女士"}, s))
        if made is not REFUSED:
            self.m_resolved.add(item)
            self.m_actions.update(dict.fromkeys(made, "open"))

    @rule(n=st.integers(1, 3), done=st.booleans(), with_evidence=st.booleans())
    def settle(self, n: int, done: bool, with_evidence: bool) -> None:
        action = f"A{n}"
        allowed = self.m_status == "held" and self.m_actions.get(action) == "open"
        case = self.meeting.actions[action].case_ref if action in self.meeting.actions else CASES[0]
        evidence = Evidence(case, "S1", "spot_check", "无桌", self.clock + timedelta(minutes=5))

        def command(s: Stamp) -> None:
            if done:
                self.meeting.complete_action(action, evidence if with_evidence else None,
                                             None if with_evidence else "已办", s)
            else:
                self.meeting.miss_action(action, "未办", s)
        if self.attempt(allowed, command) is not REFUSED:
            self.m_actions[action] = "done" if done else "missed"

    @rule(by=st.sampled_from(BODIES), kind=st.sampled_from(["draft", "amend", "approve",
                                                            "correct"]))
    def minutes(self, by: str, kind: str) -> None:
        attended = self.m_status == "held" and by in self.m_present
        text = f"纪要第{self.m_minutes + 1}稿"
        if kind == "draft":
            allowed = attended and self.m_minutes == 0
            if self.attempt(allowed, lambda s: self.meeting.draft_minutes(by, text, s)) \
                    is not REFUSED:
                self.m_minutes = 1
        elif kind == "amend":
            allowed = attended and self.m_minutes > 0 and not self.m_frozen
            if self.attempt(allowed, lambda s: self.meeting.amend_minutes(by, text, None, s)) \
                    is not REFUSED:
                self.m_minutes += 1
                self.m_approvals = set()
        elif kind == "approve":
            allowed = (attended and self.m_minutes > 0 and not self.m_frozen
                       and by not in self.m_approvals)
            if self.attempt(allowed, lambda s: self.meeting.approve_minutes(by, s)) is not REFUSED:
                self.m_approvals.add(by)
                self.m_frozen = set(self.m_present) <= self.m_approvals
        else:
            self.attempt(attended and self.m_frozen,
                         lambda s: self.meeting.correct_minutes(by, "更正", s))

    @invariant()
    def agrees_with_the_model(self) -> None:
        m = self.meeting
        assert m.status == self.m_status
        assert list(m.bodies) == self.m_bodies
        assert list(m.order) == self.m_order
        assert {k: a.status for k, a in m.actions.items()} == self.m_actions
        assert (m.minutes_version, m.minutes_frozen) == (self.m_minutes, self.m_frozen)

    @invariant()
    def reloads_equal(self) -> None:
        folded: Any = None
        for event in self.events:
            folded = event.mutate(folded)
        assert state_of(folded) == state_of(self.meeting)
        assert folded.version == self.meeting.version


MeetingLifecycle.TestCase.settings = settings(max_examples=150, stateful_step_count=40,
                                              deadline=None)
test_meeting_lifecycle = MeetingLifecycle.TestCase
