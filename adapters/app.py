"""The Gongzhi application: eventsourcing's `Application` over every registered aggregate kind.

The CLI, the demo and the tests all go through this class. It stamps each
command with the actor and the clock, allocates numbers per prefix, and runs
every change as a unit of work: the aggregates it loads or creates, and those
its reactions touch, are saved together in one transaction. When another writer
got to one of them first, the whole unit runs again on the fresh state, so its
rules are checked again and nothing is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import EventStore, IntegrityError, Transcoder
from eventsourcing.utils import Environment, EnvType

from adapters.clock import local_tz, utc_now
from adapters.codec import make_transcoder
from adapters.errors import (
    AppError,
    ConcurrentChange,
    case_not_found,
    changed_by_someone_else,
    not_found,
)
from adapters.settings import StoreConfig
from adapters.unit_of_work import Recorded, UnitOfWork, pause
from domain.case import Case
from domain.registry import MAX_NUMBER, kind_of_ref, ref_number
from domain.values import Stamp

T = TypeVar("T")
# A writer that lost the race reloads and tries again after a short random
# pause, growing each time (see unit_of_work.pause).
RETRIES = 40

__all__ = ["Gongzhi", "Recorded"]


class KeysFirst:
    """The recorder, storing the subjects' new keys before the events sealed with them."""

    def __init__(self, recorder: Any, keys: Any) -> None:
        self._recorder = recorder
        self._keys = keys

    def insert_events(self, stored_events: Any, **kwargs: Any) -> Any:
        self._keys.flush()
        return self._recorder.insert_events(stored_events, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._recorder, name)


class Gongzhi(Application[str]):
    name = "Gongzhi"

    def __init__(
        self,
        config: StoreConfig,
        *,
        clock: Callable[[], datetime] = utc_now,
        read_only: bool = False,
        seal_personal_data: bool = True,  # False only for the benchmark's reference run
    ) -> None:
        from adapters.key_store import open_key_store

        self.config = config
        self.clock = clock
        self.read_only = read_only
        self.seal_personal_data = seal_personal_data
        self.keys = open_key_store(config, read_only=read_only)  # opened when first needed
        super().__init__(env=config.eventsourcing_env(read_only=read_only))

    def construct_env(self, name: str, env: EnvType | None = None) -> Environment:
        # Only our explicit settings: stray variables in the shell (CIPHER_KEY,
        # COMPRESSOR_TOPIC, ...) must not silently change how events are stored.
        return Environment(name, dict(env or {}))

    def construct_transcoder(self) -> Transcoder:
        # The same one audits use to read rows themselves.
        return make_transcoder(self.keys, seal=self.seal_personal_data)

    def construct_event_store(self) -> EventStore[str]:
        store = super().construct_event_store()
        store.recorder = KeysFirst(store.recorder, self.keys)  # type: ignore[assignment]
        return store

    def close(self) -> None:
        self.keys.close()
        super().close()

    # -- stamps ---------------------------------------------------------------
    def stamp(self, actor: str, occurred_at: datetime | None = None) -> Stamp:
        """Who and when; "now" is given in local time, so dates derived from it are local."""
        now = self.clock()
        return Stamp(actor=actor, occurred_at=occurred_at or now.astimezone(local_tz()),
                     recorded_at=now)

    # -- reading --------------------------------------------------------------
    def get(self, ref: str, version: int | None = None) -> Any:
        """Any aggregate by its reference (the kind is known from the reference's form)."""
        kind = kind_of_ref(ref)
        try:
            aggregate: Any = self.repository.get(ref, version=version)
        except AggregateNotFoundError:
            raise not_found(kind, ref) from None
        if kind is not None and not isinstance(aggregate, kind.aggregate_class()):
            raise not_found(kind, ref)
        return aggregate

    def get_case(self, ref: str, version: int | None = None) -> Case:
        case = self.get(ref, version)
        if not isinstance(case, Case):
            raise case_not_found(ref)
        return case

    def history(self, ref: str) -> tuple[Any, list[Any]]:
        """An aggregate and its stored events, oldest first, from one read of its stream."""
        events = list(self.events.get(ref))
        aggregate: Any = None
        for event in events:
            aggregate = event.mutate(aggregate)  # type: ignore[attr-defined]
        kind = kind_of_ref(ref)
        if aggregate is None or (kind and not isinstance(aggregate, kind.aggregate_class())):
            raise not_found(kind, ref)
        return aggregate, events

    # -- writing --------------------------------------------------------------
    def run(self, work: Callable[[UnitOfWork], T], conflict_ref: str = "") -> Recorded[T]:
        """Run `work` in a unit of work and save everything it touched in one transaction.

        On a conflict (another writer saved one of the same aggregates, or took the
        same number) the unit is thrown away and `work` runs again on fresh state.
        """
        for attempt in range(RETRIES):
            unit = UnitOfWork(self, attempt)
            result = work(unit)
            unit.react()
            try:
                recordings = self.save(*unit.touched())
            except IntegrityError:
                pause(attempt)
                continue
            return Recorded(unit.primary(), result, [r.domain_event for r in recordings])
        if conflict_ref:
            raise changed_by_someone_else(kind_of_ref(conflict_ref), conflict_ref)
        raise ConcurrentChange("同时写入的操作过多，本次操作未记录，请重试",
                               "too many writes at once; nothing was recorded, try again")

    def change(self, ref: str, command: Callable[[Any], T]) -> Recorded[T]:
        """Run `command` on the current state of one aggregate and save what it recorded."""
        return self.run(lambda unit: command(unit.get(ref)), conflict_ref=ref)

    def record(self, ref: str, actor: str, command: Callable[[Any, Stamp], T],
               at: datetime | None = None) -> Recorded[T]:
        """`change` with a stamp made afresh for each attempt (recorded when saved)."""
        return self.change(ref, lambda aggregate: command(aggregate, self.stamp(actor, at)))

    def next_number(self, prefix: str, taken: int = 0) -> int:
        """The next free number after `prefix` (C2026-, SEAL-), past `taken` already claimed."""
        highest = self.recorder.max_id_with_prefix(prefix)  # type: ignore[attr-defined]
        number = (ref_number(highest) if highest else 0) + 1 + taken
        if number > MAX_NUMBER:
            raise AppError(f"{prefix} 开头的编号已用尽（最大 {MAX_NUMBER}）",
                           f"no numbers left after {prefix}{MAX_NUMBER}")
        return number

    def save_numbered(self, prefix: str, build: Callable[[int], Any]) -> Any:
        """Save a new aggregate under the next free number after `prefix`.

        The number is the aggregate's id, so the store's primary key makes two
        writers taking the same number impossible: the loser takes the next.
        """
        recorded = self.run(lambda unit: unit.create_numbered(prefix, build))
        return recorded.result

    def open_case(self, stamp: Stamp, **fields: Any) -> Case:
        """Open a case under the next free number of its year (adapters.case_use_cases)."""
        from adapters.case_use_cases import open_case

        case: Case = open_case(self, stamp, **fields).aggregate
        return case
