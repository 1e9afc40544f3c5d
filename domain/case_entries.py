"""A case's entries: their kinds and ids, where each is kept, and what retracting or
correcting one changes in the case's state (apply code: assignments only).

The rules that decide whether a retraction or correction is allowed are in
`domain.case_corrections`; the mechanism every aggregate shares in
`domain.corrections`.
"""

from __future__ import annotations

from typing import Any

import attrs

from domain.case_queries import CaseQueries
from domain.corrections import EntryKind, FinalStep
from domain.errors import Phrase, RuleViolation
from domain.vocabulary import CommitmentStatus, Level, PartyKind, StatementKind

# Ids are the prefix and a running number; a joined complainant's id is its party key
# (c2). Referrals are Q1 ... because R1 would read as r1, the first respondent.
CASE_ENTRY_KINDS = (
    EntryKind("party", "c", Phrase("加入的投诉人", "complainant who joined"),
              ("name", "party_kind", "operator")),
    EntryKind("statement", "T", Phrase("陈述", "statement"), ("party", "kind", "text")),
    EntryKind("proposal", "P", Phrase("方案", "proposal"), ("terms",)),
    EntryKind("answer", "A", Phrase("方案答复", "answer to a proposal"), ("rejection_reason",)),
    EntryKind("referral", "Q", Phrase("转办", "referral"), ("question",)),
    EntryKind("response", "D", Phrase("部门答复", "department response"), ("response",)),
    EntryKind("escalation", "E", Phrase("升级", "escalation"), ("escalation_reason",)),
    EntryKind("spot_check", "S", Phrase("现场检查", "spot check"),
              ("from", "to", "inspector", "findings", "passed", "rectified")),
    EntryKind("commitment", "K", Phrase("承诺", "commitment"), ("party", "duty", "due")),
    EntryKind("settlement", "F", Phrase("承诺履行/违约", "fulfilment or breach"), ("note",)),
    EntryKind("note", "N", Phrase("备注", "note"), ("text",)),
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



class CaseEntries(CaseQueries):
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
        data = {f: plain(getattr(record, f)) for f in SNAPSHOT[kind]}
        if kind == "answer":
            data["proposal_id"] = self.parent_entry(entry_id)
        if kind == "settlement":
            data["commitment_id"] = record.id
        if kind == "response":
            data["referral_id"] = record.id
        if kind == "referral":  # whether the department stays referred (read models need it)
            data["still_referred"] = any(r.department == record.department and r.id != entry_id
                                         for r in self.live_referrals)
        return data

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



def plain(value: Any) -> Any:
    """Values as events store them: tuples as lists, vocabulary terms as their codes."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Level | StatementKind | PartyKind):
        return value.value
    return value

