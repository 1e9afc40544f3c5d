"""The complaint case's registration: everything else finds cases through this."""

from __future__ import annotations

from domain.errors import DomainError
from domain.refs import parse_case_ref
from domain.registry import AggregateKind
from domain.text import Bilingual
from domain.values import Location, Party, ReferralRequest, TimeWindow


def _case_ref_or_none(text: str) -> str | None:
    try:
        return parse_case_ref(text)
    except DomainError:
        return None


CASE_KIND = AggregateKind(
    code="case",
    name=Bilingual("案件", "case"),
    aggregate="domain.case:Case",
    ref_pattern=r"C\d{4}-\d{6}",
    parse_ref=_case_ref_or_none,
    ref_forms="C2026-000042, 2026-42",
    # Stored type names: never rename one without registering the old name too.
    value_objects={"Location": Location, "Party": Party, "TimeWindow": TimeWindow,
                   "ReferralRequest": ReferralRequest},
    view="cli_commands.case_presentation:CASE_VIEW",
    projections="projections.registry:case_projections",
    command="case",
    cli_group="cli_commands.case_group:case",
)
