"""Every command's --help in the user's language: Chinese by default, English with --lang en.

The walk covers every command the CLI has, so a command added later fails here
until its help is translated (cli_commands/help_zh.py): the failure names the
command and the exact English strings that have no Chinese entry yet. Each page
must show an example and no text in the other language, proper names, command
and option names, codes and placeholders aside.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

import click
import pytest
from click.testing import CliRunner

from cli import cli
from cli_commands.cjk_wrap import columns
from cli_commands.help_zh import missing
from domain.vocabulary import Category, Channel, Level, Outcome, Satisfaction, StatementKind, Status

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# Names that are the same in every language.
PROPER_NAMES = {"Gongzhi", "SQLite", "PostgreSQL", "Excel", "Windows", "Chromium", "chromium",
                "Markdown", "Asia/Shanghai",
                "zh", "en", "mediator", "jq", "cron", "md", "html", "text", "hex", "id", "hash",
                "双塔社区"}


def _command_paths() -> list[list[str]]:
    paths: list[list[str]] = [[]]

    def walk(group: click.Group, prefix: list[str], ctx: click.Context) -> None:
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            assert command is not None, name
            paths.append([*prefix, name])
            if isinstance(command, click.Group):
                walk(command, [*prefix, name], click.Context(command, info_name=name, parent=ctx))

    walk(cli, [], click.Context(cli, info_name="gongzhi"))
    return paths


PATHS = _command_paths()
IDS = [" ".join(p) or "gongzhi" for p in PATHS]


def _command(path: list[str]) -> tuple[click.Command, click.Context]:
    ctx = click.Context(cli, info_name="gongzhi")
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        found = command.get_command(ctx, name)
        assert found is not None
        command = found
        ctx = click.Context(command, info_name=name, parent=ctx)
    return command, ctx


def codes() -> set[str]:
    """Vocabulary codes: what a user may type in any language (department codes are snake_case)."""
    words: set[str] = set()
    for kind in (Category, Channel, Level, Outcome, Satisfaction, StatementKind, Status):
        for term in kind:
            words.update(re.findall(r"[A-Za-z]+", term.value))
    return words


def help_page(path: list[str], lang: str) -> str:
    result = CliRunner().invoke(cli, ["--lang", lang, *path, "--help"])
    assert result.exit_code == 0, result.output
    return result.stdout


def _without_example_commands(page: str) -> str:
    """Example command lines are what a user types (data in Chinese): keep their comments only."""
    kept, continued = [], False
    for line in page.splitlines():
        stripped = line.strip()
        if continued or stripped.startswith(("gongzhi ", "export ")):
            continued = stripped.endswith("\\")
            kept.append(line.partition("  # ")[2])
        else:
            kept.append(line)
    return "\n".join(kept)


def _without_command_names(page: str) -> str:
    """The usage line and the list of commands name commands, which are the same in every language."""
    lines, in_commands = page.splitlines()[1:], False
    kept = []
    for line in lines:
        if line.endswith(":") and not line.startswith(" "):
            in_commands = line in ("命令:", "Commands:")
        kept.append(line.split(maxsplit=1)[-1] if in_commands and line.startswith("  ") else line)
    return "\n".join(kept)


def english_left(page: str) -> list[str]:
    text = _without_example_commands(_without_command_names(page))
    for pattern in (r"\S+://\S*", r"\S+\.(?:db|jsonl|csv|html|md|pdf)\b", r"`[^`]*`",
                    r"\{[\w|]+\}", r"--?[A-Za-z][\w-]*", r"GONGZHI_\w+",
                    r"\b[A-Z][A-Z0-9_|+.<>-]*[A-Z0-9]\b", r"\[[a-z|]+\]", r"\b[a-z]+(?:_[a-z]+)+\b",
                    r"\bC\d{4}-\d+\b", r"\b[CRPKS]\d\b",
                    r"\[默认：[^\]]*\]", r"Asia/Shanghai"):
        text = re.sub(pattern, " ", text)
    allowed = PROPER_NAMES | codes()
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in allowed]


def chinese_left(page: str) -> list[str]:
    text = _without_example_commands(_without_command_names(page))
    for pattern in (r"\([^()]*\)", r"\S*/\S*", r"e\.g\.\s+\S+"):  # glosses and typed words
        text = re.sub(pattern, " ", text)
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    return [line.strip() for line in text.splitlines() if CJK.search(line)]


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_chinese_help_is_chinese_with_an_example(path: list[str]) -> None:
    page = help_page(path, "zh")
    assert "用法:" in page and "示例：" in page, page
    assert "Usage" not in page and "Options" not in page and "Example" not in page
    assert english_left(page) == [], page
    # Wrapped by terminal columns (a Chinese character takes two), not by characters.
    too_wide = [line for line in _without_example_commands(page).splitlines()
                if columns(line) > 80 and "://" not in line
                and not line.strip().startswith("chromium ")]
    assert too_wide == [], too_wide


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_english_help_is_english_with_an_example(path: list[str]) -> None:
    page = help_page(path, "en")
    assert "Usage:" in page and "Example" in page, page
    assert chinese_left(page) == [], page


def test_chinese_is_the_default_and_the_environment_can_choose() -> None:
    assert "用法:" in CliRunner().invoke(cli, ["case", "--help"]).stdout
    english = CliRunner().invoke(cli, ["case", "--help"], env={"GONGZHI_LANG": "en"}).stdout
    assert "Usage:" in english and "Open, negotiate and close" in english
    # --help is handled before --lang is parsed; its position must not matter.
    assert "Usage:" in CliRunner().invoke(cli, ["--help", "--lang", "en"]).stdout
    assert "Usage:" in CliRunner().invoke(cli, ["--lang=en", "--help"]).stdout
    chinese = CliRunner().invoke(cli, ["--lang", "zh", "audit", "--help"],
                                 env={"GONGZHI_LANG": "en"}).stdout
    assert "用法:" in chinese  # --lang wins over the environment


def test_every_help_text_has_a_chinese_entry() -> None:
    gaps = []
    for path in PATHS:
        command, ctx = _command(path)
        texts = [command.help] + [getattr(p, "help", None) for p in command.get_params(ctx)]
        for text in texts:
            if text:
                gaps += [f"gongzhi {' '.join(path)}: {gap!r}" for gap in missing(
                    inspect.cleandoc(text))]
    assert not gaps, ("these help strings have no Chinese in cli_commands/help_zh.py "
                      "(add an entry for each, keyed by the exact English):\n" + "\n".join(gaps))


def test_the_help_of_one_language_leaves_the_other_intact() -> None:
    """Chinese help puts its texts in place only while it writes the page."""
    help_page(["case", "open"], "zh")
    english = help_page(["case", "open"], "en")
    assert "Open a case; prints its reference" in english and "Show this message and exit." in english


def test_a_write_loads_no_catalogue(tmp_path: Any) -> None:
    """The catalogue and the wrapper are for help pages: a write does not pay for them."""
    import subprocess
    import sys

    code = (
        "import sys; from click.testing import CliRunner; from cli import cli\n"
        f"r = CliRunner().invoke(cli, ['--store', {str(tmp_path / 'g.db')!r}, '--actor', 'a',"
        " 'case', 'open', '--channel', '12345', '--category', '噪音', '--community', 'x',"
        " '--grid', 'g', '--building', 'b', '--complainant', '甲', '--respondent', '乙',"
        " '--summary', 's'])\n"
        "assert r.exit_code == 0, r.output\n"
        "loaded = [m for m in ('cli_commands.help_zh', 'cli_commands.cjk_wrap', 'jinja2')"
        " if m in sys.modules]\n"
        "sys.exit(', '.join(loaded) or 0)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr


def test_chinese_wraps_by_columns_and_closing_punctuation_never_leads() -> None:
    from cli_commands.cjk_wrap import wrap_text

    assert wrap_text("一二三四五六七八九）。", 10).splitlines() == ["一二三四五", "六七八", "九）。"]
    assert wrap_text("选项 --at 的值（例如 昨天 09:00）", 16).splitlines() == [
        "选项 --at 的值", "（例如 昨天", "09:00）"]
    # click's conventions: paragraphs kept apart, a \b paragraph printed as written.
    page = wrap_text("第一段。\n\n\b\n示例：\n  gongzhi demo", 40, "  ", "  ",
                     preserve_paragraphs=True)
    assert page == "  第一段。\n\n  示例：\n    gongzhi demo"


def test_each_english_text_has_one_entry_across_the_area_modules() -> None:
    """ZH merges the area dictionaries: a key in two of them would silently keep one Chinese."""
    from cli_commands import (
        help_zh_audit,
        help_zh_case,
        help_zh_convention,
        help_zh_meeting,
        help_zh_privacy,
        help_zh_root,
    )
    from cli_commands.help_zh import ZH

    areas = [help_zh_root.ROOT, help_zh_audit.AUDIT, help_zh_audit.STORE, help_zh_case.CASE,
             help_zh_meeting.MEETING, help_zh_convention.CONVENTION, help_zh_privacy.PRIVACY]
    assert sum(len(area) for area in areas) == len(ZH)
