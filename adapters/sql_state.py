"""A projection's `State` backed by SQL tables, for incremental catch-up.

Rows are read on first use, changed in memory while a batch of events is
folded, and written back by `flush()` inside the caller's transaction, the same
transaction that moves the projection's position: all or nothing.
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs
from sqlalchemy import Connection, Table, and_, bindparam, insert, select, update

from projections.framework import row_key

R = TypeVar("R")


class SqlState:
    def __init__(self, connection: Connection, tables: dict[type, Table]) -> None:
        self.connection = connection
        self.tables = tables
        self.cache: dict[type, dict[tuple[Any, ...], Any]] = {t: {} for t in tables}
        self.stored: dict[type, set[tuple[Any, ...]]] = {t: set() for t in tables}
        self.dirty: dict[type, set[tuple[Any, ...]]] = {t: set() for t in tables}

    def get(self, table: type[R], key: tuple[Any, ...]) -> R | None:
        cache = self.cache[table]
        if key not in cache:
            cache[key] = self._load(table, key)
        return cache[key]  # type: ignore[no-any-return]

    def put(self, row: Any) -> None:
        table, key = type(row), row_key(row)
        self.get(table, key)  # learn whether it is already stored
        self.cache[table][key] = row
        self.dirty[table].add(key)

    def _load(self, row_class: type, key: tuple[Any, ...]) -> Any:
        table = self.tables[row_class]
        names = row_class.__key__  # type: ignore[attr-defined]
        query = select(table).where(and_(*(table.c[n] == v for n, v in zip(names, key,
                                                                            strict=True))))
        found = self.connection.execute(query).mappings().first()
        if found is None:
            return None
        self.stored[row_class].add(key)
        return row_class(**found)

    def flush(self) -> int:
        """Write changed rows; returns how many were written."""
        written = 0
        for row_class, keys in self.dirty.items():
            table = self.tables[row_class]
            names = row_class.__key__  # type: ignore[attr-defined]
            stored = self.stored[row_class]
            inserts, updates = [], []
            for key in keys:
                values = attrs.asdict(self.cache[row_class][key], recurse=False)
                if key in stored:
                    updates.append({**values, **{f"k_{n}": values[n] for n in names}})
                else:
                    inserts.append(values)
                    stored.add(key)
            where = and_(*(table.c[n] == bindparam(f"k_{n}") for n in names))
            if inserts:
                self.connection.execute(insert(table), inserts)
            if updates:
                self.connection.execute(update(table).where(where), updates)
            written += len(inserts) + len(updates)
            keys.clear()
        return written
