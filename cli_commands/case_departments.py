"""case refer, respond, escalate, inspect: departments, levels and on-site checks."""

from __future__ import annotations

from datetime import datetime

import click

from adapters import case_use_cases as use
from cli_commands.case_writes import at_option, command, write
from cli_commands.parsing import ASK, CASE_REF, DEPARTMENT, MOMENT, TermType
from domain.values import ReferralRequest
from domain.vocabulary import Level


@command("refer")
@click.argument("ref", type=CASE_REF)
@click.option("--ask", "asks", type=ASK, multiple=True, required=True,
              help="Repeatable DEPT=QUESTION: the department and what it is asked.")
@at_option
def refer(ref: str, asks: tuple[ReferralRequest, ...], at: datetime | None) -> None:
    """Refer the case to one or more departments, each with its question.

    Departments: market_regulation (市场监管局), ecology_environment (生态环境局),
    police_station (派出所), subdistrict_office (街道办), urban_management (城管),
    housing (住建局), property_management (物业), community_committee (居委会),
    fire_rescue (消防); codes or Chinese names both work.

    \b
    Example:
      gongzhi case refer C2026-000001 --ask "市场监管局=营业执照与经营范围是否合规？" \\
        --ask "生态环境局=油烟排放是否超标？" --ask "派出所=夜间噪音是否违反治安管理规定？"
    """
    write(ref, at, use.refer, asks=asks)


@command("respond")
@click.argument("ref", type=CASE_REF)
@click.argument("department", type=DEPARTMENT)
@click.argument("response")
@at_option
def respond(ref: str, department: str, response: str, at: datetime | None) -> None:
    """Record a department's answer to its referral.

    \b
    Example:
      gongzhi case respond C2026-000001 生态环境局 "油烟浓度超标，责令30日内安装净化设施"
    """
    write(ref, at, use.respond, department=department, response=response)


@command("escalate")
@click.argument("ref", type=CASE_REF)
@click.option("--to", "to_level", type=TermType(Level), required=True,
              help="community/社区 or sub-district/街道 (only upwards).")
@click.option("--reason", required=True, help="Why the grid (or community) cannot settle it.")
@at_option
def escalate(ref: str, to_level: Level, reason: str, at: datetime | None) -> None:
    """Escalate the case: grid → community → sub-district (小事不出网格，大事不出社区).

    \b
    Example:
      gongzhi case escalate C2026-000001 --to 社区 --reason "涉及市场监管、环保、公安多个部门"
    """
    write(ref, at, use.escalate, to_level=to_level, reason=reason)


@command("inspect")
@click.argument("ref", type=CASE_REF)
@click.option("--from", "started_at", type=MOMENT, required=True, help="Check began (TIME).")
@click.option("--to", "ended_at", type=MOMENT, required=True, help="Check ended (TIME).")
@click.option("--inspector", "inspectors", multiple=True, required=True,
              help="Repeatable: who checked (people or departments).")
@click.option("--findings", required=True, help="What was found.")
@click.option("--passed/--failed", required=True, help="The verdict.")
@click.option("--rectified", is_flag=True, help="Failed, but put right on the spot (当场整改).")
@click.option("--at", type=MOMENT, help="When it was recorded as happening; default: --to.")
def inspect(
    ref: str, started_at: datetime, ended_at: datetime, inspectors: tuple[str, ...],
    findings: str, passed: bool, rectified: bool, at: datetime | None,
) -> None:
    """Record a spot check (抽查/现场检查): when, who, findings, verdict.

    \b
    Example:
      gongzhi case inspect C2026-000001 --from "2026-10-15 20:00" --to "2026-10-15 22:00" \\
        --inspector 派出所 --inspector 网格员小周 --findings "21:40 噪音 62 分贝" --failed --rectified
    """
    write(ref, at or ended_at, use.spot_check, started_at=started_at, ended_at=ended_at,
          inspectors=inspectors, findings=findings, passed=passed, rectified_on_spot=rectified)
