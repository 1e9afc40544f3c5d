"""Benchmark: `gongzhi convention status --json` for one community and for the whole district.

    .venv/bin/python bench/convention_status.py             # 500 buildings, 11 runs each
    .venv/bin/python bench/convention_status.py --runs 21 --buildings 500

Generates (once) bench/out/convention_status.db: 500 buildings in 10 communities,
each with a convention of four clauses drafted, signed by its three parties,
adopted and published in December 2025, then a year of monthly checks of every
clause (about one in twenty breached, a quarter of those remedied). Each
convention is built in memory and saved in one transaction, through the
application, so the store is what the CLI would have written.

The status board is caught up once before timing (that is a one-off rebuild);
each timed run is then a fresh process reading the board. The floor is
`python -c "import eventsourcing.application, click"`, as in bench/cli_latency.py;
a second reference adds sqlalchemy, which a read of a board that must catch up
needs (a current board is read with the plain driver, adapters/plain_read.py). Wall
time and the children's CPU time (user + system) are both reported: on a shared
machine the CPU figures move less.
Results: a table on stdout, bench/out/convention_status.json.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from benchlib import OUT, REPO, environment, remove_sqlite_files, say, table, write_json
from cli_latency import Series, clean_env, console_script, run

sys.path.insert(0, str(REPO))

CST = timezone(timedelta(hours=8))
COMMUNITIES = 10
FLOOR = "import eventsourcing.application, click"
FLOOR_SQL = "import eventsourcing.application, click, sqlalchemy"
WARMUP = 2


def generate(store: Path, buildings: int, seed: int = 11) -> int:
    from adapters.app import Gongzhi
    from adapters.settings import StoreConfig
    from domain.convention import Convention
    from domain.convention_kind import convention_ref
    from domain.convention_vocabulary import BoundKind, CheckResult, Frequency, SignMethod
    from domain.values import Stamp, TimeWindow

    rng = random.Random(seed)
    remove_sqlite_files(store)
    app = Gongzhi(StoreConfig.parse(str(store)))
    events = 0
    try:
        for n in range(1, buildings + 1):
            moment = datetime(2025, 12, 1, 9, tzinfo=CST) + timedelta(minutes=n)

            def stamp(when: datetime) -> Stamp:
                return Stamp("基准", when, when + timedelta(minutes=1))

            community = f"第{(n - 1) % COMMUNITIES + 1}社区"
            conv = Convention.draft_for(convention_ref(2025, n), community, f"{n % 7 + 1}号网格",
                                        f"{n}栋", [], stamp(moment))
            shop, residents, prop = f"{n}号商铺", f"{n}栋居民", f"物业{n % 5 + 1}"
            for kind, party, duty in ((BoundKind.BUSINESS, shop, "22:00后不喧哗"),
                                      (BoundKind.BUSINESS, shop, "油烟净化器每月清洗"),
                                      (BoundKind.RESIDENTS, residents, "先找网格员反映"),
                                      (BoundKind.PROPERTY, prop, "每月检查排烟管道")):
                conv.propose_clause(kind, party, duty, stamp(moment),
                                    TimeWindow("22:00", "07:00") if "22:00" in duty else None,
                                    date(2026, 6, 30) if kind == BoundKind.PROPERTY else None,
                                    "巡查", Frequency.MONTHLY)
            for party in (shop, residents, prop):
                conv.sign(party, "张三", SignMethod.SIGNATURE, stamp(moment + timedelta(hours=1)))
            conv.adopt(stamp(moment + timedelta(hours=2)))
            conv.publish("公告栏", moment.date(), stamp(moment + timedelta(hours=3)))
            for month in range(12):
                for clause in ("c1", "c2", "c3", "c4"):
                    when = moment + timedelta(days=30 * month + 5, hours=rng.randint(0, 12))
                    breached = rng.random() < 0.05
                    check = conv.record_check(clause, CheckResult.BREACHED if breached else
                                              CheckResult.COMPLIED, when, "网格员", "巡查",
                                              stamp(when))
                    if breached and rng.random() < 0.25:
                        conv.remedy(check, "已整改", stamp(when + timedelta(days=2)))
            events += len(conv.pending_events)
            app.save(conv)
            if n % 100 == 0:
                say(f"  {n}/{buildings} conventions, {events:,} events")
    finally:
        app.close()
    return events


def _children_cpu() -> float:
    """User plus system CPU seconds of every finished child so far (less noisy than wall time
    on a machine others are using)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, default=OUT / "convention_status.db")
    parser.add_argument("--buildings", type=int, default=500)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--json", type=Path, default=OUT / "convention_status.json", dest="json_out")
    args = parser.parse_args(argv)
    store = args.store.resolve()
    store.parent.mkdir(parents=True, exist_ok=True)
    if args.regenerate or not store.exists():
        say(f"generating {args.buildings} conventions with a year of checks at {store}")
        say(f"  {generate(store, args.buildings):,} events")
    env = clean_env()
    gz = [str(console_script()), "--store", str(store), "--json", "convention", "status"]
    say("catching the board up once (a rebuild) before timing")
    subprocess.run(gz, env=env, capture_output=True, check=True)
    series = {
        "community": (Series("convention status --community", " ".join(gz[3:]) + " --community "
                             "第3社区"), [*gz, "--community", "第3社区"]),
        "district": (Series("convention status (district)", " ".join(gz[3:])), gz),
        "floor": (Series("floor: python -c imports", f'python -c "{FLOOR}"'),
                  [sys.executable, "-c", FLOOR]),
        "floor_sql": (Series("floor + sqlalchemy", f'python -c "{FLOOR_SQL}"'),
                      [sys.executable, "-c", FLOOR_SQL]),
    }
    order = list(series.values())
    cpu: dict[str, list[float]] = {s.name: [] for s, _ in order}
    for i in range(args.runs + WARMUP):
        for s, argv_ in (order if i % 2 == 0 else list(reversed(order))):
            before = _children_cpu()
            seconds = run(argv_, env)
            if i >= WARMUP:
                s.seconds.append(seconds)
                cpu[s.name].append(_children_cpu() - before)
    floor, floor_sql = series["floor"][0].median, series["floor_sql"][0].median
    cpu_floor = statistics.median(cpu[series["floor"][0].name])
    rows: list[list[Any]] = [[s.name, len(s.seconds), s.median * 1000, s.median / floor,
                              s.median / floor_sql, statistics.median(cpu[s.name]) * 1000,
                              statistics.median(cpu[s.name]) / cpu_floor]
                             for s, _ in series.values()]
    print(f"convention status: {args.buildings} buildings, {args.runs} interleaved runs each")
    print(table(["command", "runs", "median ms", "x floor", "x floor+sqlalchemy", "cpu ms",
                 "cpu x floor"], rows))
    write_json(args.json_out, {
        "benchmark": "convention_status", "environment": environment(), "store": str(store),
        "buildings": args.buildings, **{k: s.summary() for k, (s, _) in series.items()},
        "ratio_community": series["community"][0].median / floor,
        "ratio_district": series["district"][0].median / floor,
        "ratio_community_sql_floor": series["community"][0].median / floor_sql,
        "ratio_district_sql_floor": series["district"][0].median / floor_sql,
        "cpu_seconds": cpu, "cpu_ratio_community":
            statistics.median(cpu[series["community"][0].name]) / cpu_floor,
        "cpu_ratio_district": statistics.median(cpu[series["district"][0].name]) / cpu_floor})
    say(f"wrote {args.json_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
