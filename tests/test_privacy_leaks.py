"""What erasure cannot reach, said out loud; a lost key store never passes for an erasure.

* Free text (summary, notes, duties, a convention's bound parties) is not sealed: `privacy
  erase` names the entries that still mention the person, without repeating the name.
* With the key store missing, names read 〔已加密〕 (not 〔已删除〕) and say what to fix; no
  write makes a new, empty key store beside the log, and no erasure is recorded.
* With the key store damaged, commands say so instead of blaming the events.
* `privacy erase` refuses unknown subjects and cutoffs in the future, recording nothing.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import cli

NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
NAME, ROOM, SHOP, OPERATOR = "诸葛青云", "1808室", "令狐花坊", "令狐冲"


def invoke(store: Path, *args: str, lang: str = "zh") -> Result:
    result = CliRunner().invoke(cli, ["--store", str(store), "--actor", "刘敏", "--lang", lang,
                                      *args], obj={"clock": lambda: NOW})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def ok(store: Path, *args: str, lang: str = "zh") -> str:
    result = invoke(store, *args, lang=lang)
    assert result.exit_code == 0, result.output
    return result.stdout


def events(store: Path) -> int:
    with sqlite3.connect(store) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM gongzhi_events").fetchone()[0])


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "g.db"
    ok(path, "case", "open", "--channel", "12345", "--category", "噪音", "--community", "双塔社区",
       "--grid", "3号网格", "--building", "5栋", "--complainant", f"{NAME}（{ROOM}）",
       "--complainant", f"商户:{SHOP}:{OPERATOR}", "--respondent", "商户:老王饭店:王建国",
       "--summary", f"{NAME}反映饭店夜间喧哗", "--at", "2026-10-08 22:40")  # v1: the name, typed
    ok(path, "case", "note", "C2026-000001", f"{OPERATOR}来电补充", "--at", "2026-10-09 09:00")
    ok(path, "case", "commit", "C2026-000001", "--party", "r1", "--duty", f"不再打扰{ROOM}",
       "--due", "2026-12-31", "--at", "2026-10-09 10:00")  # v3, K1: the room, typed
    ok(path, "case", "note", "C2026-000001", "投诉人来电", "--at", "2026-10-09 11:00")  # clean
    return path


def test_erase_names_the_free_text_entries_that_still_mention_the_person(store: Path) -> None:
    text = ok(store, "privacy", "erase", "C2026-000001", "c1", "--reason", "本人申请删除")
    assert "v1 受理立案 " in text and "v3 作出承诺 K1 " in text and "docs/privacy.md" in text
    assert "v4" not in text and NAME not in text and ROOM not in text  # says where, not what
    ok(store, "convention", "draft", "--case", "C2026-000001", "--at", "2026-10-20 10:00")
    ok(store, "convention", "clause", "GY2026-000001", "--party", f"商户:{SHOP}",
       "--duty", "夜间不堆放货物", "--at", "2026-10-20 10:10")  # a bound party is typed text
    erased = json.loads(ok(store, "--json", "privacy", "erase", "C2026-000001", "c2",
                           "--reason", "申请", lang="en"))
    where = {(m["aggregate"], m["version"], m["event"], m["entry"]) for m in erased["free_text"]}
    assert where == {("C2026-000001", 2, "NoteAdded", "N1"),
                     ("GY2026-000001", 2, "ClauseProposed", "c1")}
    assert OPERATOR not in json.dumps(erased, ensure_ascii=False)
    again = ok(store, "privacy", "erase", "C2026-000001", "c2", "--reason", "申请", lang="en")
    assert "Warning" not in again  # erased: nothing left to read, nothing to warn of


def test_a_missing_key_store_reads_as_sealed_and_refuses_writes(store: Path) -> None:
    keys = store.with_name("g.keys.db")
    keys.rename(keys.with_name("away.db"))
    before = events(store)
    shown = invoke(store, "case", "show", "C2026-000001")
    assert shown.exit_code == 0 and "〔已加密〕" in shown.stdout and "〔已删除〕" not in shown.stdout
    assert "g.keys.db" in shown.stderr and "备份" in shown.stderr  # what to fix
    for args in (("case", "open", "--channel", "12345", "--category", "噪音", "--community", "社区",
                  "--grid", "网格", "--building", "1栋", "--complainant", "甲乙", "--respondent",
                  "丙丁", "--summary", "x"),
                 ("privacy", "erase", "C2026-000001", "r1", "--reason", "申请")):
        refused = invoke(store, "--json", *args, lang="en")
        assert refused.exit_code == 1, refused.output
        assert '"code": "key_store_missing"' in refused.output
    assert events(store) == before and not keys.exists()  # no new, empty key store
    keys.write_bytes(b"not a database")
    for args in (("case", "show", "C2026-000001"), ("audit", "replay", "C2026-000001")):
        damaged = invoke(store, *args, lang="en")
        assert damaged.exit_code == 1 and "cannot read the key store" in damaged.output, args


def test_a_copy_for_the_other_side_is_refused_without_the_names_to_mask(store: Path) -> None:
    # Without the key store the names read 〔已加密〕, so the summary's typed name could not
    # be found to mask: the copy is refused rather than handed over with the name in it.
    keys = store.with_name("g.keys.db")
    keys.rename(keys.with_name("away.db"))
    for args in (("case", "share", "C2026-000001"), ("export", "cases", "--shared")):
        for lang, said in (("zh", "无法生成给对方的副本"), ("en", "cannot make the copy")):
            refused = invoke(store, *args, lang=lang)
            assert refused.exit_code == 1 and said in refused.output, refused.output
            assert NAME not in refused.stdout


def test_erase_refuses_what_it_cannot_mean(store: Path) -> None:
    before = events(store)
    for args, code, zh in (
            (("--subject", "C2026-000009/c1"), 1, "本库中没有"),  # no such case
            (("--subject", "C2026-000001/c9"), 2, "中没有信息主体"),  # no such party
            (("C2026-000001", "c9"), 2, "没有当事人"),
            (("--closed-before", "2099-01-01"), 2, "最晚为 2026-12-01"),
            (("C2026-000001", "c1", "--reason", "  "), 2, "删除原因")):
        reason = [] if "--reason" in args else ["--reason", "申请"]
        for lang in ("zh", "en"):
            result = invoke(store, "privacy", "erase", *args, *reason, lang=lang)
            assert result.exit_code == code, (args, result.output)
            assert (zh in result.output) == (lang == "zh"), (args, result.output)
    assert invoke(store, "privacy", "due", "--after", "0y").exit_code == 2
    assert events(store) == before
    assert "诸葛青云" in ok(store, "case", "show", "C2026-000001")  # no key was destroyed
