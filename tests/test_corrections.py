"""Corrections (更正) and retractions (撤销): every entry of a case can be put right.

Through the application: each entry kind gets a stable id, can be retracted and
corrected with the consequences a mediator expects (a retracted commitment no
longer blocks closing, a retracted answer makes its proposal pending again ...),
and what cannot be undone is refused with a message in both languages. The read
models and the report follow. Through the CLI (click's CliRunner): the commands,
their exit codes, and what `case show` and `case history` then print.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from adapters.app import Gongzhi
from adapters.case_view import case_document
from adapters.clock import local_tz
from adapters.readmodels import CaseFilter, open_read_models
from domain.case import Case
from domain.errors import DomainError, InvalidInput, RuleViolation
from domain.values import PartySpec, ReferralRequest, Stamp
from domain.vocabulary import Level, Outcome, PartyKind, Satisfaction, StatementKind
from projections.summary import summarize
from tests.conftest import CST, open_restaurant_case
from tests.readmodel_support import folded_tables, sql_tables
from tests.test_cli_case import (
    OPEN,
    REF,
    Store,
    assert_line,
    assert_refused,
    at,
    day,
)

ACTOR = "李调解员"
CHECK_FROM = datetime(2026, 10, 15, 20, 0, tzinfo=CST)
CHECK_TO = datetime(2026, 10, 15, 22, 0, tzinfo=CST)
DUE = date(2026, 12, 31)
Command = Callable[[Case, Stamp], Any]

# Every kind of entry, recorded in this order by `full_case`.
STEPS: list[tuple[str, Command]] = [
    ("c2", lambda c, s: c.join(PartySpec("李先生"), s)),
    ("T1", lambda c, s: c.record_statement("c1", StatementKind.DEMAND, "22点后保持安静", s)),
    ("T2", lambda c, s: c.record_statement("r1", StatementKind.STATEMENT, "晚市是主要收入", s)),
    ("P1", lambda c, s: c.propose("mediator", "22:00后停止户外营业", s)),
    ("A1", lambda c, s: c.answer("P1", "c1", True, s)),
    ("A2", lambda c, s: c.answer("P1", "r1", False, s, reason="收入占七成")),
    ("P2", lambda c, s: c.propose("r1", "22:30后停止户外营业", s, in_reply_to="P1")),
    ("Q1", lambda c, s: c.refer([ReferralRequest("环保", "油烟是否超标？")], s)),
    ("D1", lambda c, s: c.record_response("环保", "油烟浓度超标", s)),
    ("Q2", lambda c, s: c.refer([ReferralRequest("派出所", "噪音是否违规？")], s)),
    ("E1", lambda c, s: c.escalate(Level.COMMUNITY, "涉及多个部门", s)),
    ("S1", lambda c, s: c.record_spot_check(CHECK_FROM, CHECK_TO, ["派出所"], "62分贝",
                                            False, True, s)),
    ("K1", lambda c, s: c.commit("r1", "安装油烟净化器", DUE, s)),
    ("K2", lambda c, s: c.commit("r1", "22点后不在户外营业", DUE, s)),
    ("F1", lambda c, s: c.settle_commitment("K2", True, s, note="已停止")),
    ("N1", lambda c, s: c.add_note("已电话联系", s)),
]
IDS = [entry_id for entry_id, _ in STEPS]


def full_case(app: Gongzhi) -> str:
    ref = str(open_restaurant_case(app).id)
    for _, step in STEPS:
        app.record(ref, ACTOR, step)
    return ref


def retract(app: Gongzhi, ref: str, entry: str, reason: str = "录入错误") -> Case:
    recorded = app.record(ref, ACTOR, lambda c, s: c.retract(entry, reason, s))
    assert recorded.event_types == ["EntryRetracted"]
    return recorded.aggregate


def correct(app: Gongzhi, ref: str, entry: str, reason: str = "笔误", **changes: Any) -> Case:
    recorded = app.record(ref, ACTOR, lambda c, s: c.correct(entry, reason, changes, s))
    assert recorded.event_types == ["EntryCorrected"]
    return recorded.aggregate


def refused(app: Gongzhi, ref: str, command: Command, code: str,
            kind: type[DomainError] = RuleViolation) -> DomainError:
    """Refused with `code`, a message in both languages, and nothing recorded."""
    before = app.get_case(ref).version
    with pytest.raises(DomainError) as caught:
        app.record(ref, ACTOR, command)
    error = caught.value
    assert type(error) is kind and error.code == code, (error.code, error.message("en"))
    en, zh = error.message("en"), error.message("zh")
    assert code not in en and code not in zh and en != zh
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh)
    assert app.get_case(ref).version == before
    return error


@pytest.fixture
def ref(sqlite_app: Gongzhi) -> str:
    return full_case(sqlite_app)


# -- ids -------------------------------------------------------------------------------------


def test_every_entry_has_a_stable_id_the_same_on_every_replay(app: Gongzhi) -> None:
    ref = full_case(app)
    case = app.get_case(ref)
    assert list(case.entries) == IDS
    assert [s.id for s in case.statements] == ["T1", "T2"]
    assert [a.id for a in case.proposals["P1"].answers] == ["A1", "A2"]
    assert [(r.id, r.response_id) for r in case.referrals] == [("Q1", "D1"), ("Q2", None)]
    assert [e.id for e in case.escalations] == ["E1"]
    assert case.commitments["K2"].settlement_id == "F1"
    assert [n.id for n in case.note_entries] == ["N1"]
    again = app.get_case(ref)  # replayed from the stored events once more
    assert again.entries == case.entries and again == case
    document = case_document(case, date(2026, 11, 2))
    assert [s["id"] for s in document["statements"]] == ["T1", "T2"]
    assert [n["id"] for n in document["note_entries"]] == ["N1"]
    assert [e["id"] for e in document["escalations"]] == ["E1"]


def test_a_stored_correction_without_the_newer_parent_field_still_loads(
        sqlite_app: Gongzhi, ref: str) -> None:
    """Fields added to an event later have defaults: older stored events replay the same."""
    correct(sqlite_app, ref, "F1", note="部分履行")
    events = list(sqlite_app.events.get(ref))
    mapper = sqlite_app.mapper
    stored = mapper.to_stored_event(events[-1])
    state = mapper.transcoder.decode(stored.state)
    assert state.pop("parent") == "K2"
    older = mapper.to_domain_event(dataclasses.replace(stored,
                                                       state=mapper.transcoder.encode(state)))
    case: Any = None
    for event in [*events[:-1], older]:
        case = event.mutate(case)
    assert case == sqlite_app.get_case(ref)
    assert case.commitments["K2"].note == "部分履行"


def test_lookups_ignore_letter_case(sqlite_app: Gongzhi, ref: str) -> None:
    assert retract(sqlite_app, ref, " s1 ").entries["S1"].retraction is not None
    assert correct(sqlite_app, ref, "n1", text="已上门").notes == ["已上门"]


# -- retracting each kind ---------------------------------------------------------------------


def _party_gone(case: Case) -> None:
    assert [p.key for p in case.parties] == ["c1", "r1"]
    assert case.proposals["P1"].awaiting == ("c1", "r1")  # no longer waits for c2


RETRACTED: list[tuple[str, Callable[[Case], Any], Any]] = [
    ("T1", lambda c: [s.id for s in c.live_statements], ["T2"]),
    ("P2", lambda c: [p.id for p in c.live_proposals], ["P1"]),
    ("A2", lambda c: (c.proposals["P1"].status().value, [a.id for a in c.proposals["P1"].answers]),
     ("pending", ["A1"])),  # P1 was rejected by A2: pending again
    ("Q2", lambda c: c.referred_departments, ("ecology_environment",)),
    ("D1", lambda c: c.open_referral("ecology_environment") is not None, True),
    ("E1", lambda c: c.level, "grid"),
    ("S1", lambda c: c.live_spot_checks, []),
    ("K1", lambda c: [k.id for k in c.live_commitments], ["K2"]),
    ("F1", lambda c: c.commitments["K2"].status, "open"),
    ("N1", lambda c: c.notes, []),
]


def listed_ids(document: dict[str, Any]) -> set[str]:
    """Every id the sections of a `case show` document list (not the `retracted` list)."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in ("id", "response_id", "settlement_id") and isinstance(item, str):
                    found.add(item)
                elif key not in ("retracted", "corrections"):
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk({k: v for k, v in document.items() if k not in ("id", "retracted")})
    return found


