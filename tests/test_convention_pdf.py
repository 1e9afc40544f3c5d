"""The printable convention prints to PDF with headless Chromium, every clause in its text."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from adapters.app import Gongzhi
from adapters.convention_view import convention_document
from cli_commands.convention_print import printable, render_html
from tests.conftest import StepClock
from tests.convention_support import adopted_convention

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = [pytest.mark.chromium, pytest.mark.skipif(
    CHROMIUM is None or PDFTOTEXT is None,
    reason="needs chromium and pdftotext (apt install chromium fonts-noto-cjk poppler-utils)")]


def print_to_pdf(html: str, folder: Path) -> str:
    page, pdf = folder / "convention.html", folder / "convention.pdf"
    page.write_text(html, encoding="utf-8")
    profile = tempfile.mkdtemp(prefix="gongzhi-chromium-", dir=folder)
    subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", f"--user-data-dir={profile}", f"--print-to-pdf={pdf}",
                    page.as_uri()], capture_output=True, timeout=120, check=False)
    assert pdf.exists() and pdf.stat().st_size > 0, "chromium wrote no PDF"
    done = subprocess.run([str(PDFTOTEXT), "-layout", str(pdf), "-"], capture_output=True,
                          text=True, timeout=60, check=True)
    return done.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_clause_is_in_the_printed_pdf(sqlite_config: object, tmp_path: Path,
                                            lang: str) -> None:
    app = Gongzhi(sqlite_config, clock=StepClock())  # type: ignore[arg-type]
    try:
        _, ref = adopted_convention(app)
        doc = convention_document(app.get(ref), app.clock().date())
    finally:
        app.close()
    page = printable(doc, 1, lang)
    text = re.sub(r"\s+", "", print_to_pdf(render_html(page), tmp_path))
    assert "5栋共治公约" in text and ref in text
    for clause in page["clauses"]:
        assert re.sub(r"\s+", "", clause["text"]) in text, clause["text"]
    assert "王**" in text and "王建国" not in text
