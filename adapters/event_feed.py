"""Reading the application's log in notification order, for projections and audits.

Pages through the recorder's `select_notifications` (the SQLite recorder has no
subscription, so followers page themselves) and decodes each stored event with
the application's mapper.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from adapters.hashing import GENESIS

PAGE = 2000


class EventFeed:
    def __init__(self, app: Any, personal: bool = True) -> None:
        """`personal=False`: personal data is not decrypted (the key store is never opened).

        The read models hold no personal data (docs/reporting.md), so the projector reads
        the log this way: a rebuild then costs no key look-ups or decryption, and a fold
        cannot put a name into a reporting table even by mistake.
        """
        self.app = app
        self.recorder = app.recorder
        self.mapper = app.mapper
        if not personal:
            from adapters.codec import make_mapper

            self.mapper = make_mapper(keys=None)  # sealed fields read as 〔已删除〕

    def head(self) -> int:
        return self.recorder.max_notification_id() or 0

    def page(self, after: int, limit: int = PAGE, stop: int | None = None,
             topics: list[str] | None = None) -> list[tuple[int, Any]]:
        """Decoded events after `after` (up to `stop`), only of `topics` if given."""
        notifications = self.recorder.select_notifications(
            start=after, limit=limit, stop=stop, topics=topics or (), inclusive_of_start=False
        )
        to_event = self.mapper.to_domain_event
        return [(n.id, to_event(n)) for n in notifications]

    def events(self, after: int = 0, stop: int | None = None,
               topics: list[str] | None = None) -> Iterator[tuple[int, Any]]:
        while True:
            batch = self.page(after, stop=stop, topics=topics)
            if not batch:
                return
            yield from batch
            after = batch[-1][0]

    def log_hash_at(self, notification_id: int) -> bytes | None:
        """The stored log hash at a position (GENESIS before the first event)."""
        if notification_id == 0:
            return GENESIS
        return self.recorder.log_hash_at(notification_id)  # type: ignore[no-any-return]