@pytest.mark.parametrize(("entry", "read", "expected"), RETRACTED, ids=[r[0] for r in RETRACTED])
def test_a_retracted_entry_counts_no_more_and_stays_in_the_history(
        sqlite_app: Gongzhi, ref: str, entry: str, read: Callable[[Case], Any],
        expected: Any) -> None:
    before = sqlite_app.get_case(ref)
    assert read(before) != expected
    case = retract(sqlite_app, ref, entry, "录错案件")
    assert read(case) == expected
    assert read(sqlite_app.get_case(ref)) == expected
    marks = case.entries[entry]
    assert marks.retraction is not None and marks.retraction.reason == "录错案件"
    assert marks.retraction.actor == ACTOR
    _, events = sqlite_app.history(ref)
    assert len(events) == len(STEPS) + 2  # the opening, every step, the retraction
    document = case_document(case, date(2026, 11, 2))
    assert [(r["id"], r["reason"]) for r in document["retracted"]] == [(entry, "录错案件")]
    assert listed_ids(case_document(before, date(2026, 11, 2))) - listed_ids(document) == {entry}


def test_a_complainant_who_joined_can_be_retracted_once_nothing_names_them(
        sqlite_app: Gongzhi) -> None:
    ref = str(open_restaurant_case(sqlite_app).id)
    sqlite_app.record(ref, ACTOR, lambda c, s: c.join(PartySpec("李先生"), s))
    sqlite_app.record(ref, ACTOR, lambda c, s: c.propose("mediator", "22点后停业", s))
    sqlite_app.record(ref, ACTOR, lambda c, s: c.record_statement(
        "c2", StatementKind.DEMAND, "安静", s))
    error = refused(sqlite_app, ref, lambda c, s: c.retract("c2", "误录", s), "entry_in_use")
    assert "T1" in error.message("en")
    retract(sqlite_app, ref, "T1")
    _party_gone(retract(sqlite_app, ref, "C2"))
    # the proposal no longer waits for the retracted joiner
    case = sqlite_app.record(ref, ACTOR, lambda c, s: c.answer("P1", "c1", True, s)).aggregate
    case = sqlite_app.record(ref, ACTOR, lambda c, s: c.answer("P1", "r1", True, s)).aggregate
    assert case.proposals["P1"].status().value == "accepted"


