"""Benchmark: `meeting agenda --format html` (30 items, 8 bodies) and `meeting pool` on a district.

    .venv/bin/python bench/meeting_agenda.py              # 15 interleaved runs of each
    .venv/bin/python bench/meeting_agenda.py --runs 31 --cases 20000

The store is a synthetic district (bench/district.py's generator; 10,000 cases
by default, bench/out/meeting_agenda.db, reused when it is there) with one joint
meeting added: 8 bodies invited and 30 open cases from the agenda pool on its
agenda, each with two questions. Both commands read the `meetings` read model,
caught up before timing starts, so the figures are those of a reader, not of a
first build. Each command is compared with the interpreter-plus-imports floor
it cannot go below, measured in the same run and interleaved with it:
`python -c "import eventsourcing.application, click, sqlalchemy[, jinja2]"`.
Results: a table on stdout, bench/out/meeting_agenda.json.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from benchlib import OUT, environment, say, table, write_json
from cli_latency import WARMUP, Series, clean_env, console_script, run
from district import EVENTS_TABLE, generate_store

from adapters import meeting_use_cases as uc
from adapters.app import Gongzhi
from adapters.meeting_read_models import pool
from adapters.readmodels import open_read_models
from adapters.settings import StoreConfig
from domain.meeting_records import Question
from domain.vocabulary import Level

ITEMS = 30
BODIES = ["market_regulation", "ecology_environment", "police_station", "subdistrict_office",
          "urban_management", "housing", "property_management", "community_committee"]
FLOOR_POOL = "import eventsourcing.application, click, sqlalchemy"
FLOOR_HTML = FLOOR_POOL + ", jinja2"


def prepare(store: Path, cases: int) -> str:
    """The district store with one 30-item, 8-body meeting; returns the meeting's reference."""
    if not _has_meeting(store):
        if not store.exists():
            say(f"generating a {cases:,}-case district at {store}")
            generate_store(store, cases)
        app = Gongzhi(StoreConfig.parse(str(store)))
        try:
            with open_read_models(app, StoreConfig.parse(str(store))) as models:
                waiting = [e["ref"] for e in pool(models, app.clock().date())][:ITEMS]
            if len(waiting) < ITEMS:
                raise SystemExit(f"only {len(waiting)} cases wait for a meeting: use more --cases")
            stamp = app.stamp("bench")
            ref = uc.convene(app, stamp, title="基准测试联席会议", convened_by="subdistrict_office",
                             level=Level.SUBDISTRICT, scheduled_at=stamp.occurred_at
                             + timedelta(days=3), venue="街道会议室", chair="基准",
                             invite=BODIES).result
            for n, case_ref in enumerate(waiting):
                asks = [Question(BODIES[n % 8], "请说明处理意见与时限？"),
                        Question(BODIES[(n + 3) % 8], "是否需要联合执法？")]
                uc.in_unit(app, ref, "bench", None, lambda u, m, s, c=case_ref, a=asks:
                           uc.add_item(u, m, s, case_ref=c, questions=a))
        finally:
            app.close()
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as conn:
        (ref,) = conn.execute(f"SELECT MIN(originator_id) FROM {EVENTS_TABLE} "
                              "WHERE originator_id LIKE 'JM%'").fetchone()
    return str(ref)


def _has_meeting(store: Path) -> bool:
    if not store.exists():
        return False
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as conn:
        (count,) = conn.execute(f"SELECT COUNT(*) FROM {EVENTS_TABLE} "
                                "WHERE originator_id LIKE 'JM%'").fetchone()
    return bool(count)


def facts(store: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as conn:
        (cases,) = conn.execute(f"SELECT COUNT(*) FROM {EVENTS_TABLE} WHERE originator_version = 1 "
                                "AND originator_id LIKE 'C%'").fetchone()
        (events,) = conn.execute(f"SELECT COUNT(*) FROM {EVENTS_TABLE}").fetchone()
    return {"cases": int(cases), "events": int(events)}


def measure(store: Path, ref: str, runs: int) -> list[tuple[Series, Series]]:
    env, cli = clean_env(), [str(console_script()), "--store", str(store), "meeting"]
    html = Series("meeting agenda --format html", f"gongzhi meeting agenda {ref} --format html")
    floor_html = Series("floor: imports + jinja2", f'python -c "{FLOOR_HTML}"')
    pool_ = Series("meeting pool", "gongzhi meeting pool")
    floor_pool = Series("floor: imports", f'python -c "{FLOOR_POOL}"')
    argvs = {html.name: [*cli, "agenda", ref, "--format", "html"],
             floor_html.name: [sys.executable, "-c", FLOOR_HTML],
             pool_.name: [*cli, "pool"], floor_pool.name: [sys.executable, "-c", FLOOR_POOL]}
    order = [html, floor_html, pool_, floor_pool]
    for i in range(runs + WARMUP):
        for series in order if i % 2 == 0 else reversed(order):
            seconds = run(argvs[series.name], env)
            if i >= WARMUP:
                series.seconds.append(seconds)
        if i >= WARMUP and (i - WARMUP + 1) % 5 == 0:
            say(f"  {i - WARMUP + 1}/{runs} rounds")
    return [(html, floor_html), (pool_, floor_pool)]


def report(store: Path, ref: str, pairs: list[tuple[Series, Series]]) -> dict[str, Any]:
    known = facts(store)
    rows: list[list[Any]] = []
    ratios = {}
    for command, floor in pairs:
        ratio = command.median / floor.median
        ratios[command.name] = ratio
        rows += [[command.name, len(command.seconds), command.median * 1000,
                  min(command.seconds) * 1000, ratio],
                 [floor.name, len(floor.seconds), floor.median * 1000, min(floor.seconds) * 1000,
                  1.0]]
    print(f"Joint meetings: store {store} ({known['cases']:,} cases, {known['events']:,} events), "
          f"meeting {ref} with {ITEMS} items and {len(BODIES)} bodies")
    print(table(["command", "runs", "median ms", "min ms", "ratio to its floor"], rows))
    for name, ratio in ratios.items():
        print(f"{name}: {ratio:.2f} x the interpreter-plus-imports floor")
    return {"benchmark": "meeting_agenda", "environment": environment(), "store": str(store),
            **known, "meeting": ref, "items": ITEMS, "bodies": len(BODIES),
            "ratios": ratios, "series": {s.name: s.summary() for pair in pairs for s in pair}}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, default=OUT / "meeting_agenda.db")
    parser.add_argument("--cases", type=int, default=10_000, help="district size when generated")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", type=Path, default=OUT / "meeting_agenda.json", dest="json_out")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    store = args.store.resolve()
    ref = prepare(store, args.cases)
    for argv_ in (["agenda", ref, "--format", "html"], ["pool"]):  # catch the read model up
        run([str(console_script()), "--store", str(store), "meeting", *argv_], clean_env())
    say(f"timing {args.runs} rounds on {store}")
    write_json(args.json_out, report(store, ref, measure(store, ref, args.runs)))
    say(f"wrote {args.json_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
