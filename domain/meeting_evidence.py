"""Which step of a case shows that a meeting's action item was done: S2, K1 or a response.

Read from the case's state only (its spot checks, commitments and referrals); the
case is not changed. A spot check counts whatever it found (the action was to
check); a commitment only once fulfilled; a department's response once given.
"""

from __future__ import annotations

import re
from typing import Any

from domain.departments import find_department
from domain.errors import DomainError, InvalidInput, RuleViolation
from domain.meeting_records import Evidence
from domain.vocabulary import CommitmentStatus

_SPOT_CHECK = re.compile(r"^[Ss](\d+)$")
_COMMITMENT = re.compile(r"^[Kk](\d+)$")


def evidence_from_case(case: Any, entry: str) -> Evidence:
    """The `Evidence` for `entry` of `case` (a domain.case.Case), or a refusal saying why not."""
    entry = entry.strip()
    if _SPOT_CHECK.match(entry):
        wanted = entry.upper()
        check = next((c for c in case.spot_checks if c.id == wanted), None)
        if check is None:
            raise RuleViolation("evidence_not_found", case=case.id, entry=wanted)
        return Evidence(case.id, wanted, "spot_check", check.findings, check.ended_at)
    if _COMMITMENT.match(entry):
        wanted = entry.upper()
        commitment = case.commitments.get(wanted)
        if commitment is None:
            raise RuleViolation("evidence_not_found", case=case.id, entry=wanted)
        if commitment.status != CommitmentStatus.FULFILLED or commitment.settled_at is None:
            raise RuleViolation("evidence_not_fulfilled", case=case.id, entry=wanted)
        return Evidence(case.id, wanted, "commitment", commitment.note or commitment.duty,
                        commitment.settled_at)
    try:
        code = find_department(entry).code
    except DomainError:
        raise InvalidInput("bad_evidence", entry=entry) from None
    answered = [r for r in case.referrals if r.department == code and r.responded_at is not None]
    if not answered:
        raise RuleViolation("evidence_no_response", case=case.id, department=find_department(code))
    last = answered[-1]
    return Evidence(case.id, code, "response", last.response or "", last.responded_at)
