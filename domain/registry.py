"""The aggregate kinds a store holds (cases, seals, ...), each registered once.

A kind says, in one `AggregateKind`, everything the rest of the system needs to
know about it: how its references look, which class it is, the value objects
its events store, and where its presentation, read models and commands live.
Those last are named as "module:attribute" strings and imported only when
used, so registering a kind costs nothing on the write path and the domain
depends on no outer layer. Everything that used to be a central table (event
names, history lines, `show`/`replay` documents, projections, CLI groups) is a
lookup over the registered kinds, keyed by reference or by event topic.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from domain.errors import InvalidInput
from domain.text import Bilingual

# The composition root registers the built-in kinds when it is imported; every
# lookup makes sure it was, so a test or tool that builds the application
# directly sees the same kinds as the CLI.
COMPOSITION_ROOT = "bootstrap"
NUMBER_DIGITS = 6
MAX_NUMBER = 10**NUMBER_DIGITS - 1


@attrs.frozen
class AggregateKind:
    code: str  # "case": stable, used in messages and JSON
    name: Bilingual  # 案件 / case
    aggregate: str  # topic of the aggregate class, e.g. "domain.case:Case"
    ref_pattern: str  # regex of a canonical reference, e.g. r"C\d{4}-\d{6}"
    parse_ref: Callable[[str], str | None]  # typed text -> canonical ref, None if not this kind's
    ref_forms: str  # what to type, for messages: "C2026-000042, 2026-42"
    value_objects: Mapping[str, type] = attrs.field(factory=dict)  # stored type name -> class
    view: str | None = None  # "module:attr" of an AggregateView (texts, show documents)
    projections: str | None = None  # "module:attr" of a function (tzinfo) -> [Projection]
    command: str | None = None  # CLI group name, e.g. "case"
    cli_group: str | None = None  # "module:attr" of the click group
    reactions: str | None = None  # module that registers reactions to this kind's events

    def owns(self, ref: str) -> bool:
        return re.fullmatch(self.ref_pattern, ref) is not None

    def owns_topic(self, topic: str) -> bool:
        return topic.startswith(self.aggregate + ".")

    def aggregate_class(self) -> type:
        return resolve(self.aggregate)  # type: ignore[no-any-return]


_KINDS: dict[str, AggregateKind] = {}


def register(kind: AggregateKind) -> AggregateKind:
    """Register a kind (again under the same code replaces it, for reloads in tests)."""
    for other in _KINDS.values():
        if other.code != kind.code and other.aggregate == kind.aggregate:
            raise ValueError(f"{kind.aggregate} is already registered as {other.code}")
    _KINDS[kind.code] = kind
    return kind


def unregister(code: str) -> None:
    _KINDS.pop(code, None)


def kinds() -> list[AggregateKind]:
    if COMPOSITION_ROOT not in _loaded:
        _loaded.add(COMPOSITION_ROOT)
        importlib.import_module(COMPOSITION_ROOT)
    return list(_KINDS.values())


_loaded: set[str] = set()


def kind_of_ref(ref: str) -> AggregateKind | None:
    return next((k for k in kinds() if k.owns(ref)), None)


def kind_of_topic(topic: str) -> AggregateKind | None:
    return next((k for k in kinds() if k.owns_topic(topic)), None)


def kind_named(code: str) -> AggregateKind:
    for kind in kinds():
        if kind.code == code:
            return kind
    raise KeyError(code)


def parse_any_ref(text: str) -> tuple[AggregateKind, str]:
    """The kind and canonical reference of what someone typed (C2026-1, SEAL-000001, ...)."""
    for kind in kinds():
        ref = kind.parse_ref(text)
        if ref is not None:
            return kind, ref
    raise InvalidInput("bad_any_ref", value=text,
                       forms="; ".join(f"{k.name.en}: {k.ref_forms}" for k in kinds()))


def numbered_ref(prefix: str, number: int) -> str:
    """References of numbered kinds: a prefix and a zero-padded number (text order = number order)."""
    return f"{prefix}{number:0{NUMBER_DIGITS}d}"


def ref_number(ref: str) -> int:
    return int(re.split(r"[^0-9]", ref)[-1])


def resolve(spec: str) -> Any:
    """Import "module:attr.sub" (the form eventsourcing uses for topics)."""
    module_name, _, path = spec.partition(":")
    value: Any = importlib.import_module(module_name)
    for part in path.split(".") if path else ():
        value = getattr(value, part)
    return value


def value_objects() -> dict[str, type]:
    """Every stored value-object type name of every kind (they must not collide)."""
    out: dict[str, type] = {}
    for kind in kinds():
        for name, cls in kind.value_objects.items():
            if out.get(name, cls) is not cls:
                raise ValueError(f"stored type name {name!r} is used by two kinds")
            out[name] = cls
    return out
