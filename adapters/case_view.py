"""A case's state as a plain dict (codes, ISO times): the `case show --json` document.

It shows the corrected state: the lists hold the entries in force, each with its
id and its `corrections` (更正: reason, who, when, the fields it replaced); notes
are in `note_entries` (`notes` keeps their bare texts, as scripts read them);
retracted entries (撤销) are left out of them and listed under `retracted`, with
the reason and the entry as it stood.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from adapters.jsonable import jsonable
from domain.case import Case


def case_document(case: Case, today: date) -> dict[str, Any]:
    def marked(entry_id: str | None, value: Any, key: str = "corrections") -> dict[str, Any]:
        marks = case.entries.get(entry_id or "")
        return {**value, key: jsonable(marks.corrections) if marks else []}

    def proposal(p: Any) -> dict[str, Any]:
        answers = [marked(a.id, jsonable(a)) for a in p.answers]
        return {**marked(p.id, jsonable(p)), "answers": answers, "status": p.status().value}

    def referral(r: Any) -> dict[str, Any]:
        return marked(r.response_id, marked(r.id, jsonable(r)), "response_corrections")

    def commitment(c: Any) -> dict[str, Any]:
        row = {**jsonable(c), "party_name": case.party_name(c.party),
               "overdue": c.is_overdue(today)}
        return marked(c.settlement_id, marked(c.id, row), "settlement_corrections")

    def party(p: Any) -> dict[str, Any]:
        return marked(p.key, jsonable(p)) if p.key in case.entries else jsonable(p)

    live = set(case.party_keys)
    complainants = [party(p) for p in case.complainants if p.key in live]
    commitments = [commitment(c) for c in case.live_commitments]
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
        "complainants": complainants,
        "respondents": [party_json(p) for p in case.respondents],
        # The counts `case list` and `export cases` give under the same names.
        "complainant_count": len(complainants),
        "respondent_count": len(case.respondents),
        "mediator": case.mediator,
        "opened_at": case.opened_at.isoformat(),
        "opened_by": case.opened_by,
        "statements": [marked(s.id, jsonable(s)) for s in case.live_statements],
        "proposals": [proposal(p) for p in case.live_proposals],
        "referrals": [referral(r) for r in case.live_referrals],
        # The codes `case list` and `export cases` give: each department once, first referral first.
        "departments": list(dict.fromkeys(r.department for r in case.live_referrals)),
        "escalations": [marked(e.id, jsonable(e)) for e in case.live_escalations],
        "spot_checks": [marked(c.id, jsonable(c)) for c in case.live_spot_checks],
        "commitments": commitments,
        # The counts `case list` and `export cases` give, judged on the same day.
        "open_commitments": sum(c["status"] == "open" for c in commitments),
        "overdue_commitments": sum(c["overdue"] for c in commitments),
        "agreement": case.agreement,
        "failure_reason": case.failure_reason,
        "outcome": case.outcome,
        "satisfaction": case.satisfaction,
        "follow_up": case.follow_up,
        "closed_at": jsonable(case.closed_at),
        "reopened_count": case.reopened_count,
        "notes": case.notes,  # their texts, as scripts have read them; with ids below
        "note_entries": [marked(n.id, jsonable(n)) for n in case.note_entries
                         if case.is_live(n.id)],
        "retracted": [
            {"id": entry_id, "kind": marks.kind, **jsonable(marks.retraction)}
            for entry_id, marks in case.entries.items() if marks.retraction is not None
        ],
    }


def party_json(party: Any) -> dict[str, Any]:
    """A party as JSON; `named` (consent to be named) is a complainant's: respondents are the
    other side and never masked, so they carry no such flag."""
    document: dict[str, Any] = jsonable(party)
    if document.get("role") != "complainant":
        document.pop("named", None)
    return document
