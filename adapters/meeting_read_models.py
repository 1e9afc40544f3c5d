"""Reading the `meetings` read model from SQL: the pool, agendas, lists, a case's action items.

Each read catches the projection up with the log first, then hands the pure
builders (projections/meeting_agenda.py, meeting_pool.py) a `fetch` that selects
rows by column values. The same builders run over an in-memory fold in tests.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, select

from adapters.clock import local_tz
from adapters.readmodels import ReadModels
from projections.framework import MemoryState
from projections.meeting_agenda import agenda_document, case_action_items
from projections.meeting_pool import Fetch, pool_entries
from projections.meeting_rows import MeetingRow

PROJECTION = "meetings"


def sql_fetch(models: ReadModels) -> Fetch:
    def fetch(row_class: type, **equals: Any) -> list[Any]:
        table = models.projector.table(row_class.__table__)  # type: ignore[attr-defined]
        query = select(table)
        if equals:
            query = query.where(and_(*(table.c[k] == v for k, v in equals.items())))
        with models.engine.connect() as conn:
            return [row_class(**m) for m in conn.execute(query).mappings()]

    return fetch


def memory_fetch(state: MemoryState) -> Fetch:
    def fetch(row_class: type, **equals: Any) -> list[Any]:
        rows: list[Any] = state.rows(row_class)
        return [r for r in rows if all(getattr(r, k) == v for k, v in equals.items())]

    return fetch


def caught_up(models: ReadModels) -> Fetch:
    models.catch_up(PROJECTION)
    return sql_fetch(models)


def agenda(models: ReadModels, ref: str, today: date,
           department: str | None = None) -> dict[str, Any] | None:
    from adapters.meeting_personal import complete_agenda

    document = agenda_document(caught_up(models), ref, today, local_tz(), department)
    return complete_agenda(models.projector.feed.app, document)  # names from the aggregates


def pool(models: ReadModels, today: date, community: str | None = None) -> list[dict[str, Any]]:
    return pool_entries(caught_up(models), today, local_tz(), community)


def action_items_of_case(models: ReadModels, case_ref: str, today: date) -> list[dict[str, Any]]:
    from adapters.meeting_personal import People, complete_actions

    items = case_action_items(caught_up(models), case_ref, today, local_tz())
    return complete_actions(People(models.projector.feed.app), items)


def meetings(models: ReadModels, status: str | None = None,
             community: str | None = None) -> list[dict[str, Any]]:
    where = {k: v for k, v in (("status", status), ("community", community)) if v}
    rows: list[MeetingRow] = caught_up(models)(MeetingRow, **where)
    tz = local_tz()
    return [{"ref": r.ref, "title": r.title, "status": r.status, "level": r.level,
             "community": r.community, "scheduled_at": r.scheduled_at.astimezone(tz).isoformat(),
             "venue": r.venue, "items": len([i for i in r.items.split(",") if i]),
             "bodies": len([b for b in r.bodies.split(",") if b])}
            for r in sorted(rows, key=_by_ref)]


def _by_ref(row: MeetingRow) -> str:
    return row.ref
