"""A case's state as a plain dict (codes, ISO times): the `case show --json` document."""

from __future__ import annotations

from datetime import date
from typing import Any

from adapters.jsonable import jsonable
from domain.case import Case


def case_document(case: Case, today: date) -> dict[str, Any]:
    return {
        "id": case.id,
        "ref": case.ref,
        "version": case.version,
        "status": case.status,
        "level": case.level,
        "channel": case.channel,
        "categories": list(case.categories),
        "location": jsonable(case.location),
        "summary": case.summary,
        "nuisance_window": str(case.nuisance_window) if case.nuisance_window else None,
        "enforces": case.enforces,  # the convention clause a breach opened this case for
        "complainants": jsonable(case.complainants),
        "respondents": jsonable(case.respondents),
        "mediator": case.mediator,
        "opened_at": case.opened_at.isoformat(),
        "opened_by": case.opened_by,
        "statements": jsonable(case.statements),
        "proposals": [
            {**jsonable(p), "status": p.status().value} for p in case.proposals.values()
        ],
        "referrals": jsonable(case.referrals),
        "spot_checks": jsonable(case.spot_checks),
        "commitments": [
            {**jsonable(c), "party_name": case.party_name(c.party), "overdue": c.is_overdue(today)}
            for c in case.commitments.values()
        ],
        "agreement": case.agreement,
        "failure_reason": case.failure_reason,
        "outcome": case.outcome,
        "satisfaction": case.satisfaction,
        "follow_up": case.follow_up,
        "closed_at": jsonable(case.closed_at),
        "reopened_count": case.reopened_count,
        "notes": list(case.notes),
    }
