"""Reading the convention status board: per building, per party, per community, per district.

The tables come from projections/convention_board.py. The queries are plain SQL
over a DB-API connection (adapters/plain_read.py), the same whether the board
was current and opened without SQLAlchemy or just caught up by the projector
(`ConventionBoard.caught_up`). What depends on the day asked (days since the
last check, overdue deadlines, checks due) is worked out here, at read time,
for `today`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from adapters.clock import local_tz
from adapters.jsonable import jsonable
from adapters.plain_read import PlainReads
from domain.convention_vocabulary import Frequency
from projections.convention_board_rows import (
    NAME,
    TABLES,
    VERSION,
    ConventionBoardRow,
    ConventionCheckRow,
    ConventionClauseRow,
    board_settings,
)

PROJECTION, ROWS = NAME, TABLES  # the projection's name and tables (convention_board_rows)
IN_FORCE = ("adopted", "published")
_IN_FORCE_SQL = "(" + ", ".join(f"'{s}'" for s in IN_FORCE) + ")"
DEFAULT_PERIOD_DAYS = 90


class ConventionBoard:
    def __init__(self, reads: PlainReads) -> None:
        self.reads = reads
        self.boards = reads.table(ConventionBoardRow.__table__)
        self.clauses = reads.table(ConventionClauseRow.__table__)
        self.checks = reads.table(ConventionCheckRow.__table__)

    @classmethod
    def caught_up(cls, models: Any) -> ConventionBoard:
        """The board of a `ReadModels`, caught up with the log first (the projector's path)."""
        models.catch_up(PROJECTION)
        return cls(models.plain(ROWS))

    def _rows(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        return self.reads.select(sql, params)

    def _shown_clauses(self, where: str) -> str:
        """Clauses of the version each board shows: in force, else the draft."""
        return (f"SELECT {self.reads.columns_of(ConventionClauseRow, 'c')}, b.status, b.title, "
                f"b.grid FROM {self.clauses} c JOIN {self.boards} b ON b.ref = c.ref AND "
                "c.version = CASE WHEN b.version > 0 THEN b.version ELSE b.draft_version END "
                f"WHERE c.position > 0 AND {where}")

    # -- listings ---------------------------------------------------------------------
    def conventions(self, community: str | None = None, building: str | None = None,
                    status: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
        where, params = _equal({"community": community, "building": building, "status": status})
        sql = (f"SELECT {self.reads.columns_of(ConventionBoardRow)} FROM {self.boards}{where} "
               "ORDER BY ref DESC LIMIT ?")
        return [_plain(r) for r in self._rows(sql, [*params, limit])]

    # -- per building ---------------------------------------------------------------------
    def building(self, ref: str, today: date) -> dict[str, Any] | None:
        boards = self._rows(f"SELECT {self.reads.columns_of(ConventionBoardRow)} FROM "
                            f"{self.boards} WHERE ref = ?", (ref,))
        if not boards:
            return None
        rows = self._rows(self._shown_clauses("c.ref = ?") + " ORDER BY c.position", (ref,))
        return {**_plain(boards[0]), "clauses": [_judged(r, today) for r in rows]}

    # -- per party ------------------------------------------------------------------------
    def party(self, party: str, today: date) -> list[dict[str, Any]]:
        rows = self._rows(self._shown_clauses("c.party = ?") + " ORDER BY c.ref, c.position",
                          (party.strip(),))
        return [_judged(r, today) for r in rows]

    # -- per community / district ------------------------------------------------------------
    def communities(self, community: str | None, today: date, since: date | None = None,
                    until: date | None = None) -> dict[str, Any]:
        until = until or today
        since = since or until - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
        only_b = " AND b.community = ?" if community else ""
        only = " AND community = ?" if community else ""
        one = [community] if community else []
        covered = self._rows(
            "SELECT community, COUNT(DISTINCT building) AS buildings, COUNT(*) AS conventions "
            f"FROM {self.boards} WHERE status IN {_IN_FORCE_SQL}{only} GROUP BY community", one)
        in_force = self._rows(
            f"SELECT b.community, COUNT(*) AS clauses FROM {self.clauses} c JOIN {self.boards} b "
            f"ON b.ref = c.ref AND c.version = b.version WHERE b.status IN {_IN_FORCE_SQL} "
            f"AND c.position > 0{only_b} GROUP BY b.community", one)
        rates = self._rows(
            "SELECT community, COUNT(*) AS checks, "
            "SUM(CASE WHEN result = 'complied' THEN 1 ELSE 0 END) AS complied "
            f"FROM {self.checks} WHERE checked_on >= ? AND checked_on <= ?{only} "
            "GROUP BY community", [since, until, *one])
        open_breaches = self._rows(
            f"SELECT {self.reads.columns_of(ConventionCheckRow)} FROM {self.checks} "
            f"WHERE result = 'breached' AND remedied_at IS NULL{only} "
            "ORDER BY community, checked_at", one)
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


class BoardProjection:
    """What says whether the stored board is current: the name, version and settings of
    projections.convention_board.ConventionBoardProjection as this process would build it,
    without loading the aggregate its fold reads."""

    name = PROJECTION
    version = VERSION

    def settings(self) -> str:
        return board_settings(local_tz())


def board_projection() -> BoardProjection:
    return BoardProjection()


def _equal(values: dict[str, str | None]) -> tuple[str, list[str]]:
    given = {k: v for k, v in values.items() if v is not None}
    if not given:
        return "", []
    return " WHERE " + " AND ".join(f"{k} = ?" for k in given), list(given.values())


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
