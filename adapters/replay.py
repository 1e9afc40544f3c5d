"""Rebuild any aggregate as it stood at a version or a moment, and say what each event changed."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from adapters.codec import decode, make_mapper
from adapters.errors import AppError
from adapters.log_reader import LogRow
from adapters.views import view_of_ref


def document(aggregate: Any, today: date) -> dict[str, Any]:
    """The aggregate's `show` document, as its kind's view makes it."""
    return view_of_ref(aggregate.id).document(aggregate, today)


def replay(rows: list[LogRow]) -> Iterator[tuple[Any, Any]]:
    """Yield (event, state after it) for each stored event of one aggregate, in order."""
    mapper = make_mapper()
    aggregate: Any = None
    for row in rows:
        try:
            event = decode(mapper, row.originator_id, row.version, row.topic, row.state)
        except Exception as error:
            raise AppError(
                f"{row.originator_id} 第 {row.version} 版已无法读取（{type(error).__name__}），"
                "其存储内容可能被改动，请运行 gongzhi audit verify",
                f"{row.originator_id} v{row.version} can no longer be read ({type(error).__name__})"
                "; its stored bytes were probably altered: run 'gongzhi audit verify'") from None
        aggregate = event.mutate(copy.deepcopy(aggregate))
        yield event, aggregate


def upto(rows: list[LogRow], version: int | None = None,
         as_of: datetime | None = None) -> tuple[Any, Any] | None:
    """The last (event, state) at or before `version` / recorded at or before `as_of`."""
    last = None
    for event, aggregate in replay(rows):
        if version is not None and event.originator_version > version:
            break
        if as_of is not None and event.timestamp > as_of:
            break
        last = (event, aggregate)
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
