"""Random sequences of case commands, through the real application, against a plain model.

The model (a few dicts and lists per case) says what every command should do:
record one event and change the case in a known way, or be refused with a given
code. After every command the stored case must match the model; a refused
command must leave the stored case exactly as it was; and a case reloaded from
the store must equal the aggregate the command was run on.

Retractions and corrections (`retract_entry`, `correct_entry`) are among the
commands: the model numbers every entry as the case does (T1, P1, A1, Q1 ...),
knows which are retracted, and holds the one field of each that the machine
corrects.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from adapters.app import Gongzhi
from adapters.errors import NotFound
from adapters.settings import StoreConfig
from domain.case import Case
from domain.errors import DomainError
from domain.personal import PersonalData
from domain.values import Location, PartySpec, ReferralRequest, Stamp
from domain.vocabulary import (
    Category,
    Channel,
    Level,
    Outcome,
    Satisfaction,
    StatementKind,
)
from tests.conftest import PG_SKIP_REASON, PG_URL, StepClock, drop_schema

MEDIATOR = "mediator"
DEPARTMENTS = {  # what mediators type -> the department code the case stores
    "环保": "ecology_environment",
    "派出所": "police_station",
    "公安": "police_station",
    "物业": "property_management",
}
UNKNOWN_DEPARTMENT = "气象局"
LEVELS = list(Level)
CLOSE_NEEDS = {
    Outcome.RESOLVED: "agreed",
    Outcome.UNRESOLVED: "failed",
    Outcome.WITHDRAWN: "open",
    Outcome.TRANSFERRED: "open",
}
# The step clock starts on 2026-11-01 (UTC), so commitments are made that day.
MADE_ON = date(2026, 11, 1)
DUE_LATER = date(2026, 12, 31)
DUE_EARLIER = date(2026, 10, 31)

case_index = st.integers(0, 2)
party_text = st.sampled_from(["c1", "c2", "c3", "r1", "r2", "张女士", "李先生", "老王饭店",
                              "路人甲", "mediator", "调解员"])
proposal_ids = st.sampled_from(["P1", "P2", "P3", "p1", "P9"])
commitment_ids = st.sampled_from(["K1", "K2", "K3", "k1", "K9"])
department_text = st.sampled_from([*DEPARTMENTS, UNKNOWN_DEPARTMENT])
reasons = st.sampled_from(["理由", None])
# What the machine corrects in each kind of entry, and the values it tries.
CHANGES: dict[str, tuple[str, list[Any]]] = {
    "party": ("name", ["赵阿姨", "张女士"]),
    "statement": ("text", ["诉求", "更正的陈述"]),
    "proposal": ("terms", ["条件", "新条件"]),
    "answer": ("rejection_reason", ["理由", "新理由"]),
    "referral": ("question", ["是否违规？", "新问题"]),
    "response": ("response", ["已核实", "新答复"]),
    "escalation": ("escalation_reason", ["升级", "新原因"]),
    "spot_check": ("findings", ["噪音超标", "新结果"]),
    "commitment": ("due", [DUE_LATER, MADE_ON, DUE_EARLIER]),
    "settlement": ("note", ["补记"]),
    "note": ("text", ["备注", "新备注"]),
}
VALUE_FIELD = {"party": "name", "statement": "text", "proposal": "terms", "answer": "reason",
               "referral": "question", "response": "response", "escalation": "reason",
               "spot_check": "findings", "commitment": "due", "settlement": "note",
               "note": "text"}


# -- the model ------------------------------------------------------------------------------

# Entry kinds by id prefix; the words that name steps which cannot be undone.
PREFIX_KIND = {"T": "statement", "P": "proposal", "A": "answer", "Q": "referral",
               "D": "response", "E": "escalation", "S": "spot_check", "K": "commitment",
               "F": "settlement", "N": "note"}
FINAL_WORDS = {"opening": "final_opening", "结案": "final_closure", "agreement": "final_agreement",
               "failure": "final_failure", "mediator": "final_mediator"}
entry_texts = st.sampled_from(["T1", "t2", "P1", "P2", "A1", "a2", "Q1", "D1", "E1", "E2", "S1",
                               "K1", "k2", "F1", "N1", "n2", "c2", "C3", "c1", "r1", "X9",
                               *FINAL_WORDS])


@dataclass
class ProposalModel:
    by: str
    in_reply_to: str | None
    awaiting: set[str]  # the parties other than its author when it was made
    answers: dict[str, bool] = field(default_factory=dict)
    answer_ids: dict[str, str] = field(default_factory=dict)  # party -> answer entry id


@dataclass
class CaseModel:
    ref: str
    opened_at: datetime
    complainants: list[str]
    respondents: list[str]
    joined_from: int = 0  # complainants[joined_from:] joined later (entries c2, c3 ...)
    version: int = 1
    status: str = "open"
    level: int = 0
    mediator: str | None = None
    proposals: dict[str, ProposalModel] = field(default_factory=dict)
    referrals: list[list[Any]] = field(default_factory=list)  # [id, code, response id or None]
    commitments: dict[str, list[Any]] = field(default_factory=dict)  # id -> [obligor, status,
    #                                                       made_at, due, settlement id or None]
    escalations: list[list[Any]] = field(default_factory=list)  # [id, from rank, to rank]
    agreement: str | None = None
    failure_reason: str | None = None
    outcome: str | None = None
    reopened: int = 0
    # every entry: id -> kind, in the order recorded; its correctable value; the retracted
    entries: dict[str, str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    retracted: set[str] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)
    owners: dict[str, str] = field(default_factory=dict)  # statement id -> party key

    def add(self, kind_prefix: str, value: Any, entry_id: str | None = None) -> str:
        self.counts[kind_prefix] = self.counts.get(kind_prefix, 0) + 1
        entry_id = entry_id or f"{kind_prefix}{self.counts[kind_prefix]}"
        self.entries[entry_id] = "party" if kind_prefix == "c" else PREFIX_KIND[kind_prefix]
        self.values[entry_id] = value
        return entry_id

    def parent(self, entry_id: str) -> str | None:
        for pid, p in self.proposals.items():
            if entry_id in p.answer_ids.values():
                return pid
        for kid, c in self.commitments.items():
            if c[4] == entry_id:
                return kid
        return None

    def live(self, entry_id: str | None) -> bool:
        if entry_id is None or entry_id not in self.entries or entry_id in self.retracted:
            return False
        parent = self.parent(entry_id)
        return parent is None or parent not in self.retracted

    def live_ids(self, kind: str) -> list[str]:
        return [i for i, k in self.entries.items() if k == kind and self.live(i)]

    @property
    def parties(self) -> dict[str, str]:
        keys = {f"c{i}": name for i, name in enumerate(self.complainants, 1)
                if f"c{i}" not in self.retracted}
        keys.update({f"r{i}": name for i, name in enumerate(self.respondents, 1)})
        return keys

    def party_key(self, text: str) -> str | None:
        for key, name in self.parties.items():
            if text.strip().casefold() == key or text.strip() == name:
                return key
        return None

    def proposal_status(self, pid: str) -> str:
        proposal = self.proposals[pid]
        if not all(proposal.answers.values()):
            return "rejected"
        if proposal.awaiting <= set(proposal.answers):
            return "accepted"
        return "pending"

    def live_referrals(self) -> list[list[Any]]:
        return [r for r in self.referrals if self.live(r[0])]

    def open_referral(self, code: str) -> list[Any] | None:
        return next((r for r in self.live_referrals() if r[1] == code and r[2] is None), None)

    def live_commitments(self) -> dict[str, list[Any]]:
        return {k: c for k, c in self.commitments.items() if self.live(k)}

    def find_entry(self, text: str) -> tuple[str | None, str | None]:
        """(entry id, None), or (None, the refusal) as the case's lookup answers."""
        wanted = text.strip().casefold()
        if wanted in FINAL_WORDS:
            return None, FINAL_WORDS[wanted]
        original = {f"c{i}" for i in range(1, self.joined_from + 1)}
        original |= {f"r{i}" for i in range(1, len(self.respondents) + 1)}
        if wanted in original:
            return None, "opening_party"
        entry_id = next((i for i in self.entries if i.casefold() == wanted), None)
        return (entry_id, None) if entry_id else (None, "unknown_entry")

    def uses_of(self, key: str) -> list[str]:
        uses = [i for i in self.live_ids("statement") if self.owners[i] == key]
        for pid in self.live_ids("proposal"):
            p = self.proposals[pid]
            uses += [pid] if p.by == key else [p.answer_ids[k] for k in p.answers if k == key]
        return uses + [k for k, c in self.live_commitments().items() if c[0] == key]

    # The first refusal a command meets, in the order the case checks: closed, then the
    # business time (`early`: before the case was opened), then the negotiation status.
    def not_closed(self, early: bool) -> str | None:
        if self.status == "closed":
            return "case_closed"
        return "before_opening" if early else None

    def negotiating(self, early: bool) -> str | None:
        refusal = self.not_closed(early)
        if refusal is None and self.status != "open":
            return "not_negotiating"
        return refusal


