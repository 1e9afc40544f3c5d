"""The Gongzhi application: eventsourcing's `Application` over the Case aggregate.

The CLI, the demo and the tests all go through this class. It stamps each
command with the actor and the clock, allocates case numbers, and retries a
command when another writer got to the same case first: the command runs again
on the fresh state, so its rules are checked again and nothing is lost.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any, Generic, TypeVar

import attrs
from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, Transcoder
from eventsourcing.utils import Environment, EnvType

from adapters.clock import local_tz, utc_now
from adapters.codec import make_transcoder
from adapters.errors import AppError, ConcurrentChange, case_not_found, changed_by_someone_else
from adapters.settings import StoreConfig
from domain.case import Case
from domain.refs import MAX_NUMBER, case_ref, ref_number, year_prefix
from domain.values import Stamp

T = TypeVar("T")
# A writer that lost the race reloads and tries again after a short random
# pause, growing each time: without the pause, the loser of two tight loops
# re-reads just as the winner appends again and loses every round.
RETRIES = 40
BACKOFF_CAP = 0.25  # seconds


@attrs.frozen
class Recorded(Generic[T]):
    """What a command recorded: the case after it, the command's result, the new events."""

    case: Case
    result: T
    events: list[Any]

    @property
    def event_types(self) -> list[str]:
        return [type(e).__name__ for e in self.events]


class Gongzhi(Application[str]):
    name = "Gongzhi"

    def __init__(
        self,
        config: StoreConfig,
        *,
        clock: Callable[[], datetime] = utc_now,
        read_only: bool = False,
    ) -> None:
        self.config = config
        self.clock = clock
        self.read_only = read_only
        super().__init__(env=config.eventsourcing_env(read_only=read_only))

    def construct_env(self, name: str, env: EnvType | None = None) -> Environment:
        # Only our explicit settings: stray variables in the shell (CIPHER_KEY,
        # COMPRESSOR_TOPIC, ...) must not silently change how events are stored.
        return Environment(name, dict(env or {}))

    def construct_transcoder(self) -> Transcoder:
        return make_transcoder()  # the same one audits use to read rows themselves

    # -- stamps ---------------------------------------------------------------
    def stamp(self, actor: str, occurred_at: datetime | None = None) -> Stamp:
        """Who and when; "now" is given in local time, so dates derived from it are local."""
        now = self.clock()
        return Stamp(actor=actor, occurred_at=occurred_at or now.astimezone(local_tz()),
                     recorded_at=now)

    # -- numbered aggregates ---------------------------------------------------
    def save_numbered(self, prefix: str, build: Callable[[int], Any]) -> Any:
        """Save a new aggregate under the next free number after `prefix` (C2026-, SEAL-).

        The number is the aggregate's id, so the store's primary key makes two
        writers taking the same number impossible: the loser takes the next.
        """
        for attempt in range(RETRIES):
            highest = self.recorder.max_id_with_prefix(prefix)  # type: ignore[attr-defined]
            number = ref_number(highest) + 1 if highest else 1
            if number > MAX_NUMBER:
                raise AppError(f"no numbers left after {prefix}{MAX_NUMBER}",
                               f"{prefix} 开头的编号已用尽（最大 {MAX_NUMBER}）")
            aggregate = build(number)
            try:
                self.save(aggregate)
            except IntegrityError:
                _pause(attempt)
                continue
            return aggregate
        raise ConcurrentChange(
            "could not allocate a number: too many opened at once; try again",
            "编号分配冲突（同时新建的过多），请重试",
        )

    # -- cases ----------------------------------------------------------------
    def open_case(self, stamp: Stamp, **fields: Any) -> Case:
        """Open a case under the next free number of its year (the year it was raised)."""
        year = stamp.occurred_at.astimezone(local_tz()).year
        attempts = 0

        def build(number: int) -> Case:
            nonlocal attempts
            # A retry is recorded when it is saved, not when it was first tried.
            fresh = attrs.evolve(stamp, recorded_at=self.clock()) if attempts else stamp
            attempts += 1
            return Case.open(ref=case_ref(year, number), stamp=fresh, **fields)

        case: Case = self.save_numbered(year_prefix(year), build)
        return case

    def get_case(self, ref: str, version: int | None = None) -> Case:
        try:
            case = self.repository.get(ref, version=version)
        except AggregateNotFoundError:
            raise case_not_found(ref) from None
        if not isinstance(case, Case):
            raise case_not_found(ref)
        return case

    def change_case(self, ref: str, command: Callable[[Case], T]) -> Recorded[T]:
        """Run `command` on the current case and save what it recorded.

        If another writer saved first, reload and run the command again: the
        rules are checked against the new state, so a retry is safe.
        """
        for attempt in range(RETRIES):
            case = self.get_case(ref)
            result = command(case)
            try:
                recordings = self.save(case)
            except IntegrityError:
                _pause(attempt)
                continue
            return Recorded(case, result, [r.domain_event for r in recordings])
        raise changed_by_someone_else(ref)

    def record(self, ref: str, actor: str, command: Callable[[Case, Stamp], T],
               at: datetime | None = None) -> Recorded[T]:
        """`change_case` with a stamp made afresh for each attempt (recorded when saved)."""
        return self.change_case(ref, lambda case: command(case, self.stamp(actor, at)))

    def history(self, ref: str) -> tuple[Case, list[Any]]:
        """A case and its stored events, oldest first, from one read of its stream."""
        events = list(self.events.get(ref))
        case: Any = None
        for event in events:
            case = event.mutate(case)
        if not isinstance(case, Case):
            raise case_not_found(ref)
        return case, events


def _pause(attempt: int) -> None:
    time.sleep(random.uniform(0, min(BACKOFF_CAP, 0.005 * 2 ** attempt)))