def test_a_retracted_commitment_no_longer_blocks_closing(sqlite_app: Gongzhi, ref: str) -> None:
    sqlite_app.record(ref, ACTOR, lambda c, s: c.agree("22点后停业", s))

    def close(c: Case, s: Stamp) -> None:
        c.close(Outcome.RESOLVED, Satisfaction.SATISFIED, s)

    refused(sqlite_app, ref, close, "open_commitments")
    retract(sqlite_app, ref, "K1", "承诺人登记错误")
    assert sqlite_app.record(ref, ACTOR, close).aggregate.status == "closed"


def test_retracting_a_settlement_reopens_its_commitment_which_then_blocks_closing(
        sqlite_app: Gongzhi, ref: str) -> None:
    retract(sqlite_app, ref, "K1")
    case = retract(sqlite_app, ref, "F1", "并未履行")
    assert [c.id for c in case.open_commitments] == ["K2"]
    case = sqlite_app.record(ref, ACTOR, lambda c, s: c.settle_commitment("K2", False, s)).aggregate
    assert case.commitments["K2"].status == "breached"
    assert case.commitments["K2"].settlement_id == "F2"


def test_a_retracted_proposal_leaves_the_negotiation(sqlite_app: Gongzhi, ref: str) -> None:
    retract(sqlite_app, ref, "P2")
    refused(sqlite_app, ref, lambda c, s: c.answer("P2", "c1", True, s), "retracted_entry")
    refused(sqlite_app, ref, lambda c, s: c.propose("c1", "x", s, in_reply_to="P2"),
            "retracted_entry")
    # its answers went with it
    retract(sqlite_app, ref, "P1")
    refused(sqlite_app, ref, lambda c, s: c.retract("A1", "x", s), "already_retracted")


def test_a_retracted_response_reopens_the_referral(sqlite_app: Gongzhi, ref: str) -> None:
    retract(sqlite_app, ref, "D1", "答复录错")
    case = sqlite_app.record(ref, ACTOR, lambda c, s: c.record_response("环保", "未超标", s)).aggregate
    first = case.referrals[0]
    assert (first.id, first.response, first.response_id) == ("Q1", "未超标", "D2")


def test_a_retracted_referral_goes_only_unanswered_and_unused(sqlite_app: Gongzhi, ref: str) -> None:
    error = refused(sqlite_app, ref, lambda c, s: c.retract("Q1", "x", s), "answered_referral")
    assert "D1" in error.message("en")
    sqlite_app.record(ref, ACTOR, lambda c, s: c.commit("派出所", "夜间巡查", DUE, s))
    error = refused(sqlite_app, ref, lambda c, s: c.retract("Q2", "x", s), "entry_in_use")
    assert "K3" in error.message("zh")
    retract(sqlite_app, ref, "K3")
    case = retract(sqlite_app, ref, "Q2")
    refused(sqlite_app, ref, lambda c, s: c.commit("派出所", "x", DUE, s), "not_an_obligor")
    assert case.open_referral("police_station") is None


def test_only_the_latest_escalation_can_be_retracted(sqlite_app: Gongzhi, ref: str) -> None:
    sqlite_app.record(ref, ACTOR, lambda c, s: c.escalate(Level.SUBDISTRICT, "跨社区", s))
    error = refused(sqlite_app, ref, lambda c, s: c.retract("E1", "x", s), "not_latest_escalation")
    assert "E2" in error.message("en")
    assert retract(sqlite_app, ref, "E2").level == "community"
    assert retract(sqlite_app, ref, "E1").level == "grid"


# -- correcting each kind ---------------------------------------------------------------------

LATER_TO = datetime(2026, 10, 15, 22, 30, tzinfo=CST)
CORRECTIONS: list[tuple[str, dict[str, Any], Callable[[Case], Any], Any]] = [
    ("c2", {"name": "李建国", "party_kind": PartyKind.BUSINESS, "operator": "李建国"},
     lambda c: (str(c.complainants[1].name), c.complainants[1].kind,
                str(c.complainants[1].operator)),
     ("李建国", "business", "李建国")),
    ("T1", {"party": "老王饭店", "kind": StatementKind.STATEMENT, "text": "油烟直排"},
     lambda c: (c.statements[0].party, c.statements[0].kind, str(c.statements[0].text)),
     ("r1", "statement", "油烟直排")),
    ("A2", {"rejection_reason": "成本过高"}, lambda c: c.proposals["P1"].answers[1].reason,
     "成本过高"),
    ("Q1", {"question": "油烟浓度是否达标？"}, lambda c: c.referrals[0].question, "油烟浓度是否达标？"),
    ("D1", {"response": "浓度 2.1 mg/m³ 超标"}, lambda c: c.referrals[0].response,
     "浓度 2.1 mg/m³ 超标"),
    ("E1", {"escalation_reason": "涉及市场监管"}, lambda c: c.escalations[0].reason, "涉及市场监管"),
    ("S1", {"to": LATER_TO, "inspector": ["派出所", "网格员小周"], "findings": "58分贝",
            "passed": True, "rectified": False},
     lambda c: (c.spot_checks[0].ended_at, c.spot_checks[0].inspectors, c.spot_checks[0].findings,
                c.spot_checks[0].passed, c.spot_checks[0].rectified_on_spot),
     (LATER_TO, ("派出所", "网格员小周"), "58分贝", True, False)),
    ("K1", {"party": "c1", "duty": "配合验收", "due": date(2027, 1, 15)},
     lambda c: (c.commitments["K1"].party, c.commitments["K1"].duty, c.commitments["K1"].due),
     ("c1", "配合验收", date(2027, 1, 15))),
    ("F1", {"note": "已于11月1日停止"}, lambda c: c.commitments["K2"].note, "已于11月1日停止"),
    ("N1", {"text": "已上门走访"}, lambda c: c.notes, ["已上门走访"]),
]


