"""Audit and time travel work for joint meetings exactly as for cases.

`audit history`, `audit replay` (by version, by moment, step by step), `audit
verify` and `audit export` over a store that holds the demo: the restaurant case
and its joint meeting, recorded through the CLI.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from cli import cli


def gz(store: Path, *args: str, lang: str = "zh") -> Result:
    result = CliRunner().invoke(cli, ["--store", str(store), "--lang", lang, *args])
    assert "Traceback" not in result.output, result.output
    return result


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: Any) -> Path:
    store = tmp_path_factory.mktemp("demo") / "demo.db"
    result = gz(store, "demo")
    assert result.exit_code == 0, result.output
    return store


def test_the_demo_holds_the_meeting_and_prints_its_agenda(demo_store: Path) -> None:
    out = gz(demo_store, "--json", "meeting", "show", "JM2026-1")
    meeting = json.loads(out.stdout)
    assert meeting["status"] == "held" and len(meeting["bodies"]) == 7
    assert {b["attendance"] for b in meeting["bodies"]} == {"present"}
    assert meeting["minutes"]["frozen"] and meeting["minutes"]["version"] == 2
    done = {a["id"]: (a["status"], a["evidence"]) for a in meeting["actions"]}
    assert done["A1"][0] == "done" and done["A1"][1]["entry"] == "S1"  # the evening spot check
    assert done["A2"][1]["entry"] == "K2"  # the fulfilled purifier commitment
    case = json.loads(gz(demo_store, "--json", "case", "show", "2026-1").stdout)
    assert [a["id"] for a in case["meeting_action_items"]] == ["A1", "A2", "A3"]


def test_audit_history_of_a_meeting(demo_store: Path) -> None:
    history = gz(demo_store, "audit", "history", "jm2026-1")
    assert history.exit_code == 0, history.output
    assert "召集联席会议" in history.output and "会议召开" in history.output
    assert "受理立案" not in history.output  # the case's events are not the meeting's
    english = json.loads(gz(demo_store, "--json", "audit", "history", "JM2026-000001",
                            lang="en").stdout)
    types = [e["type"] for e in english]
    assert types[0] == "Convened" and "MinutesFrozen" in types and types[-1] == "ActionDone"


def test_audit_replay_by_version_moment_and_step(demo_store: Path) -> None:
    as_invited = json.loads(gz(demo_store, "--json", "audit", "replay", "JM2026-1",
                               "--version", "8").stdout)
    assert as_invited["status"] == "scheduled" and len(as_invited["bodies"]) == 7
    assert as_invited["items"] == []
    text = gz(demo_store, "audit", "replay", "JM2026-1", "--version", "9").output
    assert "JM2026-000001" in text and "待召开" in text and "C2026-000001" in text
    steps = gz(demo_store, "audit", "replay", "JM2026-1", "--step", lang="en")
    assert steps.exit_code == 0 and "v10 meeting held" in steps.output
    before = gz(demo_store, "audit", "replay", "JM2026-1", "--as-of", "2000-01-01 00:00")
    assert before.exit_code == 1


def test_time_travel_shows_the_minutes_before_they_were_frozen(demo_store: Path) -> None:
    rows = json.loads(gz(demo_store, "--json", "audit", "history", "JM2026-1").stdout)
    frozen = next(e for e in rows if e["type"] == "MinutesFrozen")["version"]
    earlier = json.loads(gz(demo_store, "--json", "audit", "replay", "JM2026-1", "--version",
                            str(frozen - 2)).stdout)
    assert earlier["minutes"]["frozen"] is False and len(earlier["minutes"]["approved_by"]) == 6


def test_audit_verify_and_export_include_the_meeting(demo_store: Path, tmp_path: Path) -> None:
    verified = gz(demo_store, "audit", "verify", lang="en")
    assert verified.exit_code == 0, verified.output
    assert "4 streams" in verified.output  # the case, the meeting, the convention, its breach case
    archive = tmp_path / "archive.jsonl"
    exported = gz(demo_store, "audit", "export", "-o", str(archive))
    assert exported.exit_code == 0, exported.output
    found = archive.read_text()
    assert "JM2026-000001" in found and "domain.meeting:JointMeeting" in found
    again = gz(demo_store, "audit", "verify", "--file", str(archive), lang="en")
    assert again.exit_code == 0, again.output


def test_import_cli_loads_neither_jinja2_nor_sqlalchemy() -> None:
    import subprocess
    import sys

    code = ("import sys, cli; cli.command_targets(); "
            "print(sorted(m for m in ('jinja2', 'sqlalchemy', 'psycopg') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
