"""A progress bar on the terminal (stderr) for long catch-ups and rebuilds; silent otherwise."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click


def terminal_progress(rt: Any) -> Callable[[str, int], Any] | None:
    if rt.as_json or not sys.stderr.isatty():
        return None

    @contextmanager
    def bar(label: str, total: int) -> Iterator[Callable[[int], None]]:
        with click.progressbar(length=max(total, 1), label=label, file=sys.stderr,
                               show_pos=True, show_percent=True) as progress:
            yield progress.update

    return bar