def is_mediator(text: str) -> bool:
    return text.strip().casefold() in (MEDIATOR, "调解员")


# -- the machine -----------------------------------------------------------------------------
# Hypothesis draws rules sorted by name more often than later ones; the names below
# put `answer` first and the no-progress `write_note` last.


class CaseMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = StepClock()
        self.app = Gongzhi(self.make_config(), clock=self.clock)
        self.models: dict[str, CaseModel] = {}
        self.cases: dict[str, Case] = {}  # the aggregate as last saved
        self.refs: list[str] = []

    def make_config(self) -> StoreConfig:
        self.tmp = tempfile.mkdtemp(prefix="gongzhi-stateful-")
        return StoreConfig.parse(os.path.join(self.tmp, "gongzhi.db"))

    def teardown(self) -> None:
        self.app.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- helpers ------------------------------------------------------------------------------
    def stamp(self, occurred_at: datetime | None = None) -> Stamp:
        return self.app.stamp("李调解员", occurred_at)

    def when(self, data: st.DataObject, m: CaseModel) -> tuple[Stamp, bool]:
        """Usually now; once in a while a step dated a minute before the case was opened."""
        early = data.draw(st.sampled_from([False] * 7 + [True]), label="before opening")
        return self.stamp(m.opened_at - timedelta(minutes=1) if early else None), early

    def pick(self, index: int) -> CaseModel:
        return self.models[self.refs[index % len(self.refs)]]

    @staticmethod
    def choose(data: st.DataObject, likely: list[Any], anything: st.SearchStrategy[Any]) -> Any:
        """Mostly an input the model expects to succeed (when there is one), else anything."""
        if likely and data.draw(st.sampled_from(["likely", "likely", "likely", "anything"])) == "likely":
            return data.draw(st.sampled_from(likely))
        return data.draw(anything)

    def execute(self, model: CaseModel, command: Callable[[Case], Any], expected: str | None) -> Any:
        """Run a command through the application; check it recorded one event or nothing."""
        ref = model.ref
        if expected is not None:
            with pytest.raises(DomainError) as caught:
                self.app.change(ref, command)
            assert caught.value.code == expected, caught.value.message("en")
            stored = self.app.get_case(ref)
            assert stored.version == model.version
            assert stored == self.cases[ref]
            return None
        recorded = self.app.change(ref, command)
        model.version += 1
        assert recorded.aggregate.version == model.version
        assert len(recorded.events) == 1
        assert self.app.get_case(ref) == recorded.aggregate
        self.cases[ref] = recorded.aggregate
        return recorded.result

    # -- opening ------------------------------------------------------------------------------
    def next_ref(self) -> str:
        return f"C2026-{len(self.refs) + 1:06d}"

    def open(self, complainants: list[str], respondents: list[str], categories: list[Category]) -> None:
        stamp = self.stamp()
        names = complainants + respondents
        expected = None
        if not categories:
            expected = "no_categories"
        elif len(set(names)) < len(names):
            expected = "duplicate_party"
        fields = {
            "channel": Channel.WALK_IN, "categories": categories,
            "location": Location("双塔社区", "3号网格", "5栋"),
            "complainants": [PartySpec(n) for n in complainants],
            "respondents": [PartySpec(n, "business") for n in respondents],
            "summary": "噪音扰民",
        }
        if expected:
            with pytest.raises(DomainError) as caught:
                self.app.open_case(stamp, **fields)
            assert caught.value.code == expected
            with pytest.raises(NotFound):
                self.app.get_case(self.next_ref())
            return
        case = self.app.open_case(stamp, **fields)
        assert case.id == self.next_ref()
        assert self.app.get_case(case.id) == case
        self.refs.append(case.id)
        self.cases[case.id] = case
        self.models[case.id] = CaseModel(case.id, stamp.occurred_at, list(complainants),
                                         respondents, joined_from=len(complainants))

    @initialize(data=st.data())
    def open_first_case(self, data: st.DataObject) -> None:
        """The first case, usually with a proposal, a referral and a commitment to work on."""
        self.open(["张女士"], ["老王饭店"], [Category.NOISE])
        m = self.models[self.refs[0]]
        seed = st.sampled_from([True, True, False])
        if data.draw(seed, label="seed a second complainant"):
            s = self.stamp()
            self.execute(m, lambda c: c.join(PartySpec("李先生"), s), None)
            m.complainants.append("李先生")
            m.add("c", "李先生", f"c{len(m.complainants)}")
        if data.draw(seed, label="seed proposal"):
            s = self.stamp()
            assert self.execute(m, lambda c: c.propose("c1", "22点后停业", s), None) == "P1"
            m.proposals["P1"] = ProposalModel("c1", None, set(m.parties) - {"c1"})
            m.add("P", "22点后停业", "P1")
        if data.draw(seed, label="seed referral"):
            s = self.stamp()
            self.execute(m, lambda c: c.refer([ReferralRequest("环保", "油烟是否超标？")], s), None)
            m.referrals.append([m.add("Q", "油烟是否超标？"), "ecology_environment", None])
        if data.draw(seed, label="seed commitment"):
            s = self.stamp()
            assert self.execute(m, lambda c: c.commit("r1", "安装净化器", DUE_LATER, s), None) == "K1"
            m.commitments["K1"] = ["r1", "open", s.occurred_at, DUE_LATER, None]
            m.add("K", DUE_LATER, "K1")

    @rule(i=case_index, data=st.data())
    def open_case(self, i: int, data: st.DataObject) -> None:
        if len(self.refs) >= 3:
            return
        self.open(
            data.draw(st.lists(st.sampled_from(["张女士", "李先生"]), min_size=1, max_size=2)),
            data.draw(st.lists(st.sampled_from(["老王饭店", "李先生"]), min_size=1, max_size=2)),
            data.draw(st.lists(st.sampled_from(list(Category)), max_size=2)),
        )

    # -- parties and mediator ----------------------------------------------------------------
    @rule(i=case_index, data=st.data())
    def join(self, i: int, data: st.DataObject) -> None:
        m = self.pick(i)
        s, early = self.when(data, m)
        name = data.draw(st.sampled_from(["赵阿姨", "李先生", "孙先生", "张女士", "老王饭店"]))
        expected = m.not_closed(early) or ("duplicate_party" if name in m.parties.values() else None)
        self.execute(m, lambda c: c.join(PartySpec(name), s), expected)
        if expected is None:
            m.complainants.append(name)
            m.add("c", name, f"c{len(m.complainants)}")

    @rule(i=case_index, data=st.data())
    def assign(self, i: int, data: st.DataObject) -> None:
        m = self.pick(i)
        s, early = self.when(data, m)
        mediator = data.draw(st.sampled_from(["王芳", "李明"]))
        reason = data.draw(reasons)
        expected = m.not_closed(early)
        if expected is None and m.mediator is not None:
            if mediator == m.mediator:
                expected = "same_mediator"
            elif not reason:
                expected = "blank"
        self.execute(m, lambda c: c.assign(mediator, s, reason=reason), expected)
        if expected is None:
            m.mediator = mediator

    @rule(i=case_index, data=st.data())
    def record_statement(self, i: int, data: st.DataObject) -> None:
        m = self.pick(i)
        s, early = self.when(data, m)
        party = self.choose(data, list(m.parties), party_text)
        expected = m.not_closed(early) or (None if m.party_key(party) else "unknown_party")
        self.execute(m, lambda c: c.record_statement(party, StatementKind.DEMAND, "诉求", s), expected)
        if expected is None:
            m.owners[m.add("T", "诉求")] = m.party_key(party)  # type: ignore[assignment]

    # -- proposals ---------------------------------------------------------------------------
    @rule(i=case_index, data=st.data())
    def propose(self, i: int, data: st.DataObject) -> None:
        m = self.pick(i)
        s, early = self.when(data, m)
        by = self.choose(data, [*m.parties, MEDIATOR], party_text)
        reply = self.choose(data, [None, *m.proposals], st.none() | proposal_ids)
        author = MEDIATOR if is_mediator(by) else m.party_key(by)
        expected = m.negotiating(early)
        if expected is None and author is None:
            expected = "unknown_party"
        if expected is None and reply is not None:
            answered = m.proposals.get(reply.upper())
            if answered is None:
                expected = "unknown_proposal"
            elif reply.upper() in m.retracted:
                expected = "retracted_entry"
            elif answered.by == author:
                expected = "own_proposal"
        pid = self.execute(m, lambda c: c.propose(by, "条件", s, in_reply_to=reply), expected)
        if expected is None:
            assert author is not None
            assert pid == f"P{len(m.proposals) + 1}"
            m.proposals[pid] = ProposalModel(author, reply.upper() if reply else None,
                                             set(m.parties) - {author})
            m.add("P", "条件", pid)

    @rule(i=case_index, data=st.data())
    def answer(self, i: int, data: st.DataObject) -> None:
        m = self.pick(i)
        s, early = self.when(data, m)
        pending = [(pid, p) for pid, p in m.proposals.items()
                   if m.proposal_status(pid) == "pending" and m.live(pid)]
        pid, party = self.choose(
            data,
            # mostly a party that may answer, sometimes one that already did
            [(pid, key) for pid, p in pending for key in m.parties if key != p.by]
            + [(pid, name) for pid, p in pending for key, name in m.parties.items()
               if key != p.by],
            st.tuples(proposal_ids, party_text),
        )
        accepted = data.draw(st.booleans())
        reason = data.draw(reasons)
        key = m.party_key(party)
        expected = m.negotiating(early)
        if expected is None:
            proposal = m.proposals.get(pid.upper())
            if proposal is None:
                expected = "unknown_proposal"
            elif pid.upper() in m.retracted:
                expected = "retracted_entry"
            elif is_mediator(party):
                expected = "not_a_party"
            elif key is None:
                expected = "unknown_party"
            elif proposal.by == key:  # its author's acceptance is implied, whatever the status
                expected = "own_proposal_implied" if accepted else "own_proposal"
            elif m.proposal_status(pid.upper()) != "pending":
                expected = "proposal_settled"
            elif key not in proposal.awaiting:
                expected = "not_awaited"  # joined after the proposal was made
            elif key in proposal.answers:
                expected = "already_responded"
            elif not accepted and not reason:
                expected = "blank"
        self.execute(m, lambda c: c.answer(pid, party, accepted, s, reason=reason), expected)
        if expected is None:
            assert key is not None
            proposal = m.proposals[pid.upper()]
            proposal.answers[key] = accepted
            proposal.answer_ids[key] = m.add("A", None if accepted else reason)

    # -- departments, levels, checks ---------------------------------------------------------
    @rule(i=case_index, data=st.data())
    def refer(self, i: int, data: st.DataObject) -> None:
        m = self.pick(i)
        s, early = self.when(data, m)
        names = data.draw(st.lists(department_text, max_size=2))
        expected = m.not_closed(early) or (None if names else "blank")
        codes: list[str] = []
        for name in names if expected is None else []:
            code = DEPARTMENTS.get(name)
            if code is None:
                expected = "unknown_department"
                break
            if code in codes or m.open_referral(code):
                expected = "already_referred"
                break
            codes.append(code)
        result = self.execute(
            m, lambda c: c.refer([ReferralRequest(n, "是否违规？") for n in names], s), expected)
        if expected is None:
            assert result == codes
            m.referrals.extend([m.add("Q", "是否违规？"), code, None] for code in codes)

    @rule(i=case_index, data=st.data())
    def record_response(self, i: int, data: st.DataObject) -> None:
        m = self.pick(i)
        s, early = self.when(data, m)
        name = self.choose(data, [n for n, code in DEPARTMENTS.items() if m.open_referral(code)],
                           department_text)
        code = DEPARTMENTS.get(name)
        expected = m.not_closed(early)
        if expected is None:
            if code is None:
                expected = "unknown_department"
            elif m.open_referral(code) is None:
                expected = "not_referred"
        self.execute(m, lambda c: c.record_response(name, "已核实", s), expected)
        if expected is None:
            referral = m.open_referral(code)  # type: ignore[arg-type]
            assert referral is not None
            referral[2] = m.add("D", "已核实")

    @rule(i=case_index, data=st.data())
    def escalate(self, i: int, data: st.DataObject) -> None:
        m = self.pick(i)
        s, early = self.when(data, m)
        level = data.draw(st.sampled_from(LEVELS))
        rank = LEVELS.index(level)
        expected = m.not_closed(early) or ("not_higher_level" if rank <= m.level else None)
        self.execute(m, lambda c: c.escalate(level, "升级", s), expected)
        if expected is None:
            m.escalations.append([m.add("E", "升级"), m.level, rank])
            m.level = rank

    @rule(i=case_index, data=st.data())
    def record_spot_check(self, i: int, data: st.DataObject) -> None:
        m = self.pick(i)
        s, early = self.when(data, m)
        hours = data.draw(st.sampled_from([2, 0, -1]))
        passed, rectified = data.draw(st.sampled_from(
            [(False, True), (True, False), (False, False), (True, True)]))
        start = m.opened_at + timedelta(hours=1)
        end = start + timedelta(hours=hours)
        expected = m.not_closed(early)
        if expected is None and hours <= 0:
            expected = "window_order"
        if expected is None and passed and rectified:
            expected = "rectified_but_passed"
        if expected is None and end > s.recorded_at + timedelta(minutes=5):
            expected = "in_future"  # a check cannot end after it is recorded
        result = self.execute(m, lambda c: c.record_spot_check(
            start, end, ["派出所"], "噪音超标", passed, rectified, s), expected)
        if expected is None:
            assert result == m.add("S", "噪音超标", f"S{m.counts.get('S', 0) + 1}")

    # -- commitments -------------------------------------------------------------------------
    @rule(i=case_index, data=st.data())
    def commit(self, i: int, data: st.DataObject) -> None:
        m = self.pick(i)
        s, early = self.when(data, m)
        referred = [n for n, code in DEPARTMENTS.items()
                    if any(r[1] == code for r in m.live_referrals())]
        obligor = self.choose(data, [*m.parties, *m.parties.values(), *referred], st.sampled_from(
            ["c1", "c2", "r1", "张女士", "路人甲", "mediator", *DEPARTMENTS, UNKNOWN_DEPARTMENT]))
        due = data.draw(st.sampled_from([DUE_LATER, MADE_ON, DUE_EARLIER]))
        expected = m.not_closed(early)
        party = m.party_key(obligor) or DEPARTMENTS.get(obligor)
        if expected is None and party is None:
            expected = "unknown_obligor"
        if expected is None and party not in (*m.parties, *(r[1] for r in m.live_referrals())):
            expected = "not_an_obligor"  # a department the case was never referred to
        if expected is None and due < MADE_ON:
            expected = "due_before_made"
        assert s.occurred_at.date() == MADE_ON
        kid = self.execute(m, lambda c: c.commit(obligor, "整改", due, s), expected)
        if expected is None:
            assert kid == f"K{len(m.commitments) + 1}"
            m.commitments[kid] = [party, "open", s.occurred_at, due, None]
            m.add("K", due, kid)

    @rule(i=case_index, data=st.data())
    def settle_commitment(self, i: int, data: st.DataObject) -> None:
        m = self.pick(i)
        s, early = self.when(data, m)
        kid = self.choose(data, [k for k, c in m.commitments.items() if c[1] == "open"],
                          commitment_ids)
        fulfilled = data.draw(st.booleans())
        # at the moment the case was opened, so before any commitment was made
        if not early and data.draw(st.sampled_from([False, False, False, True]), label="at opening"):
            s = self.stamp(m.opened_at)
        expected = m.not_closed(early)
        commitment = m.commitments.get(kid.upper())
        if expected is None:
            if commitment is None:
                expected = "unknown_commitment"
            elif kid.upper() in m.retracted:
                expected = "retracted_entry"
            elif commitment[1] != "open":
                expected = "commitment_settled"
            elif s.occurred_at < commitment[2]:
                expected = "settled_before_made"
        self.execute(m, lambda c: c.settle_commitment(kid, fulfilled, s), expected)
        if expected is None:
            assert commitment is not None
            commitment[1] = "fulfilled" if fulfilled else "breached"
            commitment[4] = m.add("F", None)

    # -- outcome -----------------------------------------------------------------------------
    @rule(i=case_index, data=st.data())
    def end_mediation(self, i: int, data: st.DataObject) -> None:
        m = self.pick(i)
        s, early = self.when(data, m)
        agreed = data.draw(st.booleans())
        expected = m.negotiating(early)
        if agreed:
            self.execute(m, lambda c: c.agree("达成协议", s), expected)
        else:
            self.execute(m, lambda c: c.fail("分歧过大", s), expected)
        if expected is None:
            m.status = "agreed" if agreed else "failed"
            if agreed:
                m.agreement = "达成协议"
            else:
                m.failure_reason = "分歧过大"

    @rule(i=case_index, data=st.data())
    def close(self, i: int, data: st.DataObject) -> None:
        m = self.pick(i)
        s, early = self.when(data, m)
        # aim at a valid outcome only once mediation ended, so that cases stay open a while
        outcome = self.choose(data, [o for o, needs in CLOSE_NEEDS.items()
                                     if needs == m.status != "open"], st.sampled_from(list(Outcome)))
        expected = m.not_closed(early)
        if expected is None and m.status != CLOSE_NEEDS[outcome]:
            expected = "close_needs_outcome"
        if expected is None and any(c[1] == "open" for c in m.live_commitments().values()):
            expected = "open_commitments"
        self.execute(m, lambda c: c.close(outcome, Satisfaction.SATISFIED, s), expected)
        if expected is None:
            m.status, m.outcome = "closed", outcome.value

    @rule(i=case_index, data=st.data())
    def reopen(self, i: int, data: st.DataObject) -> None:
        m = self.pick(i)
        s, early = self.when(data, m)
        reason = data.draw(st.sampled_from(["复发", "回访不满意"]))
        expected = ("before_opening" if early else None) if m.status == "closed" else "not_closed"
        self.execute(m, lambda c: c.reopen(reason, s), expected)
        if expected is None:
            m.status, m.outcome, m.agreement, m.failure_reason = "open", None, None, None
            m.reopened += 1

    @rule(i=case_index, data=st.data())
    def write_note(self, i: int, data: st.DataObject) -> None:
        m = self.pick(i)
        s, early = self.when(data, m)
        note = data.draw(st.sampled_from(["备注", "回访记录", "   "]))
        expected = "before_opening" if early else (None if note.strip() else "blank")
        self.execute(m, lambda c: c.add_note(note, s), expected)
        if expected is None:
            m.add("N", note.strip())

    # -- corrections ---------------------------------------------------------------------------
    @rule(i=case_index, data=st.data())
    def retract_entry(self, i: int, data: st.DataObject) -> None:
        m = self.pick(i)
        s, early = self.when(data, m)
        typed = self.choose(data, list(m.entries), entry_texts)
        entry_id, expected = m.find_entry(typed)
        kind = m.entries.get(entry_id or "")
        if expected is None:
            assert entry_id is not None and kind is not None
            expected = self.retract_refusal(m, entry_id, kind, early)
        result = self.execute(m, lambda c: c.retract(typed, "录入错误", s), expected)
        if expected is None:
            assert entry_id is not None and kind is not None
            assert result == entry_id
            self.retracted(m, entry_id, kind)

    @staticmethod
    def retract_refusal(m: CaseModel, entry_id: str, kind: str, early: bool) -> str | None:
        if m.status == "closed" and kind != "note":
            return "closed_notes_only"
        if early:
            return "before_opening"
        if not m.live(entry_id):
            return "already_retracted"
        if kind in ("proposal", "answer") and m.status != "open":
            return "not_negotiating"
        if kind == "referral":
            referral = next(r for r in m.referrals if r[0] == entry_id)
            if referral[2] is not None:
                return "answered_referral"
            others = [r for r in m.live_referrals() if r[1] == referral[1] and r[0] != entry_id]
            resting = [k for k, c in m.live_commitments().items() if c[0] == referral[1]]
            if resting and not others:
                return "entry_in_use"
        if kind == "escalation" and [e for e in m.escalations if m.live(e[0])][-1][0] != entry_id:
            return "not_latest_escalation"
        if kind == "party" and m.uses_of(entry_id):
            return "entry_in_use"
        return None

    @staticmethod
    def retracted(m: CaseModel, entry_id: str, kind: str) -> None:
        m.retracted.add(entry_id)
        if kind == "party":
            for p in m.proposals.values():
                p.awaiting.discard(entry_id)
        elif kind == "answer":
            for p in m.proposals.values():
                for party, answer_id in list(p.answer_ids.items()):
                    if answer_id == entry_id:
                        del p.answers[party], p.answer_ids[party]
        elif kind == "response":
            for r in m.referrals:
                if r[2] == entry_id:
                    r[2] = None
        elif kind == "settlement":
            for c in m.commitments.values():
                if c[4] == entry_id:
                    c[1], c[4] = "open", None
        elif kind == "escalation":
            m.level = next(e[1] for e in m.escalations if e[0] == entry_id)

    @rule(i=case_index, data=st.data())
    def correct_entry(self, i: int, data: st.DataObject) -> None:
        m = self.pick(i)
        s, early = self.when(data, m)
        typed = self.choose(data, list(m.entries), entry_texts)
        entry_id, expected = m.find_entry(typed)
        kind = m.entries.get(entry_id or "")
        field_name, choices = CHANGES.get(kind or "", ("text", ["x"]))
        value = data.draw(st.sampled_from(choices), label="new value")
        if expected is None:
            assert entry_id is not None and kind is not None
            expected = self.correct_refusal(m, entry_id, kind, value, early)
        result = self.execute(m, lambda c: c.correct(typed, "更正", {field_name: value}, s),
                              expected)
        if expected is None:
            assert entry_id is not None
            assert result == entry_id
            m.values[entry_id] = value
            if kind == "party":
                m.complainants[int(entry_id[1:]) - 1] = value
            if kind == "commitment":
                m.commitments[entry_id][3] = value

    @staticmethod
    def correct_refusal(m: CaseModel, entry_id: str, kind: str, value: Any,
                        early: bool) -> str | None:
        if m.status == "closed" and kind != "note":
            return "closed_notes_only"
        if early:
            return "before_opening"
        if not m.live(entry_id):
            return "retracted_entry"
        if kind == "party" and value in {n for k, n in m.parties.items() if k != entry_id}:
            return "duplicate_party"
        if kind in ("proposal", "answer") and m.status != "open":
            return "not_negotiating"
        if kind == "proposal" and m.proposals[entry_id].answers:
            return "answered_proposal"
        if kind == "answer" and m.values[entry_id] is None:
            return "acceptance_has_no_reason"
        if kind == "commitment" and value < MADE_ON:
            return "due_before_made"
        return "no_change" if m.values[entry_id] == value else None

    # -- what must hold after every step ------------------------------------------------------
    @invariant()
    def cases_match_the_model(self) -> None:
        for ref, m in self.models.items():
            case = self.cases[ref]
            assert case.version == m.version
            assert case.status == m.status
            assert case.level == LEVELS[m.level].value
            assert case.mediator == m.mediator
            assert {p.key: str(p.name) for p in case.parties} == m.parties
            assert list(case.entries) == list(m.entries)
            assert {e for e, marks in case.entries.items() if marks.retraction} == m.retracted
            for entry_id, kind in m.entries.items():  # each live entry's correctable field
                if m.live(entry_id):
                    record = case.record_of(kind, entry_id)
                    value = getattr(record, VALUE_FIELD[kind])
                    if isinstance(value, PersonalData):  # names and statements: sealed per person
                        value = str(value)
                    assert value == m.values[entry_id], entry_id
            assert [s.id for s in case.live_statements] == m.live_ids("statement")
            assert {
                pid: (p.by, p.in_reply_to, {a.party: a.accepted for a in p.answers},
                      p.status().value)
                for pid, p in case.proposals.items()
            } == {
                pid: (p.by, p.in_reply_to, p.answers, m.proposal_status(pid))
                for pid, p in m.proposals.items()
            }
            assert [[r.id, r.department, r.response_id] for r in case.referrals] == m.referrals
            assert {k: [c.party, c.status, c.made_at, c.due, c.settlement_id]
                    for k, c in case.commitments.items()} == m.commitments
            assert [c.id for c in case.open_commitments] == [
                k for k, c in m.live_commitments().items() if c[1] == "open"]
            assert [[e.id, LEVELS.index(Level(e.from_level)), LEVELS.index(Level(e.to_level))]
                    for e in case.escalations] == m.escalations
            assert [c.id for c in case.live_spot_checks] == m.live_ids("spot_check")
            assert (case.agreement, case.failure_reason, case.outcome) == (
                m.agreement, m.failure_reason, m.outcome)
            assert case.reopened_count == m.reopened
            assert case.notes == [m.values[n] for n in m.live_ids("note")]


class PostgresCaseMachine(CaseMachine):
    def make_config(self) -> StoreConfig:
        self.schema = f"t_{uuid.uuid4().hex[:12]}"
        return StoreConfig.parse(f"{PG_URL}?schema={self.schema}")

    def teardown(self) -> None:
        self.app.close()
        drop_schema(self.schema)


def test_case_commands_against_the_model_on_sqlite() -> None:
    run_state_machine_as_test(CaseMachine, settings=settings(
        max_examples=60, stateful_step_count=25, deadline=None, database=None,
        suppress_health_check=[HealthCheck.too_slow],
    ))


@pytest.mark.postgres
def test_case_commands_against_the_model_on_postgres() -> None:
    if PG_SKIP_REASON:
        pytest.skip(PG_SKIP_REASON)
    run_state_machine_as_test(PostgresCaseMachine, settings=settings(
        max_examples=8, stateful_step_count=15, deadline=None, database=None,
        suppress_health_check=[HealthCheck.too_slow],
    ))
