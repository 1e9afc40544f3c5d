"""Reading the convention status board: per building, per party, per community, per district.

The tables come from projections/convention_board.py, caught up with the log
first. What depends on the day asked (days since the last check, overdue
deadlines, checks due) is worked out here, at read time, for `today`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, case, func, select

from adapters.clock import local_tz
from adapters.jsonable import jsonable
from domain.convention_vocabulary import Frequency

PROJECTION = "convention_board"
IN_FORCE = ("adopted", "published")
DEFAULT_PERIOD_DAYS = 90


class ConventionBoard:
    def __init__(self, models: Any) -> None:
        models.catch_up(PROJECTION)
        self.engine = models.engine
        table = models.projector.table
        self.boards, self.clauses = table("convention_boards"), table("convention_clauses")
        self.checks = table("convention_checks")

    def _rows(self, query: Any) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def _shown_clauses(self) -> Any:
        """Clauses of the version each board shows: in force, else the draft."""
        b, c = self.boards, self.clauses
        shown = case((b.c.version > 0, b.c.version), else_=b.c.draft_version)
        return (select(c, b.c.status, b.c.title, b.c.grid)
                .join(b, and_(b.c.ref == c.c.ref, c.c.version == shown))
                .where(c.c.position > 0))

    # -- listings ---------------------------------------------------------------------
    def conventions(self, community: str | None = None, building: str | None = None,
                    status: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
        b = self.boards
        query = select(b)
        for column, value in (("community", community), ("building", building),
                              ("status", status)):
            if value is not None:
                query = query.where(b.c[column] == value)
        return [_plain(r) for r in self._rows(query.order_by(b.c.ref.desc()).limit(limit))]

    # -- per building ---------------------------------------------------------------------
    def building(self, ref: str, today: date) -> dict[str, Any] | None:
        boards = self._rows(select(self.boards).where(self.boards.c.ref == ref))
        if not boards:
            return None
        query = self._shown_clauses().where(self.clauses.c.ref == ref)
        clauses = [_judged(r, today) for r in self._rows(query.order_by(self.clauses.c.position))]
        return {**_plain(boards[0]), "clauses": clauses}

    # -- per party ------------------------------------------------------------------------
    def party(self, party: str, today: date) -> list[dict[str, Any]]:
        c = self.clauses
        query = self._shown_clauses().where(c.c.party == party.strip())
        return [_judged(r, today) for r in self._rows(query.order_by(c.c.ref, c.c.position))]

    # -- per community / district ------------------------------------------------------------
    def communities(self, community: str | None, today: date, since: date | None = None,
                    until: date | None = None) -> dict[str, Any]:
        until = until or today
        since = since or until - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
        b, c, k = self.boards, self.clauses, self.checks
        where_b = [b.c.community == community] if community else []
        covered = self._rows(
            select(b.c.community, func.count(func.distinct(b.c.building)).label("buildings"),
                   func.count().label("conventions"))
            .where(b.c.status.in_(IN_FORCE), *where_b).group_by(b.c.community))
        in_force = self._rows(
            select(b.c.community, func.count().label("clauses"))
            .select_from(c.join(b, and_(b.c.ref == c.c.ref, c.c.version == b.c.version)))
            .where(b.c.status.in_(IN_FORCE), c.c.position > 0, *where_b).group_by(b.c.community))
        where_k = [k.c.community == community] if community else []
        rates = self._rows(
            select(k.c.community, func.count().label("checks"),
                   func.sum(case((k.c.result == "complied", 1), else_=0)).label("complied"))
            .where(k.c.checked_on >= since, k.c.checked_on <= until, *where_k)
            .group_by(k.c.community))
        open_breaches = self._rows(
            select(k).where(k.c.result == "breached", k.c.remedied_at.is_(None), *where_k)
            .order_by(k.c.community, k.c.checked_at))
        names = sorted({r["community"] for r in covered + in_force + rates + open_breaches}
                       | ({community} if community else set()))
        by: dict[str, dict[str, Any]] = {
            name: {"community": name, "buildings_covered": 0, "conventions_in_force": 0,
                   "clauses_in_force": 0, "checks": 0, "complied": 0, "compliance_rate": None,
                   "open_breaches": []} for name in names}
        for r in covered:
            by[r["community"]].update(buildings_covered=r["buildings"],
                                      conventions_in_force=r["conventions"])
        for r in in_force:
            by[r["community"]]["clauses_in_force"] = r["clauses"]
        for r in rates:
            checks, complied = int(r["checks"]), int(r["complied"] or 0)
            by[r["community"]].update(checks=checks, complied=complied,
                                      compliance_rate=round(complied / checks, 4) if checks else None)
        for r in open_breaches:
            by[r["community"]]["open_breaches"].append(
                {k_: jsonable(r[k_]) for k_ in ("ref", "check_id", "clause_id", "building", "party",
                                                "checked_at", "case_ref")})
        return {"since": since.isoformat(), "until": until.isoformat(), "today": today.isoformat(),
                "communities": list(by.values())}


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return {k: jsonable(v) for k, v in row.items()}


def _judged(row: dict[str, Any], today: date) -> dict[str, Any]:
    """A clause row with what depends on the day: days since the last check, overdue, check due."""
    last = row["last_check_at"]
    days = (today - last.astimezone(local_tz()).date()).days if last is not None else None
    deadline = row["deadline"]
    overdue = bool(deadline is not None and deadline < today and row["last_result"] != "complied")
    interval = Frequency(row["frequency"]).days if row["frequency"] in set(Frequency) else None
    check_due = bool(row["status"] in IN_FORCE and interval is not None
                     and (days is None or days > interval))
    return {**_plain(row), "days_since_last_check": days, "overdue": overdue,
            "check_due": check_due}
