"""The read models this version of Gongzhi maintains (a new aggregate appends its own)."""

from __future__ import annotations

from datetime import tzinfo

from projections.case_stats import CST, CaseStatsProjection
from projections.cases import CasesProjection
from projections.commitments import CommitmentsProjection
from projections.framework import Projection


def all_projections(tz: tzinfo = CST) -> list[Projection]:
    return [CasesProjection(), CommitmentsProjection(), CaseStatsProjection(tz)]


def table_owners(tz: tzinfo = CST) -> dict[str, str]:
    """Read-model table name -> the projection that writes it."""
    return {row.__table__: p.name for p in all_projections(tz) for row in p.tables}
