"""Two OS processes writing at the same moment: no event is lost, none is doubled.

Two mediators (here: two processes) add notes to the same case, or open cases,
at once. Both processes are started, get ready (imports done, store connected),
and then wait for a start file to appear, so their writes really overlap. After
both finish, the case's history must hold every note exactly once with versions
1..2N+1 and no gap, and neither process may have met a traceback or a refusal.

Each scenario runs on SQLite (a temp file) and on PostgreSQL (a schema of its
own, dropped afterwards; skipped with the reason when no server answers), once
through the application API in a tight loop (maximum contention) and once
through the real `gongzhi` console command, as a mediator's script would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from adapters.app import Gongzhi
from adapters.settings import StoreConfig
from domain.registry import ref_number
from tests.conftest import PG_SKIP_REASON, PG_URL, drop_schema, open_restaurant_case

REPO = Path(__file__).resolve().parents[1]
GONGZHI = Path(sys.executable).with_name("gongzhi")
WRITERS = ("甲", "乙")  # two mediators, also the prefix of their notes
START_TIMEOUT = 60.0
RUN_TIMEOUT = 240.0

# Waits for the start file; shared by every child script below.
_WAIT_FOR_START = r"""
def wait_for_start(ready, go):
    import time
    from pathlib import Path
    Path(ready).touch()
    deadline = time.monotonic() + 60
    while not Path(go).exists():
        if time.monotonic() > deadline:
            raise SystemExit("no start signal within 60 s")
        time.sleep(0.001)
"""

# argv: store ref tag count ready go
API_NOTE_WRITER = _WAIT_FOR_START + r"""
import sys
from adapters.app import Gongzhi
from adapters.settings import StoreConfig

store, ref, tag, count, ready, go = sys.argv[1:7]
app = Gongzhi(StoreConfig.parse(store))
app.get_case(ref)  # connected and warmed up before the start
wait_for_start(ready, go)
for i in range(int(count)):
    text = f"{tag}-{i:03d}"
    app.change(ref, lambda case, text=text: case.add_note(text, app.stamp(tag)))
app.close()
"""

# argv: gongzhi store ref tag count ready go; prints one JSON line per command
CLI_NOTE_WRITER = _WAIT_FOR_START + r"""
import json, subprocess, sys

gongzhi, store, ref, tag, count, ready, go = sys.argv[1:8]
wait_for_start(ready, go)
for i in range(int(count)):
    run = subprocess.run(
        [gongzhi, "--store", store, "--actor", tag, "case", "note", ref, f"{tag}-{i:03d}"],
        capture_output=True, text=True)
    print(json.dumps({"rc": run.returncode, "out": run.stdout, "err": run.stderr},
                     ensure_ascii=False), flush=True)
"""

# argv: store tag count ready go; prints one reference per line
API_OPENER = _WAIT_FOR_START + r"""
import sys
from adapters.app import Gongzhi
from adapters.settings import StoreConfig
from domain.values import Location, PartySpec
from domain.vocabulary import Category, Channel

store, tag, count, ready, go = sys.argv[1:6]
app = Gongzhi(StoreConfig.parse(store))
app.recorder.max_id_with_prefix("C")  # connected and warmed up before the start
wait_for_start(ready, go)
for i in range(int(count)):
    case = app.open_case(
        app.stamp(tag), channel=Channel.HOTLINE, categories=[Category.NOISE],
        location=Location("双塔社区", "3号网格", "5栋"),
        complainants=[PartySpec(f"{tag}投诉人{i}")],
        respondents=[PartySpec("老王饭店", "business", "王建国")],
        summary=f"{tag}-{i:03d}")
    print(case.id, flush=True)
app.close()
"""

# argv: gongzhi store tag count ready go; prints one JSON line per command
CLI_OPENER = _WAIT_FOR_START + r"""
import json, subprocess, sys

gongzhi, store, tag, count, ready, go = sys.argv[1:7]
wait_for_start(ready, go)
for i in range(int(count)):
    run = subprocess.run(
        [gongzhi, "--store", store, "--actor", tag, "--json", "case", "open",
         "--channel", "12345", "--category", "噪音", "--community", "双塔社区",
         "--grid", "3号网格", "--building", "5栋", "--complainant", f"{tag}投诉人{i}",
         "--respondent", "商户:老王饭店:王建国", "--summary", f"{tag}-{i:03d}"],
        capture_output=True, text=True)
    print(json.dumps({"rc": run.returncode, "out": run.stdout, "err": run.stderr},
                     ensure_ascii=False), flush=True)
