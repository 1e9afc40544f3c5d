"""Benchmark: the documented report queries and `report summary --by grid,category`.

    .venv/bin/python bench/district_reports.py                 # 100,000 cases (generates the store)
    .venv/bin/python bench/district_reports.py --cases 5000    # a quick run
    .venv/bin/python bench/district_reports.py --reuse         # keep bench/out/district.db
    .venv/bin/python bench/district_reports.py --reuse --pg postgresql://postgres@127.0.0.1:5432/test

The district store is the one bench/district.py makes (generated here if missing
or if its size differs). Read models are brought up to date first (not timed).
Then, each the best of --repeat runs:

* every ```sql block of docs/reporting.md, verbatim, through Python's sqlite3;
* ReadModels.summary(since, until, by=("grid", "category")) in process;
* `gongzhi report summary --since … --until … --by grid,category` as a subprocess.

References measured in the same run: a full scan of `cases` (the widest read
model) for the queries and the in-process summary; `gongzhi --help` (the CLI's
start-up) for the subprocess. With --pg, the read models are also folded into
schema `bench_reports` of that PostgreSQL database (a read store of their own:
the events stay in the SQLite file) and the documented queries timed there
through psycopg, against a full scan of `cases` on PostgreSQL.
Results: a table on stdout, bench/out/district_reports.json.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from benchlib import OUT, REPO, environment, say, table, write_json
from district import DEFAULT_BATCH, DEFAULT_CASES, generate_store

from adapters.app import Gongzhi
from adapters.readmodels import ReadModels
from adapters.settings import StoreConfig

DOC = REPO / "docs" / "reporting.md"
SCAN_REF = "SELECT COUNT(*), SUM(LENGTH(summary)), SUM(LENGTH(respondent_count)) FROM cases"
SINCE, UNTIL = date(2025, 6, 1), date(2025, 6, 30)


def doc_queries() -> dict[str, str]:
    blocks = re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    return {re.match(r"-- check: (\w+)", b)[1]: b for b in blocks}  # type: ignore[index]


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def cases_in(store: Path) -> int | None:
    if not store.exists():
        return None
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
        found = db.execute("SELECT COUNT(DISTINCT originator_id) FROM gongzhi_events "
                           "WHERE originator_id LIKE 'C%'").fetchone()
    return int(found[0])


def prepare(args: argparse.Namespace) -> None:
    held = cases_in(args.store)
    if not (args.reuse and held) and held != args.cases:
        say(f"generating {args.cases:,} cases into {args.store}")
        generate_store(args.store, args.cases, batch=DEFAULT_BATCH)
    config = StoreConfig.parse(str(args.store))
    app = Gongzhi(config)
    models = ReadModels(app, config)
    say("bringing the read models up to date (not timed)")
    start = time.perf_counter()
    models.catch_up()
    say(f"  {time.perf_counter() - start:.1f} s")
    models.close()
    app.close()


def measure_queries(store: Path, repeat: int) -> tuple[float, list[list[Any]]]:
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    ref, _ = best(lambda: db.execute(SCAN_REF).fetchall(), repeat)
    rows = []
    for name, query in doc_queries().items():
        seconds, result = best(lambda q=query: db.execute(q).fetchall(), repeat)
        rows.append([f"sql: {name}", len(result), seconds * 1000, seconds / ref])
    db.close()
    return ref, rows


def measure_postgres(store: Path, url: str, repeat: int) -> list[list[Any]]:
    import psycopg

    reads = StoreConfig.parse(f"{url}?schema=bench_reports")

    def connect() -> Any:
        return psycopg.connect(host=reads.host, port=reads.port, user=reads.user,
                               dbname=reads.dbname, password=reads.password or None,
                               autocommit=True)

    with connect() as db:  # a schema of its own, made afresh: another store's rows would not do
        db.execute("DROP SCHEMA IF EXISTS bench_reports CASCADE")
    app = Gongzhi(StoreConfig.parse(str(store)), read_only=True)
    models = ReadModels(app, reads)
    say("folding the read models into PostgreSQL (not timed)")
    models.catch_up()
    models.close()
    app.close()
    with connect() as db:
        db.execute("SET search_path TO bench_reports")
        db.execute("SET TIME ZONE 'UTC'")
        ref, _ = best(lambda: db.execute(SCAN_REF).fetchall(), repeat)
        rows = []
        for name, query in doc_queries().items():
            seconds, result = best(lambda q=query: db.execute(q).fetchall(), repeat)
            rows.append([f"pg sql: {name}", len(result), seconds * 1000, seconds / ref])
        db.execute("DROP SCHEMA bench_reports CASCADE")
    rows.append(["pg full scan of cases (ref: pg rows)", 0, ref * 1000, 1.0])
    return rows


def measure_summary(store: Path, repeat: int, ref: float) -> list[list[Any]]:
    config = StoreConfig.parse(str(store))
    app = Gongzhi(config, read_only=True)
    models = ReadModels(app, config)
    models.catch_up()
    seconds, figures = best(lambda: models.summary(SINCE, UNTIL, ("grid", "category")), repeat)
    models.close()
    app.close()
    return [["ReadModels.summary(--by grid,category)", len(figures["cross"]), seconds * 1000,
             seconds / ref]]


def measure_cli(store: Path, repeat: int) -> list[list[Any]]:
    gongzhi = str(Path(sys.executable).with_name("gongzhi"))
    command = [gongzhi, "--store", str(store), "--json", "report", "summary",
               "--since", SINCE.isoformat(), "--until", UNTIL.isoformat(), "--by", "grid,category"]
    startup, _ = best(lambda: subprocess.run([gongzhi, "--help"], capture_output=True, check=True),
                      repeat)
    seconds, done = best(lambda: subprocess.run(command, capture_output=True, check=True), repeat)
    lines = done.stdout.count(b'"category"')
    return [["gongzhi report summary --by grid,category", lines, seconds * 1000, seconds / startup],
            ["gongzhi --help (ref: CLI start-up)", 0, startup * 1000, 1.0]]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=DEFAULT_CASES,
                        help=f"cases in the district (default {DEFAULT_CASES:,})")
    parser.add_argument("--store", type=Path, default=OUT / "district.db")
    parser.add_argument("--reuse", action="store_true", help="use the store as it is")
    parser.add_argument("--pg", metavar="URL", help="also time the queries on this PostgreSQL "
                        "database (schema bench_reports, replaced)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each measurement (best kept)")
    parser.add_argument("--json", type=Path, default=OUT / "district_reports.json", dest="json_out")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.store = args.store.resolve()
    prepare(args)
    say("timing the documented queries")
    ref, rows = measure_queries(args.store, args.repeat)
    rows.append(["full scan of cases (ref: sql rows, ReadModels.summary)", cases_in(args.store),
                 ref * 1000, 1.0])
    say("timing report summary --by grid,category")
    rows += measure_summary(args.store, args.repeat, ref)
    rows += measure_cli(args.store, args.repeat)
    if args.pg:
        rows += measure_postgres(args.store, args.pg, args.repeat)
    print(f"district reports benchmark: {cases_in(args.store):,} cases in {args.store}, "
          f"best of {args.repeat}")
    print(table(["measurement", "rows", "ms", "ratio to ref"], rows))
    write_json(args.json_out, {
        "benchmark": "district_reports", "environment": environment(),
        "parameters": {"cases": cases_in(args.store), "repeat": args.repeat,
                       "store": str(args.store)},
        "table": [dict(zip(["measurement", "rows", "ms", "ratio"], r, strict=True)) for r in rows],
    })
    say(f"wrote {args.json_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
