"""`gongzhi case ...`: the mediator's commands on complaint cases."""

from __future__ import annotations

import click

from cli_commands import (
    case_agreement,
    case_closure,
    case_corrections,
    case_departments,
    case_intake,
    case_reading,
    case_share,
    case_talks,
)
from cli_commands.errors import GuardedGroup


@click.group(cls=GuardedGroup)
def case() -> None:
    """Open, negotiate and close complaint cases (案件).

    Cases are referred to as C<year>-<number> (C2026-000042; 2026-42 works too).
    Every write needs --actor (or GONGZHI_ACTOR) and takes --at for the time the
    step actually happened, if earlier than now.

    \b
    Example:
      gongzhi case show C2026-000001
      gongzhi case propose C2026-000001 --by mediator "22:00后停止户外营业"
    """


case.add_commands_of(case_intake, case_talks, case_departments, case_closure, case_reading,
                     case_corrections, case_agreement, case_share)
