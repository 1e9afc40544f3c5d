"""Value objects: immutable, validated for shape on construction.

Validators check shape only (non-empty, well-formed times); business rules
("a commitment is due after it is made") live in the aggregate.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import attrs

from domain.errors import InvalidInput, RuleViolation
from domain.personal import PersonalData, personal
from domain.vocabulary import PartyKind, Role

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

SHORT_TEXT = 200
LONG_TEXT = 4000
# Clocks of different machines disagree a little; an event "a minute in the
# future" is still plausibly now.
CLOCK_SKEW = timedelta(minutes=5)


def strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def strip_or_none(value: Any) -> Any:
    value = strip(value)
    return value or None


# Single-line fields (names, codes, the actor) refuse every control character:
# a newline there forges an extra line in a history, an escape sequence
# recolours or rewrites the terminal. Multi-line text keeps newlines and tabs;
# it is shown escaped on the terminal. Lone surrogates are bytes that were not
# UTF-8 on the command line and cannot be stored.
_CONTROL_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_NOT_UTF8 = re.compile("[\ud800-\udfff]")


def check_characters(field: str, value: str, *, multiline: bool) -> None:
    if _NOT_UTF8.search(value):
        raise InvalidInput("not_utf8", field=field)
    if not multiline:
        found = _CONTROL_LINE.search(value)
        if found:
            raise InvalidInput("control_character", field=field, char=f"U+{ord(found.group()):04X}")


def non_blank(field: str, limit: int = SHORT_TEXT) -> Validator:
    """Required text; up to SHORT_TEXT characters it is a single line."""

    def check(_instance: Any, _attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, str) or not value.strip():
            raise InvalidInput("blank", field=field)
        if len(value) > limit:
            raise InvalidInput("too_long", field=field, limit=limit)
        check_characters(field, value, multiline=limit > SHORT_TEXT)

    return check


def optional_line(field: str) -> Validator:
    def check(_instance: Any, _attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and not isinstance(value, PersonalData):  # checked when typed
            non_blank(field)(None, None, value)  # type: ignore[arg-type]

    return check


def text(field: str, value: str, limit: int = LONG_TEXT) -> str:
    """Check free text typed by a user and return it stripped."""
    non_blank(field, limit)(None, None, value)  # type: ignore[arg-type]
    return value.strip()


def line(field: str, value: str, limit: int = SHORT_TEXT) -> str:
    """Check a single-line value (a name, the actor) and return it stripped."""
    return text(field, value, min(limit, SHORT_TEXT))


def not_in_future(field: str, moment: datetime, recorded_at: datetime) -> None:
    """A step cannot have happened after it was recorded (give or take clock skew)."""
    if moment > recorded_at + CLOCK_SKEW:
        raise RuleViolation(
            "in_future", field=field, value=moment.isoformat(timespec="minutes"),
            recorded_at=recorded_at.astimezone(moment.tzinfo).isoformat(timespec="minutes"))


def aware_time(field: str, value: datetime) -> datetime:
    """Check a time typed by a user carries its zone (naive times are ambiguous)."""
    aware(field)(None, None, value)  # type: ignore[arg-type]
    return value


def aware(field: str) -> Validator:
    def check(_instance: Any, _attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise InvalidInput("naive_time", field=field)

    return check


@attrs.frozen
class Stamp:
    """Who recorded a step, when it happened (business time) and when it was recorded."""

    actor: str = attrs.field(converter=strip, validator=non_blank("actor"))
    occurred_at: datetime = attrs.field(validator=aware("occurred_at"))
    recorded_at: datetime = attrs.field(validator=aware("recorded_at"))

    def __attrs_post_init__(self) -> None:
        if self.occurred_at > self.recorded_at + CLOCK_SKEW:
            zone = self.occurred_at.tzinfo  # show both times in the zone the user typed
            raise RuleViolation(
                "occurred_in_future",
                occurred_at=self.occurred_at.isoformat(timespec="minutes"),
                recorded_at=self.recorded_at.astimezone(zone).isoformat(timespec="minutes"),
            )

    def event_fields(self) -> dict[str, Any]:
        """The fields every event carries; `timestamp` is eventsourcing's recorded time."""
        return {"actor": self.actor, "occurred_at": self.occurred_at, "timestamp": self.recorded_at}


