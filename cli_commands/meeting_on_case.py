"""The thread from decision to result: a case's action items from joint meetings, on `case show`.

`case show` calls `with_meeting_actions` on its way out: it adds the action
items of every meeting that concern the case (status judged today, evidence
that closed them) as a separate `meeting_action_items` list in the JSON and a
section at the end of the text. A store without any meeting skips the read
model entirely, so `case show` costs nothing more there.
"""

from __future__ import annotations

from typing import Any

from domain.meeting_kind import MEETING_PREFIX

HEADING = {"zh": "联席会议事项", "en": "Joint meeting action items"}


def with_meeting_actions(document: dict[str, Any], text: str, rt: Any) -> tuple[dict[str, Any], str]:
    app = rt.app(read_only=True)
    if not app.recorder.max_id_with_prefix(MEETING_PREFIX):
        return document, text
    from adapters.meeting_read_models import action_items_of_case
    from adapters.readmodels import open_read_models
    from cli_commands.meeting_text import action_line

    with open_read_models(app, rt.read_config) as models:
        actions = action_items_of_case(models, document["id"], rt.today())
    if not actions:
        return document, text
    lines = [f"{HEADING[rt.lang]}：" if rt.lang == "zh" else f"{HEADING[rt.lang]}:"]
    lines += [f"  {a['meeting']} {action_line(a, rt.lang)}" for a in actions]
    return {**document, "meeting_action_items": actions}, text + "\n" + "\n".join(lines)
