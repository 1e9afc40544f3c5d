"""The only place that reads the clock, and the local time zone for input and display."""

from __future__ import annotations

import os
from datetime import UTC, datetime, tzinfo

from domain.timezones import CHINA_STANDARD_TIME


def local_tz() -> tzinfo:
    """GONGZHI_TZ (an IANA name such as Asia/Shanghai) or China Standard Time."""
    name = os.environ.get("GONGZHI_TZ", "Asia/Shanghai")
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name)
    except Exception:  # no tz database on this machine: China does not use DST
        return CHINA_STANDARD_TIME


def utc_now() -> datetime:
    return datetime.now(tz=UTC)
