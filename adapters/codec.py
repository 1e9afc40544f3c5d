"""Encoding events to stored bytes and back, without needing a database.

The application uses the same transcoder; audits use this to decode rows they
read themselves (read-only, straight from the table).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    Mapper,
    StoredEvent,
    UUIDAsHex,
)

from adapters.transcodings import register_domain_transcodings

if TYPE_CHECKING:
    from adapters.key_store import KeyStore


def make_transcoder(keys: KeyStore | None = None, seal: bool = True) -> JSONTranscoder:
    """Without `keys`, sealed personal data reads as erased (and is written in the clear)."""
    transcoder = JSONTranscoder()
    for transcoding in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO()):
        transcoder.register(transcoding)
    register_domain_transcodings(transcoder, keys, seal)
    return transcoder


def make_mapper(keys: KeyStore | None = None) -> Mapper[str]:
    return Mapper(transcoder=make_transcoder(keys))


def decode(mapper: Mapper[str], originator_id: str, version: int, topic: str,
           state: bytes) -> Any:
    return mapper.to_domain_event(StoredEvent(originator_id, version, topic, state))
