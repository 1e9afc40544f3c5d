"""`-o FILE` for exports: checked before anything is read, written private and atomically."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

import click

from cli_commands.runtime import runtime


def output_target(output: str | None) -> str | None:
    """The real path an export may write, or None for standard output; exit 2 if unsafe."""
    if not output:
        return None
    from adapters.private_files import UnsafeOutput, checked_output, store_files

    rt = runtime()
    stores = [c.path for c in (rt.config, rt.read_config) if c.kind == "sqlite"]
    try:
        return checked_output(output, store_files(stores))
    except UnsafeOutput as error:
        raise click.BadParameter(error.message(rt.lang), param_hint="'--output'") from None


@contextmanager
def output_stream(target: str | None) -> Iterator[IO[str]]:
    if target is None:
        with click.open_file("-", "w", encoding="utf-8") as stdout:
            yield stdout
        return
    from adapters.private_files import private_output, unwritable

    try:
        with private_output(target) as stream:
            yield stream
    except OSError as error:  # /proc/x, a name too long, a full disk: the path, not a bug
        rt = runtime()
        raise click.BadParameter(unwritable(target, error).message(rt.lang),
                                 param_hint="'--output'") from None
