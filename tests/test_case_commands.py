"""Every Case command's rules, in the domain alone (no store, no clock).

Each refusal is checked for its exception class and code, for a message that
renders in Chinese and English, and for recording nothing: the case's version,
its pending events and its whole state are what they were before the call.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from domain.case import Case
from domain.errors import DomainError, InvalidInput, RuleViolation
from domain.values import Location, PartySpec, ReferralRequest, Stamp, TimeWindow
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
    assert [(p.key, p.name, p.role) for p in case.parties] == [
        ("c1", "张女士", "complainant"), ("c2", "赵先生", "complainant"),
        ("r1", "老王饭店", "respondent"),
    ]
    assert case.respondents[0].operator == "王建国"
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
    assert (party.key, party.role, party.name) == ("c2", "complainant", "李先生")
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
    assert [(s.party, s.kind, s.text) for s in case.statements] == [
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


@pytest.mark.parametrize("accepted", [True, False])
def test_a_party_cannot_answer_its_own_proposal(accepted: bool) -> None:
    case = new_case()
    case.propose("c1", "22点后停业", stamp(1))
    refuse(case, RuleViolation, "own_proposal",
           lambda: case.answer("P1", "张女士", accepted, stamp(2), reason="x"))


@pytest.mark.parametrize("accepted", [True, False])
def test_a_party_answers_only_once(accepted: bool) -> None:
    case = three_party_case()
    case.propose("r1", "23点后停业", stamp(2))
    case.answer("P1", "c1", True, stamp(3))
    refuse(case, RuleViolation, "already_responded",
           lambda: case.answer("P1", "c1", accepted, stamp(4), reason="改主意"))


@pytest.mark.parametrize("first", [True, False])
def test_a_settled_proposal_takes_no_more_answers(first: bool) -> None:
    case = three_party_case()
    case.propose("mediator", "22:30后停业", stamp(2))
    if first:  # accepted by everyone
        for i, party in enumerate(("c1", "c2", "r1")):
            case.answer("P1", party, True, stamp(3 + i))
        status = ProposalStatus.ACCEPTED
    else:  # rejected by one; the others have not answered yet
        case.answer("P1", "c1", False, stamp(3), reason="太晚")
        status = ProposalStatus.REJECTED
    assert case.proposals["P1"].status() == status
    error = refuse(case, RuleViolation, "proposal_settled",
                   lambda: case.answer("p1", "r1" if not first else "c2", True, stamp(9)))
    assert status.label("en") in error.message("en")


@pytest.mark.parametrize(
    ("accepted", "word"), [(True, "已接受"), (False, "已拒绝")],
)
def test_settled_proposal_message_reads_naturally_in_chinese(accepted: bool, word: str) -> None:
    case = new_case()
    case.propose("c1", "22点后停业", stamp(1))
    case.answer("P1", "r1", accepted, stamp(2), reason="不同意")
    error = refuse(case, RuleViolation, "proposal_settled",
                   lambda: case.answer("P1", "r1", True, stamp(3)))
    message = error.message("zh")
    assert word in message
    assert "已已" not in message, message


def test_answering_an_unknown_proposal_is_refused() -> None:
    case = new_case()
    refuse(case, InvalidInput, "unknown_proposal", lambda: case.answer("P1", "r1", True, stamp(1)))


@pytest.mark.parametrize("end", ["agree", "fail"])
def test_answers_only_while_mediation_is_open(end: str) -> None:
    case = new_case()
    case.propose("c1", "22点后停业", stamp(1))
    getattr(case, end)("结果", stamp(2))
    refuse(case, RuleViolation, "not_negotiating", lambda: case.answer("P1", "r1", True, stamp(3)))


def test_answers_refused_on_a_closed_case() -> None:
    case = new_case()
    case.propose("c1", "22点后停业", stamp(1))
    case.close(Outcome.WITHDRAWN, Satisfaction.UNREACHABLE, stamp(2))
    refuse(case, RuleViolation, "case_closed", lambda: case.answer("P1", "r1", True, stamp(3)))


# -- referrals and responses ------------------------------------------------------------------


def test_refer_to_departments_by_name_or_alias() -> None:
    case = new_case()
    codes = case.refer([ReferralRequest("环保", "油烟是否超标？"),
                        ReferralRequest("派出所", "夜间噪音是否违法？")], stamp(1))
    assert codes == ["ecology_environment", "police_station"]
    assert recorded(case) == ["Referred"]
    assert case.version == 2
    assert [(r.department, r.question, r.answered) for r in case.referrals] == [
        ("ecology_environment", "油烟是否超标？", False), ("police_station", "夜间噪音是否违法？", False),
    ]


def test_refer_refuses_an_unknown_department() -> None:
    case = new_case()
    error = refuse(case, InvalidInput, "unknown_department",
                   lambda: case.refer([ReferralRequest("环保", "q"), ReferralRequest("气象局", "q")],
                                      stamp(1)))
    assert "气象局" in error.message("zh")


def test_refer_refuses_a_second_open_referral_to_the_same_department() -> None:
    case = new_case()
    case.refer([ReferralRequest("环保", "油烟是否超标？")], stamp(1))
    error = refuse(case, RuleViolation, "already_referred",
                   lambda: case.refer([ReferralRequest("派出所", "q"),
                                       ReferralRequest("ecology", "再问一次")], stamp(2)))
    assert "区生态环境局" in error.message("zh")
    assert "Ecology" in error.message("en")
    # the same department twice in one request
    refuse(case, RuleViolation, "already_referred",
           lambda: case.refer([ReferralRequest("派出所", "q1"), ReferralRequest("公安", "q2")],
                              stamp(2)))


def test_refer_again_after_the_department_answered() -> None:
    case = new_case()
    case.refer([ReferralRequest("环保", "油烟是否超标？")], stamp(1))
    case.record_response("环保局", "超标", stamp(2))
    case.refer([ReferralRequest("环保", "整改后复测？")], stamp(3))
    assert [r.answered for r in case.referrals] == [True, False]


def test_refer_needs_a_department_and_an_open_case() -> None:
    case = new_case()
    refuse(case, InvalidInput, "blank", lambda: case.refer([], stamp(1)))
    closed = closed_case()
    refuse(closed, RuleViolation, "case_closed",
           lambda: closed.refer([ReferralRequest("环保", "q")], stamp(6)))


def test_record_response_answers_the_open_referral() -> None:
    case = new_case()
    case.refer([ReferralRequest("环保", "油烟是否超标？")], stamp(1))
    case.record_response("ecology_environment", "检测超标2倍", stamp(2))
    assert recorded(case)[-1] == "DepartmentResponded"
    referral = case.referrals[0]
    assert (referral.answered, referral.response, referral.responded_at) == (True, "检测超标2倍", at(2))
    assert case.open_referral("ecology_environment") is None


def test_record_response_needs_an_open_referral() -> None:
    case = new_case()
    refuse(case, RuleViolation, "not_referred",
           lambda: case.record_response("环保", "超标", stamp(1)))
    case.refer([ReferralRequest("环保", "q")], stamp(1))
    case.record_response("环保", "超标", stamp(2))
    refuse(case, RuleViolation, "not_referred",
           lambda: case.record_response("环保", "再次答复", stamp(3)))
    refuse(case, InvalidInput, "unknown_department",
           lambda: case.record_response("气象局", "晴", stamp(3)))


# -- escalation ----------------------------------------------------------------------------------


def test_escalate_upwards() -> None:
    case = new_case()
    case.escalate(Level.COMMUNITY, "涉及多个部门", stamp(1))
    assert recorded(case) == ["Escalated"]
    assert case.level == Level.COMMUNITY
    case.escalate(Level.SUBDISTRICT, "社区调解未果", stamp(2))
    assert case.level == Level.SUBDISTRICT


def test_escalate_may_skip_a_level() -> None:
    case = new_case()
    case.escalate(Level.SUBDISTRICT, "重大纠纷", stamp(1))
    assert case.level == Level.SUBDISTRICT


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Level.GRID, Level.GRID),
        (Level.COMMUNITY, Level.GRID),
        (Level.COMMUNITY, Level.COMMUNITY),
        (Level.SUBDISTRICT, Level.COMMUNITY),
        (Level.SUBDISTRICT, Level.GRID),
        (Level.SUBDISTRICT, Level.SUBDISTRICT),
    ],
)
def test_escalate_only_upwards(start: Level, target: Level) -> None:
    case = new_case(level=start)
    error = refuse(case, RuleViolation, "not_higher_level",
                   lambda: case.escalate(target, "理由", stamp(1)))
    assert start.label("zh") in error.message("zh")


def test_escalate_needs_a_reason_and_an_open_case() -> None:
    case = new_case()
    refuse(case, InvalidInput, "blank", lambda: case.escalate(Level.COMMUNITY, " ", stamp(1)))
    closed = closed_case()
    refuse(closed, RuleViolation, "case_closed",
           lambda: closed.escalate(Level.COMMUNITY, "理由", stamp(6)))


# -- spot checks ---------------------------------------------------------------------------------


def spot_check(case: Case, start: datetime, end: datetime, passed: bool = False,
               rectified: bool = True, inspectors: list[str] | None = None,
               minutes: float = 200) -> str:
    return case.record_spot_check(start, end, ["派出所", "网格员小周"] if inspectors is None else inspectors,
                                  "21:40 噪音 62 分贝", passed, rectified, stamp(minutes))


def test_record_spot_check() -> None:
    case = new_case()
    assert spot_check(case, at(60), at(120)) == "S1"
    assert spot_check(case, at(130), at(140), passed=True, rectified=False) == "S2"
    assert recorded(case) == ["SpotChecked", "SpotChecked"]
    s1, s2 = case.spot_checks
    assert (s1.started_at, s1.ended_at, s1.inspectors) == (at(60), at(120), ("派出所", "网格员小周"))
    assert (s1.passed, s1.rectified_on_spot) == (False, True)
    assert (s2.passed, s2.rectified_on_spot) == (True, False)


@pytest.mark.parametrize("end", [59, 60], ids=["before", "same-time"])
def test_spot_check_must_end_after_it_starts(end: int) -> None:
    case = new_case()
    refuse(case, InvalidInput, "window_order", lambda: spot_check(case, at(60), at(end)))


def test_a_passed_check_has_nothing_to_rectify() -> None:
    case = new_case()
    refuse(case, RuleViolation, "rectified_but_passed",
           lambda: spot_check(case, at(60), at(120), passed=True, rectified=True))


@pytest.mark.parametrize("inspectors", [[], ["  "]])
def test_spot_check_needs_inspectors(inspectors: list[str]) -> None:
    case = new_case()
    refuse(case, InvalidInput, "blank", lambda: spot_check(case, at(60), at(120), inspectors=inspectors))


@pytest.mark.parametrize("zones", [(None, None), (None, CST), (CST, None)],
                         ids=["both-naive", "naive-start", "naive-end"])
def test_spot_check_times_need_a_time_zone(zones: tuple[Any, Any]) -> None:
    """Like every other time the case records, check times must say their zone."""
    case = new_case()
    start = datetime(2026, 10, 9, 20, 0, tzinfo=zones[0])
    end = datetime(2026, 10, 9, 22, 0, tzinfo=zones[1])
    refuse(case, InvalidInput, "naive_time", lambda: spot_check(case, start, end))


def test_spot_check_refused_on_a_closed_case() -> None:
    case = closed_case()
    refuse(case, RuleViolation, "case_closed", lambda: spot_check(case, at(60), at(120)))


# -- commitments --------------------------------------------------------------------------------


def test_commit_by_a_party_due_on_or_after_the_day_it_is_made() -> None:
    case = new_case()
    assert case.commit("r1", "安装油烟净化器", date(2026, 11, 8), stamp(1)) == "K1"
    assert case.commit("老王饭店", "22点后不在户外营业", OPENED.date(), stamp(2)) == "K2"
    assert recorded(case) == ["CommitmentMade", "CommitmentMade"]
    k1 = case.commitments["K1"]
    assert (k1.party, k1.duty, k1.due, k1.status, k1.made_at) == (
        "r1", "安装油烟净化器", date(2026, 11, 8), CommitmentStatus.OPEN, at(1))
    assert [c.id for c in case.open_commitments] == ["K1", "K2"]


def test_commitment_due_before_it_is_made_is_refused() -> None:
    case = new_case()
    error = refuse(case, RuleViolation, "due_before_made",
                   lambda: case.commit("r1", "安装油烟净化器", date(2026, 10, 7), stamp(1)))
    assert "2026-10-07" in error.message("zh") and "2026-10-08" in error.message("en")


@pytest.mark.parametrize("obligor", ["路人甲", "mediator", "c9", "气象局"])
def test_commitment_by_an_unknown_obligor_is_refused(obligor: str) -> None:
    case = new_case()
    error = refuse(case, InvalidInput, "unknown_obligor",
                   lambda: case.commit(obligor, "x", date(2026, 11, 8), stamp(1)))
    assert "c1 张女士" in error.message("zh")


def test_a_department_commits_only_once_referred() -> None:
    case = new_case()
    error = refuse(case, RuleViolation, "not_an_obligor",
                   lambda: case.commit("环保", "上门检测", date(2026, 10, 15), stamp(1)))
    assert "区生态环境局" in error.message("zh")
    case.refer([ReferralRequest("环保", "油烟是否超标？")], stamp(2))
    assert case.commit("环保", "上门检测", date(2026, 10, 15), stamp(3)) == "K1"
    assert case.commitments["K1"].party == "ecology_environment"
    refuse(case, RuleViolation, "not_an_obligor",
           lambda: case.commit("派出所", "夜间巡查", date(2026, 10, 15), stamp(4)))
    case.record_response("环保", "超标", stamp(5))
    assert case.commit("环保", "复测", date(2026, 10, 30), stamp(6)) == "K2"


def test_commit_refused_on_a_closed_case() -> None:
    case = closed_case()
    refuse(case, RuleViolation, "case_closed",
           lambda: case.commit("r1", "x", date(2026, 11, 8), stamp(6)))


@pytest.mark.parametrize(
    ("fulfilled", "status", "event"),
    [(True, CommitmentStatus.FULFILLED, "CommitmentFulfilled"),
     (False, CommitmentStatus.BREACHED, "CommitmentBreached")],
)
def test_settle_commitment(fulfilled: bool, status: CommitmentStatus, event: str) -> None:
    case = new_case()
    case.commit("r1", "安装油烟净化器", date(2026, 11, 8), stamp(1))
    case.settle_commitment("k1", fulfilled, stamp(2), note="已验收")
    assert recorded(case)[-1] == event
    commitment = case.commitments["K1"]
    assert (commitment.status, commitment.settled_at, commitment.note) == (status, at(2), "已验收")
    assert case.open_commitments == []


def test_settle_an_unknown_commitment_is_refused() -> None:
    case = new_case()
    case.commit("r1", "x", date(2026, 11, 8), stamp(1))
    error = refuse(case, InvalidInput, "unknown_commitment",
                   lambda: case.settle_commitment("K2", True, stamp(2)))
    assert "K1" in error.message("en")


@pytest.mark.parametrize("first", [True, False])
@pytest.mark.parametrize("second", [True, False])
def test_a_commitment_is_settled_only_once(first: bool, second: bool) -> None:
    case = new_case()
    case.commit("r1", "x", date(2026, 11, 8), stamp(1))
    case.settle_commitment("K1", first, stamp(2))
    refuse(case, RuleViolation, "commitment_settled",
           lambda: case.settle_commitment("K1", second, stamp(3)))
    assert case.commitments["K1"].status == (
        CommitmentStatus.FULFILLED if first else CommitmentStatus.BREACHED)


@pytest.mark.parametrize(("fulfilled", "word"), [(True, "已履行"), (False, "已违约")])
def test_settled_commitment_message_reads_naturally_in_chinese(fulfilled: bool, word: str) -> None:
    case = new_case()
    case.commit("r1", "x", date(2026, 11, 8), stamp(1))
    case.settle_commitment("K1", fulfilled, stamp(2))
    error = refuse(case, RuleViolation, "commitment_settled",
                   lambda: case.settle_commitment("K1", True, stamp(3)))
    message = error.message("zh")
    assert word in message
    assert "已已" not in message, message


def test_a_commitment_cannot_be_settled_before_it_was_made() -> None:
    case = new_case()
    case.commit("r1", "x", date(2026, 11, 8), stamp(10))
    refuse(case, RuleViolation, "settled_before_made",
           lambda: case.settle_commitment("K1", True, stamp(5)))
    case.settle_commitment("K1", True, stamp(10))  # the same moment is fine
    assert case.commitments["K1"].status == CommitmentStatus.FULFILLED


def test_settle_refused_on_a_closed_case() -> None:
    case = new_case()
    case.commit("r1", "x", date(2026, 11, 8), stamp(1))
    case.settle_commitment("K1", True, stamp(2))
    case.commit("r1", "y", date(2026, 11, 8), stamp(3))
    case.settle_commitment("K2", False, stamp(4))
    case.close(Outcome.WITHDRAWN, Satisfaction.SATISFIED, stamp(5))
    refuse(case, RuleViolation, "case_closed", lambda: case.settle_commitment("K1", True, stamp(6)))


# -- agree / fail ---------------------------------------------------------------------------------


def test_agree() -> None:
    case = new_case()
    case.agree("饭店22点后停止户外营业，安装净化器", stamp(1))
    assert recorded(case) == ["AgreementReached"]
    assert (case.status, case.agreement) == (Status.AGREED, "饭店22点后停止户外营业，安装净化器")


def test_fail() -> None:
    case = new_case()
    case.fail("双方分歧过大", stamp(1))
    assert recorded(case) == ["MediationFailed"]
    assert (case.status, case.failure_reason) == (Status.FAILED, "双方分歧过大")


@pytest.mark.parametrize("first", ["agree", "fail"])
@pytest.mark.parametrize("second", ["agree", "fail"])
def test_agree_and_fail_only_while_open(first: str, second: str) -> None:
    case = new_case()
    getattr(case, first)("结果", stamp(1))
    refuse(case, RuleViolation, "not_negotiating", lambda: getattr(case, second)("再来", stamp(2)))


@pytest.mark.parametrize("command", ["agree", "fail"])
def test_agree_and_fail_refused_on_a_closed_case(command: str) -> None:
    case = closed_case()
    refuse(case, RuleViolation, "case_closed", lambda: getattr(case, command)("x", stamp(6)))


# -- close / reopen -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "outcome"),
    [("agree", Outcome.RESOLVED), ("fail", Outcome.UNRESOLVED),
     (None, Outcome.WITHDRAWN), (None, Outcome.TRANSFERRED)],
)
def test_close_with_the_matching_outcome(before: str | None, outcome: Outcome) -> None:
    case = new_case()
    if before:
        getattr(case, before)("结果", stamp(1))
    case.close(outcome, Satisfaction.BASICALLY_SATISFIED, stamp(2), follow_up="电话回访")
    assert recorded(case)[-1] == "Closed"
    assert case.status == Status.CLOSED
    assert (case.outcome, case.satisfaction, case.follow_up, case.closed_at) == (
        outcome, Satisfaction.BASICALLY_SATISFIED, "电话回访", at(2))


@pytest.mark.parametrize(
    ("before", "outcome"),
    [
        (None, Outcome.RESOLVED), (None, Outcome.UNRESOLVED),
        ("agree", Outcome.UNRESOLVED), ("agree", Outcome.WITHDRAWN),
        ("agree", Outcome.TRANSFERRED),
        ("fail", Outcome.RESOLVED), ("fail", Outcome.WITHDRAWN), ("fail", Outcome.TRANSFERRED),
    ],
)
def test_close_outcome_needs_the_matching_status(before: str | None, outcome: Outcome) -> None:
    case = new_case()
    if before:
        getattr(case, before)("结果", stamp(1))
    error = refuse(case, RuleViolation, "close_needs_outcome",
                   lambda: case.close(outcome, Satisfaction.SATISFIED, stamp(2)))
    assert outcome.label("zh") in error.message("zh")


def test_open_commitments_block_closing() -> None:
    case = new_case()
    case.commit("r1", "安装净化器", date(2026, 11, 8), stamp(1))
    case.commit("r1", "22点后停业", date(2026, 11, 8), stamp(2))
    case.agree("协议", stamp(3))
    error = refuse(case, RuleViolation, "open_commitments",
                   lambda: case.close(Outcome.RESOLVED, Satisfaction.SATISFIED, stamp(4)))
    assert "K1, K2" in error.message("en")
    case.settle_commitment("K1", True, stamp(5))
    refuse(case, RuleViolation, "open_commitments",
           lambda: case.close(Outcome.RESOLVED, Satisfaction.SATISFIED, stamp(6)))
    case.settle_commitment("K2", False, stamp(7))
    case.close(Outcome.RESOLVED, Satisfaction.DISSATISFIED, stamp(8))
    assert case.status == Status.CLOSED


def test_close_a_closed_case_is_refused() -> None:
    case = closed_case()
    refuse(case, RuleViolation, "case_closed",
           lambda: case.close(Outcome.WITHDRAWN, Satisfaction.SATISFIED, stamp(6)))


def test_reopen_a_closed_case() -> None:
    case = new_case()
    case.agree("协议", stamp(1))
    case.close(Outcome.RESOLVED, Satisfaction.DISSATISFIED, stamp(2), follow_up="仍有噪音")
    case.reopen("回访不满意，噪音复发", stamp(3))
    assert recorded(case)[-1] == "Reopened"
    assert case.status == Status.OPEN
    assert case.reopened_count == 1
    assert (case.agreement, case.outcome, case.satisfaction, case.follow_up, case.closed_at) == (
        None, None, None, None, None)
    # mediation goes on: a new proposal, a second round
    assert case.propose("c1", "21:30后停业", stamp(4)) == "P1"
    case.fail("仍无共识", stamp(5))
    case.close(Outcome.UNRESOLVED, Satisfaction.DISSATISFIED, stamp(6))
    case.reopen("再次投诉", stamp(7))
    assert case.reopened_count == 2


@pytest.mark.parametrize("before", [None, "agree", "fail"])
def test_only_a_closed_case_can_be_reopened(before: str | None) -> None:
    case = new_case()
    if before:
        getattr(case, before)("结果", stamp(1))
    refuse(case, RuleViolation, "not_closed", lambda: case.reopen("理由", stamp(2)))


def test_reopen_needs_a_reason() -> None:
    case = closed_case()
    refuse(case, InvalidInput, "blank", lambda: case.reopen(" ", stamp(6)))


# -- notes -------------------------------------------------------------------------------------


def test_notes_are_allowed_on_open_and_closed_cases() -> None:
    case = new_case()
    case.add_note("电话联系张女士", stamp(1))
    case.close(Outcome.WITHDRAWN, Satisfaction.SATISFIED, stamp(2))
    case.add_note(" 结案后补充材料 ", stamp(3))
    assert recorded(case)[-1] == "NoteAdded"
    assert case.notes == ["电话联系张女士", "结案后补充材料"]
    assert case.status == Status.CLOSED


def test_a_blank_note_is_refused() -> None:
    case = new_case()
    refuse(case, InvalidInput, "blank", lambda: case.add_note("   ", stamp(1)))


# -- business time -------------------------------------------------------------------------------


def _with_proposal(case: Case) -> None:
    case.propose("c1", "22点后停业", stamp(1))


def _with_referral(case: Case) -> None:
    case.refer([ReferralRequest("环保", "q")], stamp(1))


def _with_commitment(case: Case) -> None:
    case.commit("r1", "x", date(2026, 11, 8), stamp(1))


def _closed(case: Case) -> None:
    case.close(Outcome.WITHDRAWN, Satisfaction.SATISFIED, stamp(1))


EARLY = Stamp("李调解员", at(-1), at(30))  # happened a minute before the case was opened

BEFORE_OPENING: dict[str, tuple[Callable[[Case], Any] | None, Callable[[Case], Any]]] = {
    "join": (None, lambda c: c.join(PartySpec("李先生"), EARLY)),
    "assign": (None, lambda c: c.assign("王芳", EARLY)),
    "statement": (None, lambda c: c.record_statement("c1", StatementKind.STATEMENT, "x", EARLY)),
    "propose": (None, lambda c: c.propose("c1", "x", EARLY)),
    "counter": (_with_proposal, lambda c: c.propose("r1", "x", EARLY, in_reply_to="P1")),
    "accept": (_with_proposal, lambda c: c.answer("P1", "r1", True, EARLY)),
    "reject": (_with_proposal, lambda c: c.answer("P1", "r1", False, EARLY, reason="x")),
    "refer": (None, lambda c: c.refer([ReferralRequest("环保", "q")], EARLY)),
    "respond": (_with_referral, lambda c: c.record_response("环保", "x", EARLY)),
    "escalate": (None, lambda c: c.escalate(Level.COMMUNITY, "x", EARLY)),
    "spot_check": (None, lambda c: c.record_spot_check(at(60), at(120), ["x"], "f", False, False,
                                                       EARLY)),
    "commit": (None, lambda c: c.commit("r1", "x", date(2026, 11, 8), EARLY)),
    "settle": (_with_commitment, lambda c: c.settle_commitment("K1", True, EARLY)),
    "agree": (None, lambda c: c.agree("x", EARLY)),
    "fail": (None, lambda c: c.fail("x", EARLY)),
    "close": (None, lambda c: c.close(Outcome.WITHDRAWN, Satisfaction.SATISFIED, EARLY)),
    "reopen": (_closed, lambda c: c.reopen("x", EARLY)),
    "note": (None, lambda c: c.add_note("x", EARLY)),
    "note-on-closed": (_closed, lambda c: c.add_note("x", EARLY)),
}


@pytest.mark.parametrize("name", list(BEFORE_OPENING))
def test_nothing_happens_before_the_case_was_opened(name: str) -> None:
    setup, command = BEFORE_OPENING[name]
    case = new_case()
    if setup:
        setup(case)
    error = refuse(case, RuleViolation, "before_opening", lambda: command(case))
    assert OPENED.isoformat(timespec="minutes") in error.message("zh")


def test_the_opening_instant_in_another_zone_is_not_before_opening() -> None:
    case = new_case()
    same_instant = OPENED.astimezone(UTC)
    case.add_note("同一时刻", Stamp("李调解员", same_instant, same_instant))
    assert case.notes == ["同一时刻"]


def test_a_step_cannot_happen_after_it_was_recorded() -> None:
    recorded_at = at(60)
    with pytest.raises(DomainError) as caught:
        Stamp("李调解员", recorded_at + timedelta(minutes=6), recorded_at)
    error = caught.value
    assert type(error) is RuleViolation and error.code == "occurred_in_future"
    assert_renders(error)
    # a few minutes of clock skew between machines is tolerated
    skewed = Stamp("李调解员", recorded_at + timedelta(minutes=5), recorded_at)
    assert skewed.occurred_at > skewed.recorded_at


def test_stamp_needs_an_actor_and_zoned_times() -> None:
    with pytest.raises(DomainError) as caught:
        Stamp("  ", at(1), at(1))
    assert type(caught.value) is InvalidInput and caught.value.code == "blank"
    assert_renders(caught.value)
    for occurred, recorded_at in ((datetime(2026, 10, 8, 22, 0), at(60)),
                                  (at(1), datetime(2026, 10, 8, 22, 0))):
        with pytest.raises(DomainError) as caught:
            Stamp("李调解员", occurred, recorded_at)
        assert type(caught.value) is InvalidInput and caught.value.code == "naive_time"
        assert_renders(caught.value)


def test_events_carry_actor_business_time_and_recording_time() -> None:
    case = new_case()
    case.add_note("x", Stamp(" 王芳 ", at(10), at(70)))
    (event,) = case.collect_events()
    assert (event.actor, event.occurred_at, event.timestamp) == ("王芳", at(10), at(70))
    assert case.modified_on == at(70)


def test_a_complainant_joining_later_does_not_reopen_an_accepted_proposal() -> None:
    """Acceptance is by the parties the proposal was put to; a later joiner is not awaited."""
    case = new_case()
    case.propose("c1", "22点后停业", stamp(1))
    case.answer("P1", "r1", True, stamp(2))
    case.join(PartySpec("李先生"), stamp(3))
    assert case.proposals["P1"].status() == ProposalStatus.ACCEPTED


def test_a_spot_check_cannot_start_before_the_case_was_opened() -> None:
    case = new_case()
    opened = case.opened_at
    with pytest.raises(RuleViolation) as refused:
        case.record_spot_check(opened - timedelta(days=30), opened - timedelta(days=30, hours=-2),
                               ["派出所"], "x", False, False, stamp(1))
    assert refused.value.code == "before_opening"


def test_unknown_obligor_lists_departments_in_the_readers_language() -> None:
    case = new_case()
    case.refer([ReferralRequest("生态环境局", "油烟是否超标？")], stamp(1))
    with pytest.raises(InvalidInput) as refused:
        case.commit("路人", "x", date(2026, 12, 1), stamp(2))
    assert "District Ecology and Environment Bureau" in refused.value.message("en")
    assert "区生态环境局" in refused.value.message("zh")


def test_a_complainant_who_joined_later_cannot_answer_an_earlier_proposal() -> None:
    case = new_case()
    case.propose("c1", "22点后停业", stamp(1))
    case.join(PartySpec("李先生"), stamp(2))
    version = case.version
    with pytest.raises(RuleViolation) as refused:
        case.answer("P1", "李先生", False, stamp(3), reason="太晚")
    assert refused.value.code == "not_awaited"
    assert case.version == version


def test_a_case_cannot_be_reopened_before_it_was_closed() -> None:
    case = new_case()
    case.propose("mediator", "x", stamp(1))
    case.fail("分歧大", stamp(2))
    case.close(Outcome.UNRESOLVED, Satisfaction.DISSATISFIED, stamp(10))
    with pytest.raises(RuleViolation) as refused:
        case.reopen("再次反映", stamp(5))
    assert refused.value.code == "reopen_before_close"
