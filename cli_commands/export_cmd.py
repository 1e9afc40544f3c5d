"""`gongzhi export TABLE`: any read model as CSV or JSON, UTF-8 with Chinese intact."""

from __future__ import annotations

import csv
import json
from typing import IO, Any

import click

from cli_commands.errors import GuardedCommand
from cli_commands.runtime import runtime
from projections.registry import table_owners

TABLES = list(table_owners())


@click.command(cls=GuardedCommand)
@click.argument("table", type=click.Choice(TABLES), metavar="TABLE")  # the list is too wide
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv",
              show_default=True)
@click.option("--bom", is_flag=True, help="Start CSV with a UTF-8 BOM (for Excel on Windows).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output.")
def export(table: str, fmt: str, bom: bool, output: str | None) -> None:
    """Export a read-model table (caught up with the log first).

    \b
    Example:
      gongzhi export cases --format csv --bom -o cases.csv
      gongzhi export commitments --format json
    """
    from adapters.jsonable import jsonable
    from adapters.readmodels import open_read_models

    rt = runtime()
    with open_read_models(rt.app(read_only=True), rt.read_config) as models:
        rows = (dict((k, jsonable(v)) for k, v in row.items()) for row in models.rows(table))
        columns = [c.name for c in models.projector.table(table).columns]
        # Atomic: if catching up or reading fails half-way, an old file stays as it was.
        with click.open_file(output or "-", "w", encoding="utf-8", atomic=bool(output)) as stream:
            if fmt == "csv":
                _csv(stream, columns, rows, bom)
            else:
                _json(stream, rows)


def _csv(stream: IO[str], columns: list[str], rows: Any, bom: bool) -> None:
    if bom:
        stream.write("\ufeff")
    writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)


def _json(stream: IO[str], rows: Any) -> None:
    stream.write("[")
    for i, row in enumerate(rows):
        stream.write(("," if i else "") + "\n  " + json.dumps(row, ensure_ascii=False))
    stream.write("\n]\n")


