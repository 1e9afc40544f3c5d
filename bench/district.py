"""Benchmark: bulk intake and read-model rebuild on a synthetic district.

    .venv/bin/python bench/district.py                  # 100,000 cases, about 1.1M events
    .venv/bin/python bench/district.py --cases 5000     # a quick run
    .venv/bin/python bench/district.py --reuse          # keep an existing store, rebuild only

Every figure is a ratio against a raw sqlite3 reference measured in the same
run (see README.md). Results: a table on stdout, bench/out/district.json.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from benchlib import OUT, environment, peak_rss_mib, remove_sqlite_files, say, table, write_json
from district_plan import DEFAULT_SEED, CasePlan, Step, plan_district

from adapters.app import Gongzhi
from adapters.readmodels import ReadModels
from adapters.settings import StoreConfig
from domain.case import Case
from domain.values import Stamp

DEFAULT_CASES = 100_000
DEFAULT_BATCH = 500  # cases per app.save (one transaction)
EVENTS_TABLE = "gongzhi_events"
SCAN_PAGE = 2000


# -- executing the plan: the domain commands (measured) ------------------------
def stamp(step: Step) -> Stamp:
    return Stamp(actor=step.actor, occurred_at=step.occurred_at, recorded_at=step.recorded_at)


def build_case(plan: CasePlan) -> Case:
    """Run the plan's commands on a new Case; its events are pending until saved."""
    case = Case.open(ref=plan.ref, stamp=stamp(plan.opening), **plan.opening.kwargs)
    for step in plan.steps:
        getattr(case, step.command)(stamp=stamp(step), **step.kwargs)
    return case


# -- the raw sqlite3 reference for intake ---------------------------------------
class RawIntake:
    """Inserts the rows the app just stored, byte for byte, into another file.

    Same table (its CREATE statement is copied), same WAL journal, one
    transaction per app batch, executemany of precomputed rows. Reading the
    rows back from the app's store is not timed; the insert and commit are.
    """

    def __init__(self, source: Path, target: Path) -> None:
        remove_sqlite_files(target)
        self.source = sqlite3.connect(f"file:{source}?mode=ro", uri=True, isolation_level=None)
        self.target = sqlite3.connect(target, isolation_level=None)
        self.target.execute("PRAGMA journal_mode=WAL")
        (ddl,) = self.source.execute("SELECT sql FROM sqlite_master WHERE name=?",
                                     (EVENTS_TABLE,)).fetchone()
        self.target.execute(ddl)
        self.path = target
        self.after = 0
        self.seconds = 0.0
        self.events = 0

    def copy_new_rows(self) -> None:
        rows = self.source.execute(
            f"SELECT rowid, * FROM {EVENTS_TABLE} WHERE rowid > ? ORDER BY rowid", (self.after,)
        ).fetchall()
        values = [row[1:] for row in rows]
        start = time.perf_counter()
        self.target.execute("BEGIN IMMEDIATE")
        self.target.executemany(f"INSERT INTO {EVENTS_TABLE} VALUES (?,?,?,?,?,?)", values)
        self.target.execute("COMMIT")
        self.seconds += time.perf_counter() - start
        self.events += len(values)
        self.after = rows[-1][0] if rows else self.after

    def close(self) -> None:
        self.source.close()
        self.target.close()
        remove_sqlite_files(self.path)


# -- bulk intake -----------------------------------------------------------------------
@dataclass
class Intake:
    cases: int = 0
    events: int = 0
    batches: int = 0
    plan_seconds: float = 0.0  # generating the plan: benchmark overhead, not counted
    domain_seconds: float = 0.0  # Case.open and the commands
    save_seconds: float = 0.0  # app.save: serialise, hash chains, SQLite insert, commit
    raw_seconds: float | None = None
    raw_events: int | None = None

    @property
    def app_seconds(self) -> float:
        return self.domain_seconds + self.save_seconds


def intake(app: Gongzhi, plans: Iterator[CasePlan], batch: int, raw: RawIntake | None,
           total_cases: int) -> Intake:
    result = Intake()
    while True:
        start = time.perf_counter()
        chunk = list(islice(plans, batch))
        if not chunk:
            return result
        built = time.perf_counter()
        cases = [build_case(plan) for plan in chunk]
        saved = time.perf_counter()
        app.save(*cases)
        done = time.perf_counter()
        result.plan_seconds += built - start
        result.domain_seconds += saved - built
        result.save_seconds += done - saved
        result.cases += len(chunk)
        result.events += sum(plan.events for plan in chunk)
        result.batches += 1
        if raw is not None:
            raw.copy_new_rows()
        if result.batches % 20 == 0:
            say(f"  intake: {result.cases:,}/{total_cases:,} cases, {result.events:,} events, "
                f"{result.app_seconds:.1f} s in the app")


