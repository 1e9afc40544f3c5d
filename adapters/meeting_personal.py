"""Names back into an agenda: the read models hold no personal data, the aggregates do.

The `meetings` read model keeps party keys, counts and places down to the
building; the chair, party names, rooms and what parties said are personal data
and live only in the (sealed) log. The agenda and a case's action items are
completed here from the meeting and case aggregates, decrypted as they load (an
erased person reads as erased).
"""

from __future__ import annotations

from typing import Any

from domain.case import Case


class People:
    """The cases and meetings an agenda names, each loaded once."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._cases: dict[str, Case | None] = {}
        self._said: dict[str, dict[int, str]] = {}

    def case(self, ref: str) -> Case | None:
        if ref not in self._cases:
            try:
                self._cases[ref] = self.app.get_case(ref)
            except Exception:  # not in this store: leave the fields empty
                self._cases[ref] = None
        return self._cases[ref]

    def name(self, case_ref: str, key: str) -> str | None:
        case = self.case(case_ref)
        return case.party_name(key) if case is not None else None

    def party_name(self, case_ref: str, key: str) -> str | None:
        """The party's name when `key` is one of the case's parties, else None."""
        case = self.case(case_ref)
        if case is None or key not in {p.key for p in case.all_parties}:
            return None
        return case.party_name(key)

    def statement(self, case_ref: str, version: int) -> str:
        if case_ref not in self._said:
            _case, events = self.app.history(case_ref)
            self._said[case_ref] = {e.originator_version: str(e.text) for e in events
                                    if type(e).__name__ == "StatementRecorded"}
        return self._said[case_ref].get(version, "")


def complete_actions(people: People, actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for a in actions:
        a["owner_name"] = people.party_name(a["case"], a["owner"])
    return actions


def complete_agenda(app: Any, document: dict[str, Any] | None) -> dict[str, Any] | None:
    if document is None:
        return None
    people = People(app)
    try:
        document["chair"] = str(app.get(document["ref"]).chair)
    except Exception:
        document["chair"] = None
    for item in document["items"]:
        ref = item["case"]
        case = people.case(ref)
        if case is not None:
            keys = [k for k in (item["respondents"] or "").split(",") if k]
            item["respondents"] = "、".join(case.party_name(k) for k in keys)
            item["location"] = str(case.location)
        for h in item["history"]:
            if h["kind"] == "statement" and h["entry"].startswith("T"):
                h["text"] = people.statement(ref, int(h["entry"][1:]))
        for c in item["open_commitments"]:
            c["party_name"] = people.name(ref, c["party"])
        complete_actions(people, item["earlier_actions"])
        complete_actions(people, item["actions"])
    for bring in document["bring"]:
        for c in bring["commitments"]:
            c["party_name"] = people.name(c["case"], c["party"])
        complete_actions(people, bring["earlier_actions"])
    return document
