"""Benchmark: wall time of one `gongzhi case note` against the bare imports it needs.

    .venv/bin/python bench/cli_latency.py              # 15 runs of each, interleaved
    .venv/bin/python bench/cli_latency.py --runs 31

The command runs on a store of at least 10,000 cases: bench/out/district.db if
it is there and big enough, otherwise a 10,000-case store generated with
district.py's generator (bench/out/cli_latency.db). Each run writes one
NoteAdded event to a different case. The reference is
`python -c "import eventsourcing.application, click"` with the same interpreter.
Results: a table on stdout, bench/out/cli_latency.json.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchlib import OUT, environment, say, table, write_json
from district import EVENTS_TABLE, generate_store

MIN_CASES = 10_000
NOTE = "回访：已电话联系投诉人，情况稳定（基准测试）"
REFERENCE_CODE = "import eventsourcing.application, click"
WARMUP = 2


@dataclass
class Series:
    name: str
    command: str
    seconds: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def summary(self) -> dict[str, Any]:
        quartiles = statistics.quantiles(self.seconds, n=4)
        return {"command": self.command, "runs": len(self.seconds), "median_s": self.median,
                "min_s": min(self.seconds), "max_s": max(self.seconds),
                "q1_s": quartiles[0], "q3_s": quartiles[2], "seconds": self.seconds}


# -- the store ---------------------------------------------------------------------------
def case_count(store: Path) -> int:
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as conn:
        (count,) = conn.execute(
            f"SELECT COUNT(*) FROM {EVENTS_TABLE} WHERE originator_version = 1").fetchone()
    return int(count)


def big_enough(store: Path) -> bool:
    return store.exists() and case_count(store) >= MIN_CASES


def choose_store(requested: Path) -> Path:
    """The requested store if it holds enough cases, else a generated 10,000-case store."""
    if big_enough(requested):
        return requested
    fallback = requested if not requested.exists() else OUT / "cli_latency.db"
    if not big_enough(fallback):
        say(f"generating a {MIN_CASES:,}-case store at {fallback}")
        generate_store(fallback, MIN_CASES)
    return fallback


def pick_refs(store: Path, count: int, seed: int) -> list[str]:
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as conn:
        refs = [row[0] for row in conn.execute(
            f"SELECT originator_id FROM {EVENTS_TABLE} WHERE originator_version = 1 "
            "ORDER BY originator_id")]
    return random.Random(seed).sample(refs, count)


# -- the commands ------------------------------------------------------------------------
def clean_env() -> dict[str, str]:
    """The caller's environment without GONGZHI_* settings that could change the command."""
    return {k: v for k, v in os.environ.items() if not k.startswith("GONGZHI_")}


def console_script() -> Path:
    """The venv's `gongzhi`, checked to run on this very interpreter."""
    script = Path(sys.executable).parent / "gongzhi"
    shebang = script.read_text(encoding="utf-8").splitlines()[0].removeprefix("#!")
    if Path(shebang).resolve() != Path(sys.executable).resolve():
        raise SystemExit(f"{script} runs {shebang}, not {sys.executable}: use the venv's python")
    return script


def run(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{argv!r} failed ({done.returncode}): {done.stderr.strip()}")
    return seconds


def measure(store: Path, refs: list[str], runs: int) -> tuple[Series, Series]:
    """Alternate the two commands (and which goes first) so noise hits both alike."""
    env = clean_env()
    cli = [str(console_script()), "--store", str(store), "--actor", "bench", "case", "note"]
    reference = [sys.executable, "-c", REFERENCE_CODE]
    note = Series("gongzhi case note", " ".join([*cli[:1], "--store STORE --actor bench",
                                                 "case note REF TEXT"]))
    bare = Series("python -c imports (ref)", f'python -c "{REFERENCE_CODE}"')
    for i, ref in enumerate(refs):
        pair = [(note, [*cli, ref, NOTE]), (bare, reference)]
        for series, argv in pair if i % 2 == 0 else reversed(pair):
            seconds = run(argv, env)
            if i >= WARMUP:
                series.seconds.append(seconds)
        if i >= WARMUP and (i - WARMUP + 1) % 5 == 0:
            say(f"  {i - WARMUP + 1}/{runs} pairs")
    return note, bare


# -- report -------------------------------------------------------------------------------
def report(store: Path, cases: int, note: Series, bare: Series) -> dict[str, Any]:
    ratio = note.median / bare.median
    rows = [[s.name, len(s.seconds), s.median * 1000, min(s.seconds) * 1000,
             max(s.seconds) * 1000, r] for s, r in ((note, ratio), (bare, 1.0))]
    print(f"CLI latency: store {store} ({cases:,} cases), {len(note.seconds)} interleaved runs "
          f"each after {WARMUP} warm-up pairs")
    print(table(["command", "runs", "median ms", "min ms", "max ms", "ratio to ref"], rows))
    print(f"ratio of medians (gongzhi case note / bare imports): {ratio:.2f}")
    return {"benchmark": "cli_latency", "environment": environment(),
            "store": str(store), "cases": cases, "warmup_pairs": WARMUP,
            "cli": note.summary(), "reference": bare.summary(), "ratio_of_medians": ratio}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, default=OUT / "district.db")
    parser.add_argument("--runs", type=int, default=15, help="measured runs of each command")
    parser.add_argument("--seed", type=int, default=7, help="picks the cases that get a note")
    parser.add_argument("--json", type=Path, default=OUT / "cli_latency.json", dest="json_out")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    store = choose_store(args.store.resolve())
    cases = case_count(store)
    refs = pick_refs(store, args.runs + WARMUP, args.seed)
    say(f"timing {args.runs} runs of each command on {store}")
    note, bare = measure(store, refs, args.runs)
    write_json(args.json_out, report(store, cases, note, bare))
    say(f"wrote {args.json_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