def generate_store(store: Path, cases: int, seed: int = DEFAULT_SEED,
                   batch: int = DEFAULT_BATCH, raw_path: Path | None = None) -> Intake:
    """A fresh store holding the district's `cases` cases (replaces any file there)."""
    store.parent.mkdir(parents=True, exist_ok=True)
    remove_sqlite_files(store)
    app = Gongzhi(StoreConfig.parse(str(store)))
    raw = RawIntake(store, raw_path) if raw_path else None
    try:
        result = intake(app, plan_district(seed, cases), batch, raw, cases)
    finally:
        app.close()
        if raw is not None:
            raw.close()
    if raw is not None:
        result.raw_seconds, result.raw_events = raw.seconds, raw.events
    return result


# -- rebuild (each measurement in a fresh process, for its own peak RSS) ---------------
class PhaseClock:
    """A `progress` hook for ReadModels: notes when each projection's fold starts and ends."""

    def __init__(self) -> None:
        self.folds: list[tuple[str, float, float]] = []

    @contextmanager
    def progress(self, label: str, _total: int) -> Iterator[Callable[[int], None]]:
        start = time.perf_counter()
        yield lambda _n: None
        self.folds.append((label, start, time.perf_counter()))

    def phases(self, end: float) -> dict[str, dict[str, float]]:
        """Per projection: seconds folding the log, then seconds writing its tables."""
        out = {}
        for i, (label, start, folded) in enumerate(self.folds):
            written = self.folds[i + 1][1] if i + 1 < len(self.folds) else end
            out[label] = {"fold_seconds": folded - start, "write_seconds": written - folded}
        return out


def measure_rebuild(store: str) -> dict[str, Any]:
    config = StoreConfig.parse(store)
    app = Gongzhi(config)
    clock = PhaseClock()
    models = ReadModels(app, config, progress=clock.progress)
    rss_before = peak_rss_mib()
    start = time.perf_counter()
    counts = models.rebuild()
    end = time.perf_counter()
    rss_peak = peak_rss_mib()
    models.close()
    app.close()
    return {"seconds": end - start, "events": counts["cases"], "events_per_projection": counts,
            "projections": clock.phases(end), "peak_rss_mib": rss_peak,
            "rss_before_mib": rss_before}


def measure_raw_scan(store: str) -> dict[str, Any]:
    """SELECT every row in notification order and json.loads each state."""
    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    rss_before = peak_rss_mib()
    start = time.perf_counter()
    cursor = conn.execute(f"SELECT rowid, * FROM {EVENTS_TABLE} ORDER BY rowid")
    events = 0
    while rows := cursor.fetchmany(SCAN_PAGE):
        for row in rows:
            json.loads(row[4])
        events += len(rows)
    seconds = time.perf_counter() - start
    conn.close()
    return {"seconds": seconds, "events": events, "peak_rss_mib": peak_rss_mib(),
            "rss_before_mib": rss_before}


def isolated(fn: Callable[[str], dict[str, Any]], store: Path) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(fn, str(store)).result()


def rebuild_phase(store: Path) -> dict[str, Any]:
    """Raw scan, app rebuild, raw scan: the reference brackets the rebuild."""
    say("  raw scan (before) ...")
    before = isolated(measure_raw_scan, store)
    say("  ReadModels.rebuild() ...")
    rebuild = isolated(measure_rebuild, store)
    say("  raw scan (after) ...")
    after = isolated(measure_raw_scan, store)
    scans = [before, after]
    return {"app": rebuild, "raw_scans": scans,
            "raw_seconds": sum(s["seconds"] for s in scans) / len(scans)}


# -- report -----------------------------------------------------------------------------
def rate(events: int, seconds: float) -> float:
    return events / seconds if seconds else float("nan")