@pytest.mark.parametrize(("entry", "changes", "read", "expected"), CORRECTIONS,
                         ids=[c[0] for c in CORRECTIONS])
def test_a_correction_replaces_fields_and_keeps_the_original(
        sqlite_app: Gongzhi, ref: str, entry: str, changes: dict[str, Any],
        read: Callable[[Case], Any], expected: Any) -> None:
    before = read(sqlite_app.get_case(ref))
    case = correct(sqlite_app, ref, entry, "登记有误", **changes)
    assert read(case) == expected != before
    assert read(sqlite_app.get_case(ref)) == expected  # and so it reloads
    (amendment,) = case.entries[entry].corrections
    assert amendment.reason == "登记有误" and amendment.actor == ACTOR
    assert set(amendment.previous) == set(amendment.changes)
    _, events = sqlite_app.history(ref)
    assert type(events[-1]).__name__ == "EntryCorrected"
    document = case_document(case, date(2026, 11, 2))
    assert entry in str(document)
    assert "登记有误" in str(document)


def test_a_proposal_is_corrected_only_while_unanswered(sqlite_app: Gongzhi, ref: str) -> None:
    error = refused(sqlite_app, ref, lambda c, s: c.correct("P1", "x", {"terms": "y"}, s),
                    "answered_proposal")
    assert "A1" in error.message("en")
    case = correct(sqlite_app, ref, "P2", terms="22:15后停止户外营业")
    assert case.proposals["P2"].terms == "22:15后停止户外营业"


def test_a_correction_is_checked_like_the_original_command(sqlite_app: Gongzhi, ref: str) -> None:
    def fix(entry: str, **changes: Any) -> Command:
        return lambda c, s: c.correct(entry, "更正", changes, s)

    refused(sqlite_app, ref, fix("K1", due=date(2026, 10, 1)), "due_before_made")
    refused(sqlite_app, ref, fix("K1", party="路人甲"), "unknown_obligor", InvalidInput)
    refused(sqlite_app, ref, fix("K1", party="市场监管局"), "not_an_obligor")
    refused(sqlite_app, ref, fix("S1", to=CHECK_FROM - timedelta(hours=1)), "window_order",
            InvalidInput)
    refused(sqlite_app, ref, fix("S1", passed=True), "rectified_but_passed")
    refused(sqlite_app, ref, fix("S1", to=datetime(2027, 1, 1, tzinfo=CST)), "in_future")
    refused(sqlite_app, ref, fix("S1", **{"from": datetime(2026, 10, 1, tzinfo=CST)}),
            "before_opening")
    refused(sqlite_app, ref, fix("S1", inspector=[" "]), "blank", InvalidInput)
    refused(sqlite_app, ref, fix("T1", party="路人甲"), "unknown_party", InvalidInput)
    refused(sqlite_app, ref, fix("T1", party="mediator"), "not_a_party")
    refused(sqlite_app, ref, fix("c2", name="张女士"), "duplicate_party")
    refused(sqlite_app, ref, fix("A1", rejection_reason="x"), "acceptance_has_no_reason")
    refused(sqlite_app, ref, fix("N1", text="   "), "blank", InvalidInput)


# -- what is refused -----------------------------------------------------------------------------


@pytest.mark.parametrize(("entry", "code", "hint"), [
    ("opening", "final_opening", "withdrawn"),
    ("受理", "final_opening", "withdrawn"),
    ("c1", "opening_party", "opened"),
    ("R1", "opening_party", "opened"),
    ("closure", "final_closure", "reopen"),
    ("结案", "final_closure", "reopen"),
    ("agreement", "final_agreement", "reopen"),
    ("failure", "final_failure", "reopen"),
    ("reopening", "final_reopening", "close"),
    ("mediator", "final_mediator", "assign"),
])
def test_what_cannot_be_undone_is_refused_with_the_alternative(
        sqlite_app: Gongzhi, ref: str, entry: str, code: str, hint: str) -> None:
    for command in (lambda c, s: c.retract(entry, "x", s),
                    lambda c, s: c.correct(entry, "x", {"text": "y"}, s)):
        error = refused(sqlite_app, ref, command, code)
        assert hint in error.message("en")


