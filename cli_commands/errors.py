"""Turn refusals into click errors: a message that says what to fix, never a traceback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

import click

from adapters.errors import AppError
from cli_commands.help_lang import LocalizedHelp
from domain.errors import DomainError


class ShowsJson(click.ClickException):
    """Printed as {"error": {"code", "message"}} on stderr when --json is on."""

    code = "error"
    as_json = False

    def format_message(self) -> str:
        from cli_commands.safe_text import terminal_safe

        return terminal_safe(self.message)  # it may quote what was typed

    def show(self, file: IO[Any] | None = None) -> None:
        if self.as_json:
            from cli_commands.safe_text import json_safe

            payload = {"error": {"code": self.code, "message": self.message}}
            click.echo(json_safe(json.dumps(payload, ensure_ascii=False)), err=True)
        else:
            super().show(file)


class JsonAwareError(ShowsJson):
    """A refusal (exit 1)."""

    def __init__(self, message: str, code: str, as_json: bool, exit_code: int = 1) -> None:
        super().__init__(message)
        self.code, self.as_json = code, as_json
        self.exit_code = exit_code  # type: ignore[misc]  # click declares it per class


class JsonAwareUsageError(ShowsJson, click.UsageError):
    """Bad input (exit 2), shown with the command's usage line."""

    def __init__(self, message: str, code: str, ctx: click.Context | None, as_json: bool) -> None:
        click.UsageError.__init__(self, message, ctx)
        self.code, self.as_json = code, as_json


class GuardedCommand(LocalizedHelp, click.Command):
    """A command whose refusals are translated with its own context (for the usage line)."""

    def invoke(self, ctx: click.Context) -> Any:
        with translate_errors(ctx):
            return super().invoke(ctx)


class GuardedGroup(LocalizedHelp, click.Group):
    command_class = GuardedCommand
    group_class = type

    def add_commands_of(self, *modules: object) -> None:
        """Add every command the modules define: commands never import their group."""
        for module in modules:
            for value in vars(module).values():
                if isinstance(value, click.Command):
                    self.add_command(value)

    def invoke(self, ctx: click.Context) -> Any:
        with translate_errors(ctx):
            return super().invoke(ctx)


@contextmanager
def translate_errors(ctx: click.Context) -> Iterator[None]:
    try:
        yield
    except (JsonAwareError, JsonAwareUsageError):
        raise
    except Exception as error:
        # Read the settings only now: at the root the Runtime is made inside the block.
        runtime = ctx.find_root().obj
        lang = getattr(runtime, "lang", "zh")
        as_json = getattr(runtime, "as_json", False)
        raise _translate(error, ctx, lang, as_json) from None


# English-only messages raised by commands as click errors, in Chinese (keyed by the English).
CLICK_MESSAGES_ZH = {
    "--until is before --since": "--until 早于 --since：截止日不能早于起始日",
    "expected the seal's hash: 16 to 64 hex digits": "应为封存时公布的哈希：16 到 64 位十六进制数字",
}


def _in_chinese(error: click.ClickException) -> click.ClickException:
    if isinstance(error, click.MissingParameter):  # click ends it with an English full stop
        # "缺少参数 'TABLE'. 可选：…": click joins the choices on with an English full stop
        message = error.format_message().replace(". ", "。", 1)
        return click.UsageError(message.rstrip(".") + "。", error.ctx)
    zh = CLICK_MESSAGES_ZH.get(error.message)
    if zh is None:
        return error
    if isinstance(error, click.BadParameter):
        return click.BadParameter(zh, ctx=error.ctx, param=error.param, param_hint=error.param_hint)
    if isinstance(error, click.UsageError):
        return click.UsageError(zh, error.ctx)
    return click.ClickException(zh)


def _translate(error: Exception, ctx: click.Context, lang: str, as_json: bool) -> Exception:
    if isinstance(error, click.ClickException) and lang == "zh":
        error = _in_chinese(error)
    if isinstance(error, DomainError):
        message = error.message(lang)
        if error.exit_code == 2:
            return JsonAwareUsageError(message, error.code, ctx, as_json)
        return JsonAwareError(message, error.code, as_json)
    if isinstance(error, AppError):
        return JsonAwareError(error.message(lang), error.code, as_json)
    if isinstance(error, click.UsageError):  # click's own: bad option values, missing arguments
        return (JsonAwareUsageError(error.format_message(), "usage", error.ctx, as_json)
                if as_json else error)
    if isinstance(error, click.ClickException):
        return (JsonAwareError(error.format_message(), "refused", as_json, error.exit_code)
                if as_json else error)
    if isinstance(error, UnicodeEncodeError) and "surrogates" in str(error):
        # Bytes typed that are not UTF-8 (Python keeps them as lone surrogates) reached a
        # driver or a file name as a filter; written fields refuse them in the domain.
        return JsonAwareUsageError("输入中有不是有效 UTF-8 的文本（终端或脚本的编码应为 UTF-8）"
                                   if lang == "zh" else "an argument is not valid UTF-8 text "
                                   "(the terminal's or script's encoding should be UTF-8)",
                                   "not_utf8", ctx, as_json)
    if isinstance(error, OverflowError):  # a number too large for the store (--limit 10**20)
        return JsonAwareUsageError("一个数值过大" if lang == "zh" else "a number given is too "
                                   "large", "usage", ctx, as_json)
    cause = _app_error_cause(error)  # e.g. an unreadable key store, met while decoding
    if cause is not None:
        return JsonAwareError(cause.message(lang), cause.code, as_json)
    store_message = _store_error(error, lang, ctx) or _unreadable_event(error, lang)
    if store_message is None:
        return error
    return JsonAwareError(store_message, "store_error", as_json)


