"""How a case is shown: its events' texts, the `show`/`replay` document and its text."""

from __future__ import annotations

from typing import Any

from adapters.case_view import case_document
from adapters.views import AggregateView
from cli_commands.case_event_text import CASE_EVENTS
from cli_commands.case_text import render_case


def party_names(case: Any) -> dict[str, str]:
    return {p.key: p.name for p in case.parties}


CASE_VIEW = AggregateView(events=CASE_EVENTS, document=case_document, render=render_case,
                          names=party_names)
