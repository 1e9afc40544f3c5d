"""A seal over the log (日志封存): the log hash at a head, recorded as an event itself.

Sealing records that, at `head`, the chain over every stored event had the
hash `log_hash`. Published or written down, a seal lets anyone prove later that
nothing up to `head` was changed, removed, inserted or reordered.
"""

from __future__ import annotations

import re
from datetime import datetime

from eventsourcing.domain import event

from domain.aggregate import TextIdAggregate
from domain.errors import InvalidInput
from domain.registry import AggregateKind, numbered_ref
from domain.text import Bilingual
from domain.values import Stamp

SEAL_PREFIX = "SEAL-"
_HEX = re.compile(r"^[0-9a-f]{64}$")
_TYPED = re.compile(r"^\s*seal-?\s*(\d{1,6})\s*$", re.IGNORECASE)


def seal_ref(number: int) -> str:
    return numbered_ref(SEAL_PREFIX, number)


def parse_seal_ref(text: str) -> str | None:
    match = _TYPED.match(text)
    return seal_ref(int(match.group(1))) if match and int(match.group(1)) else None


class LogSeal(TextIdAggregate):
    @classmethod
    def record(cls, ref: str, head: int, log_hash: str, events: int, stamp: Stamp) -> LogSeal:
        if head < 0 or events < 0:
            raise InvalidInput("blank", field="head")
        if not _HEX.match(log_hash):
            raise InvalidInput("blank", field="log_hash")
        return cls(ref=ref, head=head, log_hash=log_hash, events=events, **stamp.event_fields())

    @event("Sealed")
    def __init__(self, ref: str, head: int, log_hash: str, events: int, actor: str,
                 occurred_at: datetime, timestamp: datetime) -> None:
        self.ref = ref
        self.head = head
        self.log_hash = log_hash
        self.events = events
        self.sealed_by = actor


SEAL_KIND = AggregateKind(
    code="seal",
    name=Bilingual("日志封存", "log seal"),
    aggregate="domain.seal:LogSeal",
    ref_pattern=r"SEAL-\d{6}",
    parse_ref=parse_seal_ref,
    ref_forms="SEAL-000001",
    view="cli_commands.seal_presentation:SEAL_VIEW",
)