def test_refusals_name_what_to_do(sqlite_app: Gongzhi, ref: str) -> None:
    error = refused(sqlite_app, ref, lambda c, s: c.retract("X9", "x", s), "unknown_entry",
                    InvalidInput)
    assert all(i in error.message("en") for i in IDS)
    refused(sqlite_app, ref, lambda c, s: c.retract("S1", "  ", s), "blank", InvalidInput)
    retract(sqlite_app, ref, "S1")
    refused(sqlite_app, ref, lambda c, s: c.retract("S1", "x", s), "already_retracted")
    refused(sqlite_app, ref, lambda c, s: c.correct("S1", "x", {"findings": "y"}, s),
            "retracted_entry")
    error = refused(sqlite_app, ref, lambda c, s: c.retract("X9", "x", s), "unknown_entry",
                    InvalidInput)
    assert "S1" not in error.message("en")  # a retracted entry is no candidate
    error = refused(sqlite_app, ref, lambda c, s: c.correct("K1", "x", {}, s),
                    "nothing_to_correct", InvalidInput)
    assert "--due" in error.message("en")
    error = refused(sqlite_app, ref, lambda c, s: c.correct("K1", "x", {"text": "y"}, s),
                    "not_correctable", InvalidInput)
    assert "--text" in error.message("zh") and "--duty" in error.message("zh")
    refused(sqlite_app, ref, lambda c, s: c.correct("K1", "x", {"due": DUE}, s), "no_change",
            InvalidInput)
    refused(sqlite_app, ref, lambda c, s: c.correct("T1", "x", {"party": "张女士"}, s),
            "no_change", InvalidInput)


def test_a_closed_case_takes_corrections_of_notes_only(sqlite_app: Gongzhi, ref: str) -> None:
    retract(sqlite_app, ref, "K1")
    sqlite_app.record(ref, ACTOR, lambda c, s: c.agree("22点后停业", s))
    error = refused(sqlite_app, ref, lambda c, s: c.retract("P2", "x", s), "not_negotiating")
    assert "open" in error.message("en")
    sqlite_app.record(ref, ACTOR, lambda c, s: c.close(Outcome.RESOLVED, Satisfaction.SATISFIED, s))
    for command in (lambda c, s: c.retract("S1", "x", s),
                    lambda c, s: c.correct("T1", "x", {"text": "y"}, s)):
        error = refused(sqlite_app, ref, command, "closed_notes_only")
        assert "reopen" in error.message("en") and "备注" in error.message("zh")
    assert correct(sqlite_app, ref, "N1", text="结案后补记").notes == ["结案后补记"]
    assert retract(sqlite_app, ref, "N1").notes == []


def test_a_correction_before_the_opening_is_refused(sqlite_app: Gongzhi, ref: str) -> None:
    early = datetime(2026, 10, 1, 9, 0, tzinfo=CST)
    with pytest.raises(RuleViolation) as caught:
        sqlite_app.record(ref, ACTOR, lambda c, s: c.retract("N1", "x", s), at=early)
    assert caught.value.code == "before_opening"


# -- read models and the report -------------------------------------------------------------------


def test_read_models_and_report_present_the_corrected_state(app: Gongzhi,
                                                             store_config: Any) -> None:
    ref = full_case(app)
    with open_read_models(app, store_config) as models:
        models.catch_up()  # the rows before the corrections, then incrementally after them
        retract(app, ref, "K2")  # a settled commitment
        correct(app, ref, "K1", due=date(2027, 2, 1), duty="安装并验收净化器")
        retract(app, ref, "E1")
        retract(app, ref, "Q2")
        retract(app, ref, "S1")
        retract(app, ref, "D1")
        retract(app, ref, "Q1")
        retract(app, ref, "T1")
        retract(app, ref, "c2")
        models.catch_up()
        stored = sql_tables(models)
        # overdue by the due date recorded first, not by the corrected one
        rows = models.list_cases(CaseFilter(today=date(2027, 1, 15)))
    folded = folded_tables(app)
    assert stored == folded  # incremental SQL = the pure fold of the whole log
    commitments = {k[1]: row for k, row in folded["commitments"].items()}
    assert commitments["K2"]["status"] == "retracted"
    assert (commitments["K1"]["status"], commitments["K1"]["due"], commitments["K1"]["duty"]) == (
        "open", date(2027, 2, 1), "安装并验收净化器")
    (case_row,) = folded["cases"].values()
    assert (case_row["level"], case_row["departments"], case_row["complainant_count"],
            case_row["open_commitments"]) == ("grid", "", 1, 1)
    assert [(r["open_commitments"], r["overdue_commitments"]) for r in rows] == [(1, 0)]
    (fact,) = folded["case_facts"].values()
    assert (fact["max_level"], fact["escalations"]) == ("grid", 0)
    stats = [row for row in _stat_rows(app)]
    figures = summarize(stats)
    assert figures["escalated"] == 0 and figures["opened"] == 1


def test_retracting_a_settlement_puts_the_commitment_back_in_the_rows(sqlite_app: Gongzhi,
                                                                      ref: str) -> None:
    correct(sqlite_app, ref, "F1", note="部分履行")
    assert _commitment(sqlite_app, "K2")[("status", "note")] == ("fulfilled", "部分履行")
    retract(sqlite_app, ref, "F1")
    assert _commitment(sqlite_app, "K2")[("status", "note")] == ("open", None)
    correct(sqlite_app, ref, "K2", party="c1")
    assert _commitment(sqlite_app, "K2")[("party",)] == ("c1",)  # the key: no name in reports
    (case_row,) = folded_tables(sqlite_app)["cases"].values()
    assert case_row["open_commitments"] == 2


def test_a_retracted_escalation_leaves_the_report_of_its_day(sqlite_app: Gongzhi,
                                                            ref: str) -> None:
    assert summarize(_stat_rows(sqlite_app))["by"]["level"]["community"]["escalated"] == 1
    retract(sqlite_app, ref, "E1")
    figures = summarize(_stat_rows(sqlite_app))
    assert figures["escalated"] == 0
    assert figures["by"]["level"]["community"]["escalated"] == 0


