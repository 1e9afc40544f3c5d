"""What sealing personal data costs: intake and read-model rebuild, encryption on vs. off.

Usage:
    python bench/privacy.py [--cases 2000] [--repeat 3]

Two SQLite stores are filled the same way, through the application, one case per
save (as the CLI does): open a case with a complainant (name and room), a
business respondent with its operator, and one statement by the complainant.
One store seals every personal field with its subject's key (the product); the
other is the reference, the same application built with
`Gongzhi(..., seal_personal_data=False)`, which writes them in the clear. Then
every read model is rebuilt from each store, by a fresh application (so the
keys are loaded from the key store, as a command would).

Figures are best of --repeat, the two variants alternating; the ratios sealed /
plain are what to compare (target: at most 1.2).
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adapters.app import Gongzhi
from adapters.readmodels import ReadModels
from adapters.settings import StoreConfig
from bench.benchlib import OUT, environment, remove_sqlite_files, table, write_json
from domain.values import Location, PartySpec
from domain.vocabulary import Category, Channel, StatementKind

CST = timezone(timedelta(hours=8))
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "秀英桂兰建国志强丽娟海燕文华玉梅国庆红霞"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def name(n: int) -> str:
    return SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 7) % len(GIVEN)] + GIVEN[(n * 3) % len(GIVEN)]


def intake(path: Path, cases: int, seal: bool) -> float:
    remove_sqlite_files(path)
    remove_sqlite_files(Path(str(path).replace(".db", ".keys.db")))
    app = Gongzhi(StoreConfig.parse(str(path)), clock=Clock(), seal_personal_data=seal)
    try:
        start = time.perf_counter()
        for n in range(cases):
            stamp = app.stamp("刘敏", datetime(2026, 10, 1, 9, tzinfo=CST) + timedelta(minutes=n))

            def work(unit: Any, n: int = n, stamp: Any = stamp) -> None:
                from domain.case import Case
                from domain.refs import case_ref, year_prefix

                case = unit.create_numbered(year_prefix(2026), lambda number: Case.open(
                    ref=case_ref(2026, number), stamp=unit.restamp(stamp), channel=Channel.HOTLINE,
                    categories=[Category.NOISE], location=Location(
                        "双塔社区", f"{n % 10 + 1}号网格", f"{n % 12 + 1}栋", f"{n % 30 + 1}01室"),
                    complainants=[PartySpec(f"{name(n)}（{n % 30 + 1}01室）")],
                    respondents=[PartySpec(f"{name(n + 1)}饭店", "business", name(n + 2))],
                    summary="夜间噪音扰民"))
                case.record_statement("c1", StatementKind.DEMAND,
                                      f"我是{name(n)}，要求22点后安静", unit.restamp(stamp))

            app.run(work)
        return time.perf_counter() - start
    finally:
        app.close()


def rebuild(path: Path, seal: bool) -> tuple[float, int]:
    config = StoreConfig.parse(str(path))
    app = Gongzhi(config, read_only=True, seal_personal_data=seal)
    models = ReadModels(app, config)
    try:
        gc.collect()
        start = time.perf_counter()
        events = max(models.rebuild().values())
        return time.perf_counter() - start, events
    finally:
        models.close()
        app.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=OUT / "privacy.json")
    args = parser.parse_args()
    best: dict[tuple[str, bool], float] = {}
    events = 0
    with tempfile.TemporaryDirectory(prefix="gongzhi-bench-") as folder:
        stores = {True: Path(folder) / "sealed.db", False: Path(folder) / "plain.db"}
        for _ in range(args.repeat):
            for seal in (True, False):
                took = intake(stores[seal], args.cases, seal)
                best[("intake", seal)] = min(best.get(("intake", seal), took), took)
            for seal in (True, False):
                took, events = rebuild(stores[seal], seal)
                best[("rebuild", seal)] = min(best.get(("rebuild", seal), took), took)
    rows, result = [], {}
    for step, count, unit in (("intake", args.cases, "cases/s"), ("rebuild", events, "events/s")):
        sealed, plain = best[(step, True)], best[(step, False)]
        rows.append([step, count / sealed, count / plain, unit, sealed / plain])
        result[step] = {"sealed_s": sealed, "plain_s": plain, "ratio": sealed / plain,
                        "count": count}
    print(f"{args.cases} cases, best of {args.repeat}")
    print(table(["step", "sealed", "plain", "unit", "sealed/plain"], rows))
    write_json(args.json, {"environment": environment(), "cases": args.cases, **result})


if __name__ == "__main__":
    main()
