"""The use cases of building conventions, by name (the service layer).

Most take the convention as it stands and a stamp, like adapters/case_use_cases.py,
and are run through `app.record(ref, actor, ...)`. Two work over several
aggregates in one unit of work, saved in one transaction:

* `draft` checks the cases it comes from exist and takes the next number of the year;
* `breach` records a breached check and opens a new case against the bound party
  (or reopens the case the convention came from) together: both or neither.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from adapters.clock import local_tz
from adapters.unit_of_work import Recorded, UnitOfWork
from domain.case import Case
from domain.convention import UNSET, Convention
from domain.convention_kind import convention_ref, convention_year_prefix
from domain.convention_vocabulary import (
    BoundKind,
    CheckResult,
    ConventionStatus,
    Frequency,
    SignMethod,
)
from domain.errors import RuleViolation
from domain.refs import case_ref, year_prefix
from domain.values import Location, PartySpec, Stamp, TimeWindow
from domain.vocabulary import Category, Channel, PartyKind

if TYPE_CHECKING:
    from adapters.app import Gongzhi


def draft(app: Gongzhi, stamp: Stamp, *, source_cases: Sequence[str], community: str | None = None,
          grid: str | None = None, building: str | None = None,
          title: str | None = None) -> Recorded[str]:
    """Draft a convention; the place defaults to the first source case's location."""
    year = stamp.occurred_at.astimezone(local_tz()).year

    def work(unit: UnitOfWork) -> str:
        # Each must exist (NotFound otherwise); read, not touched: the convention is the unit's own.
        cases = [unit.app.get_case(ref) for ref in source_cases]
        where = cases[0].location if cases else None
        place = (community or (where.community if where else ""),
                 building or (where.building if where else ""))
        for ref in live_conventions(unit.app).get(place, []):
            raise RuleViolation("conv_building_has_convention", building=place[1], value=ref,
                                status=ConventionStatus(unit.app.get(ref).status))
        conv = unit.create_numbered(convention_year_prefix(year), lambda n: Convention.draft_for(
            convention_ref(year, n), place[0], grid or (where.grid if where else ""), place[1],
            [c.id for c in cases], unit.restamp(stamp), title))
        return str(conv.id)

    return app.run(work)


def live_conventions(app: Gongzhi) -> dict[tuple[str, str], list[str]]:
    """(community, building) -> conventions not repealed, from the log's Drafted and Repealed events.

    One convention per building: later agreements are its new versions. Read from
    the log (drafting is rare), so two drafts for one building at the very same
    moment could both pass; the board would then show both.
    """
    from eventsourcing.utils import get_topic

    from adapters.event_feed import EventFeed
    from domain.convention import ConventionEvents

    topics = [get_topic(ConventionEvents.Drafted), get_topic(ConventionEvents.Repealed)]
    places: dict[str, tuple[str, str]] = {}
    for _, event in EventFeed(app).events(topics=topics):
        if type(event).__name__ == "Drafted":
            places[event.originator_id] = (event.community, event.building)
        else:
            places.pop(event.originator_id, None)
    out: dict[tuple[str, str], list[str]] = {}
    for ref, place in places.items():
        out.setdefault(place, []).append(ref)
    return out


def propose_clause(conv: Convention, stamp: Stamp, *, party_kind: BoundKind, party: str, duty: str,
                   window: TimeWindow | None = None, deadline: date | None = None,
                   check_method: str | None = None, frequency: Frequency | None = None) -> str:
    return conv.propose_clause(party_kind, party, duty, stamp, window, deadline, check_method,
                               frequency)


def amend_clause(conv: Convention, stamp: Stamp, *, clause: str, **changes: Any) -> None:
    conv.amend_clause(clause, stamp, **{k: (UNSET if v is None else v) for k, v in changes.items()})


def withdraw_clause(conv: Convention, stamp: Stamp, *, clause: str, reason: str) -> None:
    conv.withdraw_clause(clause, reason, stamp)


def sign(conv: Convention, stamp: Stamp, *, party: str, signatory: str,
         method: SignMethod) -> str:
    return conv.sign(party, signatory, method, stamp)


def decline(conv: Convention, stamp: Stamp, *, party: str, signatory: str, reason: str) -> str:
    return conv.decline(party, signatory, reason, stamp)


def adopt(conv: Convention, stamp: Stamp, *, override_reason: str | None = None) -> None:
    conv.adopt(stamp, override_reason)


def publish(conv: Convention, stamp: Stamp, *, where: str, from_day: date | None = None) -> None:
    conv.publish(where, from_day or stamp.occurred_at.astimezone(local_tz()).date(), stamp)


def amend(conv: Convention, stamp: Stamp, *, reason: str) -> str:
    return f"v{conv.amend(reason, stamp)}"


def check(conv: Convention, stamp: Stamp, *, clause: str, result: CheckResult,
          checked_at: datetime | None, checker: str, evidence: str) -> str:
    return conv.record_check(clause, result, checked_at or stamp.occurred_at, checker, evidence,
                             stamp)


def remedy(conv: Convention, stamp: Stamp, *, check_id: str, note: str) -> None:
    conv.remedy(check_id, note, stamp)


def suspend(conv: Convention, stamp: Stamp, *, reason: str) -> None:
    conv.suspend(reason, stamp)


def repeal(conv: Convention, stamp: Stamp, *, reason: str) -> None:
    conv.repeal(reason, stamp)


def breach(app: Gongzhi, stamp: Stamp, conv_ref: str, *, clause: str, checker: str,
           evidence: str, summary: str, checked_at: datetime | None = None,
           reopen: str | None = None, categories: Sequence[Category] = (Category.OTHER,),
           complainants: Sequence[PartySpec] = (), channel: Channel = Channel.GRID_WORKER,
           ) -> Recorded[str]:
    """Record a breach and open a case against the bound party (or reopen `reopen`), atomically.

    `summary` is the new case's summary or the reopened case's reason. The case
    records the clause it enforces; the check records the case. Returns the check id.
    """

    def work(unit: UnitOfWork) -> str:
        conv: Convention = unit.get(conv_ref)
        s = unit.restamp(stamp)
        when = checked_at or s.occurred_at
        bound = conv.checkable_clause(clause, when, s)  # the convention's rules first
        if reopen is not None:
            if reopen not in conv.source_cases:
                raise RuleViolation("conv_not_source_case", value=reopen, ref=conv.id,
                                    choices=list(conv.source_cases))
            case = unit.get(reopen)
            case.reopen(summary, s)
        else:
            year = s.occurred_at.astimezone(local_tz()).year
            kind = PartyKind.PERSON if bound.party_kind == BoundKind.RESIDENTS else PartyKind.BUSINESS
            case = unit.create_numbered(year_prefix(year), lambda n: Case.open(
                ref=case_ref(year, n), channel=channel, categories=list(categories),
                location=Location(conv.community, conv.grid, conv.building),
                complainants=list(complainants) or [PartySpec(checker)],
                respondents=[PartySpec(bound.party, kind.value)], summary=summary, stamp=s,
                enforces=conv.clause_ref(bound.id)))
        return conv.record_check(bound.id, CheckResult.BREACHED, when, checker, evidence, s,
                                 case_ref=case.id, case_reopened=reopen is not None)

    return app.run(work, conflict_ref=conv_ref)
