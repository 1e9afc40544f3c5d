"""China Standard Time, the zone business times are entered in unless GONGZHI_TZ says otherwise.

China has used UTC+8 all year since 1991, so a fixed offset is exact for every
date a case can carry (the CLI refuses dates before 2000).
"""

from __future__ import annotations

from datetime import timedelta, timezone

CHINA_STANDARD_TIME = timezone(timedelta(hours=8), "CST")
