"""One command's work: the aggregates it loads, changes and creates, saved together.

A unit of work is made afresh for every attempt of a command. It hands out each
aggregate once (so two steps of one command see each other's changes), claims
numbers for new aggregates, and runs the reactions to what was recorded before
the application saves everything in one transaction.

Reactions ("when X is recorded, do Y") run inside the triggering transaction,
not as a follow-up: what they do (a convention's breach opening a case) must be
stored together with its cause or not at all, and the CLI is one process per
command with no daemon that could finish a follow-up later. A reaction is a
plain function registered for an event class with `reacts_to`; it may load or
create aggregates through the unit it is given, and what it records can itself
trigger reactions. A reaction must be deterministic given the state (it reruns
whenever the command is retried).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from domain.registry import kinds, resolve

if TYPE_CHECKING:
    from adapters.app import Gongzhi
    from domain.values import Stamp

T = TypeVar("T")
Reaction = Callable[["UnitOfWork", Any], None]
BACKOFF_CAP = 0.25  # seconds
MAX_REACTION_ROUNDS = 20  # a reaction that keeps triggering itself is a bug, not a loop

_REACTIONS: dict[type, list[Reaction]] = {}


def reacts_to(*event_classes: type) -> Callable[[Reaction], Reaction]:
    """Register a function to run when any of these events is recorded."""

    def register(fn: Reaction) -> Reaction:
        for cls in event_classes:
            _REACTIONS.setdefault(cls, []).append(fn)
        return fn

    return register


_loaded_reactions: set[str] = set()


def _load_reactions() -> None:
    for kind in kinds():
        if kind.reactions and kind.reactions not in _loaded_reactions:
            resolve(kind.reactions)
            _loaded_reactions.add(kind.reactions)


@attrs.frozen
class Recorded(Generic[T]):
    """What a command recorded: its main aggregate after it, its result, the new events."""

    aggregate: Any
    result: T
    events: list[Any]

    @property
    def event_types(self) -> list[str]:
        return [type(e).__name__ for e in self.events]

    @property
    def event_topics(self) -> list[str]:
        from adapters.jsonable import event_topic

        return [event_topic(e) for e in self.events]


class UnitOfWork:
    def __init__(self, app: Gongzhi, attempt: int = 0) -> None:
        self.app = app
        self.attempt = attempt
        self._aggregates: dict[str, Any] = {}  # loaded or created, in order of first touch
        self._claimed: dict[str, int] = {}  # prefix -> numbers claimed by this unit
        self._reacted: set[int] = set()  # ids of events already reacted to

    def get(self, ref: str) -> Any:
        if ref not in self._aggregates:
            self._aggregates[ref] = self.app.get(ref)
        return self._aggregates[ref]

    def add(self, aggregate: Any) -> Any:
        self._aggregates[aggregate.id] = aggregate
        return aggregate

    def create_numbered(self, prefix: str, build: Callable[[int], T]) -> T:
        """A new aggregate under the next free number after `prefix` (kept unique in the unit)."""
        taken = self._claimed.get(prefix, 0)
        number = self.app.next_number(prefix, taken)
        self._claimed[prefix] = taken + 1
        aggregate = build(number)
        self.add(aggregate)
        return aggregate

    def restamp(self, stamp: Stamp) -> Stamp:
        """A retry is recorded when it is saved, not when it was first tried."""
        return attrs.evolve(stamp, recorded_at=self.app.clock()) if self.attempt else stamp

    def primary(self) -> Any:
        return next(iter(self._aggregates.values()), None)

    def touched(self) -> list[Any]:
        return [a for a in self._aggregates.values() if a.pending_events]

    def react(self) -> None:
        """Run the reactions to every event recorded so far, until nothing new is recorded."""
        if not _REACTIONS and not any(k.reactions for k in kinds()):
            return
        _load_reactions()
        for _ in range(MAX_REACTION_ROUNDS):
            new = [e for a in list(self._aggregates.values()) for e in a.pending_events
                   if id(e) not in self._reacted]
            if not new:
                return
            for event in new:
                self._reacted.add(id(event))
                for reaction in _REACTIONS.get(type(event), ()):
                    reaction(self, event)
        raise RuntimeError("reactions kept recording new events; see adapters/unit_of_work.py")


def pause(attempt: int) -> None:
    time.sleep(random.uniform(0, min(BACKOFF_CAP, 0.005 * 2 ** attempt)))

