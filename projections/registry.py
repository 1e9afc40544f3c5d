"""The read models this version of Gongzhi maintains: each aggregate kind names its own.

A kind's registration (domain.registry) points at a function `(tz) -> [Projection]`;
`all_projections` gathers them over every registered kind.
"""

from __future__ import annotations

from datetime import tzinfo

from domain.registry import kinds, resolve
from projections.case_stats import CaseStatsProjection
from projections.cases import CasesProjection
from projections.commitments import CommitmentsProjection
from projections.framework import Projection
from projections.local_days import CST


def case_projections(tz: tzinfo = CST) -> list[Projection]:
    return [CasesProjection(tz), CommitmentsProjection(tz), CaseStatsProjection(tz)]


def all_projections(tz: tzinfo = CST) -> list[Projection]:
    found: list[Projection] = []
    for kind in kinds():
        if kind.projections:
            found += resolve(kind.projections)(tz)
    return found


def table_owners(tz: tzinfo = CST) -> dict[str, str]:
    """Read-model table name -> the projection that writes it."""
    return {row.__table__: p.name for p in all_projections(tz) for row in p.tables}
