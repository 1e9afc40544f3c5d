"""How rows read from the read models are shaped for people and scripts, as `case show` does.

Two things the SQL tables cannot hold as they are:

* What depends on the day asked. Whether a commitment is overdue changes every
  day with no event, so it is never stored: it is judged when the rows are read,
  on the day given (`--on`, default today in GONGZHI_TZ), the rule of
  `case show` (open and due before that day). `READ_TIME_COLUMNS` names the
  columns added that way to each table, after its stored columns.
* Lists. A table keeps a list of codes as one comma-joined text cell (CSV and
  spreadsheets want one cell); JSON gives it as a list, as `case show --json`
  does. `LIST_COLUMNS` names them.

Both are documented for reporting teams in docs/reporting.md.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, case, false, func, select

READ_TIME_COLUMNS: dict[str, tuple[str, ...]] = {
    "cases": ("overdue_commitments",),
    "commitments": ("overdue",),
}
LIST_COLUMNS: dict[str, tuple[str, ...]] = {"cases": ("categories", "departments")}


def overdue_count(cases: Any, commitments: Any, on: date) -> Any:
    """SQL: how many of a case's commitments are open and due before `on`."""
    return (select(func.count()).select_from(commitments)
            .where(and_(commitments.c.ref == cases.c.ref, commitments.c.status == "open",
                        commitments.c.due < on))
            .scalar_subquery())


def read_time_columns(table_name: str, tables: dict[str, Any], on: date) -> list[Any]:
    """The SQL expressions of a table's read-time columns, judged on `on`."""
    if table_name == "cases":
        return [overdue_count(tables["cases"], tables["commitments"], on)
                .label("overdue_commitments")]
    if table_name == "commitments":
        k = tables["commitments"]
        return [case((and_(k.c.status == "open", k.c.due < on), True), else_=false())
                .label("overdue")]
    return []


def as_lists(table_name: str, row: dict[str, Any]) -> dict[str, Any]:
    """A row with its comma-joined list cells as lists (for JSON)."""
    for column in LIST_COLUMNS.get(table_name, ()):
        if isinstance(row.get(column), str):
            row[column] = [code for code in row[column].split(",") if code]
    return row
