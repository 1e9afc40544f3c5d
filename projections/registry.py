"""The read models this version of Gongzhi maintains (a new aggregate appends its own)."""

from __future__ import annotations

from datetime import tzinfo

from projections.case_stats import CaseStatsProjection
from projections.cases import CasesProjection
from projections.commitments import CommitmentsProjection
from projections.framework import Projection
from projections.local_days import CST


def all_projections(tz: tzinfo = CST) -> list[Projection]:
    return [CasesProjection(tz), CommitmentsProjection(tz), CaseStatsProjection(tz)]


def table_owners(tz: tzinfo = CST) -> dict[str, str]:
    """Read-model table name -> the projection that writes it."""
    return {row.__table__: p.name for p in all_projections(tz) for row in p.tables}
