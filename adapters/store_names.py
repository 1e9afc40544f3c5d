"""The event store's own table names, defined once for the stores, the audit and the grants."""

from __future__ import annotations

EVENTS_TABLE = "gongzhi_events"  # every event of every aggregate, hash-chained
COMMANDS_TABLE = "gongzhi_commands"  # command ids, so that a retried write lands once
