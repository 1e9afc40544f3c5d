"""The composition root: the aggregate kinds this build of Gongzhi knows.

A new aggregate adds its files and one line here. Everything else (the
application, the CLI's command groups, audit, read models, transcodings) finds
kinds through `domain.registry`, which imports this module on first use.
"""

from __future__ import annotations

from domain.case_kind import CASE_KIND
from domain.convention_kind import CONVENTION_KIND
from domain.erasure_kind import ERASURE_KIND
from domain.meeting_kind import MEETING_KIND
from domain.registry import register
from domain.seal import SEAL_KIND

register(CASE_KIND)
register(SEAL_KIND)
register(MEETING_KIND)
register(CONVENTION_KIND)
register(ERASURE_KIND)
