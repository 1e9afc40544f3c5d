"""Personal data sealed per data subject: how `PersonalData` is written into an event.

Stored as `{"subject": ..., "sealed": base64(nonce | AES-GCM ciphertext)}`, with
the subject's own key and the subject as associated data (a sealed field moved
under another subject does not decrypt). Event hashes are computed over these
stored bytes, so destroying a key later changes nothing the hash chain covers.

On the way back a field whose key is gone (erased) reads as `ERASED`; so does one
that does not decrypt. Older events hold the plain text (`{"subject", "text"}`),
and read as they were.
"""

from __future__ import annotations

import base64
import os
from typing import Any

from eventsourcing.persistence import Transcoding

from adapters.key_store import KeyStore
from domain.personal import ERASED, SEALED, PersonalData

NONCE_BYTES = 12


class SealedPersonalData(Transcoding):
    type = PersonalData
    name = "PersonalData"

    def __init__(self, keys: KeyStore | None, seal: bool = True) -> None:
        self.keys = keys
        self.seal = seal and keys is not None  # off only in the benchmark's reference run
        self._ciphers: dict[bytes, Any] = {}

    def _cipher(self, key: bytes) -> Any:
        cipher = self._ciphers.get(key)
        if cipher is None:
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM

            cipher = self._ciphers[key] = AESGCM(key)
        return cipher

    def encode(self, obj: PersonalData) -> dict[str, Any]:
        if not self.seal or self.keys is None:
            return {"subject": obj.subject, "text": obj.text}
        if obj.erased:  # an erased field stays erased (no key is made for it again)
            return {"subject": obj.subject, "erased": True}
        nonce = os.urandom(NONCE_BYTES)
        cipher = self._cipher(self.keys.key_for_sealing(obj.subject))
        sealed = cipher.encrypt(nonce, obj.text.encode("utf-8"), obj.subject.encode("utf-8"))
        return {"subject": obj.subject, "sealed": base64.b64encode(nonce + sealed).decode("ascii")}

    def decode(self, data: Any) -> PersonalData:
        if isinstance(data, str):  # not expected, but history must always load
            return PersonalData(subject="", text=data)
        subject = str(data.get("subject", ""))
        if "sealed" not in data:
            return PersonalData(subject=subject, text=str(data.get("text", ERASED)))
        key = self.keys.key(subject) if self.keys is not None else None
        if key is None:
            # No key store to read (not allowed, or missing: erasure never removes the store
            # itself) says nothing about erasure: show the field as sealed, not as erased.
            if self.keys is not None and (self.keys.unavailable or self.keys.missing):
                self.keys.withheld = True
                return PersonalData(subject=subject, text=SEALED)
            return PersonalData(subject=subject, text=ERASED)
        raw = base64.b64decode(data["sealed"])
        try:
            plain = self._cipher(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:],
                                              subject.encode("utf-8"))
        except Exception:  # InvalidTag: sealed under a key since destroyed and made anew
            return PersonalData(subject=subject, text=ERASED)
        return PersonalData(subject=subject, text=plain.decode("utf-8"))
