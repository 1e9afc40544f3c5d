"""`gongzhi demo`: play a real mediation case end to end into a fresh store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from cli_commands.errors import GuardedCommand
from cli_commands.runtime import runtime

DEMO_STORE = "gongzhi-demo.db"


@click.command(cls=GuardedCommand)
def demo() -> None:
    """Play the restaurant case of 双塔社区 through the application and print it.

    Residents complain of a ground-floor restaurant's noise after 22:00 and its
    cooking fumes; the mediator hears both sides, refers the case to market
    regulation, ecology-environment and the police, records the evening spot
    check, the commitments and the agreement, and closes it after a follow-up.

    Without --store the demo writes ./gongzhi-demo.db (replacing an earlier
    demo); with --store the store must be new or empty.

    \b
    Example:
      gongzhi demo
      gongzhi --lang en demo
      gongzhi --store /tmp/demo.db demo && gongzhi --store /tmp/demo.db case list
    """
    from adapters.demo_case import play_restaurant_case
    from adapters.demo_meeting import with_joint_meeting
    from adapters.jsonable import event_envelope
    from adapters.views import view_of_ref
    from cli_commands.case_text import render_case
    from cli_commands.event_text import history_lines
    from cli_commands.meeting_agenda_render import demo_agenda

    rt = runtime()
    root = click.get_current_context().find_root()
    own_store = root.get_parameter_source("store") in (ParameterSource.DEFAULT, None)
    if own_store:
        _remove_demo_store()
        rt.store = DEMO_STORE
    app = rt.app()
    if app.recorder.max_notification_id():
        raise click.ClickException(rt.say(
            f"演示需要一个新的空数据存储，而 {rt.config.describe()} 中已有记录",
            f"the demo needs a fresh, empty store; {rt.config.describe()} already holds events"))
    from adapters.demo_convention import building_board, play_building_convention
    from adapters.demo_transaction import play_in_one_transaction

    def play(chapters: Any) -> tuple[str, str, str]:
        ref = play_restaurant_case(chapters, rt.lang)
        return ref, play_building_convention(chapters, rt, ref), chapters.meeting_ref

    try:  # the whole demo lands in one transaction, or nothing does
        ref, convention_ref, meeting_ref = play_in_one_transaction(
            app, play, wrap=lambda scratch: with_joint_meeting(scratch, rt.lang))
    except BaseException:  # interrupted or failed: the demo's own store is not left behind
        if own_store:
            rt.close()
            _remove_demo_store()
        raise
    convention = building_board(app, rt, convention_ref)  # building 5's convention, its board

    from adapters.case_view import case_document

    case, events = app.history(ref)
    document = case_document(case, rt.today())
    history = [event_envelope(e) for e in events]
    names = view_of_ref(ref).names(case)
    if rt.as_json:
        rt.emit({"store": rt.config.describe(), "case": document, "history": history,
                 "convention": convention["board"]}, "")
        return
    rule = "═" * 72
    lines = [rule, render_case(document, rt.lang), rule,
             rt.say("办理经过：", "History:")]
    lines += history_lines(history, rt.lang, names)
    from cli_commands.case_agreement import agreement_page  # the agreement the parties signed
    lines += [rule, agreement_page(case, events, rt.lang).rstrip()]
    lines += [rule, convention["text"]]
    store = rt.config.describe()
    lines += [rule, demo_agenda(meeting_ref, rt)]  # the joint meeting (adapters/demo_meeting.py)
    lines += [rule, rt.say(
        f"演示数据存储：{store}\n继续查看：gongzhi --store {store} case list / "
        f"audit verify / report summary",
        f"Demo store: {store}\nExplore: gongzhi --store {store} case list / audit verify / "
        "report summary")]
    click.echo("\n".join(lines))


def _remove_demo_store() -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(DEMO_STORE + suffix).unlink(missing_ok=True)
