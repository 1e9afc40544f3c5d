"""Times and days as mediators type them: absolute, Chinese, or relative to the Runtime's clock.

A business time without a zone is local (GONGZHI_TZ, default Asia/Shanghai);
"now" for 昨天 09:00, -2h and the like is the Runtime's clock (tests inject it),
never the machine's. A year before 2000, or more than a day ahead, is a typo:
refused with exit 2 before anything is written.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

import attrs
import click

from cli_commands.help_lang import say as _say

_CN_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?")
_CN_TIME = re.compile(r"(\d{1,2})\s*[时点:：]\s*(\d{1,2})?\s*分?")


def _normalise(value: str) -> str:
    value = value.strip()
    value = _CN_DATE.sub(lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d} ", value)
    value = _CN_TIME.sub(lambda m: f"{int(m[1]):02d}:{int(m[2] or 0):02d}", value)
    return re.sub(r"\s+", " ", value.replace("/", "-")).strip()


# What a desk clerk types for a recent moment: a day word and a clock time, or an offset.
_DAY_WORDS = {"今天": 0, "今日": 0, "today": 0, "昨天": 1, "昨日": 1, "yesterday": 1,
              "前天": 2}
_RELATIVE_DAY = re.compile(r"(今天|今日|昨天|昨日|前天|today|yesterday)\s*(\d{1,2}:\d{2})", re.I)
_OFFSET = re.compile(r"-\s*(\d{1,4})\s*(m|min|分钟|h|小时|d|天)", re.I)
_OFFSET_UNITS = {"m": "minutes", "min": "minutes", "分钟": "minutes", "h": "hours",
                 "小时": "hours", "d": "days", "天": "days"}
EARLIEST_YEAR = 2000  # nothing this system records happened before; 1900 is a typo
FUTURE_SLACK = timedelta(days=1)  # later than this after now is a typo, not a plan


def _now(ctx: click.Context | None) -> datetime:
    """The Runtime's clock (injected by tests), never the machine's own."""
    from adapters.clock import utc_now

    ctx = ctx or click.get_current_context(silent=True)
    runtime = ctx.find_root().obj if ctx else None
    clock = getattr(runtime, "clock", None) or utc_now
    moment: datetime = clock()
    return moment


def _relative(text: str, now: datetime) -> datetime | None:
    """'昨天 09:00', 'today 8:30', '-2d', '-3h' against `now` (local), or None."""
    offset = _OFFSET.fullmatch(text)
    if offset:
        unit = _OFFSET_UNITS[offset.group(2).lower()]
        return now - timedelta(**{unit: int(offset.group(1))})
    if text.casefold() in ("now", "现在"):
        return now
    day = _RELATIVE_DAY.fullmatch(text)
    if not day:
        return None
    hours, minutes = (int(part) for part in day.group(2).split(":"))
    if hours > 23 or minutes > 59:
        return None
    back = _DAY_WORDS[day.group(1).lower()]
    return (now - timedelta(days=back)).replace(hour=hours, minute=minutes, second=0,
                                                  microsecond=0)


class MomentType(click.ParamType[Any]):
    """A business time: 2026-10-08 21:30, 2026-10-08T21:30+08:00, 2026年10月8日 21:30,
    or relative to now: 昨天 09:00, 前天 14:00, today 8:30, yesterday 09:00, -2d, -3h.

    Without a zone it is local time (GONGZHI_TZ, default Asia/Shanghai). "Now" is
    the Runtime's clock. Before 2000 or more than a day ahead is refused (a typo).
    """

    name = "TIME"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, datetime):
            return value
        from adapters.clock import local_tz

        zone = local_tz()
        now = _now(ctx).astimezone(zone)
        text = _normalise(str(value))
        moment = _relative(text, now)
        if moment is None:
            try:
                moment = datetime.fromisoformat(text)
            except ValueError:
                self.fail(_say(ctx, f"“{value}”不是有效时间，应形如 2026-10-08 21:30、2026年10月8日 21:30、"
                               f"昨天 09:00 或 -2h（{_zone_name(zone)} 时间）",
                               f"'{value}' is not a time; use e.g. 2026-10-08 21:30, "
                               f"2026-10-08T21:30+08:00, yesterday 09:00 or -2h "
                               f"({_zone_name(zone)} time)"), param, ctx)
        if moment.year < EARLIEST_YEAR:
            self.fail(_say(ctx, f"“{value}”早于{EARLIEST_YEAR}年，请检查年份",
                           f"'{value}' is before {EARLIEST_YEAR}: check the year"), param, ctx)
        # Written in local time whatever zone it was typed in, so the days the case's
        # rules derive from it (due dates, report days) are local days.
        moment = moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)
        if moment > now + FUTURE_SLACK:
            self.fail(_say(ctx, f"“{value}”比现在（{now:%Y-%m-%d %H:%M}）晚一天以上，请检查日期",
                           f"'{value}' is more than a day after now ({now:%Y-%m-%d %H:%M}): "
                           "check the date"), param, ctx)
        return moment


def _zone_name(zone: Any) -> str:
    return str(getattr(zone, "key", None) or zone)


@attrs.frozen
class DaysLater:
    days: int

    def from_(self, start: date) -> date:
        return start + timedelta(days=self.days)


class DueType(click.ParamType[Any]):
    """A due date: 2026-11-08, 2026年11月8日, or +30 / 30天: days counted from the day the
    commitment is made (the step's --at date, today if no --at)."""

    name = "DATE|+DAYS"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, date | DaysLater):
            return value
        text = str(value).strip()
        relative = re.fullmatch(r"\+?\s*(\d{1,4})\s*(?:d|days?|天|日)?", text)
        if relative:
            return DaysLater(int(relative.group(1)))
        try:
            return _not_too_early(date.fromisoformat(_normalise(text)), value, self, param, ctx)
        except ValueError:
            self.fail(_say(ctx, f"“{value}”不是有效日期，应形如 2026-11-08、2026年11月8日 或 "
                           "+30（承诺当天起第30天）",
                           f"'{value}' is not a date; use e.g. 2026-11-08 or +30 (30 days after "
                           "the day the commitment is made)"),
                      param, ctx)


class DayType(click.ParamType[Any]):
    """A calendar day: 2026-10-01, 2026/10/01 or 2026年10月1日."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, date):
            return value
        try:
            return _not_too_early(date.fromisoformat(_normalise(str(value))), value, self, param,
                                  ctx)
        except ValueError:
            self.fail(_say(ctx, f"“{value}”不是有效日期，应形如 2026-10-01 或 2026年10月1日",
                           f"'{value}' is not a date; use e.g. 2026-10-01"), param, ctx)


def _not_too_early(day: date, typed: Any, type_: click.ParamType[Any],
                   param: click.Parameter | None, ctx: click.Context | None) -> date:
    if day.year < EARLIEST_YEAR:
        type_.fail(_say(ctx, f"“{typed}”早于{EARLIEST_YEAR}年，请检查年份",
                        f"'{typed}' is before {EARLIEST_YEAR}: check the year"), param, ctx)
    return day


DAY = DayType()
MOMENT = MomentType()
DUE = DueType()