def _commitment(app: Gongzhi, commitment_id: str) -> Any:
    rows = {k[1]: row for k, row in folded_tables(app)["commitments"].items()}
    row = rows[commitment_id]

    class Pick:
        def __getitem__(self, names: tuple[str, ...]) -> tuple[Any, ...]:
            return tuple(row[n] for n in names)

    return Pick()


def _stat_rows(app: Gongzhi) -> list[Any]:
    from adapters.event_feed import EventFeed
    from projections.case_stats import CaseStatRow, CaseStatsProjection

    events = [e for _, e in EventFeed(app).events()]
    return CaseStatsProjection(local_tz()).fold(events).rows(CaseStatRow)


# -- through the CLI --------------------------------------------------------------------------

CLI_STEPS = [
    ["join", "李先生", "--at", at(1)],
    ["statement", "--party", "c1", "--kind", "诉求", "22点后保持安静", "--at", at(1)],
    ["statement", "--party", "r1", "晚市是主要收入", "--at", at(1)],
    ["propose", "--by", "mediator", "22:00后停止户外营业", "--at", at(2)],
    ["accept", "P1", "--party", "c1", "--at", at(2)],
    ["reject", "P1", "--party", "r1", "--reason", "收入占七成", "--at", at(2)],
    ["propose", "--by", "r1", "--answers", "P1", "22:30后停止户外营业", "--at", at(2)],
    ["refer", "--ask", "生态环境局=油烟是否超标？", "--at", at(3)],
    ["respond", "生态环境局", "油烟浓度超标", "--at", at(4)],
    ["refer", "--ask", "派出所=噪音是否违规？", "--at", at(4)],
    ["escalate", "--to", "社区", "--reason", "涉及多个部门", "--at", at(5)],
    ["inspect", "--from", at(6, "20:00"), "--to", at(6, "22:00"), "--inspector", "派出所",
     "--findings", "62分贝", "--failed", "--rectified"],
    ["commit", "--party", "r1", "--duty", "安装油烟净化器", "--due", "+30", "--at", at(7)],
    ["commit", "--party", "r1", "--duty", "22点后不在户外营业", "--due", "+30", "--at", at(7)],
    ["fulfil", "K2", "--note", "已停止", "--at", at(8)],
    ["note", "已电话联系", "--at", at(8)],
]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "gongzhi.db")


@pytest.fixture
def cli_case(store: Store) -> Store:
    store.ok(*OPEN)
    for step in CLI_STEPS:
        store.ok("case", step[0], REF, *step[1:])
    assert [e["id"] for e in store.show()["retracted"]] == []
    return store


def test_every_entry_shows_its_id(cli_case: Store) -> None:
    text = cli_case.ok("case", "show", REF).stdout
    for parts in (("T1", "张女士", "22点后保持安静"), ("T2", "老王饭店"), ("P1", "调解员"),
                  ("A1", "张女士", "接受"), ("A2", "老王饭店", "拒绝", "收入占七成"),
                  ("P2", "→ P1"), ("Q1", "区生态环境局", "D1", "油烟浓度超标"), ("Q2", "派出所"),
                  ("E1", "网格 → 社区"), ("S1", "62分贝"), ("K1", "安装油烟净化器"),
                  ("K2", "F1", "已停止"), ("N1", "已电话联系"), ("c2 李先生",)):
        assert_line(text, *parts)
    document = cli_case.show()
    assert [s["id"] for s in document["statements"]] == ["T1", "T2"]
    assert [a["id"] for a in document["proposals"][0]["answers"]] == ["A1", "A2"]
    assert [(r["id"], r["response_id"]) for r in document["referrals"]] == [
        ("Q1", "D1"), ("Q2", None)]
    assert document["commitments"][1]["settlement_id"] == "F1"
    assert [n["id"] for n in document["note_entries"]] == ["N1"]


# An order in which each retraction is allowed (a response before its referral ...).
RETRACT_ORDER = ["T1", "A2", "D1", "Q1", "Q2", "E1", "S1", "F1", "K1", "K2", "N1", "P2", "C2"]


def test_retract_every_kind_from_the_cli(cli_case: Store) -> None:
    version = cli_case.version()
    for n, entry in enumerate(RETRACT_ORDER, 1):
        entry_id = entry if entry != "C2" else "c2"
        out = cli_case.ok("case", "retract", REF, entry.lower(), "--reason", f"录错{n}").stdout
        assert out == f"{REF} v{version + n} 已记录：撤销记录 {entry_id}\n"
        text = cli_case.ok("case", "show", REF).stdout
        listed, _, retracted = text.partition("已撤销：")
        assert not any(line.strip().startswith(f"{entry_id} ") for line in listed.splitlines())
        assert_line(retracted, entry_id, f"录错{n}", ACTOR)
    document = cli_case.show()
    assert {r["id"]: r["reason"] for r in document["retracted"]} == {
        (e if e != "C2" else "c2"): f"录错{n}" for n, e in enumerate(RETRACT_ORDER, 1)}
    assert document["statements"][0]["id"] == "T2"
    assert [p["id"] for p in document["proposals"]] == ["P1"]
    assert document["proposals"][0]["status"] == "pending"  # its rejection was retracted
    assert document["level"] == "grid" and document["commitments"] == []
    assert document["spot_checks"] == [] and document["notes"] == []
    assert [p["key"] for p in document["complainants"]] == ["c1"]
    english = cli_case.ok("case", "show", REF, lang="en").stdout
    assert_line(english, "S1", "spot check", "reason: 录错7")
    history = cli_case.ok("case", "history", REF).stdout
    assert_line(history, "撤销记录")
    assert_line(history, "撤销 S1（现场检查：62分贝），原因：录错7")
    assert_line(history, "62分贝")  # the original stays in the history
    events = cli_case.history()
    assert events[-1]["type"] == "EntryRetracted"
    assert events[-1]["data"]["entry"]["name"] == "李先生"
    json_out = cli_case.json("case", "retract", REF, "T2", "--reason", "重复")
    assert json_out["events"] == ["EntryRetracted"] and json_out["id"] == "T2"


