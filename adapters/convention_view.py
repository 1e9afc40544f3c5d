"""A convention's state as a plain dict: the `convention show --json` and `audit replay` document.

Every version is in it (old texts stay readable); `version_in_force` says which
one bound the building at the moment the state is of, which is what a replay
`--as-of` a past moment shows. Signatories' names are personal data: the
document carries them as text for staff; printed postings mask them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from adapters.jsonable import jsonable
from domain.convention import Convention
from domain.convention_records import Version


def version_document(version: Version) -> dict[str, Any]:
    return {
        "number": version.number,
        "drafted_at": jsonable(version.drafted_at),
        "amend_reason": version.amend_reason,
        "adopted_at": jsonable(version.adopted_at),
        "override_reason": version.override_reason,
        "unsigned_at_adoption": list(version.unsigned),
        "published_on": jsonable(version.published_on),
        "published_where": version.published_where,
        "clauses": [{**jsonable(c), "window": str(c.window) if c.window else None,
                     "signature": version.signature_status(c.party)} for c in version.clauses],
        "signing": [{"id": a.id, "party": a.party, "signatory": a.signatory.text,
                     "signatory_masked": a.signatory.masked(), "signed": a.signed,
                     "method": a.method, "reason": a.reason, "at": jsonable(a.at)}
                    for a in version.acts],
    }


def convention_document(conv: Convention, today: date) -> dict[str, Any]:
    current, draft = conv.current, conv.draft
    return {
        "id": conv.id,
        "ref": conv.ref,
        "version": conv.version,
        "title": conv.title,
        "community": conv.community,
        "grid": conv.grid,
        "building": conv.building,
        "status": conv.status,
        "source_cases": list(conv.source_cases),
        "drafted_at": jsonable(conv.drafted_at),
        "drafted_by": conv.drafted_by,
        "version_in_force": conv.in_force.number if conv.in_force else None,
        "latest_adopted_version": current.number if current else None,
        "draft_version": draft.number if draft else None,
        "ended_reason": conv.ended_reason,
        "versions": [version_document(v) for v in conv.versions],
        "checks": [{**jsonable(c), "open_breach": c.open_breach,
                    "clause_ref": conv.clause_ref(c.clause_id)} for c in conv.checks.values()],
        "today": today.isoformat(),
    }
