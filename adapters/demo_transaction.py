"""Play the demo in one transaction: into a scratch store first, then copied across at once.

The demo records about a hundred events over several aggregates (the case, the
joint meeting, the convention and the case its breach opens), through the same
use cases a mediator's commands use, each saving as it goes. Played straight into
the user's store, an interrupted demo would leave a half-played case there. So
the chapters are played into a scratch SQLite store in a temporary folder, and
only when they all succeeded are the events copied into the real store in one
`insert_events` call, which is one transaction on both back ends: the store gets
the whole demo or nothing. Each event is decoded with the scratch store's mapper
and encoded again with the target's, so anything the target seals or hashes on
the way in (hash chains, personal data) is done by the target itself.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from adapters.app import Gongzhi
from adapters.settings import StoreConfig

T = TypeVar("T")


def play_in_one_transaction(target: Gongzhi, play: Callable[[Any], T],
                            wrap: Callable[[Gongzhi], Any] = lambda app: app) -> T:
    """Run `play(wrap(scratch))` on a scratch store, then copy all it recorded into `target`."""
    with tempfile.TemporaryDirectory(prefix="gongzhi-demo-") as folder:
        scratch = Gongzhi(StoreConfig.parse(str(Path(folder) / "demo.db")), clock=target.clock)
        try:
            result = play(wrap(scratch))
            copy_events(scratch, target)
        finally:
            scratch.close()
    return result


def copy_events(source: Gongzhi, target: Gongzhi) -> int:
    """Copy every event of `source`, oldest first, into `target` in one transaction."""
    from adapters.event_feed import EventFeed  # pages through the log, decoding each event

    stored = [target.mapper.to_stored_event(event) for _, event in EventFeed(source).events()]
    if stored:
        # Through the event store's recorder, which stores the keys the encoding just made
        # before the events sealed with them; the bare recorder would leave them unsaved and
        # every name in the demo unreadable, as if erased.
        target.events.recorder.insert_events(stored)
    return len(stored)
