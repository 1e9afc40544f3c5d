"""What a case's corrections may do, kind by kind (the rules behind `case retract/correct`).

Retracting an entry withdraws it as if it had never been recorded, with these
consequences:

* a statement, spot check, note or escalation no longer counts (an escalation
  returns the case to the level it came from: only the latest one can go);
* a proposal leaves the negotiation (it can no longer be answered or countered);
  an answer is withdrawn, so its proposal is pending again for that party;
* a referral goes only while unanswered (retract its response first) and while
  no commitment rests on it; retracting a department's response makes the
  referral unanswered again;
* a commitment no longer blocks closing (its settlement goes with it); a
  settlement (fulfil/breach) reopens its commitment;
* a complainant who joined goes only while nothing recorded names them.

A correction replaces fields, checked by the rules of the command that recorded
the entry. On a closed case only notes can be retracted or corrected; proposals
and answers only while mediation is open, as they were made. The opening, a
closure, an agreement, a failed mediation, a reopening and a mediator's
assignment are no entries: the refusal says what to do instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from domain.case_entries import SNAPSHOT, CaseEntries, plain
from domain.case_queries import MEDIATOR
from domain.corrections import changed
from domain.errors import InvalidInput, Phrase, RuleViolation
from domain.personal import personal
from domain.records import Commitment, Referral
from domain.values import Stamp, aware_time, not_in_future, party_subject, text
from domain.vocabulary import PartyKind, StatementKind, Status

AMEND_TALKS = Phrase("撤销或更正方案及答复",
                     "retract or correct proposals and answers")
# (A correction's own --reason is why it is made, so the reasons it can replace are named.)
STORED = {"party_kind": "kind", "from": "started_at", "to": "ended_at",
          "inspector": "inspectors", "rectified": "rectified_on_spot",
          "rejection_reason": "reason", "escalation_reason": "reason"}


class CaseCorrections(CaseEntries):
    # -- rules for a retraction ------------------------------------------------------
    def check_case_retraction(self, entry_id: str, kind: str) -> None:
        if kind in ("proposal", "answer"):
            self.require_status_open(AMEND_TALKS)
        if kind == "referral":
            referral: Referral = self.record_of(kind, entry_id)
            if referral.response_id is not None:
                raise RuleViolation("answered_referral", value=entry_id,
                                    response=referral.response_id)
            others = [r for r in self.live_referrals
                      if r.department == referral.department and r.id != entry_id]
            resting = [c.id for c in self.live_commitments if c.party == referral.department]
            if resting and not others:
                raise RuleViolation("entry_in_use", value=entry_id, ids=resting)
        if kind == "escalation":
            latest = self.live_escalations[-1].id
            if latest != entry_id:
                raise RuleViolation("not_latest_escalation", value=entry_id, latest=latest)
        if kind == "party":
            uses = self.uses_of_party(entry_id)
            if uses:
                raise RuleViolation("entry_in_use", value=entry_id, ids=uses)

    def uses_of_party(self, key: str) -> list[str]:
        uses = [s.id for s in self.live_statements if s.party == key]
        for p in self.live_proposals:
            uses += [p.id] if p.by == key else [a.id for a in p.answers if a.party == key]
        return uses + [c.id for c in self.live_commitments if c.party == key]

    def require_status_open(self, what: Phrase) -> None:
        if self.status != Status.OPEN:
            raise RuleViolation("not_negotiating", ref=self.ref, status=Status(self.status),
                                what=what)

    # -- rules for a correction --------------------------------------------------------
    def checked_changes(self, entry_id: str, kind: str, wanted: Mapping[str, Any],
                        stamp: Stamp) -> tuple[dict[str, Any], dict[str, Any]]:
        """The stored fields the correction replaces, checked as the original command checks."""
        record = self.record_of(kind, entry_id)
        new = {STORED.get(k, k): v for k, v in wanted.items() if v is not None}
        if kind == "party":
            new = self._party_fields(entry_id, new)
        elif kind == "statement":
            if "party" in new:
                new["party"] = self.speaker(new["party"])
            if "kind" in new:
                new["kind"] = StatementKind(new["kind"]).value
            if "text" in new or "party" in new:  # sealed under whoever now says it
                said = text("statement", new["text"]) if "text" in new else str(record.text)
                new["text"] = personal(party_subject(self.ref, new.get("party", record.party)),
                                       said)
        elif kind in ("proposal", "answer"):
            self.require_status_open(AMEND_TALKS)
            if kind == "proposal":
                if record.answers:
                    raise RuleViolation("answered_proposal", value=entry_id,
                                        ids=[a.id for a in record.answers])
                new["terms"] = text("terms", new["terms"])
            else:
                if record.accepted:
                    raise RuleViolation("acceptance_has_no_reason", value=entry_id)
                new["reason"] = text("reason", new["reason"])
        elif kind == "spot_check":
            new = self._check_fields(record, new, stamp)
        elif kind == "commitment":
            new = self._commitment_fields(record, new)
        else:
            field = {"referral": "question", "response": "response", "escalation": "reason",
                     "settlement": "note", "note": "text"}[kind]
            new = {field: text("note" if kind == "settlement" else field, new[field])}
        current = {f: plain(getattr(record, f)) for f in SNAPSHOT[kind] if hasattr(record, f)}
        changes, previous = changed(current, {k: plain(v) for k, v in new.items()})
        if not changes:
            raise InvalidInput("no_change", value=entry_id)
        return changes, previous

    def speaker(self, typed: str) -> str:
        if typed.strip().casefold() in (MEDIATOR, "调解员"):
            raise RuleViolation("not_a_party", value=typed,
                                what=Phrase("作陈述", "make statements"))
        return self.find_party(typed).key

    def _party_fields(self, key: str, new: dict[str, Any]) -> dict[str, Any]:
        subject = party_subject(self.ref, key)  # a corrected name is still theirs
        if "name" in new:
            name = text("party name", new["name"], 200)
            if any(str(p.name) == name and p.key != key for p in self.parties):
                raise RuleViolation("duplicate_party", name=name, ref=self.ref)
            new["name"] = personal(subject, name)
        if "kind" in new:
            new["kind"] = PartyKind(new["kind"]).value
        if "operator" in new:
            new["operator"] = personal(subject, text("operator", new["operator"], 200))
        return new

    def _check_fields(self, check: Any, new: dict[str, Any], stamp: Stamp) -> dict[str, Any]:
        started = aware_time("check start", new.get("started_at", check.started_at))
        ended = aware_time("check end", new.get("ended_at", check.ended_at))
        passed = new.get("passed", check.passed)
        rectified = new.get("rectified_on_spot", check.rectified_on_spot)
        if ended <= started:
            raise InvalidInput("window_order")
        if passed and rectified:
            raise RuleViolation("rectified_but_passed")
        not_in_future("check end", ended, stamp.recorded_at)
        self.after_opening(started)
        if "inspectors" in new:
            new["inspectors"] = [text("inspector", name, 100) for name in new["inspectors"]]
            if not new["inspectors"]:
                raise InvalidInput("blank", field="inspectors")
        if "findings" in new:
            new["findings"] = text("findings", new["findings"])
        return new

    def _commitment_fields(self, commitment: Commitment, new: dict[str, Any]) -> dict[str, Any]:
        if "party" in new:
            new["party"] = self.obligor(new["party"])
        if "duty" in new:
            new["duty"] = text("duty", new["duty"])
        due: date = new.get("due", commitment.due)
        made = commitment.made_at.date()
        if due < made:
            raise RuleViolation("due_before_made", due=due.isoformat(), made=made.isoformat())
        return new

