"""The HTML agenda prints in a real browser: headless Chromium with CJK fonts makes a PDF
whose text holds every item's case reference and every invited body's name.

Skipped, with the reason, where chromium or pdftotext is not installed (.ci/run
installs chromium, fonts-noto-cjk and poppler-utils).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli
from domain.meeting_vocabulary import body_label

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = [
    pytest.mark.chromium,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt install chromium)"),
    pytest.mark.skipif(PDFTOTEXT is None,
                       reason="pdftotext is not installed (apt install poppler-utils)"),
]
BODIES = ["market_regulation", "ecology_environment", "police_station", "subdistrict_office",
          "community_committee", "party_member_reps", "resident_reps", "urban_management"]


def gz(store: Path, *args: str, lang: str = "zh") -> str:
    result = CliRunner().invoke(cli, ["--store", str(store), "--actor", "刘敏", "--lang", lang,
                                      *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def print_to_pdf(page: Path, pdf: Path) -> str:
    profile = tempfile.mkdtemp(prefix="gongzhi-chromium-")
    try:
        subprocess.run(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-pdf-header-footer", f"--user-data-dir={profile}", f"--print-to-pdf={pdf}",
             page.as_uri()], check=True, capture_output=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = subprocess.run([str(PDFTOTEXT), "-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True, timeout=60)
    return re.sub(r"\s+", "", out.stdout)  # names may wrap across lines


def store_with_meeting(tmp_path: Path, items: int) -> tuple[Path, list[str]]:
    store = tmp_path / "g.db"
    refs = []
    for n in range(items):
        out = gz(store, "--json", "case", "open", "--channel", "12345", "--category", "噪音",
                 "--community", "双塔社区", "--grid", f"{n % 4 + 1}号网格", "--building",
                 f"{n + 1}栋", "--complainant", f"住户{n}", "--respondent", f"商户:店铺{n}",
                 "--summary", f"第{n + 1}件：夜间噪音与油烟", "--at", "2026-10-01 09:00")
        refs.append(json.loads(out)["ref"])
        gz(store, "case", "refer", refs[-1], "--ask", "市场监管局=执照？", "--ask", "派出所=噪音？",
           "--at", "2026-10-02 09:00")
    convene = ["meeting", "convene", "--title", "双塔社区联席会议", "--by", "社区", "--level",
               "community", "--scheduled", "2026-10-19 14:30", "--venue", "社区会议室",
               "--chair", "刘书记", "--at", "2026-10-03 09:00"]
    for body in BODIES:
        convene += ["--invite", body]
    gz(store, *convene)
    for n, ref in enumerate(refs):
        asked = [BODIES[n % len(BODIES)], BODIES[(n + 3) % len(BODIES)]]
        args = [a for body in asked for a in ("--ask", f"{body}=请说明第{n + 1}件的处理意见")]
        gz(store, "meeting", "add", "JM2026-1", ref, *args, "--at", "2026-10-04 09:00")
    return store, refs


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_printed_agenda_holds_every_item_and_every_body(tmp_path: Path, lang: str) -> None:
    store, refs = store_with_meeting(tmp_path, 12)
    page = tmp_path / "agenda.html"
    page.write_text(gz(store, "meeting", "agenda", "JM2026-1", "--format", "html", lang=lang),
                    encoding="utf-8")
    text = print_to_pdf(page, tmp_path / "agenda.pdf")
    assert ("联席会议议程" if lang == "zh" else "Jointmeetingagenda") in text
    for ref in refs:
        assert ref in text, ref
    for body in BODIES:
        assert re.sub(r"\s+", "", body_label(body, lang)) in text, body


def test_the_department_agenda_prints_only_that_body(tmp_path: Path) -> None:
    store, _ = store_with_meeting(tmp_path, 3)
    page = tmp_path / "police.html"
    page.write_text(gz(store, "meeting", "agenda", "JM2026-1", "--format", "html",
                       "--department", "派出所"), encoding="utf-8")
    text = print_to_pdf(page, tmp_path / "police.pdf")
    assert "派出所" in text and "区市场监管局" not in text
