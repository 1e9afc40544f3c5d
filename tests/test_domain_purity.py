"""The domain stays pure: no storage or CLI libraries, and no clock.

Statically, every module under domain/ is parsed and its imports (at any depth,
including inside functions) and clock reads are listed. Dynamically, the clock
eventsourcing would fall back to is made to explode while every Case command
runs once: the application passes all times in a Stamp, so it is never read.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import eventsourcing.domain
import pytest

from domain.case import Case
from domain.values import Location, PartySpec, ReferralRequest, Stamp
from domain.vocabulary import (
    Category,
    Channel,
    Level,
    Outcome,
    Satisfaction,
    StatementKind,
    Status,
)
from tests.conftest import open_restaurant_case

DOMAIN = Path(__file__).resolve().parent.parent / "domain"

FORBIDDEN_PACKAGES = {"sqlalchemy", "sqlite3", "click", "psycopg", "psycopg2", "psycopg_pool"}
CLOCK_MODULES = {"time"}
CLOCK_METHODS = {"now", "utcnow", "today"}
CLOCK_CLASSES = {"datetime.datetime", "datetime.date"}
CLOCK_FUNCTIONS = {"datetime_now_with_tzinfo", "create_utc_datetime_now", "create_timestamp"}
DYNAMIC_IMPORTERS = {"__import__", "import_module"}


def _dotted(node: ast.AST) -> str | None:
    """'a.b.c' for a Name/Attribute chain, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def scan(source: str, filename: str = "<source>") -> list[str]:
    """Every forbidden import and clock read in `source`, as 'file:line: what'."""
    tree = ast.parse(source, filename)
    found: list[str] = []
    # local name -> what it stands for ("datetime", "datetime.datetime", "time", ...)
    aliases: dict[str, str] = {}

    def report(node: ast.AST, what: str) -> None:
        found.append(f"{filename}:{getattr(node, 'lineno', '?')}: {what}")

    def check_module(node: ast.AST, module: str) -> None:
        top = module.split(".")[0]
        if top in FORBIDDEN_PACKAGES:
            report(node, f"imports {module}")
        if top in CLOCK_MODULES:
            report(node, f"imports the clock module {module}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for name in node.names:
                check_module(node, name.name)
                if name.asname:
                    aliases[name.asname] = name.name
                else:
                    top = name.name.split(".")[0]
                    aliases[top] = top
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 0:
                check_module(node, module)
            for name in node.names:
                qualified = f"{module}.{name.name}" if module else name.name
                aliases[name.asname or name.name] = qualified
                if name.name in CLOCK_FUNCTIONS:
                    report(node, f"imports the clock function {qualified}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            dotted = _dotted(node.value)
            if dotted is None:
                continue
            head, _, rest = dotted.partition(".")
            resolved = ".".join(p for p in (aliases.get(head, head), rest) if p)
            if node.attr in CLOCK_METHODS and resolved in CLOCK_CLASSES:
                report(node, f"reads the clock: {resolved}.{node.attr}")
            if head in aliases and resolved.split(".")[0] in CLOCK_MODULES:
                report(node, f"reads the clock: {resolved}.{node.attr}")
            if node.attr in CLOCK_FUNCTIONS:
                report(node, f"reads the clock: {dotted}.{node.attr}")
        elif isinstance(node, ast.Name) and node.id in CLOCK_FUNCTIONS:
            report(node, f"reads the clock: {node.id}")
        elif isinstance(node, ast.Call):
            called = _dotted(node.func) or ""
            if called.split(".")[-1] in DYNAMIC_IMPORTERS and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    check_module(node, first.value)
    return found


def domain_modules() -> list[Path]:
    modules = sorted(DOMAIN.rglob("*.py"))
    assert len(modules) >= 9, modules  # the scan must really see the domain
    return modules


@pytest.mark.parametrize("path", domain_modules(), ids=lambda p: p.name)
def test_domain_module_imports_no_infrastructure_and_reads_no_clock(path: Path) -> None:
    assert scan(path.read_text(encoding="utf-8"), str(path.relative_to(DOMAIN.parent))) == []


# -- the scanner itself ----------------------------------------------------------

VIOLATIONS = {
    "import sqlalchemy": "imports sqlalchemy",
    "import sqlalchemy.orm as orm": "imports sqlalchemy.orm",
    "from sqlalchemy import select": "imports sqlalchemy",
    "import sqlite3": "imports sqlite3",
    "from click import echo": "imports click",
    "import psycopg": "imports psycopg",
    "from psycopg.sql import SQL": "imports psycopg.sql",
    "def f():\n    import sqlite3\n    return sqlite3": "imports sqlite3",
    "class C:\n    def m(self):\n        from click import echo\n": "imports click",
    "import importlib\nimportlib.import_module('sqlite3')": "imports sqlite3",
    "__import__('psycopg')": "imports psycopg",
    "import time": "imports the clock module time",
    "from time import monotonic": "imports the clock module time",
    "def f():\n    import time as t\n    return t.time()": "reads the clock: time.time",
    "import time\nx = time.monotonic()": "reads the clock: time.monotonic",
    "from datetime import datetime\nx = datetime.now()": "reads the clock: datetime.datetime.now",
    "from datetime import datetime\nx = datetime.utcnow()": "reads the clock: datetime.datetime.utcnow",
    "from datetime import datetime as dt\nx = dt.today()": "reads the clock: datetime.datetime.today",
    "from datetime import date\nx = date.today()": "reads the clock: datetime.date.today",
    "import datetime\nx = datetime.datetime.now(tz=None)": "reads the clock: datetime.datetime.now",
    "import datetime as d\nx = d.date.today()": "reads the clock: datetime.date.today",
    "from datetime import datetime\nclock = datetime.now\n": "reads the clock: datetime.datetime.now",
    "def f(self):\n    from datetime import date\n    return date.today()":
        "reads the clock: datetime.date.today",
    "from eventsourcing.domain import datetime_now_with_tzinfo":
        "imports the clock function eventsourcing.domain.datetime_now_with_tzinfo",
    "import eventsourcing.domain as d\nx = d.datetime_now_with_tzinfo()":
        "reads the clock: d.datetime_now_with_tzinfo",
    "def f(event):\n    return event.create_timestamp()": "reads the clock: event.create_timestamp",
}


@pytest.mark.parametrize("source", list(VIOLATIONS))
def test_scanner_detects_violation(source: str) -> None:
    found = scan(source)
    assert any(VIOLATIONS[source] in line for line in found), found


def test_scanner_accepts_pure_code() -> None:
    source = (
        "from __future__ import annotations\n"
        "from datetime import date, datetime, timedelta\n"
        "import attrs\n"
        "from eventsourcing.domain import event\n"
        "from domain.errors import InvalidInput\n"
        "def due(made: datetime, days: int) -> date:\n"
        "    return made.date() + timedelta(days=days)\n"
        "def parse(text: str) -> datetime:\n"
        "    return datetime.fromisoformat(text)\n"
        "def later(a: datetime, b: datetime) -> bool:\n"
        "    return a.timestamp() > b.timestamp()\n"
        "class Stamp:\n"
        "    now: datetime\n"
        "    def today(self) -> date:\n"
        "        return self.now.date()\n"
        "def hour(time: datetime) -> int:\n"
        "    return time.hour\n"
    )
    assert scan(source) == []


def test_scanner_reports_file_and_line() -> None:
    assert scan("x = 1\nimport click\n", "domain/bad.py") == ["domain/bad.py:2: imports click"]


# -- dynamically: the clock eventsourcing falls back to is never read ------------------------

CST = timezone(timedelta(hours=8))
T0 = datetime(2026, 10, 8, 21, 30, tzinfo=CST)


class ClockRead(AssertionError):
    pass


def _explode(*_: Any, **__: Any) -> datetime:
    raise ClockRead("the domain read the clock")


@pytest.fixture
def no_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(eventsourcing.domain, "datetime_now_with_tzinfo", _explode)
    monkeypatch.setattr(eventsourcing.domain.CanCreateTimestamp, "create_timestamp",
                        staticmethod(_explode))
    yield


def _stamp(minutes: int) -> Stamp:
    moment = T0 + timedelta(minutes=minutes)
    return Stamp("李调解员", moment, moment + timedelta(seconds=30))


def drive_every_command() -> Case:
    """Every Case command once (and the alternatives of answer, settle, assign, close)."""
    s = iter(range(1000))
    case = Case.open(
        ref="C2026-000001", channel=Channel.HOTLINE, categories=[Category.NOISE],
        location=Location("双塔社区", "3号网格", "5栋"),
        complainants=[PartySpec("张女士")], respondents=[PartySpec("老王饭店", "business")],
        summary="噪音扰民", stamp=_stamp(next(s)),
    )
    case.join(PartySpec("李先生"), _stamp(next(s)))
    case.assign("王芳", _stamp(next(s)))
    case.assign("李明", _stamp(next(s)), reason="休假")
    case.record_statement("c1", StatementKind.STATEMENT, "噪音大", _stamp(next(s)))
    case.propose("r1", "23点后停业", _stamp(next(s)))
    case.propose("c1", "22点后停业", _stamp(next(s)), in_reply_to="P1")
    case.answer("P1", "c2", True, _stamp(next(s)))
    case.answer("P2", "r1", False, _stamp(next(s)), reason="收入受影响")
    case.refer([ReferralRequest("环保", "油烟是否超标？")], _stamp(next(s)))
    case.record_response("环保", "超标", _stamp(next(s)))
    case.escalate(Level.COMMUNITY, "多部门", _stamp(next(s)))
    case.record_spot_check(T0 + timedelta(minutes=1), T0 + timedelta(minutes=3), ["派出所"], "62分贝",
                           False, True, _stamp(next(s)))
    case.commit("环保", "复测", date(2026, 10, 20), _stamp(next(s)))
    case.commit("r1", "安装净化器", date(2026, 10, 20), _stamp(next(s)))
    case.settle_commitment("K1", True, _stamp(next(s)))
    case.settle_commitment("K2", False, _stamp(next(s)), note="未安装")
    case.agree("22:30后停业", _stamp(next(s)))
    case.close(Outcome.RESOLVED, Satisfaction.SATISFIED, _stamp(next(s)), follow_up="电话回访")
    case.reopen("复发", _stamp(next(s)))
    case.fail("无共识", _stamp(next(s)))
    case.close(Outcome.UNRESOLVED, Satisfaction.DISSATISFIED, _stamp(next(s)))
    case.add_note("归档", _stamp(next(s)))
    return case


EVERY_EVENT = [
    "Opened", "ComplainantJoined", "MediatorAssigned", "MediatorReassigned", "StatementRecorded",
    "ProposalMade", "CounterProposalMade", "ProposalAccepted", "ProposalRejected", "Referred",
    "DepartmentResponded", "Escalated", "SpotChecked", "CommitmentMade", "CommitmentMade",
    "CommitmentFulfilled", "CommitmentBreached", "AgreementReached", "Closed", "Reopened",
    "MediationFailed", "Closed", "NoteAdded",
]


def test_the_patched_clock_would_be_noticed(no_clock: None) -> None:
    """Without an explicit timestamp eventsourcing reads the clock, and the patch catches it."""
    case = Case.open(
        ref="C2026-000001", channel=Channel.HOTLINE, categories=[Category.NOISE],
        location=Location("双塔社区", "3号网格", "5栋"),
        complainants=[PartySpec("张女士")], respondents=[PartySpec("老王饭店")],
        summary="噪音扰民", stamp=_stamp(0),
    )
    with pytest.raises(ClockRead):
        case._note_added(text="x", actor="a", occurred_at=T0, timestamp=None)
    with pytest.raises(ClockRead):
        eventsourcing.domain.datetime_now_with_tzinfo()


def test_every_command_runs_without_the_clock(no_clock: None) -> None:
    case = drive_every_command()
    events = case.collect_events()
    assert [type(e).__name__ for e in events] == EVERY_EVENT
    # every recorded time is the one the stamp gave
    assert [e.timestamp for e in events] == [
        _stamp(i).recorded_at for i in range(len(EVERY_EVENT))
    ]
    assert case.status == Status.CLOSED and case.reopened_count == 1


def test_the_application_passes_its_own_clock(no_clock: None, sqlite_app: Any, clock: Any) -> None:
    """Through the application too: times come from its clock, not eventsourcing's."""
    case = open_restaurant_case(sqlite_app)
    recorded = sqlite_app.change(case.id, lambda c: c.add_note("x", sqlite_app.stamp("王芳")))
    assert recorded.events[0].timestamp == clock.now
    assert sqlite_app.get_case(case.id).modified_on == clock.now