_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def clock_time(field: str) -> Validator:
    def check(_instance: Any, _attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, str) or not _CLOCK.match(value):
            raise InvalidInput("bad_clock_time", field=field, value=value)

    return check


@attrs.frozen
class TimeWindow:
    """A daily time window such as 22:00–02:00; it may cross midnight."""

    start: str = attrs.field(converter=strip, validator=clock_time("window start"))
    end: str = attrs.field(converter=strip, validator=clock_time("window end"))

    def __str__(self) -> str:
        return f"{self.start}–{self.end}"

    @classmethod
    def parse(cls, value: str) -> TimeWindow:
        """Accept '22:00-02:00', '22:00–02:00', '22:00~02:00' or '22:00 至 02:00'."""
        parts = re.split(r"\s*(?:-|–|—|~|～|至|到|to)\s*", value.strip(), maxsplit=1)
        if len(parts) != 2:
            raise InvalidInput("bad_clock_time", field="time window", value=value)
        return cls(_pad(parts[0]), _pad(parts[1]))


def _pad(clock: str) -> str:
    clock = clock.strip().replace("：", ":")
    return "0" + clock if re.match(r"^\d:\d\d$", clock) else clock


@attrs.frozen
class Location:
    community: str = attrs.field(converter=strip, validator=non_blank("community"))
    grid: str = attrs.field(converter=strip, validator=non_blank("grid"))
    building: str = attrs.field(converter=strip, validator=non_blank("building"))
    # The room is personal data (sealed under "<case>/location" once the case has a ref).
    unit: PersonalData | str | None = attrs.field(default=None, converter=strip_or_none,
                                                  validator=optional_line("unit"))

    def __str__(self) -> str:
        parts = [self.community, self.grid, self.building, self.unit]
        return " / ".join(str(p) for p in parts if p)

    def sealed(self, ref: str) -> Location:
        """The room as the case's personal data (a plain room is from an older event)."""
        if isinstance(self.unit, str):
            return attrs.evolve(self, unit=personal(f"{ref}/location", self.unit))
        return self


def _party_kind(value: str) -> str:
    return PartyKind(value).value


@attrs.frozen
class PartySpec:
    """A party as typed at intake, before the case gives it a key."""

    name: str = attrs.field(converter=strip, validator=non_blank("party name"))
    kind: str = attrs.field(default=PartyKind.PERSON.value, converter=_party_kind)
    operator: str | None = attrs.field(default=None, converter=strip_or_none,
                                       validator=optional_line("operator"))
    # A complainant who consents to be named to the other side; by default (False) a
    # complainant is confidential (保密) and masked in everything shared (docs/privacy.md).
    named: bool = False


@attrs.frozen
class Party:
    """A complainant or respondent; `key` (c1, r1, ...) is how commands refer to it."""

    key: str
    role: str
    kind: str
    name: PersonalData  # sealed under the party's subject, "<case>/<key>"
    operator: PersonalData | None = None  # the same subject: erased with the party
    named: bool = False  # complainants only; events recorded before it load as confidential

    @classmethod
    def from_spec(cls, ref: str, key: str, role: Role, spec: PartySpec) -> Party:
        subject = party_subject(ref, key)
        return cls(key=key, role=role.value, kind=spec.kind, name=personal(subject, spec.name),
                   operator=personal(subject, spec.operator) if spec.operator else None,
                   named=spec.named and role == Role.COMPLAINANT)

    @property
    def subject(self) -> str:
        return self.name.subject

    def sealed(self, ref: str) -> Party:
        """The party with its name as personal data (older events stored plain text)."""
        subject = party_subject(ref, self.key)
        name, operator = self.name, self.operator
        if not isinstance(name, PersonalData):
            name = personal(subject, str(name))
        if operator is not None and not isinstance(operator, PersonalData):
            operator = personal(subject, str(operator))
        if name is self.name and operator is self.operator:
            return self
        return attrs.evolve(self, name=name, operator=operator)


def party_subject(ref: str, key: str) -> str:
    """The data subject of a case party: "C2026-000001/c1"."""
    return f"{ref}/{key}"


@attrs.frozen
class ReferralRequest:
    """One department and the question put to it."""

    department: str = attrs.field(converter=strip, validator=non_blank("department"))
    question: str = attrs.field(converter=strip, validator=non_blank("question", LONG_TEXT))
