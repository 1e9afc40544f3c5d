"""Plain-text tables that line up with Chinese text (full-width characters take two columns)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def display_width(text: str) -> int:
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def fit(text: str, width: int) -> str:
    """Cut `text` to at most `width` columns (with an ellipsis) and pad it to exactly that."""
    if display_width(text) > width:
        out, used = [], 0
        for ch in text:
            w = display_width(ch)
            if used + w > width - 1:
                break
            out.append(ch)
            used += w
        text = "".join(out) + "…"
    return text + " " * (width - display_width(text))


def render_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], max_col: int = 40
) -> str:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [
        min(max_col, max([display_width(h)] + [display_width(r[i]) for r in cells]))
        for i, h in enumerate(headers)
    ]
    lines = ["  ".join(fit(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("─" * w for w in widths))
    for row in cells:
        lines.append("  ".join(fit(v, w) for v, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)
