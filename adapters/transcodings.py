"""How domain value objects are written into event payloads (JSON).

Each attrs value object is stored as its fields under a stable type name (each
aggregate kind declares its own in its registration). On
the way back, validators are switched off: history must always load, even if
today's rules for a field are stricter than when the event was recorded.
Personal data is the exception: it is sealed with its subject's key
(`adapters.personal_sealing`).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import attrs
from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain.personal import PersonalData
from domain.registry import value_objects

if TYPE_CHECKING:
    from adapters.key_store import KeyStore


class AttrsTranscoding(Transcoding):
    def __init__(self, name: str, cls: type) -> None:
        self.type = cls
        self.name = name
        self.fields = [f.name for f in attrs.fields(cls)]

    def encode(self, obj: Any) -> dict[str, Any]:
        return {name: getattr(obj, name) for name in self.fields}

    def decode(self, data: dict[str, Any]) -> Any:
        with attrs.validators.disabled():
            return self.type(**data)


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


def register_domain_transcodings(transcoder: JSONTranscoder, keys: KeyStore | None = None,
                                 seal: bool = True) -> None:
    from adapters.personal_sealing import SealedPersonalData

    transcoder.register(DateAsISO())
    for name, cls in value_objects().items():  # each kind declares the ones it stores
        if cls is not PersonalData:
            transcoder.register(AttrsTranscoding(name, cls))
    transcoder.register(SealedPersonalData(keys, seal))
