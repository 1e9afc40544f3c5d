"""Help and click's own words in the user's language (Chinese by default, or English).

Every `help=` and docstring stays in English in the code; in Chinese the
formatter looks each one up in the catalogue `cli_commands.help_zh` while it
writes the help page (docstrings paragraph by paragraph; an example paragraph
needs an entry only for its `# comments`). Click's own words ("Usage:",
"Missing option", "No such command" ...) come from click's gettext calls, which
`install()` routes through `CLICK_ZH` below while the language is Chinese.

The language of one run is fixed when the root command starts (`LazyGroup.main`):
`--lang` among the root options if given (read from the raw arguments, because
`--help` is eager and is handled before `--lang` is parsed), else GONGZHI_LANG,
else Chinese. The catalogue is imported only to write help, never by a write.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

LANGUAGES = ("zh", "en")
_current: list[str] = ["zh"]

# click's gettext messages (click 8.x); anything not listed stays as click wrote it.
CLICK_ZH = {
    "Usage:": "用法:",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "查看帮助：{command} {option}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少子命令。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Did you mean {possibility}?": "是否想输入 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否想输入其中之一：{possibilities}？）",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不在可选值 {choices} 之中。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",  # after a missing Choice argument
    # click fills {number_type} with the type's English name (integer range), untranslated
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数值。",
    "integer": "整数",
    "float": "小数",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 之内。",
    "env var: {var}": "环境变量：{var}",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "Aborted!": "已中止！",
    "{name} {filename!r} does not exist.": "{filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{filename!r} 是一个文件夹，应为文件。",
    "{name} {filename!r} is a file.": "{filename!r} 是一个文件，应为文件夹。",
    "{name} {filename!r} is not writable.": "{filename!r} 不可写。",
    "{name} {filename!r} is not readable.": "{filename!r} 不可读。",
}


def current() -> str:
    return _current[0]


def lang_of(ctx: click.Context | None) -> str:
    """The Runtime's language; before there is one, the run's."""
    runtime = ctx.find_root().obj if ctx else None
    return getattr(runtime, "lang", None) or current()


def say(ctx: click.Context | None, zh: str, en: str) -> str:
    """The message in the language of the run `ctx` belongs to (for parameter types)."""
    return zh if lang_of(ctx) == "zh" else en


def set_language(lang: str) -> None:
    _current[0] = lang if lang in LANGUAGES else "zh"


def language_of(args: list[str], root_commands: set[str]) -> str:
    """The root's `--lang` in raw arguments (before the first command name), else the env."""
    for i, arg in enumerate(args):
        if arg in root_commands:
            break
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else (
            arg.partition("=")[2] if arg.startswith("--lang=") else None)
        if value in LANGUAGES:
            return value
    env = os.environ.get("GONGZHI_LANG", "")
    return env if env in LANGUAGES else "zh"


def _gettext(message: str) -> str:
    return CLICK_ZH.get(message, message) if current() == "zh" else message


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def install() -> None:
    """Route click's messages through `_gettext`. Not click.decorators: it makes (and
    caches) the help option's text once, so that text is translated like ours."""
    import click.core
    import click.exceptions
    import click.formatting
    import click.parser
    import click.types

    for module in (click.core, click.exceptions, click.formatting, click.parser, click.types):
        module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]


install()


# -- our own help texts ------------------------------------------------------------------


def translate_text(text: str) -> str:
    """One help string (an option's help, a docstring) in Chinese; English if not catalogued."""
    from cli_commands.help_zh import translate

    return translate(inspect.cleandoc(text))


def _short(help_text: str, limit: int) -> str:
    first = help_text.split("\n\n", 1)[0].replace("\n", "")
    for stop in ("。", "；", "："):
        if stop in first:
            first = first.split(stop, 1)[0]
            break
    return first if len(first) <= limit else first[: max(limit - 1, 1)] + "…"


@contextmanager
def _chinese_texts(command: click.Command, ctx: click.Context) -> Iterator[None]:
    """Put the Chinese texts in place while click writes the page, then restore them."""
    saved: list[tuple[Any, str, Any]] = []

    def swap(owner: Any, attribute: str, value: Any) -> None:
        saved.append((owner, attribute, getattr(owner, attribute)))
        setattr(owner, attribute, value)

    try:
        import click.formatting

        from cli_commands.cjk_wrap import wrap_text

        swap(click.formatting, "wrap_text", wrap_text)  # two columns a Chinese character
        if command.help:
            swap(command, "help", translate_text(command.help))
        for param in command.get_params(ctx):
            text = getattr(param, "help", None)
            if text:
                swap(param, "help", translate_text(text))
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                if sub is not None and sub.help and not sub.short_help:
                    swap(sub, "short_help", _short(translate_text(sub.help), 60))
        yield
    finally:
        for owner, attribute, value in reversed(saved):
            setattr(owner, attribute, value)


class LocalizedHelp(click.Command):
    """Mixed into our command classes: the help page in the run's language."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if current() != "zh":
            super().format_help(ctx, formatter)
            return
        with _chinese_texts(self, ctx):
            super().format_help(ctx, formatter)


def with_language(main: Callable[..., Any], args: list[str], root_commands: set[str],
                  **options: Any) -> Any:
    """Run the root's `main` with the run's language set, and put the default back after."""
    set_language(language_of(args, root_commands))
    try:
        return main(args=args, **options)
    finally:
        set_language("zh")
