"""How an aggregate kind is shown: event names, history lines, `show`/`replay` documents.

Each kind's registration names its `AggregateView`; these lookups find it by
reference or event topic. A kind without a view still works everywhere, shown
plainly (its fields as they are), so a new aggregate never breaks `audit`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import attrs

from adapters.jsonable import jsonable
from domain.registry import AggregateKind, kind_of_ref, kind_of_topic, resolve
from domain.text import Bilingual

# describe(data, lang, names) -> one line; `names` maps party keys to names.
Describe = Callable[[dict[str, Any], str, dict[str, str]], str]
PRIVATE = ("_pending_events",)


@attrs.frozen
class EventText:
    name: Bilingual
    describe: Describe | None = None


def plain_document(aggregate: Any, today: date) -> dict[str, Any]:
    state = {k.lstrip("_"): jsonable(v) for k, v in vars(aggregate).items() if k not in PRIVATE}
    return {"id": aggregate.id, "version": aggregate.version, **state}


def plain_render(document: dict[str, Any], lang: str) -> str:
    return "\n".join(f"{k}: {v}" for k, v in document.items())


def no_names(aggregate: Any) -> dict[str, str]:
    return {}


@attrs.frozen
class AggregateView:
    events: Mapping[str, EventText] = attrs.field(factory=dict)  # by event class name
    document: Callable[[Any, date], dict[str, Any]] = plain_document
    render: Callable[[dict[str, Any], str], str] = plain_render
    names: Callable[[Any], dict[str, str]] = no_names


PLAIN = AggregateView()
_views: dict[str, AggregateView] = {}


def view_of(kind: AggregateKind | None) -> AggregateView:
    if kind is None or kind.view is None:
        return PLAIN
    if kind.code not in _views:
        _views[kind.code] = resolve(kind.view)
    return _views[kind.code]


def view_of_ref(ref: str) -> AggregateView:
    return view_of(kind_of_ref(ref))


def event_text(topic: str) -> EventText | None:
    kind = kind_of_topic(topic)
    return view_of(kind).events.get(topic.rsplit(".", 1)[-1])


def event_name(topic: str, lang: str) -> str:
    text = event_text(topic)
    return text.name.label(lang) if text else topic.rsplit(".", 1)[-1]


def describe(topic: str, data: dict[str, Any], lang: str, names: dict[str, str]) -> str:
    """A one-line summary of an event's data (as given by adapters.jsonable)."""
    if "undecodable" in data:
        return ("【无法读取】" if lang == "zh" else "[UNREADABLE] ") + str(data["undecodable"])
    text = event_text(topic)
    if text is not None and text.describe is not None:
        try:
            return text.describe(data, lang, names)
        except (KeyError, TypeError, ValueError):  # an older or hand-edited event: show it plainly
            pass
    return ", ".join(f"{k}={v}" for k, v in data.items())
