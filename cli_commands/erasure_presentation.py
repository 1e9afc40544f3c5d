"""How an erasure (个人信息删除) reads in a history line."""

from __future__ import annotations

from typing import Any

from adapters.views import AggregateView, EventText
from domain.text import Bilingual


def recorded(d: dict[str, Any], lang: str, names: dict[str, str]) -> str:
    subjects = "、".join(d["subjects"]) if lang == "zh" else ", ".join(d["subjects"])
    return (f"删除 {subjects}；原因：{d['reason']}" if lang == "zh"
            else f"erased {subjects}; reason: {d['reason']}")


ERASURE_VIEW = AggregateView(events={"Recorded": EventText(
    Bilingual("删除个人信息", "personal data erased"), recorded)})
