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

import attrs

from domain.case_queries import MEDIATOR, CaseQueries
from domain.corrections import Correctable, EntryKind, FinalStep, changed
from domain.errors import InvalidInput, Phrase, RuleViolation
from domain.records import Commitment, Referral
from domain.values import Stamp, aware_time, not_in_future, text
from domain.vocabulary import CommitmentStatus, Level, PartyKind, StatementKind, Status

AMEND_TALKS = Phrase("retract or correct proposals and answers",
                     "撤销或更正方案及答复")

CASE_ENTRY_KINDS = (
    EntryKind("party", "c", Phrase("complainant who joined", "加入的投诉人"),
              ("name", "party_kind", "operator")),
    EntryKind("statement", "T", Phrase("statement", "陈述"), ("party", "kind", "text")),
    EntryKind("proposal", "P", Phrase("proposal", "方案"), ("terms",)),
    EntryKind("answer", "A", Phrase("answer to a proposal", "方案答复"), ("rejection_reason",)),
    EntryKind("referral", "Q", Phrase("referral", "转办"), ("question",)),
    EntryKind("response", "D", Phrase("department response", "部门答复"), ("response",)),
    EntryKind("escalation", "E", Phrase("escalation", "升级"), ("escalation_reason",)),
    EntryKind("spot_check", "S", Phrase("spot check", "现场检查"),
              ("from", "to", "inspector", "findings", "passed", "rectified")),
    EntryKind("commitment", "K", Phrase("commitment", "承诺"), ("party", "duty", "due")),
    EntryKind("settlement", "F", Phrase("fulfilment or breach", "承诺履行/违约"), ("note",)),
    EntryKind("note", "N", Phrase("note", "备注"), ("text",)),
)
CASE_FINAL_STEPS = (
    FinalStep(("opening", "opened", "受理", "立案", "受理立案"), "final_opening"),
    FinalStep(("closure", "closed", "close", "结案"), "final_closure"),
    FinalStep(("agreement", "agreed", "协议", "达成协议"), "final_agreement"),
    FinalStep(("failure", "failed", "fail", "调解不成"), "final_failure"),
    FinalStep(("reopening", "reopened", "reopen", "重新启动"), "final_reopening"),
    FinalStep(("mediator", "assignment", "调解员", "指派调解员"), "final_mediator"),
)
# What a user types -> the field of the stored record it replaces.
# (A correction's own --reason is why it is made, so the reasons it can replace are named.)
STORED = {"party_kind": "kind", "from": "started_at", "to": "ended_at",
          "inspector": "inspectors", "rectified": "rectified_on_spot",
          "rejection_reason": "reason", "escalation_reason": "reason"}
SNAPSHOT = {
    "party": ("name", "kind", "operator"),
    "statement": ("party", "kind", "text", "occurred_at"),
    "proposal": ("by", "terms", "in_reply_to", "made_at"),
    "answer": ("party", "accepted", "reason"),
    "referral": ("department", "question", "referred_at"),
    "response": ("department", "response", "responded_at"),
    "escalation": ("from_level", "to_level", "reason", "occurred_at"),
    "spot_check": ("started_at", "ended_at", "inspectors", "findings", "passed",
                   "rectified_on_spot"),
    "commitment": ("party", "duty", "due", "made_at", "status"),
    "settlement": ("status", "note", "settled_at"),
    "note": ("text", "occurred_at"),
}


