"""The tamper-evident chains, computed when an event is written.

Two chains cover every stored event:

* the stream chain: `event_hash(v) = H(event_hash(v-1) | id | v | topic | state)`
  links each event to its predecessor in its own aggregate's stream, so an
  altered, deleted, moved or inserted event breaks its stream;
* the log chain: `log_hash(n) = H(log_hash(n-1) | event_hash(n))` runs through
  the whole log in notification order, so a seal (the log hash at a head,
  published or written down) fixes everything before it, order included.

H is SHA-256. Lengths are framed so no two different events hash alike.
"""

from __future__ import annotations

import hashlib
import struct

GENESIS = bytes(32)
_FRAME = struct.Struct(">IQI")


def event_hash(prev: bytes, originator_id: str, version: int, topic: str, state: bytes) -> bytes:
    oid = originator_id.encode("utf-8")
    top = topic.encode("utf-8")
    h = hashlib.sha256(prev)
    h.update(_FRAME.pack(len(oid), version, len(top)))
    h.update(oid)
    h.update(top)
    h.update(state)
    return h.digest()


def log_hash(prev: bytes, event_digest: bytes) -> bytes:
    return hashlib.sha256(prev + event_digest).digest()
