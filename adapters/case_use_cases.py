"""The mediator's use cases on a complaint case, by name (the service layer).

Each takes the case as it stands now and a stamp (who, when), and calls the
case's command; the application runs it in a unit of work and, after a conflict
with another writer, runs it again on the fresh case. The CLI, the demo and
scripts call these rather than the aggregate, so every entry point records the
same step the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from adapters.clock import local_tz
from adapters.unit_of_work import Recorded
from domain.case import Case
from domain.refs import case_ref, year_prefix
from domain.values import PartySpec, ReferralRequest, Stamp
from domain.vocabulary import Level, Outcome, Satisfaction, StatementKind

if TYPE_CHECKING:
    from adapters.app import Gongzhi

# A due date, or a rule that gives it from the day the commitment is made ("+30 days").
Due = date | Callable[[date], date]


def open_case(app: Gongzhi, stamp: Stamp, **fields: Any) -> Recorded[str]:
    """Open a case under the next free number of its year (the year it was raised)."""
    year = stamp.occurred_at.astimezone(local_tz()).year

    def build(unit: Any) -> str:
        case = unit.create_numbered(year_prefix(year), lambda number: Case.open(
            ref=case_ref(year, number), stamp=unit.restamp(stamp), **fields))
        return str(case.id)

    return app.run(build)


def join(case: Case, stamp: Stamp, *, complainant: PartySpec) -> str:
    return case.join(complainant, stamp).key


def record_consent(case: Case, stamp: Stamp, *, party: str, named: bool, reason: str) -> str:
    return case.record_consent(party, named, reason, stamp)


def assign(case: Case, stamp: Stamp, *, mediator: str, reason: str | None = None) -> None:
    case.assign(mediator, stamp, reason)


def record_statement(case: Case, stamp: Stamp, *, party: str, kind: StatementKind,
                     text: str) -> None:
    case.record_statement(party, kind, text, stamp)


def propose(case: Case, stamp: Stamp, *, by: str, terms: str,
            answers: str | None = None) -> str:
    return case.propose(by, terms, stamp, in_reply_to=answers)


def accept(case: Case, stamp: Stamp, *, proposal: str, party: str) -> None:
    case.answer(proposal, party, True, stamp)


def reject(case: Case, stamp: Stamp, *, proposal: str, party: str, reason: str) -> None:
    case.answer(proposal, party, False, stamp, reason=reason)


def refer(case: Case, stamp: Stamp, *, asks: Sequence[ReferralRequest]) -> str:
    return ",".join(case.refer(list(asks), stamp))


def respond(case: Case, stamp: Stamp, *, department: str, response: str) -> None:
    case.record_response(department, response, stamp)


def escalate(case: Case, stamp: Stamp, *, to_level: Level, reason: str) -> None:
    case.escalate(to_level, reason, stamp)


def spot_check(case: Case, stamp: Stamp, *, started_at: datetime, ended_at: datetime,
               inspectors: Sequence[str], findings: str, passed: bool,
               rectified_on_spot: bool = False) -> str:
    return case.record_spot_check(started_at, ended_at, list(inspectors), findings, passed,
                                  rectified_on_spot, stamp)


def commit(case: Case, stamp: Stamp, *, party: str, duty: str, due: Due) -> str:
    # "+N days" counts from the day the commitment is made, as the case's own rule does
    day = due if isinstance(due, date) else due(stamp.occurred_at.date())
    return case.commit(party, duty, day, stamp)


def fulfil(case: Case, stamp: Stamp, *, commitment: str, note: str | None = None) -> None:
    case.settle_commitment(commitment, True, stamp, note)


def breach(case: Case, stamp: Stamp, *, commitment: str, note: str | None = None) -> None:
    case.settle_commitment(commitment, False, stamp, note)


def agree(case: Case, stamp: Stamp, *, terms: str | None = None,
          from_proposal: str | None = None) -> None:
    """Agreement with its terms typed, or on the terms of a proposal everyone accepted."""
    if from_proposal is not None:
        case.agree_to(from_proposal, stamp)
    else:
        case.agree(terms or "", stamp)


def fail(case: Case, stamp: Stamp, *, reason: str) -> None:
    case.fail(reason, stamp)


def close(case: Case, stamp: Stamp, *, outcome: Outcome, satisfaction: Satisfaction,
          follow_up: str | None = None) -> None:
    case.close(outcome, satisfaction, stamp, follow_up)


def reopen(case: Case, stamp: Stamp, *, reason: str) -> None:
    case.reopen(reason, stamp)


def add_note(case: Case, stamp: Stamp, *, text: str) -> None:
    case.add_note(text, stamp)


def retract(case: Case, stamp: Stamp, *, entry: str, reason: str) -> str:
    """Withdraw an entry recorded in error (撤销); the original stays in the history."""
    return str(case.retract(entry, reason, stamp))


def correct(case: Case, stamp: Stamp, *, entry: str, reason: str, changes: dict[str, Any],
            due: Due | None = None) -> str:
    """Replace fields of an entry (更正); "+N days" counts from the day the commitment was made."""
    if due is not None and not isinstance(due, date):
        made = case.commitments.get(entry.strip().upper())
        due = due(made.made_at.date() if made else stamp.occurred_at.date())
    return str(case.correct(entry, reason, {**changes, "due": due}, stamp))