class CaseCorrections(CaseQueries, Correctable):
    ENTRY_KINDS = CASE_ENTRY_KINDS
    FINAL_STEPS = CASE_FINAL_STEPS

    # -- finding an entry ------------------------------------------------------------
    def find_entry(self, typed: str) -> tuple[str, EntryKind]:
        wanted = typed.strip().casefold()
        if any(p.key == wanted and p.key not in self.entries for p in self.all_parties):
            raise RuleViolation("opening_party", value=wanted, ref=self.ref)
        return super().find_entry(typed)

    def is_live(self, entry_id: str | None) -> bool:
        """Live itself, and not part of a retracted entry (an answer of a retracted proposal)."""
        if not super().is_live(entry_id):
            return False
        parent = self.parent_entry(entry_id or "")
        return parent is None or super().is_live(parent)

    def parent_entry(self, entry_id: str) -> str | None:
        """The entry this one belongs to: an answer's proposal, a settlement's commitment,
        a response's referral."""
        kind = self.entries[entry_id].kind
        if kind == "answer":
            return next((p.id for p in self.proposals.values()
                         if any(a.id == entry_id for a in p.answers)), None)
        if kind == "settlement":
            return next((c.id for c in self.commitments.values()
                         if c.settlement_id == entry_id), None)
        if kind == "response":
            return next((r.id for r in self.referrals if r.response_id == entry_id), None)
        return None

    def record_of(self, kind: str, entry_id: str) -> Any:
        """The record that holds an entry's fields (a response's is its referral)."""
        if kind == "party":
            return next(p for p in self.all_parties if p.key == entry_id)
        if kind == "proposal":
            return self.proposals[entry_id]
        if kind == "commitment":
            return self.commitments[entry_id]
        if kind == "settlement":
            return next(c for c in self.commitments.values() if c.settlement_id == entry_id)
        if kind == "answer":
            return next(a for p in self.proposals.values() for a in p.answers if a.id == entry_id)
        if kind == "response":
            return next(r for r in self.referrals if r.response_id == entry_id)
        return next(r for r in self._rows(kind) if r.id == entry_id)

    def _rows(self, kind: str) -> list[Any]:
        """The list that holds entries of a kind kept in order (statements, notes ...)."""
        rows: dict[str, list[Any]] = {
            "statement": self.statements, "referral": self.referrals,
            "escalation": self.escalations, "spot_check": self.spot_checks,
            "note": self.note_entries}
        return rows[kind]

    def snapshot(self, kind: str, entry_id: str) -> dict[str, Any]:
        """An entry's fields as plain values, kept in the event that withdraws it."""
        record = self.record_of(kind, entry_id)
        data = {f: _plain(getattr(record, f)) for f in SNAPSHOT[kind]}
        if kind == "answer":
            data["proposal_id"] = self.parent_entry(entry_id)
        if kind == "settlement":
            data["commitment_id"] = record.id
        if kind == "commitment":
            data["party_name"] = self.party_name(record.party)
        if kind == "response":
            data["referral_id"] = record.id
        if kind == "referral":  # whether the department stays referred (read models need it)
            data["still_referred"] = any(r.department == record.department and r.id != entry_id
                                         for r in self.live_referrals)
        return data

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
            if "text" in new:
                new["text"] = text("statement", new["text"])
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
        current = {f: _plain(getattr(record, f)) for f in SNAPSHOT[kind] if hasattr(record, f)}
        changes, previous = changed(current, {k: _plain(v) for k, v in new.items()})
        if not changes:
            raise InvalidInput("no_change", value=entry_id)
        if "party" in changes and kind == "commitment":
            changes["party_name"] = self.party_name(changes["party"])
            previous["party_name"] = self.party_name(record.party)
        return changes, previous

    def speaker(self, typed: str) -> str:
        if typed.strip().casefold() in (MEDIATOR, "调解员"):
            raise RuleViolation("not_a_party", value=typed,
                                what=Phrase("make statements", "作陈述"))
        return self.find_party(typed).key

    def _party_fields(self, key: str, new: dict[str, Any]) -> dict[str, Any]:
        if "name" in new:
            new["name"] = text("party name", new["name"], 200)
            if any(p.name == new["name"] and p.key != key for p in self.parties):
                raise RuleViolation("duplicate_party", name=new["name"], ref=self.ref)
        if "kind" in new:
            new["kind"] = PartyKind(new["kind"]).value
        if "operator" in new:
            new["operator"] = text("operator", new["operator"], 200)
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

    # -- apply code: what a retraction or a correction changes -------------------------
    def undo_entry(self, kind: str, entry_id: str) -> None:
        if kind == "party":
            for pid, p in self.proposals.items():
                self.proposals[pid] = attrs.evolve(
                    p, awaiting=tuple(k for k in p.awaiting if k != entry_id))
        elif kind == "answer":
            for pid, p in self.proposals.items():
                answers = tuple(a for a in p.answers if a.id != entry_id)
                if answers != p.answers:
                    self.proposals[pid] = attrs.evolve(p, answers=answers)
        elif kind == "response":
            self._replace(self.referrals, lambda r: r.response_id == entry_id,
                          response=None, responded_at=None, response_id=None)
        elif kind == "settlement":
            for cid, c in self.commitments.items():
                if c.settlement_id == entry_id:
                    self.commitments[cid] = attrs.evolve(
                        c, status=CommitmentStatus.OPEN.value, settled_at=None, note=None,
                        settlement_id=None)
        elif kind == "escalation":
            self.level = next(e.from_level for e in self.escalations if e.id == entry_id)

    def amend_entry(self, kind: str, entry_id: str, changes: dict[str, Any]) -> None:
        known = attrs.fields_dict(type(self.record_of(kind, entry_id)))
        fields = {k: v for k, v in changes.items() if k in known}  # not party_name: derived
        if "inspectors" in fields:
            fields["inspectors"] = tuple(fields["inspectors"])
        if kind == "party":
            self.complainants = tuple(attrs.evolve(p, **fields) if p.key == entry_id else p
                                      for p in self.complainants)
        elif kind in ("proposal", "commitment"):
            table: dict[str, Any] = self.proposals if kind == "proposal" else self.commitments
            table[entry_id] = attrs.evolve(table[entry_id], **fields)
        elif kind == "answer":
            for pid, p in self.proposals.items():
                self.proposals[pid] = attrs.evolve(p, answers=tuple(
                    attrs.evolve(a, **fields) if a.id == entry_id else a for a in p.answers))
        elif kind == "settlement":
            for cid, c in self.commitments.items():
                if c.settlement_id == entry_id:
                    self.commitments[cid] = attrs.evolve(c, **fields)
        elif kind == "response":
            self._replace(self.referrals, lambda r: r.response_id == entry_id, **fields)
        else:
            self._replace(self._rows(kind), lambda r: r.id == entry_id, **fields)

    @staticmethod
    def _replace(rows: list[Any], match: Any, **fields: Any) -> None:
        for i, row in enumerate(rows):
            if match(row):
                rows[i] = attrs.evolve(row, **fields)


def _plain(value: Any) -> Any:
    """Values as events store them: tuples as lists, vocabulary terms as their codes."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Level | StatementKind | PartyKind):
        return value.value
    return value