def summary_rows(intake_result: Intake | None, rebuild: dict[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    if intake_result and intake_result.raw_seconds is not None:
        app_rate = rate(intake_result.events, intake_result.app_seconds)
        raw_rate = rate(intake_result.raw_events or 0, intake_result.raw_seconds)
        rows += [["bulk intake: app (commands + app.save)", intake_result.events,
                  intake_result.app_seconds, app_rate, app_rate / raw_rate],
                 ["bulk intake: raw sqlite3 executemany (ref)", intake_result.raw_events,
                  intake_result.raw_seconds, raw_rate, 1.0]]
    events = rebuild["app"]["events"]
    app_rate = rate(events, rebuild["app"]["seconds"])
    raw_events = rebuild["raw_scans"][0]["events"]
    raw_rate = rate(raw_events, rebuild["raw_seconds"])
    rows += [["rebuild: ReadModels.rebuild() (3 projections)", events,
              rebuild["app"]["seconds"], app_rate, app_rate / raw_rate],
             ["rebuild: raw sqlite3 scan + json.loads (ref)", raw_events,
              rebuild["raw_seconds"], raw_rate, 1.0]]
    return rows


def detail_lines(intake_result: Intake | None, rebuild: dict[str, Any]) -> list[str]:
    lines = []
    if intake_result:
        share = intake_result.domain_seconds / intake_result.app_seconds
        lines += [
            f"intake split: domain commands {intake_result.domain_seconds:.1f} s ({share:.0%}), "
            f"app.save {intake_result.save_seconds:.1f} s ({1 - share:.0%}); "
            f"plan generation {intake_result.plan_seconds:.1f} s (not counted); "
            f"{intake_result.batches} transactions of {intake_result.events / intake_result.batches:,.0f}"
            " events",
        ]
    for name, phase in rebuild["app"]["projections"].items():
        lines.append(f"rebuild {name}: fold {phase['fold_seconds']:.1f} s, "
                     f"write tables {phase['write_seconds']:.1f} s")
    scans = ", ".join(f"{s['seconds']:.2f} s" for s in rebuild["raw_scans"])
    app, raw = rebuild["app"], rebuild["raw_scans"][0]
    lines += [f"raw scans before/after the rebuild: {scans} (reference = their mean)",
              f"peak RSS: rebuild process {app['peak_rss_mib']:,.0f} MiB "
              f"({app['rss_before_mib']:,.0f} MiB before rebuild()); raw scan process "
              f"{raw['peak_rss_mib']:,.0f} MiB"]
    return lines


def report(args: argparse.Namespace, intake_result: Intake | None,
           rebuild: dict[str, Any]) -> dict[str, Any]:
    rows = summary_rows(intake_result, rebuild)
    print(f"district benchmark: store {args.store}, seed {args.seed}, "
          f"batch {args.batch} cases per save")
    if intake_result is None:
        print("(store reused: no intake figures in this run)")
    print(table(["measurement", "events", "seconds", "events/s", "ratio to ref"], rows))
    print("\n".join(detail_lines(intake_result, rebuild)))
    ratios = {row[0]: row[4] for row in rows if row[4] != 1.0}
    return {
        "benchmark": "district", "environment": environment(),
        "parameters": {"cases": args.cases, "seed": args.seed, "batch": args.batch,
                       "store": str(args.store), "reused": intake_result is None},
        "intake": asdict(intake_result) if intake_result else None,
        "rebuild": rebuild,
        "table": [dict(zip(["measurement", "events", "seconds", "events_per_s", "ratio"], row,
                           strict=True)) for row in rows],
        "ratios": ratios,
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=DEFAULT_CASES,
                        help=f"cases to generate (default {DEFAULT_CASES:,})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--batch", type=int, default=DEFAULT_BATCH, help="cases per app.save")
    parser.add_argument("--store", type=Path, default=OUT / "district.db")
    parser.add_argument("--reuse", action="store_true",
                        help="if the store exists, skip generation (and the intake figures)")
    parser.add_argument("--json", type=Path, default=OUT / "district.json", dest="json_out")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.store = args.store.resolve()
    intake_result = None
    if args.reuse and args.store.exists():
        say(f"reusing {args.store}")
    else:
        say(f"generating {args.cases:,} cases into {args.store} (raw reference alongside)")
        raw_path = args.store.with_name(args.store.stem + "-raw-reference.db")
        intake_result = generate_store(args.store, args.cases, args.seed, args.batch, raw_path)
    say("rebuilding read models")
    rebuild = rebuild_phase(args.store)
    document = report(args, intake_result, rebuild)
    write_json(args.json_out, document)
    say(f"wrote {args.json_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
