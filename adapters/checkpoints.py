"""Checkpoints of the log in the C2SP tlog-checkpoint format, as signed notes (C2SP signed-note).

A checkpoint is three lines: the origin (which log), the number of events, and the
log hash after them in base64 (Gongzhi's log hash is a hash chain, not a Merkle
root: consistency is checked by replaying the log, not by proofs). Signed, it is
followed by a blank line and one line per signature:

    gongzhi sqlite /srv/gongzhi/district.db
    1234
    q6Fh0e...=

    — 双塔街道 AbCdEf...

where the signature text is base64(4-byte key hash || Ed25519 signature of the body).
A witness cosigns by adding its own signature line over the same body.
"""

from __future__ import annotations

import base64

import attrs

from adapters.errors import AppError
from adapters.keys import SignerKey, VerifierKey

DASH = "\u2014"


class BadCheckpoint(AppError):
    """Not a checkpoint, or a signature that does not verify (exit 1)."""


@attrs.frozen
class Checkpoint:
    origin: str
    size: int
    log_hash: bytes

    def body(self) -> str:
        return f"{self.origin}\n{self.size}\n{base64.b64encode(self.log_hash).decode()}\n"


@attrs.frozen
class Note:
    body: str
    signatures: tuple[tuple[str, bytes, bytes], ...]  # (name, key hash, signature)

    @property
    def checkpoint(self) -> Checkpoint:
        return parse_checkpoint(self.body)

    def text(self) -> str:
        lines = [f"{DASH} {name} {base64.b64encode(key + sig).decode()}\n"
                 for name, key, sig in self.signatures]
        return self.body + "\n" + "".join(lines)

    def signed_by(self, key: VerifierKey) -> bool:
        return any(name == key.name and h == key.hash and key.verify(self.body.encode(), sig)
                   for name, h, sig in self.signatures)

    def add_signature(self, signer: SignerKey) -> Note:
        key = signer.verifier
        kept = tuple(s for s in self.signatures if (s[0], s[1]) != (key.name, key.hash))
        return Note(self.body, (*kept, (key.name, key.hash, signer.sign(self.body.encode()))))


def _bad(en: str, zh: str) -> BadCheckpoint:
    return BadCheckpoint(f"不是共治检查点：{zh}", f"not a Gongzhi checkpoint: {en}")


def parse_checkpoint(body: str) -> Checkpoint:
    lines = body.split("\n")
    if len(lines) < 4 or lines[-1] != "" or not lines[0]:
        raise _bad("expected origin, size and hash lines", "应有来源、事件数与哈希三行")
    if not lines[1].isascii() or not lines[1].isdigit():
        raise _bad(f"the size '{lines[1]}' is not a number", f"事件数“{lines[1]}”不是数字")
    try:
        digest = base64.b64decode(lines[2], validate=True)
    except ValueError:
        digest = b""
    if len(digest) != 32:
        raise _bad("the hash line is not a base64 SHA-256 hash", "哈希行不是 base64 编码的 SHA-256 值")
    return Checkpoint(lines[0], int(lines[1]), digest)


def parse_note(text: str) -> Note:
    body, separator, signature_block = text.partition("\n\n")
    if not separator:
        return Note(_body(text), ())
    signatures = []
    for line in signature_block.splitlines():
        if not line.strip():
            continue
        parts = line.split(" ")
        try:
            if len(parts) != 3 or parts[0] != DASH:
                raise ValueError
            raw = base64.b64decode(parts[2], validate=True)
            if len(raw) != 4 + 64:
                raise ValueError
        except ValueError:
            raise _bad(f"a malformed signature line: {line[:60]}",
                       f"签名行格式不对：{line[:60]}") from None
        signatures.append((parts[1], raw[:4], raw[4:]))
    return Note(_body(body + "\n"), tuple(signatures))


def _body(body: str) -> str:
    parse_checkpoint(body)
    return body


def read_note(path: str) -> Note:
    try:
        with open(path, encoding="utf-8") as stream:
            return parse_note(stream.read())
    except (OSError, UnicodeDecodeError) as error:
        raise BadCheckpoint(f"无法读取检查点 {path}：{error}",
                            f"cannot read the checkpoint {path}: {error}") from None
