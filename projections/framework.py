"""Read models as pure folds over events.

A projection owns one or more tables of rows (frozen attrs classes). Its
`apply(state, event)` reads and writes rows only through `State`, so the same
code folds events into a dict in memory (`MemoryState`, used for rebuilds and
for proofs) or into SQL tables (a SQL-backed State in adapters/). No IO here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import Any, ClassVar, Protocol, TypeVar

import attrs
from eventsourcing.utils import get_topic

R = TypeVar("R")


class Row(Protocol):
    """A read-model row: an attrs class with a table name and a primary key."""

    __table__: ClassVar[str]
    __key__: ClassVar[tuple[str, ...]]


_KEYS: dict[type, Callable[[Any], tuple[Any, ...]]] = {}
_FIELDS: dict[type, tuple[Callable[[Any], tuple[Any, ...]], dict[str, int]]] = {}


def row_key(row: Any) -> tuple[Any, ...]:
    cls = type(row)
    getter = _KEYS.get(cls)
    if getter is None:
        names = cls.__key__
        pick = attrgetter(*names)
        getter = _KEYS[cls] = (lambda r: (pick(r),)) if len(names) == 1 else pick
    return getter(row)


def replace(row: R, **changes: Any) -> R:
    """A copy of a row with some fields changed.

    Like attrs.evolve, without its per-call introspection: folds call this for
    nearly every event, and evolve was half of a rebuild's time. One attrgetter
    call reads every field at once (rows have up to 30).
    """
    cls = type(row)
    known = _FIELDS.get(cls)
    if known is None:
        names = tuple(f.name for f in attrs.fields(cls))  # type: ignore[arg-type]
        known = _FIELDS[cls] = (attrgetter(*names), {n: i for i, n in enumerate(names)})
    read_all, index = known
    values = list(read_all(row))
    for name, value in changes.items():
        values[index[name]] = value
    return cls(*values)


class State(Protocol):
    def get(self, table: type[R], key: tuple[Any, ...]) -> R | None: ...

    def put(self, row: Any) -> None: ...


class MemoryState:
    """A projection's tables as dicts: table class -> key -> row."""

    def __init__(self) -> None:
        self.tables: dict[type[Any], dict[tuple[Any, ...], Any]] = {}

    def get(self, table: type[R], key: tuple[Any, ...]) -> R | None:
        return self.tables.get(table, {}).get(key)

    def put(self, row: Any) -> None:
        self.tables.setdefault(type(row), {})[row_key(row)] = row

    def rows(self, table: type[R]) -> list[R]:
        return list(self.tables.get(table, {}).values())


Handler = Callable[[Any, State, Any], None]


class Projection:
    """Base class: subclasses mark handler methods with `@handles(SomeAggregate.SomeEvent)`.

    Bump `version` whenever the rows a projection produces change; stores
    notice the new version and rebuild the tables from the log. A projection
    that must see more events than it handles overrides `topics`.
    """

    name: ClassVar[str]
    version: ClassVar[int] = 1
    tables: ClassVar[tuple[type[Any], ...]]
    handlers: ClassVar[dict[type, Handler]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        inherited = dict(getattr(cls, "handlers", {}))  # a subclass keeps its parent's
        cls.handlers = inherited | {
            event_class: fn
            for fn in cls.__dict__.values()
            if callable(fn) and hasattr(fn, "_handles")
            for event_class in fn._handles
        }

    def settings(self) -> str:
        """Settings the rows depend on (e.g. a time zone): rows made under others are rebuilt."""
        return ""

    def topics(self) -> list[str]:
        """Stored-event topics this projection reads."""
        return sorted(get_topic(event_class) for event_class in self.handlers)

    def apply(self, state: State, event: Any) -> None:
        handler = self.handlers.get(type(event))
        if handler is not None:
            handler(self, state, event)

    def fold(self, events: Iterable[Any], state: MemoryState | None = None) -> MemoryState:
        """The pure fold: start from empty tables and apply every event."""
        state = state or MemoryState()
        for event in events:
            self.apply(state, event)
        return state


def topics_of(aggregate_class: type) -> list[str]:
    """The topics of every event class an aggregate defines (made by eventsourcing)."""
    event_base = aggregate_class.Event  # type: ignore[attr-defined]
    return sorted(get_topic(value) for value in vars(aggregate_class).values()
                  if isinstance(value, type) and issubclass(value, event_base)
                  and value is not event_base)


def handles(*event_classes: type) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Mark a projection method as the handler of these event classes."""

    def mark(fn: Callable[..., None]) -> Callable[..., None]:
        fn._handles = event_classes  # type: ignore[attr-defined]
        return fn

    return mark


def update(state: State, table: type[R], key: tuple[Any, ...], **changes: Any) -> R | None:
    """Change some fields of an existing row; a missing row is left missing."""
    row = state.get(table, key)
    if row is None:
        return None
    new = replace(row, **changes)
    state.put(new)
    return new
