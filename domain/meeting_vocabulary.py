"""The joint meeting's words: its status, its action items' status, and the bodies it invites.

A body invited to a joint meeting is a department (domain.departments: market
regulation, the police station, the sub-district office, the community
residents' committee, ...) or a group of representatives (residents, businesses,
party members), who are not departments and so are defined here. Both are stored
as their code; `find_body` accepts a code, a name or an alias of either.
"""

from __future__ import annotations

from domain.departments import department_or_code, find_department
from domain.errors import DomainError, InvalidInput
from domain.terms import Term, define_terms, label
from domain.text import Bilingual


class MeetingStatus(Term):
    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"


class ActionStatus(Term):
    """An action item's recorded status; "overdue" is judged when it is read, never stored."""

    OPEN = "open"
    DONE = "done"
    MISSED = "missed"


class Representatives(Term):
    """Representatives invited as a body (代表): people, not a department."""

    RESIDENTS = "resident_reps"
    BUSINESSES = "business_reps"
    PARTY_MEMBERS = "party_member_reps"


define_terms(MeetingStatus, Bilingual("会议状态", "meeting status"), {
    "scheduled": ("待召开", "scheduled", "已召集"),
    "held": ("已召开", "held"),
    "cancelled": ("已取消", "cancelled", "取消"),
})

define_terms(ActionStatus, Bilingual("事项状态", "action status"), {
    "open": ("待办", "open"),
    "done": ("已完成", "done", "完成"),
    "missed": ("未完成", "missed", "逾期未办"),
})

define_terms(Representatives, Bilingual("代表", "representatives"), {
    "resident_reps": ("居民代表", "resident representatives", "居民", "residents"),
    "business_reps": ("商户代表", "business representatives", "商户", "businesses"),
    "party_member_reps": ("党员代表", "party-member representatives", "党员", "party members"),
})

OVERDUE = Bilingual("已逾期", "overdue")


def find_body(text: str) -> str:
    """The code of the department or representatives named by `text`."""
    try:
        return find_department(text).code
    except DomainError:
        pass
    wanted = text.strip().casefold()
    for term in Representatives:
        if wanted in (term.value, term.label("zh").casefold(), term.label("en").casefold(),
                      *(a.casefold() for a in _aliases(term))):
            return term.value
    raise InvalidInput("unknown_body", value=text)


def _aliases(term: Representatives) -> tuple[str, ...]:
    from domain.terms import LABELS

    return LABELS[Representatives][term.value][2:]


def body_label(code: str, lang: str = "zh") -> str:
    """A body's name in the reader's language (codes no longer known show as they are)."""
    if code in {t.value for t in Representatives}:
        return label(Representatives, code, lang)
    dept = department_or_code(code)
    return code if isinstance(dept, str) else dept.label(lang)


def is_representatives(code: str) -> bool:
    return code in {t.value for t in Representatives}


class BodyName:
    """A body code that shows as its name in messages (domain.errors renders `.label`)."""

    def __init__(self, code: str) -> None:
        self.code = code

    def label(self, lang: str = "zh") -> str:
        return body_label(self.code, lang)
