"""Ed25519 keys for signing checkpoints, in the signed-note key formats (C2SP signed-note).

* verifier (public) key: `NAME+HASH+BASE64(0x01 || public key)`
* signer (private) key:  `PRIVATE+KEY+NAME+HASH+BASE64(0x01 || seed)`

HASH is the first 4 bytes of SHA-256(NAME || "\\n" || 0x01 || public key), in hex; it
lets a verifier find the signature line made by its key. Keys live in files outside
the database (a writer of the store must not be able to sign), created 0600.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re

import attrs
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from adapters.errors import AppError
from adapters.private_files import PRIVATE, PRIVATE_DIR

ED25519 = b"\x01"
_NAME = re.compile(r"^[^\s+]+$")  # signed-note names: no spaces, no '+'


class KeyFileError(AppError):
    """A key file that cannot be read or is not a key (exit 1)."""


def key_hash(name: str, public: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + ED25519 + public).digest()[:4]


def check_name(name: str) -> str:
    if not _NAME.match(name):
        raise KeyFileError(f"密钥名称不能含空格或“+”：“{name}”",
                        f"a key name needs no spaces and no '+': '{name}'")
    return name


@attrs.frozen
class VerifierKey:
    name: str
    hash: bytes
    public: bytes

    def verify(self, message: bytes, signature: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.public).verify(signature, message)
        except InvalidSignature:
            return False
        return True

    def text(self) -> str:
        return f"{self.name}+{self.hash.hex()}+{base64.b64encode(ED25519 + self.public).decode()}"


@attrs.frozen
class SignerKey:
    name: str
    seed: bytes = attrs.field(repr=False)

    @property
    def verifier(self) -> VerifierKey:
        public = Ed25519PrivateKey.from_private_bytes(self.seed).public_key().public_bytes(
            Encoding.Raw, PublicFormat.Raw)
        return VerifierKey(self.name, key_hash(self.name, public), public)

    def sign(self, message: bytes) -> bytes:
        return Ed25519PrivateKey.from_private_bytes(self.seed).sign(message)

    def text(self) -> str:
        encoded = base64.b64encode(ED25519 + self.seed).decode()
        return f"PRIVATE+KEY+{self.name}+{self.verifier.hash.hex()}+{encoded}"


def generate(name: str) -> SignerKey:
    from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

    seed = Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw,
                                                      NoEncryption())
    return SignerKey(check_name(name), seed)


def _bad_key(path: str, what: tuple[str, str]) -> KeyFileError:
    return KeyFileError(f"{path} 不是{what[1]}", f"{path} is not {what[0]}")


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as stream:
            return stream.read().strip()
    except (OSError, UnicodeDecodeError) as error:
        raise KeyFileError(f"无法读取密钥文件 {path}：{error}",
                        f"cannot read the key file {path}: {error}") from None


def load_signer(path: str) -> SignerKey:
    parts = _read(path).split("+", 4)
    try:
        if parts[:2] != ["PRIVATE", "KEY"] or len(parts) != 5:
            raise ValueError
        raw = base64.b64decode(parts[4], validate=True)
        if raw[:1] != ED25519 or len(raw) != 33:
            raise ValueError
        signer = SignerKey(parts[2], raw[1:])
        if signer.verifier.hash.hex() != parts[3]:
            raise ValueError
    except ValueError:
        raise _bad_key(path, ("a private signing key (audit keygen)", "私钥（由 audit keygen 生成）")
                       ) from None
    return signer


def load_verifier(path: str) -> VerifierKey:
    text = _read(path)
    parts = text.split("+", 2)
    try:
        if len(parts) != 3 or parts[0] == "PRIVATE":
            raise ValueError
        raw = base64.b64decode(parts[2], validate=True)
        if raw[:1] != ED25519 or len(raw) != 33:
            raise ValueError
        key = VerifierKey(parts[0], bytes.fromhex(parts[1]), raw[1:])
        if key_hash(key.name, key.public) != key.hash:
            raise ValueError
    except ValueError:
        raise _bad_key(path, ("a public key (NAME+HASH+KEY, from audit keygen)",
                              "公钥（NAME+HASH+KEY，由 audit keygen 生成）")) from None
    return key


def write_key_pair(path: str, signer: SignerKey) -> str:
    """Write the private key to `path` and the public key to `path`.pub; never overwrite."""
    public_path = path + ".pub"
    os.makedirs(os.path.dirname(os.path.abspath(path)), mode=PRIVATE_DIR, exist_ok=True)
    for target, text in ((path, signer.text()), (public_path, signer.verifier.text())):
        try:
            fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE)
        except FileExistsError:
            raise KeyFileError(f"{target} 已存在：密钥文件不会被覆盖",
                            f"{target} already exists; a key is never overwritten") from None
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(text + "\n")
    return public_path
