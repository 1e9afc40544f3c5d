"""An erasure of personal data (个人信息删除): which data subjects, why, by whom.

Erasing destroys each subject's key in the key store (adapters.key_store), so
everything sealed under it reads as erased from then on; the events stay and
the hash chain still verifies. The erasure is recorded first, as an event of
its own (ERASE-000001), so there is a record of every destruction even if the
key store's step is interrupted (running it again finishes the job).

The record names subjects by their pseudonymous ids (C2026-000001/c1), never by
name: the reason is free text, and the command's help asks not to repeat the
name there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from eventsourcing.domain import event

import domain.erasure_messages  # noqa: F401  (registers the messages)
from domain.aggregate import TextIdAggregate
from domain.errors import InvalidInput
from domain.values import Stamp, text

_SUBJECT = re.compile(r"^[A-Z]{1,5}\d{0,4}-\d{6}/[A-Za-z0-9/_-]{1,40}$")


def check_subject(subject: str) -> str:
    subject = subject.strip()
    if not _SUBJECT.match(subject):
        raise InvalidInput("bad_subject", value=subject)
    return subject


class Erasure(TextIdAggregate):
    @classmethod
    def record(cls, ref: str, subjects: Sequence[str], reason: str, stamp: Stamp,
               scope: str = "") -> Erasure:
        wanted = sorted({check_subject(s) for s in subjects})
        if not wanted:
            raise InvalidInput("no_subjects")
        return cls(ref=ref, subjects=wanted, reason=text("reason", reason, 1000),
                   scope=scope, **stamp.event_fields())

    @event("Recorded")
    def __init__(self, ref: str, subjects: list[str], reason: str, scope: str, actor: str,
                 occurred_at: datetime, timestamp: datetime) -> None:
        self.ref = ref
        self.subjects = tuple(subjects)
        self.reason = reason
        self.scope = scope  # what was asked: "C2026-000001 c1", "--closed-before 2023-01-01"
        self.erased_by = actor
        self.erased_at = occurred_at
