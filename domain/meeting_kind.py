"""The joint meeting's registration and references.

A meeting is JM<year>-<six digits>, e.g. JM2026-000001, numbered per year.
Typed short forms: JM2026-1, jm2026-1, JM 2026/1. The prefix "JM" keeps them
apart from cases (C2026-000001, typed 2026-1) and seals (SEAL-000001): a
meeting's reference never matches another kind's pattern, nor theirs its.
"""

from __future__ import annotations

import re

from domain.meeting_records import (
    ActionItem,
    Attendance,
    Evidence,
    MinutesCorrection,
    Question,
)
from domain.personal import PersonalData
from domain.registry import AggregateKind, numbered_ref
from domain.text import Bilingual

MEETING_PREFIX = "JM"
_TYPED = re.compile(r"^\s*jm\s*-?\s*(\d{4})\s*[-/－]\s*(\d{1,6})\s*$", re.IGNORECASE)


def meeting_year_prefix(year: int) -> str:
    return f"{MEETING_PREFIX}{year:04d}-"


def meeting_ref(year: int, number: int) -> str:
    return numbered_ref(meeting_year_prefix(year), number)


def parse_meeting_ref(text: str) -> str | None:
    """'JM2026-1', 'jm2026-000001' or 'JM 2026/1' -> 'JM2026-000001'; None if not a meeting's."""
    match = _TYPED.match(text)
    if not match or int(match.group(2)) == 0:
        return None
    return meeting_ref(int(match.group(1)), int(match.group(2)))


MEETING_KIND = AggregateKind(
    code="meeting",
    name=Bilingual("联席会议", "joint meeting"),
    aggregate="domain.meeting:JointMeeting",
    ref_pattern=r"JM\d{4}-\d{6}",
    parse_ref=parse_meeting_ref,
    ref_forms="JM2026-000001, JM2026-1",
    # Stored type names: never rename one without registering the old name too.
    value_objects={"MeetingQuestion": Question, "MeetingAttendance": Attendance,
                   "MeetingActionItem": ActionItem, "MeetingEvidence": Evidence,
                   "MeetingMinutesCorrection": MinutesCorrection, "PersonalData": PersonalData},
    view="cli_commands.meeting_presentation:MEETING_VIEW",
    projections="projections.meeting_registry:meeting_projections",
    command="meeting",
    cli_group="cli_commands.meeting_group:meeting",
)
