"""convention show, list, status, print."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from cli_commands.convention_group import CONV_REF, convention
from cli_commands.parsing import DAY, TermType
from cli_commands.runtime import runtime
from domain.convention_vocabulary import ConventionStatus


@convention.command("show")
@click.argument("ref", type=CONV_REF)
def show(ref: str) -> None:
    """Show a convention: every version's clauses and signatures, and its checks.

    \b
    Example:
      gongzhi convention show GY2026-1
      gongzhi convention show GY2026-000001 --json
    """
    from adapters.convention_view import convention_document
    from cli_commands.convention_text import render_convention

    rt = runtime()
    conv = rt.app(read_only=True).get(ref)
    document = convention_document(conv, rt.today())
    rt.emit(document, render_convention(document, rt.lang))


@convention.command("list")
@click.option("--community", help="Only this community.")
@click.option("--building", help="Only this building.")
@click.option("--status", type=TermType(ConventionStatus),
              help="drafting/起草中, adopted/已通过, published/已公示, suspended, repealed.")
@click.option("--limit", type=click.IntRange(min=1), default=200, show_default=True)
def list_conventions(community: str | None, building: str | None,
                     status: ConventionStatus | None, limit: int) -> None:
    """List conventions from the status board (caught up with the log first).

    \b
    Example:
      gongzhi convention list --community 双塔社区 --status published
    """
    from cli_commands.convention_status import board, render_list

    rt = runtime()
    with board() as b:
        rows = b.conventions(community, building, str(status) if status else None, limit)
    rt.emit(rows, render_list(rows, rt.lang))


@convention.command("status")
@click.argument("ref", type=CONV_REF, required=False)
@click.option("--party", help="Every clause that binds this party, across buildings.")
@click.option("--community", help="A community's figures (without REF or --party).")
@click.option("--since", type=DAY, help="Compliance period start (default: 90 days before --until).")
@click.option("--until", type=DAY, help="Compliance period end (default: --on).")
@click.option("--on", "on_day", type=DAY, help="Judge overdue and days since on this day "
              "(default: today).")
def status(ref: str | None, party: str | None, community: str | None, since: date | None,
           until: date | None, on_day: date | None) -> None:
    """The status board: of one building's convention, of a party, of a community or the district.

    Per building: state, version, adoption and publication, each clause with its
    party, signature, last check and result, breaches, days since the last check,
    deadline and whether it is overdue. Per party: every clause binding it. Per
    community (or every community, without options): buildings covered, clauses
    in force, the compliance rate over the period, open breaches with their cases.

    \b
    Example:
      gongzhi convention status GY2026-1
      gongzhi convention status --party 老王家常菜馆
      gongzhi convention status --community 双塔社区 --since 2026-01-01 --until 2026-12-31
      gongzhi convention status --json
    """
    from cli_commands import convention_status as view

    rt = runtime()
    today = on_day or rt.today()
    if sum(x is not None for x in (ref, party, community)) > 1:
        raise click.UsageError(rt.say("REF、--party、--community 只能给一个",
                                      "give only one of REF, --party or --community"))
    with view.board() as b:
        document: Any
        if ref:
            document = b.building(ref, today)
            if document is None:
                from adapters.errors import not_found
                from domain.registry import kind_named

                raise not_found(kind_named("convention"), ref)
            text = view.render_building(document, rt.lang)
        elif party:
            document = b.party(party, today)
            text = view.render_party(party, document, rt.lang)
        else:
            document = b.communities(community, today, since, until)
            text = view.render_communities(document, rt.lang)
    rt.emit(document, text)


@convention.command("print")
@click.argument("ref", type=CONV_REF)
@click.option("--format", "fmt", type=click.Choice(["text", "md", "html"]), default="text",
              show_default=True)
@click.option("--version", "number", type=click.IntRange(min=1),
              help="Which version (default: the one in force, else the latest).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of the terminal.")
def print_cmd(ref: str, fmt: str, number: int | None, output: str | None) -> None:
    """The convention to post in the building: title, parties, clauses, signatures, date.

    Signatories' names are masked. HTML is a printable A4 page (print it to PDF
    with a browser, e.g. chromium --headless --print-to-pdf=out.pdf file://...).

    \b
    Example:
      gongzhi convention print GY2026-1
      gongzhi --lang en convention print GY2026-1 --format md
      gongzhi convention print GY2026-1 --format html --version 1 -o 公约.html
    """
    from adapters.convention_view import convention_document
    from cli_commands.convention_print import printable, render_html, render_text
    from domain.errors import InvalidInput

    rt = runtime()
    conv = rt.app(read_only=True).get(ref)
    doc = convention_document(conv, rt.today())
    count = len(doc["versions"])
    if number is not None and number > count:
        raise InvalidInput("conv_no_version", ref=ref, version=number, count=count)
    chosen = number or doc["version_in_force"] or doc["latest_adopted_version"] or count
    from adapters.sharing import shared_convention

    page = shared_convention(rt.app(read_only=True), conv, printable(doc, chosen, rt.lang))
    body = render_html(page) if fmt == "html" else render_text(page, markdown=fmt == "md")
    if output:
        with open(output, "w", encoding="utf-8") as out:
            out.write(body)
    if rt.as_json:
        rt.emit({"ref": ref, "version": chosen, "format": fmt, "output": output, "text": body}, "")
    elif not output:
        click.echo(body, nl=False)
