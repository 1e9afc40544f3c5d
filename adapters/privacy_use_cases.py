"""Erasing personal data (crypto-shredding) and finding cases past retention.

`erase` records the erasure first (an `Erasure` aggregate naming the subjects,
the reason and the actor), then destroys the subjects' keys. Recording first
means no key is ever destroyed without a record of it; if the destruction is
interrupted, running the same erasure again destroys what is left and records
nothing new (subjects already recorded as erased are not recorded twice).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from domain.case import Case
from domain.erasure import Erasure, check_subject
from domain.erasure_kind import ERASURE_PREFIX, erasure_ref
from domain.errors import InvalidInput
from domain.registry import ref_number
from domain.values import Party, Stamp, party_subject


def location_subject(ref: str) -> str:
    return f"{ref}/location"


def party_subjects(case: Case, party: Party) -> list[str]:
    """A party's subjects; a complainant's include the case's room (their home, as a rule)."""
    subjects = [party_subject(case.id, party.key)]
    if party.role == "complainant":
        subjects.append(location_subject(case.id))
    return subjects


def case_subjects(case: Case) -> list[str]:
    """Every data subject of a case: each party (joiners retracted or not) and the room."""
    return [*(party_subject(case.id, p.key) for p in case.all_parties), location_subject(case.id)]


def erased_subjects(app: Any) -> set[str]:
    """The subjects every recorded erasure names."""
    highest = app.recorder.max_id_with_prefix(ERASURE_PREFIX)
    found: set[str] = set()
    for number in range(1, (ref_number(highest) if highest else 0) + 1):
        erasure: Erasure = app.get(erasure_ref(number))
        found.update(erasure.subjects)
    return found


def erase(app: Any, stamp: Stamp, subjects: Iterable[str], reason: str,
          scope: str = "") -> dict[str, Any]:
    """Record the erasure of `subjects` (those not yet recorded), then destroy their keys."""
    wanted = sorted({check_subject(s) for s in subjects})
    if not wanted:
        raise InvalidInput("no_subjects")
    app.keys.require_present()  # no key store: nothing could be destroyed
    already = erased_subjects(app)
    new = [s for s in wanted if s not in already]
    ref = None
    if new:
        erasure: Erasure = app.save_numbered(ERASURE_PREFIX, lambda number: Erasure.record(
            erasure_ref(number), new, reason, stamp, scope))
        ref = erasure.id
    destroyed = app.keys.destroy(wanted)
    return {"erasure": ref, "subjects": wanted, "recorded": new, "keys_destroyed": destroyed,
            "already_erased": [s for s in wanted if s in already],
            "vacuum_needed": app.keys.not_rewritten if destroyed else None}


def check_known_subjects(app: Any, subjects: Iterable[str]) -> None:
    """Refuse a subject id no aggregate of this store has personal data for (a typo would
    otherwise be recorded as an erasure, and destroy a key made ahead for a later case)."""
    from adapters.erasure_residue import recorded_subjects

    by_aggregate: dict[str, set[str]] = {}
    for subject in subjects:
        by_aggregate.setdefault(check_subject(subject).split("/", 1)[0], set()).add(subject.strip())
    for ref, wanted in sorted(by_aggregate.items()):
        _, events = app.history(ref)  # NotFound: no such aggregate
        unknown = sorted(wanted - recorded_subjects(events))
        if unknown:
            raise InvalidInput("unknown_subject", value=unknown[0], ref=ref)


def _closed_before(models: Any, before: date) -> Iterator[tuple[dict[str, Any], date]]:
    """Rows of cases closed (and not reopened) before `before`, with their closing day."""
    for row in models.rows("cases"):
        if row["is_closed"] and row["closed_on"]:
            closed_on = date.fromisoformat(str(row["closed_on"])[:10])
            if closed_on < before:
                yield row, closed_on


def closed_cases(models: Any, before: date) -> list[str]:
    """Cases closed (and not reopened) before `before`, oldest reference first."""
    return sorted(row["ref"] for row, _ in _closed_before(models, before))


def subjects_of_cases(app: Any, refs: list[str],
                      tick: Callable[[int], None] | None = None) -> list[str]:
    subjects: list[str] = []
    for ref in refs:
        subjects += case_subjects(app.get_case(ref))
        if tick:
            tick(1)
    return subjects


def due_cases(app: Any, models: Any, cutoff: date) -> list[dict[str, Any]]:
    """Closed cases whose closing is before `cutoff` and whose parties are not all erased."""
    erased = erased_subjects(app)
    out = []
    for row, closed_on in _closed_before(models, cutoff):
        ref = row["ref"]
        keys = [f"c{i}" for i in range(1, int(row["complainant_count"]) + 1)]
        keys += [f"r{i}" for i in range(1, int(row["respondent_count"]) + 1)]
        waiting = [k for k in keys if party_subject(ref, k) not in erased]
        if waiting:
            out.append({"ref": ref, "closed_on": closed_on.isoformat(), "parties": waiting})
    return sorted(out, key=lambda r: (r["closed_on"], r["ref"]))