"""


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "gongzhi.db")
        return
    if PG_SKIP_REASON:
        pytest.skip(PG_SKIP_REASON)
    schema = f"t_conc_{uuid.uuid4().hex[:12]}"
    yield f"{PG_URL}?schema={schema}"
    drop_schema(schema)


def _child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGZHI_")}
    env["PYTHONUTF8"] = "1"
    return env


def run_together(tmp_path: Path, children: list[tuple[str, list[str]]]) -> list[tuple[int, str, str]]:
    """Start every child, wait until all are ready, release them at once; (rc, stdout, stderr)."""
    go = tmp_path / f"go-{uuid.uuid4().hex}"
    readies = [tmp_path / f"ready-{uuid.uuid4().hex}" for _ in children]
    processes = [
        subprocess.Popen([sys.executable, "-c", script, *args, str(ready), str(go)], cwd=REPO,
                         env=_child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, encoding="utf-8")
        for (script, args), ready in zip(children, readies, strict=True)
    ]
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not all(r.exists() for r in readies):
            if any(p.poll() is not None for p in processes) or time.monotonic() > deadline:
                break  # a child died while starting: its stderr says why, below
            time.sleep(0.01)
        go.touch()
        outputs = [p.communicate(timeout=RUN_TIMEOUT) for p in processes]
    finally:
        for p in processes:
            if p.poll() is None:
                p.kill()
                p.wait()
    return [(p.returncode, out, err) for p, (out, err) in zip(processes, outputs, strict=True)]


def assert_clean(results: list[tuple[int, str, str]]) -> None:
    for returncode, _out, err in results:
        assert "Traceback" not in err, err
        assert returncode == 0, err


def command_reports(results: list[tuple[int, str, str]]) -> list[dict[str, Any]]:
    """The per-command reports of the console-command children, each checked for a clean exit."""
    reports = [json.loads(line) for _rc, out, _err in results for line in out.splitlines()]
    for report in reports:
        assert "Traceback" not in report["err"], report["err"]
        assert report["rc"] == 0, report["err"]
    return reports


def open_case(url: str) -> str:
    app = Gongzhi(StoreConfig.parse(url))
    try:
        return str(open_restaurant_case(app).id)
    finally:
        app.close()


def assert_every_note_once(url: str, ref: str, count: int) -> None:
    app = Gongzhi(StoreConfig.parse(url))
    try:
        case, events = app.history(ref)
    finally:
        app.close()
    assert [e.originator_version for e in events] == list(range(1, 2 * count + 2))
    assert type(events[0]).__name__ == "Opened"
    notes = [e.text for e in events[1:] if type(e).__name__ == "NoteAdded"]
    assert len(notes) == 2 * count == len(events) - 1
    expected = sorted(f"{tag}-{i:03d}" for tag in WRITERS for i in range(count))
    assert sorted(notes) == expected  # every note, none twice
    for tag in WRITERS:  # each writer's notes in the order it wrote them, signed by it
        assert [n for n in notes if n.startswith(tag)] == [f"{tag}-{i:03d}" for i in range(count)]
    assert all(e.actor == e.text[0] for e in events[1:])
    assert case.notes == notes
    assert case.version == 2 * count + 1


def assert_cases_opened(url: str, refs: list[str], count: int) -> None:
    assert len(refs) == 2 * count
    assert len(set(refs)) == 2 * count  # no reference given twice
    assert sorted(ref_number(r) for r in refs) == list(range(1, 2 * count + 1))
    app = Gongzhi(StoreConfig.parse(url))
    try:
        summaries = sorted(app.get_case(r).summary for r in refs)
        versions = {app.get_case(r).version for r in refs}
    finally:
        app.close()
    # Each reference holds the case its opener recorded, and only that.
    assert summaries == sorted(f"{tag}-{i:03d}" for tag in WRITERS for i in range(count))
    assert versions == {1}


def test_two_processes_adding_notes_through_the_api(store_url: str, tmp_path: Path) -> None:
    count = 30
    ref = open_case(store_url)
    results = run_together(tmp_path, [
        (API_NOTE_WRITER, [store_url, ref, tag, str(count)]) for tag in WRITERS])
    assert_clean(results)
    assert_every_note_once(store_url, ref, count)


def test_two_processes_adding_notes_with_the_console_command(store_url: str,
                                                             tmp_path: Path) -> None:
    assert GONGZHI.exists(), f"console script not installed next to {sys.executable}"
    count = 15
    ref = open_case(store_url)
    results = run_together(tmp_path, [
        (CLI_NOTE_WRITER, [str(GONGZHI), store_url, ref, tag, str(count)]) for tag in WRITERS])
    assert_clean(results)
    reports = command_reports(results)
    assert len(reports) == 2 * count
    # What each mediator was told matches what was kept: every version reported once.
    reported = sorted(int(r["out"].split(" v", 1)[1].split()[0]) for r in reports)
    assert reported == list(range(2, 2 * count + 2))
    assert_every_note_once(store_url, ref, count)


def test_two_processes_opening_cases_through_the_api(store_url: str, tmp_path: Path) -> None:
    count = 25
    Gongzhi(StoreConfig.parse(store_url)).close()  # the store exists before the race
    results = run_together(tmp_path, [
        (API_OPENER, [store_url, tag, str(count)]) for tag in WRITERS])
    assert_clean(results)
    refs = [line for _rc, out, _err in results for line in out.split()]
    assert_cases_opened(store_url, refs, count)


def test_two_processes_opening_cases_with_the_console_command(store_url: str,
                                                              tmp_path: Path) -> None:
    assert GONGZHI.exists(), f"console script not installed next to {sys.executable}"
    count = 6
    Gongzhi(StoreConfig.parse(store_url)).close()
    results = run_together(tmp_path, [
        (CLI_OPENER, [str(GONGZHI), store_url, tag, str(count)]) for tag in WRITERS])
    assert_clean(results)
    refs = [json.loads(r["out"])["ref"] for r in command_reports(results)]
    assert_cases_opened(store_url, refs, count)
