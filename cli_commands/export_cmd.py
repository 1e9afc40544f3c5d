"""`gongzhi export TABLE`: any read model as CSV or JSON, UTF-8 with Chinese intact."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from typing import IO, Any

import click

from cli_commands.errors import GuardedCommand
from cli_commands.output_file import output_stream, output_target
from cli_commands.parsing import DAY
from cli_commands.runtime import runtime
from projections.registry import table_owners

TABLES = list(table_owners())
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection);
# a leading quote makes it text. Tab and CR are included, as OWASP advises.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


@click.command(cls=GuardedCommand)
@click.argument("table", type=click.Choice(TABLES), metavar="TABLE")  # the list is too wide
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv",
              show_default=True)
@click.option("--bom", is_flag=True, help="Start CSV with a UTF-8 BOM (for Excel on Windows).")
@click.option("--raw", is_flag=True, help="CSV: keep cells starting with = + - @ as they are "
              "(by default they get a leading ' so a spreadsheet shows them as text).")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Write to this file (created 0600; missing folders are made) instead of "
              "standard output.")
@click.option("--shared", is_flag=True,
              help="For the other side or posting: confidential complainants masked (张**) "
              "wherever they appear (docs/privacy.md).")
@click.option("--on", "on_day", type=DAY,
              help="Judge 'overdue' on this date (default: today).")
def export(table: str, fmt: str, bom: bool, raw: bool, output: str | None, shared: bool,
           on_day: date | None) -> None:
    """Export a read-model table (caught up with the log first).

    What depends on the day is judged when exporting, on --on (default today):
    `overdue` of each commitment, `overdue_commitments` of each case. Lists of
    codes (a case's categories, departments) are lists in JSON and one cell
    joined by commas in CSV.

    \b
    Example:
      gongzhi export cases --format csv --bom -o cases.csv
      gongzhi export commitments --format json --on 2026-11-30
      gongzhi export cases --shared -o 公示.csv
    """
    from adapters.jsonable import jsonable
    from adapters.read_shapes import as_lists
    from adapters.readmodels import open_read_models

    target = output_target(output)  # before anything is opened: a refusal touches nothing
    rt = runtime()
    with open_read_models(rt.app(read_only=True), rt.read_config) as models:
        rows: Iterator[dict[str, Any]] = (dict((k, jsonable(v)) for k, v in row.items())
                                          for row in models.rows(table, on_day or rt.today()))
        if shared:
            rows = _masked(rows, _store_masker(rt, models))
        if fmt == "json":
            rows = (as_lists(table, row) for row in rows)
        columns = models.columns(table)
        # Atomic: if catching up or reading fails half-way, an old file stays as it was.
        with output_stream(target) as stream:
            if fmt == "csv":
                _csv(stream, columns, rows, bom, raw)
            else:
                _json(stream, rows)


def _store_masker(rt: Any, models: Any) -> Any:
    """Every confidential complainant of the store, masked in every row (adapters.sharing)."""
    from adapters.sharing import masker_of_cases

    return masker_of_cases(rt.app(read_only=True), (r["ref"] for r in models.rows("cases")))


def _masked(rows: Iterator[dict[str, Any]], masker: Any) -> Iterator[dict[str, Any]]:
    for row in rows:
        yield {k: masker(v) if isinstance(v, str) else v for k, v in row.items()}


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, made plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        return "'" + value
    return value


def _csv(stream: IO[str], columns: list[str], rows: Any, bom: bool, raw: bool) -> None:
    if bom:
        stream.write("\ufeff")
    writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row if raw else {k: neutralise(v) for k, v in row.items()})


def _json(stream: IO[str], rows: Any) -> None:
    stream.write("[")
    for i, row in enumerate(rows):
        stream.write(("," if i else "") + "\n  " + json.dumps(row, ensure_ascii=False))
    stream.write("\n]\n")
