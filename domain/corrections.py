"""Corrections (更正) and retractions (撤销) of recorded entries, for any aggregate.

An entry is something an aggregate lists (a statement, a spot check, a note ...);
each has a stable id made of its kind's prefix and a running number (T1, S2).
Nothing is ever deleted: a retraction or a correction is a new event that names
the entry, gives a reason, and is stamped like any other step, so the original
stays in the history and the aggregate's state shows the corrected entry.

An aggregate reuses this by

* declaring its entry kinds (`EntryKind`: prefix, label, correctable fields) and
  the words for steps that cannot be undone (`FINAL_STEPS`: the opening ...);
* mixing in `Correctable`, calling `init_entries()` when created and
  `add_entry()` from the apply code of every event that records an entry (ids
  are counted there, so old events without an id field get the same ids on
  every replay);
* checking its own rules, then recording two events of its own whose apply code
  calls `mark_retracted` / `mark_corrected` and undoes or changes the entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, ClassVar

import attrs

from domain.errors import InvalidInput, Phrase, RuleViolation


@attrs.frozen
class EntryKind:
    name: str  # stored in events: "statement", "spot_check"
    prefix: str  # of its ids: T -> T1, T2
    label: Phrase
    fields: tuple[str, ...]  # what a correction may replace (as typed: text, due, ...)


@attrs.frozen
class Retraction:
    reason: str
    actor: str
    occurred_at: datetime
    entry: dict[str, Any]  # the entry as it stood when it was withdrawn


@attrs.frozen
class Amendment:
    reason: str
    actor: str
    occurred_at: datetime
    changes: dict[str, Any]
    previous: dict[str, Any]


@attrs.frozen
class EntryMarks:
    """What happened to one entry after it was recorded."""

    kind: str
    retraction: Retraction | None = None
    corrections: tuple[Amendment, ...] = ()


@attrs.frozen
class FinalStep:
    """A step that is no entry to correct; the refusal says what to do instead."""

    words: tuple[str, ...]  # what users may type for it: "opening", "受理"
    code: str  # the refusal's message code


class Correctable:
    """Mixin: entries with stable ids that can be retracted or corrected."""

    ENTRY_KINDS: ClassVar[tuple[EntryKind, ...]] = ()
    FINAL_STEPS: ClassVar[tuple[FinalStep, ...]] = ()
    entries: dict[str, EntryMarks]  # entry id -> marks, in the order recorded
    entry_counts: dict[str, int]  # prefix -> entries numbered so far

    # -- apply code ---------------------------------------------------------
    def init_entries(self) -> None:
        self.entries = {}
        self.entry_counts = {}

    def add_entry(self, kind: str, entry_id: str | None = None) -> str:
        """Register an entry (under its stored id, or the next of its kind) and return its id."""
        prefix = self.entry_kind(kind).prefix
        self.entry_counts[prefix] = self.entry_counts.get(prefix, 0) + 1
        entry_id = entry_id or f"{prefix}{self.entry_counts[prefix]}"
        self.entries[entry_id] = EntryMarks(kind)
        return entry_id

    def mark_retracted(self, entry_id: str, reason: str, actor: str, occurred_at: datetime,
                       entry: dict[str, Any]) -> None:
        marks = self.entries[entry_id]
        self.entries[entry_id] = attrs.evolve(
            marks, retraction=Retraction(reason, actor, occurred_at, entry))

    def mark_corrected(self, entry_id: str, reason: str, actor: str, occurred_at: datetime,
                       changes: dict[str, Any], previous: dict[str, Any]) -> None:
        marks = self.entries[entry_id]
        amendment = Amendment(reason, actor, occurred_at, dict(changes), dict(previous))
        self.entries[entry_id] = attrs.evolve(marks, corrections=(*marks.corrections, amendment))

    # -- queries ------------------------------------------------------------
    def entry_owner(self) -> str:
        """The reference of the aggregate, for messages."""
        return str(self.id)  # type: ignore[attr-defined]

    @classmethod
    def entry_kind(cls, name: str) -> EntryKind:
        return next(k for k in cls.ENTRY_KINDS if k.name == name)

    def is_live(self, entry_id: str | None) -> bool:
        marks = self.entries.get(entry_id or "")
        return marks is not None and marks.retraction is None

    def live_entries(self, kind: str | None = None) -> list[str]:
        return [i for i, m in self.entries.items()
                if m.retraction is None and (kind is None or m.kind == kind)]

    def find_entry(self, typed: str) -> tuple[str, EntryKind]:
        """The entry named by `typed` (any letter case), or a refusal naming the candidates."""
        wanted = typed.strip().casefold()
        for step in self.FINAL_STEPS:
            if wanted in (w.casefold() for w in step.words):
                raise RuleViolation(step.code, ref=self.entry_owner())
        for entry_id, marks in self.entries.items():
            if entry_id.casefold() == wanted:
                return entry_id, self.entry_kind(marks.kind)
        raise InvalidInput("unknown_entry", ref=self.entry_owner(), value=typed,
                           choices=self.live_entries())

    # -- checks every aggregate shares ----------------------------------------
    def require_live(self, entry_id: str, correcting: bool = False) -> None:
        if not self.is_live(entry_id):
            raise RuleViolation("retracted_entry" if correcting else "already_retracted",
                                value=entry_id, ref=self.entry_owner())

    def requested_fields(self, entry_id: str, kind: EntryKind,
                         changes: Mapping[str, Any]) -> list[str]:
        """The fields a correction gives (None: not given), each one the kind can correct."""
        allowed = [option(f) for f in kind.fields]
        given = [name for name, value in changes.items() if value is not None]
        if not given:
            raise InvalidInput("nothing_to_correct", value=entry_id, kind=kind.label,
                               fields=allowed)
        for name in given:
            if name not in kind.fields:
                raise InvalidInput("not_correctable", value=entry_id, kind=kind.label,
                                   option=option(name), fields=allowed)
        return given


def option(field: str) -> str:
    """A correctable field as users type it: party_kind -> --party-kind."""
    return "--" + field.replace("_", "-")


def changed(current: Mapping[str, Any], wanted: Mapping[str, Any]) -> tuple[dict[str, Any],
                                                                              dict[str, Any]]:
    """The fields of `wanted` that differ from `current`: (new values, previous values)."""
    changes = {k: v for k, v in wanted.items() if v is not None and current.get(k) != v}
    return changes, {k: current.get(k) for k in changes}
