"""case open, join, assign."""

from __future__ import annotations

from datetime import datetime

import attrs
import click

from adapters import case_use_cases as use
from cli_commands.case_writes import at_option, command, report, write
from cli_commands.parsing import CASE_REF, PARTY, WINDOW, TermType
from cli_commands.runtime import runtime
from domain.values import Location, PartySpec, TimeWindow
from domain.vocabulary import Category, Channel, Level


@command("open")
@click.option("--channel", type=TermType(Channel), required=True,
              help="Intake channel: 12345, walk-in/来访, online/网络平台, grid worker/网格员, "
              "building head/楼长.")
@click.option("--category", "categories", type=TermType(Category), multiple=True, required=True,
              help="Repeatable: noise/噪音, cooking fumes/油烟, water leak/漏水, parking/停车, "
              "pets/宠物, e-bike charging/电动车充电, other/其他.")
@click.option("--community", required=True, help="Community (社区), e.g. 双塔社区.")
@click.option("--grid", required=True, help="Grid (网格), e.g. 3号网格.")
@click.option("--building", required=True, help="Building (楼栋), e.g. 5栋.")
@click.option("--unit", help="Unit or room, optional.")
@click.option("--complainant", "complainants", type=PARTY, multiple=True,
              help="Repeatable. A name, or business:NAME:OPERATOR. Confidential (保密): masked "
              "in everything shared with the other side.")
@click.option("--named-complainant", "named_complainants", type=PARTY, multiple=True,
              help="Repeatable. A complainant who consents to be named to the other side.")
@click.option("--respondent", "respondents", type=PARTY, multiple=True, required=True,
              help="Repeatable. A person's name, or business:NAME:OPERATOR "
              "(商户:老王饭店:王建国).")
@click.option("--summary", required=True, help="What the complaint is about.")
@click.option("--window", type=WINDOW, help="When the nuisance happens, e.g. 22:00-02:00.")
@click.option("--level", type=TermType(Level), default="grid", show_default=True,
              help="Where it is handled first: grid/网格, community/社区, sub-district/街道.")
@at_option
def open_case(
    channel: Channel, categories: tuple[Category, ...], community: str, grid: str,
    building: str, unit: str | None, complainants: tuple[PartySpec, ...],
    named_complainants: tuple[PartySpec, ...], respondents: tuple[PartySpec, ...], summary: str,
    window: TimeWindow | None, level: Level, at: datetime | None,
) -> None:
    """Open a case; prints its reference (C<year>-<number>) and each party's code (c1, r1).

    \b
    Example:
      gongzhi case open --channel 12345 --category 噪音 --category 油烟 \\
        --community 双塔社区 --grid 3号网格 --building 5栋 \\
        --complainant 张女士 --named-complainant 李先生 --respondent 商户:老王饭店:王建国 \\
        --summary "一楼饭店22点后噪音扰民、油烟直排" --window 22:00-02:00
    """
    rt = runtime()
    recorded = use.open_case(
        rt.app(), rt.stamp(at), channel=channel, categories=list(categories),
        location=Location(community, grid, building, unit),
        complainants=with_consent(complainants, named_complainants),
        respondents=list(respondents), summary=summary, nuisance_window=window, level=level,
    )
    report(recorded, parties=recorded.aggregate.parties)


def with_consent(confidential: tuple[PartySpec, ...],
                 named: tuple[PartySpec, ...]) -> list[PartySpec]:
    """The complainants in the order given, confidential first; a name given with both
    --complainant and --named-complainant is one complainant, named."""
    consenting = {spec.name for spec in named}
    parties = [attrs.evolve(spec, named=spec.name in consenting) for spec in confidential]
    given = {spec.name for spec in confidential}
    return parties + [attrs.evolve(spec, named=True) for spec in named if spec.name not in given]


@command("join")
@click.argument("ref", type=CASE_REF)
@click.argument("complainant", type=PARTY)
@click.option("--named", is_flag=True,
              help="Consents to be named to the other side (default: confidential, 保密).")
@at_option
def join(ref: str, complainant: PartySpec, named: bool, at: datetime | None) -> None:
    """Add another complainant to a case (e.g. a neighbour with the same complaint); prints
    the new party's code (c2, ...).

    \b
    Example:
      gongzhi case join C2026-000001 李先生
      gongzhi case join C2026-000001 王女士 --named
    """
    rt = runtime()
    spec = attrs.evolve(complainant, named=named)
    recorded = rt.app().record(ref, rt.require_actor(),
                               lambda c, s: use.join(c, s, complainant=spec), at)
    report(recorded, parties=[p for p in recorded.aggregate.parties if p.key == recorded.result])


@command("consent")
@click.argument("ref", type=CASE_REF)
@click.argument("party")
@click.option("--named/--confidential", "named", required=True,
              help="Consents to be named to the other side, or withdraws it (保密).")
@click.option("--reason", required=True, help="Why, e.g. what the complainant said and when.")
@at_option
def consent(ref: str, party: str, named: bool, reason: str, at: datetime | None) -> None:
    """Record that a complainant consents to be named to the other side, or withdraws it.

    From then on `case share`, `export --shared`, agendas, conventions and the
    agreement's shared copy follow it; what was printed before stays as printed.

    \b
    Example:
      gongzhi case consent C2026-000001 c1 --named --reason "本人来电同意公开姓名"
      gongzhi case consent C2026-000001 c2 --confidential --reason "本人要求保密"
    """
    write(ref, at, use.record_consent, party=party, named=named, reason=reason)


@command("assign")
@click.argument("ref", type=CASE_REF)
@click.argument("mediator")
@click.option("--reason", help="Required when handing the case to another mediator.")
@at_option
def assign(ref: str, mediator: str, reason: str | None, at: datetime | None) -> None:
    """Assign the case's mediator, or reassign it (with --reason).

    \b
    Example:
      gongzhi case assign C2026-000001 李明
      gongzhi case assign C2026-000001 王芳 --reason "李明休假"
    """
    write(ref, at, use.assign, mediator=mediator, reason=reason)
