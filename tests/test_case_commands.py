"""Every Case command's rules, in the domain alone (no store, no clock).

Each refusal is checked for its exception class and code, for a message that
renders in Chinese and English, and for recording nothing: the case's version,
its pending events and its whole state are what they were before the call.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from domain.case import Case
from domain.errors import DomainError, InvalidInput, RuleViolation
from domain.values import Location, PartySpec, Stamp, TimeWindow
from domain.vocabulary import (
    Category,
    Channel,
    Level,
    Outcome,
    ProposalStatus,
    Role,
    Satisfaction,
    StatementKind,
    Status,
)

CST = timezone(timedelta(hours=8))
OPENED = datetime(2026, 10, 8, 21, 30, tzinfo=CST)
REF = "C2026-000001"


def at(minutes: float) -> datetime:
    return OPENED + timedelta(minutes=minutes)


def stamp(minutes: float = 1, actor: str = "李调解员") -> Stamp:
    """A step that happened `minutes` after the case was opened, recorded at once."""
    return Stamp(actor=actor, occurred_at=at(minutes), recorded_at=at(minutes))


def open_fields(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "ref": REF,
        "channel": Channel.HOTLINE,
        "categories": [Category.NOISE, Category.COOKING_FUMES],
        "location": Location("双塔社区", "3号网格", "5栋", "1单元"),
        "complainants": [PartySpec("张女士")],
        "respondents": [PartySpec("老王饭店", "business", "王建国")],
        "summary": "一楼饭店22点后噪音扰民、油烟直排",
        "stamp": stamp(0, actor="受理员"),
    }
    fields.update(overrides)
    return fields


def new_case(**overrides: Any) -> Case:
    """An open case with complainant c1 张女士 and respondent r1 老王饭店, events collected."""
    case = Case.open(**open_fields(**overrides))
    case.collect_events()
    return case


def recorded(case: Case) -> list[str]:
    """Names of the events the last commands recorded (and collect them)."""
    return [type(e).__name__ for e in case.collect_events()]


def assert_renders(error: DomainError) -> None:
    zh, en = error.message("zh"), error.message("en")
    for message in (zh, en):
        assert message.strip()
        assert "{" not in message and "}" not in message, message
        assert not message.startswith(f"{error.code}:"), message  # the fallback for a bad template
    assert zh != en
    field = error.params.get("field")
    if isinstance(field, str) and field.isascii():  # the Chinese message names the field in Chinese
        assert field not in zh, zh


def refuse(
    case: Case, error_class: type[DomainError], code: str, command: Callable[[], Any]
) -> DomainError:
    """Run a command that must be refused; check the error and that nothing was recorded."""
    case.collect_events()
    version = case.version
    before = copy.deepcopy(case.__dict__)
    with pytest.raises(DomainError) as caught:
        command()
    error = caught.value
    assert type(error) is error_class, (type(error), error)
    assert error.code == code, error.message("en")
    assert error.exit_code == (2 if error_class is InvalidInput else 1)
    assert_renders(error)
    assert case.version == version
    assert len(case.pending_events) == 0
    assert case.__dict__ == before
    return error


def refuse_open(error_class: type[DomainError], code: str, **overrides: Any) -> DomainError:
    with pytest.raises(DomainError) as caught:
        Case.open(**open_fields(**overrides))
    error = caught.value
    assert type(error) is error_class
    assert error.code == code, error.message("en")
    assert_renders(error)
    return error


def closed_case() -> Case:
    case = new_case()
    case.close(Outcome.WITHDRAWN, Satisfaction.SATISFIED, stamp(5))
    case.collect_events()
    assert case.status == Status.CLOSED
    return case


def three_party_case() -> Case:
    """c1 张女士, c2 李先生 (joined) and r1 老王饭店."""
    case = new_case()
    case.join(PartySpec("李先生"), stamp(1))
    case.collect_events()
    return case


# -- open ------------------------------------------------------------------------


def test_open_records_an_open_grid_case_with_keyed_parties() -> None:
    case = Case.open(**open_fields(
        categories=[Category.NOISE, Category.NOISE, Category.COOKING_FUMES],
        complainants=[PartySpec(" 张女士 "), PartySpec("赵先生")],
        nuisance_window=TimeWindow.parse("22:00-02:00"),
    ))
    assert recorded(case) == ["Opened"]
    assert case.id == case.ref == REF
    assert case.version == 1
    assert case.status == Status.OPEN
    assert case.level == Level.GRID
    assert case.mediator is None
    assert case.categories == ("noise", "cooking_fumes")
    assert [(p.key, str(p.name), p.role) for p in case.parties] == [
        ("c1", "张女士", "complainant"), ("c2", "赵先生", "complainant"),
        ("r1", "老王饭店", "respondent"),
    ]
    assert str(case.respondents[0].operator) == "王建国"
    assert case.opened_at == OPENED
    assert case.opened_by == "受理员"
    assert str(case.nuisance_window) == "22:00–02:00"
    assert case.reopened_count == 0 and case.notes == []


def test_open_at_a_higher_level() -> None:
    assert new_case(level=Level.COMMUNITY).level == Level.COMMUNITY


def test_open_needs_a_category() -> None:
    refuse_open(InvalidInput, "no_categories", categories=[])


@pytest.mark.parametrize("role", [Role.COMPLAINANT, Role.RESPONDENT])
def test_open_needs_complainants_and_respondents(role: Role) -> None:
    error = refuse_open(InvalidInput, "no_parties", **{f"{role.value}s": []})
    assert role.label("zh") in error.message("zh")
    assert role.label("en") in error.message("en")


@pytest.mark.parametrize(
    ("complainants", "respondents"),
    [
        ([PartySpec("张女士"), PartySpec("张女士")], [PartySpec("老王饭店")]),
        ([PartySpec("张女士")], [PartySpec("老王饭店"), PartySpec(" 老王饭店")]),
        ([PartySpec("老王饭店")], [PartySpec("老王饭店", "business")]),
    ],
    ids=["two-complainants", "two-respondents", "complainant-is-respondent"],
)
def test_open_refuses_duplicate_party_names(complainants: list[PartySpec],
                                            respondents: list[PartySpec]) -> None:
    error = refuse_open(InvalidInput, "duplicate_party",
                        complainants=complainants, respondents=respondents)
    assert error.params["name"] in error.message("zh")


@pytest.mark.parametrize("summary", ["", "   \n"])
def test_open_refuses_a_blank_summary(summary: str) -> None:
    error = refuse_open(InvalidInput, "blank", summary=summary)
    assert "summary" in error.message("en")


# -- join ------------------------------------------------------------------------


def test_join_adds_the_next_complainant() -> None:
    case = new_case()
    party = case.join(PartySpec("李先生"), stamp(1))
    assert recorded(case) == ["ComplainantJoined"]
    assert (party.key, party.role, str(party.name)) == ("c2", "complainant", "李先生")
    assert party.name.subject == "C2026-000001/c2"  # personal data, sealed per person
    assert [p.key for p in case.complainants] == ["c1", "c2"]
    assert case.find_party("李先生").key == "c2"
    assert case.version == 2


@pytest.mark.parametrize("name", ["张女士", "老王饭店"])
def test_join_refuses_a_name_already_in_the_case(name: str) -> None:
    case = new_case()
    refuse(case, RuleViolation, "duplicate_party", lambda: case.join(PartySpec(name), stamp(1)))


def test_join_refuses_on_a_closed_case() -> None:
    case = closed_case()
    refuse(case, RuleViolation, "case_closed", lambda: case.join(PartySpec("李先生"), stamp(6)))


# -- assign / reassign ------------------------------------------------------------


def test_assign_then_reassign_with_a_reason() -> None:
    case = new_case()
    case.assign(" 王芳 ", stamp(1))
    assert recorded(case) == ["MediatorAssigned"]
    assert case.mediator == "王芳"
    case.assign("李明", stamp(2), reason="王芳休假")
    assert recorded(case) == ["MediatorReassigned"]
    assert case.mediator == "李明"
    assert case.version == 3


@pytest.mark.parametrize("same", ["王芳", " 王芳  "])
def test_assign_refuses_the_current_mediator(same: str) -> None:
    case = new_case()
    case.assign("王芳", stamp(1))
    refuse(case, RuleViolation, "same_mediator", lambda: case.assign(same, stamp(2), reason="x"))


@pytest.mark.parametrize("reason", [None, "", "  "])
def test_reassign_needs_a_reason(reason: str | None) -> None:
    case = new_case()
    case.assign("王芳", stamp(1))
    error = refuse(case, InvalidInput, "blank", lambda: case.assign("李明", stamp(2), reason=reason))
    assert error.params["field"] == "reason"


def test_assign_refuses_a_blank_mediator_and_a_closed_case() -> None:
    case = new_case()
    refuse(case, InvalidInput, "blank", lambda: case.assign("  ", stamp(1)))
    closed = closed_case()
    refuse(closed, RuleViolation, "case_closed", lambda: closed.assign("王芳", stamp(6)))


# -- statements ----------------------------------------------------------------------


def test_record_statement_by_key_or_name() -> None:
    case = new_case()
    case.record_statement("c1", StatementKind.STATEMENT, "每晚22点后噪音很大", stamp(1))
    case.record_statement("老王饭店", StatementKind.DEMAND, "希望允许营业到23点", stamp(2))
    assert recorded(case) == ["StatementRecorded", "StatementRecorded"]
    assert [(s.party, s.kind, str(s.text)) for s in case.statements] == [
        ("c1", "statement", "每晚22点后噪音很大"), ("r1", "demand", "希望允许营业到23点"),
    ]
    assert case.statements[1].occurred_at == at(2)


@pytest.mark.parametrize("party", ["c2", "路人甲", "mediator"])
def test_record_statement_refuses_an_unknown_party(party: str) -> None:
    case = new_case()
    error = refuse(case, InvalidInput, "unknown_party",
                   lambda: case.record_statement(party, StatementKind.STATEMENT, "x", stamp(1)))
    assert "c1 张女士" in error.message("en")


def test_record_statement_refuses_on_a_closed_case() -> None:
    case = closed_case()
    refuse(case, RuleViolation, "case_closed",
           lambda: case.record_statement("c1", StatementKind.STATEMENT, "x", stamp(6)))


# -- proposals -------------------------------------------------------------------------


def test_propose_and_counter_propose() -> None:
    case = new_case()
    assert case.propose("调解员", "22点后停止户外营业", stamp(1)) == "P1"
    assert case.propose("r1", "23点后停止户外营业", stamp(2), in_reply_to="p1") == "P2"
    assert case.propose("张女士", "22点后停止营业", stamp(3), in_reply_to="P2") == "P3"
    assert recorded(case) == ["ProposalMade", "CounterProposalMade", "CounterProposalMade"]
    p1, p2, p3 = case.proposals.values()
    assert (p1.by, p1.in_reply_to) == ("mediator", None)
    assert (p2.by, p2.in_reply_to, p2.terms) == ("r1", "P1", "23点后停止户外营业")
    assert (p3.by, p3.in_reply_to) == ("c1", "P2")
    assert all(p.status() == ProposalStatus.PENDING for p in (p1, p2, p3))


def test_propose_refuses_on_a_closed_case() -> None:
    case = closed_case()
    refuse(case, RuleViolation, "case_closed", lambda: case.propose("c1", "x", stamp(6)))


@pytest.mark.parametrize("end", ["agree", "fail"])
@pytest.mark.parametrize("counter", [False, True])
def test_propose_only_while_mediation_is_open(end: str, counter: bool) -> None:
    case = new_case()
    case.propose("c1", "22点后停业", stamp(1))
    getattr(case, end)("结果", stamp(2))
    reply = "P1" if counter else None
    error = refuse(case, RuleViolation, "not_negotiating",
                   lambda: case.propose("r1", "23点后停业", stamp(3), in_reply_to=reply))
    assert Status(case.status).label("zh") in error.message("zh")


def test_counter_proposal_to_an_unknown_proposal_is_refused() -> None:
    case = new_case()
    case.propose("c1", "22点后停业", stamp(1))
    error = refuse(case, InvalidInput, "unknown_proposal",
                   lambda: case.propose("r1", "23点后停业", stamp(2), in_reply_to="P9"))
    assert "P1" in error.message("en")


@pytest.mark.parametrize("author", ["c1", "mediator"])
def test_nobody_counters_their_own_proposal(author: str) -> None:
    case = new_case()
    case.propose(author, "22点后停业", stamp(1))
    refuse(case, RuleViolation, "own_proposal",
           lambda: case.propose(author, "23点后停业", stamp(2), in_reply_to="P1"))


def test_propose_refuses_an_unknown_author_and_blank_terms() -> None:
    case = new_case()
    refuse(case, InvalidInput, "unknown_party", lambda: case.propose("路人甲", "x", stamp(1)))
    refuse(case, InvalidInput, "blank", lambda: case.propose("c1", "  ", stamp(1)))


# -- answers --------------------------------------------------------------------------------


def test_accepted_when_the_other_party_accepts() -> None:
    case = new_case()
    case.propose("c1", "22点后停业", stamp(1))
    case.answer("P1", "老王饭店", True, stamp(2))
    assert recorded(case)[-1] == "ProposalAccepted"
    assert case.proposals["P1"].status() == ProposalStatus.ACCEPTED


def test_accepted_only_when_every_other_party_accepted() -> None:
    case = three_party_case()
    case.propose("r1", "23点后停业", stamp(2))
    case.answer("P1", "c1", True, stamp(3))
    assert case.proposals["P1"].status() == ProposalStatus.PENDING
    case.answer("P1", "c2", True, stamp(4))
    assert case.proposals["P1"].status() == ProposalStatus.ACCEPTED


def test_mediator_proposal_needs_every_party() -> None:
    case = new_case()
    case.propose("mediator", "22:30后停业", stamp(1))
    case.answer("P1", "c1", True, stamp(2))
    assert case.proposals["P1"].status() == ProposalStatus.PENDING
    case.answer("P1", "r1", True, stamp(3))
    assert case.proposals["P1"].status() == ProposalStatus.ACCEPTED


def test_one_rejection_rejects_the_proposal() -> None:
    case = three_party_case()
    case.propose("r1", "23点后停业", stamp(2))
    case.answer("P1", "c1", True, stamp(3))
    case.answer("P1", "c2", False, stamp(4), reason="太晚了")
    assert recorded(case)[-1] == "ProposalRejected"
    proposal = case.proposals["P1"]
    assert proposal.status() == ProposalStatus.REJECTED
    assert [(a.party, a.accepted, a.reason) for a in proposal.answers] == [
        ("c1", True, None), ("c2", False, "太晚了"),
    ]


def test_rejection_needs_a_reason() -> None:
    case = new_case()
    case.propose("c1", "22点后停业", stamp(1))
    refuse(case, InvalidInput, "blank", lambda: case.answer("P1", "r1", False, stamp(2)))


@pytest.mark.parametrize("who", ["mediator", "调解员", " Mediator "])
@pytest.mark.parametrize("accepted", [True, False])
def test_the_mediator_cannot_answer(who: str, accepted: bool) -> None:
    case = new_case()
    case.propose("c1", "22点后停业", stamp(1))
    refuse(case, RuleViolation, "not_a_party",
           lambda: case.answer("P1", who, accepted, stamp(2), reason="x"))


def test_a_non_party_cannot_answer() -> None:
    case = new_case()
    case.propose("c1", "22点后停业", stamp(1))
    refuse(case, InvalidInput, "unknown_party", lambda: case.answer("P1", "路人甲", True, stamp(2)))


@pytest.mark.parametrize("accepted, code", [(True, "own_proposal_implied"),
                                             (False, "own_proposal")])
def test_a_party_cannot_answer_its_own_proposal(accepted: bool, code: str) -> None:
    case = new_case()
    case.propose("c1", "22点后停业", stamp(1))
    refuse(case, RuleViolation, code,
           lambda: case.answer("P1", "张女士", accepted, stamp(2), reason="x"))


def test_the_proposer_accepting_an_accepted_counter_proposal_is_told_it_is_implied() -> None:
    """Once the others accepted P2, its author 'accepting' it is told so, not 'make a counter'."""
    case = new_case()
    case.propose("c1", "22点后停业", stamp(1))
    case.propose("r1", "22:30后停业", stamp(2), in_reply_to="P1")
    case.answer("P2", "c1", True, stamp(3))
    refuse(case, RuleViolation, "own_proposal_implied",
           lambda: case.answer("P2", "r1", True, stamp(4)))


def test_agreement_from_an_accepted_proposal_takes_its_terms() -> None:
    case = three_party_case()
    case.propose("mediator", "22点后停业；30日内装净化器", stamp(2))
    refuse(case, RuleViolation, "proposal_not_accepted", lambda: case.agree_to("P1", stamp(3)))
    for party in ("c1", "c2", "r1"):
        case.answer("P1", party, True, stamp(3))
    case.agree_to("p1", stamp(4))
    assert case.agreement == "22点后停业；30日内装净化器" and case.status == "agreed"


def test_agreement_from_a_rejected_proposal_is_refused_naming_who_rejected() -> None:
    case = three_party_case()
    case.propose("mediator", "22点后停业", stamp(2))
    case.answer("P1", "r1", False, stamp(3), reason="太早")
    error = refuse(case, RuleViolation, "proposal_rejected", lambda: case.agree_to("P1", stamp(4)))
    assert "老王饭店" in error.message("zh")


def test_a_party_is_found_by_a_unique_part_of_its_name_or_unit() -> None:
    case = Case.open(**open_fields(
        complainants=[PartySpec("张秀英（501室）"), PartySpec("陈桂兰（402室）")],
        respondents=[PartySpec("老王家常菜馆", "business", "王福生")]))
    assert case.find_party("402").key == "c2"
    assert case.find_party("王福生").key == "r1"  # a business by its operator
    assert case.find_party("菜馆").key == "r1"
    with pytest.raises(InvalidInput) as ambiguous:
        case.find_party("室")
    assert ambiguous.value.code == "ambiguous_party"
    assert "c1 张秀英（501室）" in ambiguous.value.message("zh")
    assert "老王家常菜馆" not in ambiguous.value.message("zh")  # only the candidates
    with pytest.raises(InvalidInput) as unknown:
        case.find_party("不存在的人")
    assert unknown.value.code == "unknown_party"