CLI_CORRECTIONS = [
    ("c2", ["--name", "李建国"], ("c2 李建国",)),
    ("T1", ["--text", "23点后保持安静", "--kind", "陈述"], ("T1", "23点后保持安静", "（陈述）")),
    ("A2", ["--rejection-reason", "成本过高"], ("A2", "成本过高")),
    ("P2", ["--terms", "22:15后停止户外营业"], ("P2", "22:15后停止户外营业")),
    ("Q1", ["--question", "油烟浓度是否达标？"], ("Q1", "油烟浓度是否达标？")),
    ("D1", ["--response", "超标 2.1 倍"], ("D1", "超标 2.1 倍")),
    ("E1", ["--escalation-reason", "涉及市场监管"], ("E1", "涉及市场监管")),
    ("S1", ["--to", at(6, "22:30"), "--findings", "58分贝", "--passed", "--not-rectified"],
     ("S1", "–22:30", "58分贝", "[合格]")),
    ("K1", ["--due", "+40", "--duty", "安装并验收", "--party", "老王饭店"],
     ("K1", "安装并验收", f"期限 {day(47).isoformat()}")),
    ("F1", ["--note", "11月起停止"], ("K2", "11月起停止")),
    ("N1", ["--text", "已上门走访"], ("N1", "已上门走访")),
]


def test_correct_every_kind_from_the_cli(cli_case: Store) -> None:
    for n, (entry, options, shown) in enumerate(CLI_CORRECTIONS, 1):
        out = cli_case.ok("case", "correct", REF, entry, *options, "--reason", f"更正{n}").stdout
        assert out.endswith(f"已记录：更正记录 {entry}\n"), out
        text = cli_case.ok("case", "show", REF).stdout
        assert_line(text, *shown, f"〔更正：更正{n}〕")
    english = cli_case.ok("case", "show", REF, lang="en").stdout
    assert_line(english, "N1", "已上门走访", "[corrected: 更正11]")
    document = cli_case.show()
    assert document["note_entries"][0]["corrections"][0]["reason"] == "更正11"
    assert document["notes"] == ["已上门走访"]
    assert document["commitments"][0]["corrections"][0]["changes"]["due"] == day(47).isoformat()
    assert document["commitments"][1]["settlement_corrections"][0]["changes"] == {
        "note": "11月起停止"}
    assert document["referrals"][0]["response_corrections"][0]["previous"] == {
        "response": "油烟浓度超标"}
    assert document["spot_checks"][0]["passed"] is True
    assert document["retracted"] == []
    history = cli_case.ok("case", "history", REF).stdout
    assert_line(history, "更正 K1（承诺）", f"期限 {day(37).isoformat()} → {day(47).isoformat()}",
                "原因：更正9")
    assert_line(history, "安装油烟净化器")  # the original stays in the history


def test_cli_refusals_say_what_to_do(cli_case: Store) -> None:
    base = ["case", "retract", REF]
    cli_case.refused([*base, "X9", "--reason", "x"], 2, "entries: c2, T1", "现有记录：c2、T1")
    cli_case.refused([*base, "opening", "--reason", "x"], 1, "close it as withdrawn", "撤回")
    cli_case.refused([*base, "r1", "--reason", "x"], 1, "was named when case", "受理时登记")
    cli_case.refused([*base, "closure", "--reason", "x"], 1, "reopen", "重新启动")
    cli_case.refused([*base, "Q1", "--reason", "x"], 1, "retract the response first",
                     "请先撤销该答复")
    cli_case.ok(*base, "S1", "--reason", "录错")
    cli_case.refused([*base, "S1", "--reason", "x"], 1, "already retracted", "已撤销")
    fix = ["case", "correct", REF]
    cli_case.refused([*fix, "S1", "--findings", "y", "--reason", "x"], 1, "was retracted",
                     "已撤销")
    cli_case.refused([*fix, "K1", "--reason", "x"], 2, "say what to correct", "要更正的内容")
    cli_case.refused([*fix, "K1", "--text", "y", "--reason", "x"], 2, "cannot be corrected",
                     "不能更正 --text")
    cli_case.refused([*fix, "K1", "--duty", "安装油烟净化器", "--reason", "x"], 2,
                     "changes nothing", "未作改动")
    cli_case.refused([*fix, "K1", "--due", day(3).isoformat(), "--reason", "x"], 1,
                     "cannot precede", "不能早于")
    cli_case.refused([*fix, "K1", "--due", "明天", "--reason", "x"], 2, "is not a date",
                     "不是有效日期")
    cli_case.refused([*fix, "T1", "--party", "路人甲", "--reason", "x"], 2, "no party",
                     "没有当事人")
    cli_case.refused([*fix, "N1", "--text", "y", "--reason", " "], 2, "must not be empty",
                     "不能为空")
    assert_refused(cli_case.run(*fix, "N1", "--text", "y"), 2, "--reason")


