"""case retract, correct: put right an entry recorded in error (撤销 / 更正).

Entries are named by the ids `case show` prints: T1 statements, P1 proposals,
A1 answers, Q1 referrals, D1 department responses, E1 escalations, S1 spot
checks, K1 commitments, F1 fulfilments/breaches, N1 notes, c2 a complainant who
joined (any letter case).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import click

from adapters import case_use_cases as use
from cli_commands.case_writes import at_option, command, write
from cli_commands.parsing import CASE_REF, DUE, MOMENT, DaysLater, TermType
from domain.vocabulary import PartyKind, StatementKind


@command("retract")
@click.argument("ref", type=CASE_REF)
@click.argument("entry")
@click.option("--reason", required=True, help="Why the entry was recorded in error (撤销原因).")
@at_option
def retract(ref: str, entry: str, reason: str, at: datetime | None) -> None:
    """Withdraw an entry recorded in error (撤销); the original stays in the history.

    A retracted commitment no longer blocks closing; retracting a fulfilment or
    breach (F1) reopens its commitment; retracting an answer (A1) makes its
    proposal pending again. The opening, a closure, an agreement or a failed
    mediation cannot be retracted (the message says what to do instead); on a
    closed case only notes can.

    \b
    Example:
      gongzhi case retract C2026-000001 S1 --reason "录错案件，应为 C2026-000002"
      gongzhi case retract C2026-000001 k2 --reason "承诺人登记错误"
    """
    write(ref, at, use.retract, entry=entry, reason=reason)


@command("correct")
@click.argument("ref", type=CASE_REF)
@click.argument("entry")
@click.option("--reason", required=True, help="Why the entry is corrected (更正原因).")
@click.option("--text", help="Statement (T) or note (N): the text.")
@click.option("--party", help="Statement (T): who said it; commitment (K): who promises.")
@click.option("--kind", type=TermType(StatementKind), help="Statement (T): statement/陈述 or demand/诉求.")
@click.option("--terms", help="Proposal (P), while unanswered: its terms.")
@click.option("--rejection-reason", "rejection_reason", help="Rejection (A): its reason.")
@click.option("--question", help="Referral (Q): what the department is asked.")
@click.option("--response", help="Department response (D): its text.")
@click.option("--escalation-reason", "escalation_reason", help="Escalation (E): its reason.")
@click.option("--from", "started_at", type=MOMENT, help="Spot check (S): when it began.")
@click.option("--to", "ended_at", type=MOMENT, help="Spot check (S): when it ended.")
@click.option("--inspector", "inspectors", multiple=True,
              help="Spot check (S), repeatable: who checked (replaces the list).")
@click.option("--findings", help="Spot check (S): what was found.")
@click.option("--passed/--failed", default=None, help="Spot check (S): the verdict.")
@click.option("--rectified/--not-rectified", default=None,
              help="Spot check (S): put right on the spot (当场整改) or not.")
@click.option("--duty", help="Commitment (K): what is promised.")
@click.option("--due", type=DUE, help="Commitment (K): by when (a date, or +DAYS after it was made).")
@click.option("--note", help="Fulfilment or breach (F): its note.")
@click.option("--name", help="Complainant who joined (c2 ...): the name.")
@click.option("--party-kind", "party_kind", type=TermType(PartyKind),
              help="Complainant who joined: person/个人 or business/商户.")
@click.option("--operator", help="Complainant who joined, a business: its operator.")
@at_option
def correct(ref: str, entry: str, reason: str, started_at: datetime | None,
            ended_at: datetime | None, inspectors: tuple[str, ...], due: date | DaysLater | None,
            at: datetime | None, **fields: Any) -> None:
    """Replace fields of an entry (更正), checked by the rules of the command that
    recorded it; the original stays in the history and `case show` marks it corrected (更正).

    \b
    Example:
      gongzhi case correct C2026-000001 K1 --due 2026-12-31 --reason "期限登记错误"
      gongzhi case correct C2026-000001 S1 --to "2026-10-15 22:30" --findings "噪音 58 分贝" \\
        --reason "检查记录抄错"
      gongzhi case correct C2026-000001 t2 --party r1 --reason "陈述人登记错误"
    """
    changes = {**fields, "from": started_at, "to": ended_at,
               "inspector": list(inspectors) or None}
    write(ref, at, use.correct, entry=entry, reason=reason, changes=changes,
          due=due.from_ if isinstance(due, DaysLater) else due)
