"""Base classes for aggregates identified by readable text references (C2026-000042).

eventsourcing's own `Aggregate` uses random UUIDs; mediators type case numbers,
so our aggregates are `BaseAggregate[str]` with a text id, and every event
carries who recorded it (`actor`) and when it happened (`occurred_at`) beside
eventsourcing's `timestamp`, which is the time it was recorded. The domain never
reads the clock: the application passes all three in a `Stamp`.
"""

from __future__ import annotations

from datetime import datetime

from eventsourcing.domain import (
    BaseAggregate,
    CanInitAggregate,
    CanMutateAggregate,
    MetaDomainEvent,
)


class TextIdEvent(CanMutateAggregate[str], metaclass=MetaDomainEvent):
    originator_id: str
    originator_version: int
    timestamp: datetime


class TextIdCreated(CanInitAggregate[str], TextIdEvent):
    originator_topic: str


class TextIdAggregate(BaseAggregate[str]):
    class Event(TextIdEvent):
        pass

    class Created(Event, TextIdCreated):
        pass

    @staticmethod
    def create_id(ref: str) -> str:
        return ref
