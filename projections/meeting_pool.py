"""The agenda pool (议题池): cases that wait for a joint meeting, most pressing first.

A case waits when it is not closed, is on no meeting (or its item was withdrawn
or its meeting cancelled), and needs several bodies at one table: it was
referred to two or more departments, or it went up to community or sub-district
level and was referred to at least one.

Priority (most pressing first), each rule breaking the ties of the one before:
  1. more overdue open commitments (judged on the day asked),
  2. more complainants,
  3. more failed attempts: rejected proposals plus failed spot checks,
  4. older cases (opened earlier),
  5. the case reference.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, tzinfo
from typing import Any

from projections.meeting_rows import CaseCommitmentRow, PoolCaseRow

HIGHER_LEVELS = ("community", "subdistrict")
Fetch = Callable[..., list[Any]]  # fetch(RowClass, **column_equals) -> rows


def waits_for_meeting(row: PoolCaseRow) -> bool:
    departments = [c for c in row.departments.split(",") if c]
    needs_table = len(departments) >= 2 or (row.level in HIGHER_LEVELS and len(departments) >= 1)
    return row.status != "closed" and row.meeting_ref is None and needs_table


def pool_entries(fetch: Fetch, today: date, tz: tzinfo,
                 community: str | None = None) -> list[dict[str, Any]]:
    """The pool in priority order, each case with the figures its place was decided by."""
    where: dict[str, Any] = {"waiting": True}
    if community:
        where["community"] = community
    cases = fetch(PoolCaseRow, **where)
    overdue = Counter(c.ref for c in fetch(CaseCommitmentRow, status="open") if c.due < today)
    entries = []
    cases.sort(key=lambda r: (-overdue[r.ref], -r.complainants,
                              -(r.rejected_proposals + r.failed_checks), r.opened_at, r.ref))
    for rank, row in enumerate(cases, 1):
        opened = row.opened_at.astimezone(tz)
        departments = [c for c in row.departments.split(",") if c]
        entries.append({
            "ref": row.ref, "community": row.community, "location": row.location,
            "summary": row.summary, "level": row.level, "departments": departments,
            "reason": "departments" if len(departments) >= 2 else "escalated",
            "overdue_commitments": overdue[row.ref], "complainants": row.complainants,
            "failed_attempts": row.rejected_proposals + row.failed_checks,
            "opened_at": opened.isoformat(), "age_days": (today - opened.date()).days,
            "rank": rank,
        })
    return entries
