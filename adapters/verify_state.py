"""What an auditor's (or a witness's) machine remembers: the last checkpoint it accepted.

Like immudb's clients, `audit verify` keeps, per log origin, the last head it
verified, outside the database: under $XDG_STATE_HOME/gongzhi (default
~/.local/state/gongzhi), files 0600. A store replaced by an older copy, or cut
short, or rewritten with every hash recomputed, no longer reproduces that head.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from typing import Any

import attrs

from adapters.private_files import PRIVATE_DIR, private_output


def state_dir() -> str:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "state")
    return os.path.join(base, "gongzhi")


@attrs.frozen
class Remembered:
    origin: str
    size: int
    log_hash: str  # hex
    at: str  # ISO time it was accepted
    note: str = ""  # the checkpoint text, signed if it was


def _path(kind: str, origin: str) -> str:
    name = hashlib.sha256(origin.encode("utf-8")).hexdigest()[:32]
    return os.path.join(state_dir(), kind, name + ".json")


def recall(kind: str, origin: str) -> Remembered | None:
    try:
        with open(_path(kind, origin), encoding="utf-8") as stream:
            data: dict[str, Any] = json.load(stream)
        found = Remembered(str(data["origin"]), int(data["size"]), str(data["log_hash"]),
                           str(data["at"]), str(data.get("note", "")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return None  # an unreadable state file is treated as none; a fresh one replaces it
    return found if found.origin == origin else None


def remember(kind: str, entry: Remembered) -> None:
    path = _path(kind, entry.origin)
    os.makedirs(os.path.dirname(path), mode=PRIVATE_DIR, exist_ok=True)
    with private_output(path) as stream:
        json.dump(attrs.asdict(entry), stream, ensure_ascii=False, indent=1)


def forget(kind: str, origin: str) -> Remembered | None:
    """Drop what was remembered (after a restore that was checked by other means)."""
    found = recall(kind, origin)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(_path(kind, origin))
    return found
