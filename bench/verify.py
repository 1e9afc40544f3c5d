"""How fast `audit verify` checks a large log, against hashing the same bytes with hashlib.

Usage:
    python bench/verify.py [--store bench/out/district.db] [--repeat 3]

Generate the store first with bench/district.py (100,000 cases, about a million
events). Three figures, measured in the same run, best of --repeat:

* verify: the full `audit verify` pass (read every row, recompute both chains,
  classify, check seals) through adapters.verifier;
* hashlib: SHA-256 over exactly the bytes verify hashes (per event: the stream
  hash input and the log hash input), from memory, in a tight loop;
* scan: reading the same rows with sqlite3 and doing nothing with them.

Ratios: verify / hashlib and verify / scan (events per second).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import struct
import time
from pathlib import Path
from typing import Any

from adapters.hashing import GENESIS
from adapters.log_reader import SQLiteLogReader
from adapters.sealing import recorded_seals
from adapters.verifier import verify_rows

FRAME = struct.Struct(">IQI")


def time_verify(path: str) -> tuple[float, int, bool]:
    reader = SQLiteLogReader(path)
    try:
        start = time.perf_counter()
        report = verify_rows(reader.rows(), recorded_seals(reader))
        return time.perf_counter() - start, report.events, report.ok
    finally:
        reader.close()


def hash_inputs(path: str) -> list[bytes]:
    """The byte strings verify feeds to SHA-256, built from the stored rows."""
    inputs: list[bytes] = []
    heads: dict[str, bytes] = {}
    reader = SQLiteLogReader(path)
    prev_log = GENESIS
    try:
        for row in reader.rows():
            oid = row.originator_id.encode()
            topic = row.topic.encode()
            prev = heads.get(row.originator_id, GENESIS) if row.version > 1 else GENESIS
            inputs.append(prev + FRAME.pack(len(oid), row.version, len(topic)) + oid + topic
                          + row.state)
            inputs.append(prev_log + row.event_hash)
            heads[row.originator_id] = row.event_hash
            prev_log = row.log_hash
    finally:
        reader.close()
    return inputs


def time_hashlib(inputs: list[bytes]) -> float:
    sha256 = hashlib.sha256
    start = time.perf_counter()
    for data in inputs:
        sha256(data).digest()
    return time.perf_counter() - start


def time_scan(path: str) -> float:
    import sqlite3

    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    start = time.perf_counter()
    for _row in connection.execute("SELECT rowid, * FROM gongzhi_events ORDER BY rowid"):
        pass
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default="bench/out/district.db")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not Path(args.store).exists():
        raise SystemExit(f"no store at {args.store}: run bench/district.py first")
    inputs = hash_inputs(args.store)
    best: dict[str, float] = {"verify": float("inf"), "hashlib": float("inf"),
                              "scan": float("inf")}
    events, ok = 0, False
    for _ in range(args.repeat):  # interleaved, so machine noise touches all three alike
        gc.collect()
        elapsed, events, ok = time_verify(args.store)
        best["verify"] = min(best["verify"], elapsed)
        best["hashlib"] = min(best["hashlib"], time_hashlib(inputs))
        best["scan"] = min(best["scan"], time_scan(args.store))
    rates = {name: events / seconds for name, seconds in best.items()}
    result: dict[str, Any] = {
        "events": events, "verified_ok": ok, "hashed_bytes": sum(map(len, inputs)),
        "seconds": best, "events_per_second": rates,
        "verify_vs_hashlib": rates["verify"] / rates["hashlib"],
        "verify_vs_scan": rates["verify"] / rates["scan"],
    }
    print(f"{'':10}{'seconds':>10}{'events/s':>14}")
    for name in ("verify", "hashlib", "scan"):
        print(f"{name:10}{best[name]:>10.2f}{rates[name]:>14,.0f}")
    print(f"verify / hashlib = {result['verify_vs_hashlib']:.3f}   "
          f"verify / scan = {result['verify_vs_scan']:.3f}   (log verified OK: {ok})")
    Path("bench/out").mkdir(parents=True, exist_ok=True)
    Path("bench/out/verify.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
