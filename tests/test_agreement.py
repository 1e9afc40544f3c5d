"""`gongzhi case agreement`: the mediation agreement (人民调解协议书) as the parties sign it.

The demo's restaurant case (played through the application at a fixed clock) is
printed in Chinese and in English, as text, Markdown and A4 HTML; the HTML is
printed to PDF by headless Chromium and every content the People's Mediation
Law asks for is found in the PDF's text (pdftotext). A case without an
agreement is refused.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from adapters.app import Gongzhi
from adapters.demo_case import play_restaurant_case
from adapters.settings import StoreConfig
from cli import cli
from domain.vocabulary import Outcome, Satisfaction
from tests.conftest import open_restaurant_case

NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
AGREED, CONFIRM_BY = "2026-10-21", "2026-11-20"  # the demo agrees on 21 October; +30 days

# What the agreement must state, in each language (the demo's data is in that language).
REQUIRED = {
    "zh": ["人民调解协议书", "双塔社区人民调解委员会", "C2026-000001",
           "当事人基本情况", "张秀英（501室）", "陈桂兰（402室）", "老王家常菜馆", "王福生",
           "纠纷的主要事实", "一楼餐馆每晚22点后门前摆桌喧哗",
           "争议事项及各方责任", "希望能营业到23点", "油烟浓度3.1mg/m³", "各方责任",
           "协议内容", "22:00后停止户外营业", "履行方式与期限", "安装油烟净化器并提供检测报告",
           "2026-11-20 前履行完毕", "2026-11-25 前履行完毕", "自行履行",
           "签名、盖章或按指印", "人民调解员（签名）", "刘敏", "人民调解委员会（印章）",
           "司法确认", "三十日内", CONFIRM_BY, AGREED, "第三十三条"],
    "en": ["People's Mediation Agreement", "People's Mediation Committee of Shuangta Community",
           "C2026-000001", "The parties", "Zhang Xiuying (flat 501)", "Chen Guilan (flat 402)",
           "Lao Wang's Kitchen", "Wang Fusheng", "Main facts of the dispute",
           "Disputed matters and each side's responsibility", "stay open until 23:00",
           "Each side's responsibility", "Terms agreed", "Nothing outside after 22:00",
           "Manner and deadline of performance", "Install a fume purifier",
           "to be performed by 2026-11-20", "to be performed by 2026-11-25",
           "signature, seal or fingerprint", "Mediator (signature)", "Liu Min",
           "Mediation committee (seal)", "judicial confirmation", "within 30 days", CONFIRM_BY,
           AGREED, "Art. 33"],
}


def demo_store(tmp_path: Path, lang: str) -> Path:
    store = tmp_path / f"demo-{lang}.db"
    app = Gongzhi(StoreConfig.parse(str(store)), clock=lambda: NOW)
    try:
        assert play_restaurant_case(app, lang) == "C2026-000001"
    finally:
        app.close()
    return store


def gongzhi(store: Path, *args: str, lang: str = "zh") -> Result:
    return CliRunner().invoke(cli, ["--store", str(store), "--lang", lang, *args],
                              obj={"clock": lambda: NOW})


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("form", ["text", "md", "html"])
def test_the_agreement_states_everything_the_law_asks_for(tmp_path: Path, lang: str,
                                                          form: str) -> None:
    store = demo_store(tmp_path, lang)
    result = gongzhi(store, "case", "agreement", "2026-1", "--format", form, lang=lang)
    assert result.exit_code == 0, result.output
    page = result.stdout.replace("&#39;", "'")
    for content in REQUIRED[lang]:
        assert content in page, content
    # One signature line per party, one for the mediator, one for the committee's seal.
    mark = "签名、盖章或按指印" if lang == "zh" else "signature, seal or fingerprint"
    assert page.count(mark) == 3  # one for each of the three parties
    if lang == "en":
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in page)
    if form == "html":
        assert "size: A4" in page and page.startswith("<!DOCTYPE html>")
    if form == "md":
        assert page.startswith("# ")


def test_json_gives_the_same_contents_for_scripts(tmp_path: Path) -> None:
    store = demo_store(tmp_path, "zh")
    document = json.loads(gongzhi(store, "--json", "case", "agreement", "C2026-000001").stdout)
    assert document["agreed"] == AGREED and document["confirmation_until"] == CONFIRM_BY
    assert [p["name"] for p in document["parties"]] == ["张秀英（501室）", "陈桂兰（402室）",
                                                        "老王家常菜馆"]
    assert [(c["id"], c["due"]) for c in document["commitments"]] == [
        ("K1", "2026-11-20"), ("K2", "2026-11-20"), ("K3", "2026-11-25")]


def test_a_case_without_an_agreement_is_refused(tmp_path: Path) -> None:
    store = tmp_path / "gongzhi.db"
    app = Gongzhi(StoreConfig.parse(str(store)), clock=lambda: NOW)
    try:
        ref = open_restaurant_case(app).id
    finally:
        app.close()
    for lang, phrase in (("zh", "尚未达成调解协议"), ("en", "has no agreement to print yet")):
        result = gongzhi(store, "case", "agreement", ref, lang=lang)
        assert result.exit_code == 1 and result.stdout == ""
        assert phrase in result.stderr and "Traceback" not in result.output


def test_the_demo_prints_the_agreement(tmp_path: Path) -> None:
    for lang, title in (("zh", "人民调解协议书"), ("en", "People's Mediation Agreement")):
        result = gongzhi(tmp_path / f"{lang}.db", "demo", lang=lang)
        assert result.exit_code == 0, result.output
        assert title in result.stdout and CONFIRM_BY in result.stdout


def test_import_cli_does_not_load_jinja2() -> None:
    code = "import sys, cli; sys.exit('jinja2' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.chromium
@pytest.mark.skipif(not CHROMIUM or not PDFTOTEXT,
                    reason="needs headless Chromium and pdftotext (poppler-utils)")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_html_prints_to_a4_pdf_with_every_content(tmp_path: Path, lang: str) -> None:
    store = demo_store(tmp_path, lang)
    page, pdf = tmp_path / "agreement.html", tmp_path / "agreement.pdf"
    written = gongzhi(store, "case", "agreement", "C2026-000001", "--format", "html",
                      "-o", str(page), lang=lang)
    assert written.exit_code == 0, written.output
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
                        "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-pdf-header-footer",
                        f"--user-data-dir={profile}", f"--print-to-pdf={pdf}",
                        page.as_uri()], check=True, capture_output=True, timeout=180)
    text = subprocess.run([str(PDFTOTEXT), str(pdf), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout
    flat = " ".join(text.split())  # a line may wrap anywhere in the PDF
    for content in REQUIRED[lang]:
        assert content in flat or content.replace(" ", "") in flat.replace(" ", ""), content
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False)
    if pages.returncode == 0:
        assert "595 x 842" in pages.stdout or "594.96 x 841.92" in pages.stdout  # A4 in points


def test_an_output_that_cannot_be_written_says_so(tmp_path: Path) -> None:
    store = demo_store(tmp_path, "zh")
    target = str(tmp_path / "no-such-folder" / "agreement.html")
    for lang, phrase in (("zh", "所在文件夹不存在或不可写"), ("en", "does the folder exist")):
        result = gongzhi(store, "case", "agreement", "C2026-000001", "-o", target, lang=lang)
        assert result.exit_code == 2, result.output
        assert phrase in result.stderr and "--output" in result.stderr
    written = gongzhi(store, "case", "agreement", "C2026-000001", "-o", str(tmp_path / "a.md"),
                      "--format", "md")
    assert written.exit_code == 0 and "协议书已写入" in written.stdout
    assert (tmp_path / "a.md").read_text(encoding="utf-8").startswith("# 人民调解协议书")


def test_a_reopened_case_has_no_agreement_to_print_until_agreed_again(tmp_path: Path) -> None:
    store = tmp_path / "gongzhi.db"
    app = Gongzhi(StoreConfig.parse(str(store)), clock=lambda: NOW)
    try:
        ref = open_restaurant_case(app).id
        for step in (lambda c, s: c.agree("22点后停止营业", s),
                     lambda c, s: c.close(Outcome.RESOLVED, Satisfaction.SATISFIED, s),
                     lambda c, s: c.reopen("再次反映", s)):
            app.record(ref, "李调解员", step)
    finally:
        app.close()
    refused = gongzhi(store, "case", "agreement", ref)
    assert refused.exit_code == 1 and "尚未达成调解协议" in refused.stderr
    again = gongzhi(store, "--actor", "李调解员", "case", "agree", ref, "22:30后停止营业")
    assert again.exit_code == 0, again.output
    page = gongzhi(store, "case", "agreement", ref).stdout
    assert "22:30后停止营业" in page and "22点后停止营业" not in page
