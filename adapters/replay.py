"""Rebuild any aggregate as it stood at a version or a moment, and say what each event changed.

Two times can be travelled (see `Moment`):

- business time (`occurred_by`): the events that *happened* by then, as we know
  them now, late entries included: "what was the case on 20 November?";
- recorded time (`known_by`): the events the log *held* by then, a prefix of the
  history: "what did the system show on 25 November?".

Both together answer "what did we know on the 25th about the 20th". Events are
applied in version order; one that happened after the business moment is left
out and the later ones still apply (their version numbers are kept).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from adapters.codec import decode, make_mapper
from adapters.errors import AppError
from adapters.log_reader import LogRow
from adapters.views import view_of_ref

if TYPE_CHECKING:
    from adapters.key_store import KeyStore


def document(aggregate: Any, today: date) -> dict[str, Any]:
    """The aggregate's `show` document, as its kind's view makes it."""
    return view_of_ref(aggregate.id).document(aggregate, today)


def replay(rows: list[LogRow], keys: KeyStore | None = None) -> Iterator[tuple[Any, Any]]:
    """Yield (event, state after it) for each stored event of one aggregate, in order.

    Personal data is unsealed with `keys` (the store's key store); without, it reads as erased.
    """
    mapper = make_mapper(keys)
    aggregate: Any = None
    for row in rows:
        event = _decode(mapper, row)
        aggregate = event.mutate(copy.deepcopy(aggregate))
        yield event, aggregate


def _decode(mapper: Any, row: LogRow) -> Any:
    try:
        return decode(mapper, row.originator_id, row.version, row.topic, row.state)
    except Exception as error:
        from adapters.key_store import KeyStoreUnreadable

        cause: BaseException | None = error
        while cause is not None:  # the key store, not the event, failed: say so
            if isinstance(cause, KeyStoreUnreadable):
                raise cause from None
            cause = cause.__cause__ or cause.__context__
        raise AppError(
            f"{row.originator_id} 第 {row.version} 版已无法读取（{type(error).__name__}），"
            "其存储内容可能被改动，请运行 gongzhi audit verify",
            f"{row.originator_id} v{row.version} can no longer be read ({type(error).__name__})"
            "; its stored bytes were probably altered: run 'gongzhi audit verify'") from None


def occurred_at(event: Any) -> datetime:
    """When an event happened; an event without a business time happened when recorded."""
    moment: datetime = getattr(event, "occurred_at", None) or event.timestamp
    return moment


def walk(rows: list[LogRow], version: int | None = None, known_by: datetime | None = None,
         occurred_by: datetime | None = None,
         keys: KeyStore | None = None) -> Iterator[tuple[Any, Any]]:
    """(event, state after it) for each event kept by the limits, oldest version first."""
    mapper = make_mapper(keys)
    aggregate: Any = None
    for row in rows:
        event = _decode(mapper, row)
        if version is not None and event.originator_version > version:
            return
        if known_by is not None and event.timestamp > known_by:
            return  # the log held a prefix: nothing recorded later counts
        if occurred_by is not None and occurred_at(event) > occurred_by:
            continue
        if aggregate is None and event.originator_version != 1:
            continue  # the aggregate's creation itself happened later
        if aggregate is not None:
            aggregate = copy.deepcopy(aggregate)  # each yielded state stays as it was
            aggregate.version = event.originator_version - 1  # events left out keep their numbers
        aggregate = event.mutate(aggregate)
        yield event, aggregate


def upto(rows: list[LogRow], version: int | None = None, as_of: datetime | None = None,
         known_by: datetime | None = None,
         occurred_by: datetime | None = None,
         keys: KeyStore | None = None) -> tuple[Any, Any] | None:
    """The last (event, state) within the limits; `as_of` is the recorded-time limit (older name)."""
    last = None
    for found in walk(rows, version, known_by or as_of, occurred_by, keys):
        last = found
    return last


def changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What differs: {field: {"from", "to"}}, or for lists {field: {"added", "removed"}}."""
    out: dict[str, Any] = {}
    for key in after:
        old, new = before.get(key), after[key]
        if key == "version" or old == new:
            continue
        if isinstance(old, list) and isinstance(new, list):
            added, removed = list(new), []
            for item in old:  # a multiset difference: repeated items count
                if item in added:
                    added.remove(item)
                else:
                    removed.append(item)
            out[key] = {"added": added, "removed": removed}
        else:
            out[key] = {"from": old, "to": new}
    return out
