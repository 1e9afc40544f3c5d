"""Local calendar days and months of instants, in the configured zone (pure).

Every time column of a read model has a local-day companion (`opened_on` next
to `opened_at`) and, where reports bucket by month, a 'YYYY-MM' text column:
a plain string compares and groups the same way in SQLite and PostgreSQL, so one
query works verbatim on both, whatever the database session's time zone.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo

CST = timezone(timedelta(hours=8))


class LocalDays:
    """A projection whose rows depend on the time zone: rebuilt when it changes."""

    def __init__(self, tz: tzinfo = CST) -> None:
        self.tz = tz

    def settings(self) -> str:
        return f"tz={self.tz}"

    def day(self, moment: datetime) -> date:
        return moment.astimezone(self.tz).date()


def month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def maybe_day(days: LocalDays, moment: datetime | None) -> date | None:
    return None if moment is None else days.day(moment)


def place_keys(community: str, grid: str, building: str | None = None) -> tuple[str, str]:
    """Unambiguous keys of a grid and a building: grid names repeat across communities."""
    grid_key = f"{community}/{grid}"
    return grid_key, f"{grid_key}/{building}" if building is not None else ""