def test_a_closed_case_takes_only_notes_from_the_cli(cli_case: Store) -> None:
    cli_case.ok("case", "retract", REF, "K1", "--reason", "误录")
    cli_case.ok("case", "agree", REF, "22点后停业", "--at", at(9))
    cli_case.ok("case", "close", REF, "--outcome", "调解成功", "--satisfaction", "满意",
                "--at", at(9))
    cli_case.refused(["case", "retract", REF, "S1", "--reason", "x"], 1,
                     "only notes can be retracted or corrected", "只能撤销或更正备注")
    cli_case.ok("case", "correct", REF, "N1", "--text", "结案后补记", "--reason", "补充")
    assert cli_case.show()["notes"] == ["结案后补记"]


def test_case_list_and_report_follow_corrections(cli_case: Store) -> None:
    (row,) = cli_case.json("case", "list")
    assert (row["open_commitments"], row["level"]) == (1, "community")
    figures = cli_case.json("report", "summary")
    assert figures["escalated"] == 1
    cli_case.ok("case", "retract", REF, "K1", "--reason", "误录")
    cli_case.ok("case", "retract", REF, "E1", "--reason", "误录")
    (row,) = cli_case.json("case", "list")
    assert (row["open_commitments"], row["level"]) == (0, "grid")
    assert cli_case.json("report", "summary")["escalated"] == 0
    cli_case.ok("case", "retract", REF, "F1", "--reason", "并未履行")
    (row,) = cli_case.json("case", "list")
    assert row["open_commitments"] == 1


@pytest.mark.parametrize("command", ["retract", "correct"])
def test_help_explains_with_an_example(store: Store, command: str) -> None:
    out = store.ok("case", command, "--help", lang="en").stdout
    assert "Example" in out and f"gongzhi case {command} C2026-000001" in out
    assert ("撤销" if command == "retract" else "更正") in out


def test_retracting_an_acceptance_makes_the_proposal_pending_again(sqlite_app: Gongzhi) -> None:
    ref = str(open_restaurant_case(sqlite_app).id)
    sqlite_app.record(ref, ACTOR, lambda c, s: c.propose("mediator", "22点后停业", s))
    sqlite_app.record(ref, ACTOR, lambda c, s: c.answer("P1", "c1", True, s))
    case = sqlite_app.record(ref, ACTOR, lambda c, s: c.answer("P1", "r1", True, s)).aggregate
    assert case.proposals["P1"].status().value == "accepted"
    case = retract(sqlite_app, ref, "A2", "老王饭店并未同意")
    assert case.proposals["P1"].status().value == "pending"
    # r1 may answer again, this time as it really did
    case = sqlite_app.record(ref, ACTOR, lambda c, s: c.answer("P1", "r1", False, s,
                                                                reason="收入")).aggregate
    assert case.proposals["P1"].status().value == "rejected"
    assert [a.id for a in case.proposals["P1"].answers] == ["A1", "A3"]


# -- the mechanism is not the Case's own ------------------------------------------------------


def test_another_aggregate_reuses_corrections_by_declaring_its_entry_kinds() -> None:
    from eventsourcing.domain import event

    from domain.aggregate import TextIdAggregate
    from domain.corrections import Correctable, EntryKind, FinalStep
    from domain.errors import Phrase

    class Meeting(TextIdAggregate, Correctable):
        ENTRY_KINDS = (EntryKind("minute", "M", Phrase("minute", "纪要"), ("text",)),)
        FINAL_STEPS = (FinalStep(("opening",), "final_opening"),)

        @event("Started")
        def __init__(self, ref: str) -> None:
            self.init_entries()
            self.minutes: dict[str, str] = {}

        def minute(self, text: str) -> None:
            self._minuted(text=text)

        @event("Minuted")
        def _minuted(self, text: str) -> None:
            self.minutes[self.add_entry("minute")] = text

        def retract(self, typed: str, reason: str) -> None:
            entry_id, _ = self.find_entry(typed)
            self.require_live(entry_id)
            self._retracted(entry_id=entry_id, reason=reason)

        @event("Retracted")
        def _retracted(self, entry_id: str, reason: str) -> None:
            self.mark_retracted(entry_id, reason, "a", datetime(2026, 11, 1, tzinfo=CST), {})

    meeting = Meeting(ref="M2026-000001")
    meeting.minute("双方到场")
    meeting.minute("同意试行")
    meeting.retract("m1", "记错会议")
    assert meeting.live_entries() == ["M2"]
    with pytest.raises(RuleViolation) as caught:
        meeting.retract("M1", "x")
    assert caught.value.code == "already_retracted"
    with pytest.raises(InvalidInput) as unknown:
        meeting.retract("M9", "x")
    assert "M2" in unknown.value.message("en") and "M1" not in unknown.value.message("en")
    with pytest.raises(RuleViolation) as final:
        meeting.retract("opening", "x")
    assert final.value.code == "final_opening"
    replayed: Any = None
    for e in meeting.collect_events():
        replayed = e.mutate(replayed)
    assert replayed.entries == meeting.entries
