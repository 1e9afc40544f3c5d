"""Idempotent writes: every save carries a command id, and the same id lands only once.

A command line invocation gets an id (`--command-id`, GONGZHI_COMMAND_ID, or a
fresh random one); its n-th save is recorded under `ID:n` in `gongzhi_commands`,
in the same transaction as its events. The recorders check that table under the
writers' lock before inserting:

* the same events under the same key: our own commit, whose acknowledgement was
  lost with the connection; the retry reports it as done instead of writing again;
* other events under the same key: a script ran the same command again (same
  --command-id); nothing is recorded twice and the caller is told so.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextvars import ContextVar
from typing import Any

import attrs

from adapters.errors import AppError

MAX_ID = 200


@attrs.define
class Invocation:
    command_id: str
    saves: int = 0  # saves already landed in this invocation

    @property
    def key(self) -> str:
        return f"{self.command_id}:{self.saves}"


_current: ContextVar[Invocation | None] = ContextVar("gongzhi_command", default=None)


def begin(command_id: str) -> None:
    _current.set(Invocation(command_id))


def end() -> None:
    _current.set(None)


def current_key() -> str | None:
    invocation = _current.get()
    return invocation.key if invocation else None


def landed() -> None:
    """Called once a save is known to be committed: the next save gets the next key."""
    invocation = _current.get()
    if invocation is not None:
        invocation.saves += 1


def events_text(stored_events: Sequence[Any]) -> str:
    return ",".join(f"{s.originator_id}:{s.originator_version}" for s in stored_events)


class AlreadyRecorded(AppError):
    """The same command id was recorded before, by another run: nothing recorded again."""


def already_recorded(key: str, first_notification: int) -> AlreadyRecorded:
    command_id = key.rsplit(":", 1)[0]
    return AlreadyRecorded(
        f"命令 {command_id} 已记录过（通知 {first_notification}），本次未重复记录",
        f"command {command_id} was already recorded (notification {first_notification}); "
        "nothing was recorded again")


def check_command_id(value: str) -> str:
    value = value.strip()
    if not value or len(value) > MAX_ID or not value.isprintable() or ":" in value:
        raise ValueError(value)
    return value
