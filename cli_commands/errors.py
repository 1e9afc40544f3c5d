"""Turn refusals into click errors: a message that says what to fix, never a traceback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

import click

from adapters.errors import AppError
from domain.errors import DomainError


class JsonAwareError(click.ClickException):
    """A refusal (exit 1); printed as JSON on stderr when --json is on."""

    def __init__(self, message: str, code: str, as_json: bool, exit_code: int = 1) -> None:
        super().__init__(message)
        self.code = code
        self.as_json = as_json
        self.exit_code = exit_code

    def show(self, file: IO[Any] | None = None) -> None:
        if self.as_json:
            payload = {"error": {"code": self.code, "message": self.message}}
            click.echo(json.dumps(payload, ensure_ascii=False), err=True)
        else:
            super().show(file)


class JsonAwareUsageError(click.UsageError):
    """Bad input (exit 2)."""

    def __init__(self, message: str, code: str, ctx: click.Context | None, as_json: bool) -> None:
        super().__init__(message, ctx)
        self.code = code
        self.as_json = as_json

    def show(self, file: IO[Any] | None = None) -> None:
        if self.as_json:
            payload = {"error": {"code": self.code, "message": self.message}}
            click.echo(json.dumps(payload, ensure_ascii=False), err=True)
        else:
            super().show(file)


class GuardedCommand(click.Command):
    """A command whose refusals are translated with its own context (for the usage line)."""

    def invoke(self, ctx: click.Context) -> Any:
        with translate_errors(ctx):
            return super().invoke(ctx)


class GuardedGroup(click.Group):
    command_class = GuardedCommand
    group_class = type

    def invoke(self, ctx: click.Context) -> Any:
        with translate_errors(ctx):
            return super().invoke(ctx)


@contextmanager
def translate_errors(ctx: click.Context) -> Iterator[None]:
    runtime = ctx.obj
    lang = getattr(runtime, "lang", "zh")
    as_json = getattr(runtime, "as_json", False)
    try:
        yield
    except DomainError as error:
        message = error.message(lang)
        if error.exit_code == 2:
            raise JsonAwareUsageError(message, error.code, ctx, as_json) from None
        raise JsonAwareError(message, error.code, as_json) from None
    except AppError as error:
        raise JsonAwareError(error.message(lang), type(error).__name__, as_json) from None
    except (JsonAwareError, JsonAwareUsageError):
        raise
    except click.UsageError as error:  # click's own: bad option values, missing arguments
        if not as_json:
            raise
        raise JsonAwareUsageError(error.format_message(), "usage", error.ctx, as_json) from None
    except click.ClickException as error:
        if not as_json:
            raise
        raise JsonAwareError(error.format_message(), "refused", as_json,
                             error.exit_code) from None
    except Exception as error:
        translated = _store_error(error, lang)
        if translated is None:
            raise
        raise JsonAwareError(translated, "store_error", as_json) from None


def _store_error(error: Exception, lang: str) -> str | None:
    """Messages for failures of the database itself (locked, unreachable, read-only)."""
    from eventsourcing.persistence import IntegrityError, PersistenceError

    if isinstance(error, IntegrityError):
        return (
            "该记录同时被他人修改，本次操作未记录，请重试"
            if lang == "zh"
            else "the record was changed by someone else at the same time; nothing was recorded,"
            " try again"
        )
    if isinstance(error, PersistenceError):
        detail = str(error) or type(error).__name__
        return (
            f"无法访问数据存储：{detail}（检查 --store 设置与数据库状态）"
            if lang == "zh"
            else f"the store could not be used: {detail} (check --store and the database)"
        )
    return None
