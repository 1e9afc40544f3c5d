"""How a log seal (日志封存) reads in a history line."""

from __future__ import annotations

from typing import Any

from adapters.views import AggregateView, EventText
from domain.text import Bilingual


def sealed(d: dict[str, Any], lang: str, names: dict[str, str]) -> str:
    return (f"通知 1–{d['head']}，共 {d['events']} 个事件，日志哈希 {d['log_hash']}" if lang == "zh"
            else f"notifications 1–{d['head']}, {d['events']} events, log hash {d['log_hash']}")


SEAL_VIEW = AggregateView(events={"Sealed": EventText(Bilingual("日志封存", "log sealed"), sealed)})