def _app_error_cause(error: Exception) -> AppError | None:
    """An application error that a library wrapped (the mapper wraps what decoding raises)."""
    seen: Exception | None = error.__cause__ or error.__context__  # type: ignore[assignment]
    for _ in range(5):
        if seen is None or isinstance(seen, AppError):
            return seen
        seen = seen.__cause__ or seen.__context__  # type: ignore[assignment]
    return None


_READS_EVENTS = ("adapters/replay.py", "adapters/jsonable.py", "adapters/case_view.py",
                 "cli_commands/event_text.py", "cli_commands/case_text.py",
                 "cli_commands/audit_group.py")


def _unreadable_event(error: Exception, lang: str) -> str | None:
    """A stored event that decodes but no longer fits its class (fields removed or retyped
    by hand) fails where it is applied or shown: eventsourcing's mutate, a projection's
    fold, the code that turns events into documents and text."""
    if not isinstance(error, TypeError | AttributeError | KeyError | ValueError | IndexError):
        return None
    tb = error.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        path = code.co_filename.replace("\\", "/")
        if (path.endswith("eventsourcing/domain.py") and code.co_name in ("mutate", "apply")) \
                or "/projections/" in path or path.endswith(_READS_EVENTS):
            detail = f"{type(error).__name__}: {error}"[:200]
            return (f"有事件已无法应用（{detail}），其存储内容可能被改动；请运行 gongzhi audit "
                    "verify 查明（若其未发现问题，则是程序缺陷，请带 GONGZHI_DEBUG=1 报告）"
                    if lang == "zh" else
                    f"a stored event can no longer be applied ({detail}); its bytes were "
                    "probably altered: run 'gongzhi audit verify' (if it finds nothing, this is "
                    "a bug: report it with GONGZHI_DEBUG=1)")
        tb = tb.tb_next
    return None


def _store_error(error: Exception, lang: str, ctx: click.Context) -> str | None:
    """Messages for failures below the application: the database, the driver, the bytes.

    Only libraries already imported are checked, so this costs no import time.
    """
    from eventsourcing.persistence import (
        IntegrityError,
        MapperDeserialisationError,
        PersistenceError,
    )

    zh = lang == "zh"
    if isinstance(error, IntegrityError):
        return ("该记录同时被他人修改，本次操作未记录，请重试" if zh else
                "the record was changed by someone else at the same time; nothing was "
                "recorded, try again")
    if isinstance(error, MapperDeserialisationError | UnicodeDecodeError | ValueError) and \
            "deserialise" in str(error).lower():
        return ("有事件已无法读取，其存储内容可能被改动；请运行 gongzhi audit verify 查明"
                if zh else "a stored event can no longer be read; its bytes were probably "
                "altered: run 'gongzhi audit verify' to find out")
    if isinstance(error, PersistenceError) or _is_driver_error(error):
        from cli_commands.store_messages import driver_message

        return driver_message(error, lang, *_blamed_setting(error, ctx))
    return None


def _blamed_setting(error: Exception, ctx: click.Context) -> tuple[str, str]:
    """The option whose store failed, and that store: only the read models use SQLAlchemy."""
    import sys

    runtime = ctx.find_root().obj
    sqlalchemy = sys.modules.get("sqlalchemy.exc")
    reading = sqlalchemy is not None and isinstance(error, sqlalchemy.SQLAlchemyError)
    option, value = (("--read-store", getattr(runtime, "read_store", None)) if reading else
                     ("--store", getattr(runtime, "store", None)))
    if not value:
        option, value = "--store", getattr(runtime, "store", "")
    try:
        from adapters.settings import StoreConfig

        return option, StoreConfig.parse(value).describe()
    except Exception:  # a setting that does not parse was refused before any driver ran
        return option, str(value)


def _is_driver_error(error: Exception) -> bool:
    import sqlite3
    import sys

    kinds: list[type] = [sqlite3.Error]
    if "psycopg" in sys.modules:
        kinds.append(sys.modules["psycopg"].Error)
    if "sqlalchemy.exc" in sys.modules:
        kinds.append(sys.modules["sqlalchemy.exc"].SQLAlchemyError)
    return isinstance(error, tuple(kinds))
