"""How a joint meeting is shown: its events' texts, the `show`/`replay` document and its text."""

from __future__ import annotations

from adapters.meeting_view import meeting_document
from adapters.views import AggregateView
from cli_commands.meeting_event_text import MEETING_EVENTS
from cli_commands.meeting_text import render_meeting

MEETING_VIEW = AggregateView(events=MEETING_EVENTS, document=meeting_document,
                             render=render_meeting)
