"""The joint meeting kind's read models (named in domain/meeting_kind.py)."""

from __future__ import annotations

from datetime import tzinfo

from projections.framework import Projection
from projections.meeting_projection import MeetingsProjection


def meeting_projections(tz: tzinfo) -> list[Projection]:
    return [MeetingsProjection()]
