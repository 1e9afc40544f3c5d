"""Chinese for every English help text of the CLI (see cli_commands.help_lang).

Keys are the English texts exactly as written in `help=` or in a docstring
(cleaned of indentation), one docstring paragraph per key, in the module of
their area (help_zh_case, help_zh_meeting ...); an example paragraph
needs no entry, only its `# comments` do. A command added without its entries
shows English in Chinese mode, and tests/test_help_language.py names the
missing strings.
"""

from __future__ import annotations

from cli_commands.help_zh_audit import AUDIT, STORE
from cli_commands.help_zh_case import CASE
from cli_commands.help_zh_convention import CONVENTION
from cli_commands.help_zh_meeting import MEETING
from cli_commands.help_zh_privacy import PRIVACY
from cli_commands.help_zh_root import ROOT

EXAMPLE_HEADERS = {"Example:": "示例：", "Examples:": "示例："}

# One dictionary per area, so that each module stays small; keys are unique across them.
ZH: dict[str, str] = {**ROOT, **AUDIT, **STORE, **CASE, **PRIVACY, **MEETING, **CONVENTION}


def _example(paragraph: str) -> str | None:
    """An example paragraph with its header and comments in Chinese (None: not an example)."""
    lines = paragraph.split("\n")
    start = 1 if lines[0] == "\b" else 0
    if len(lines) <= start or lines[start] not in EXAMPLE_HEADERS:
        return None
    out = [*lines[:start], EXAMPLE_HEADERS[lines[start]]]
    for line in lines[start + 1:]:
        command, mark, comment = line.partition("  # ")
        if mark:
            spaces = len(comment) - len(comment.lstrip())
            text = comment.strip()
            line = f"{command}{mark}{' ' * spaces}{ZH.get(text, text)}"
        out.append(line)
    return "\n".join(out)


def translate(text: str) -> str:
    if text in ZH:
        return ZH[text]
    return "\n\n".join(ZH.get(p) or _example(p) or p for p in text.split("\n\n"))


def missing(text: str) -> list[str]:
    """What `text` needs from the catalogue that it lacks (empty: fully translated)."""
    if text in ZH:
        return []
    gaps = []
    for paragraph in text.split("\n\n"):
        if paragraph in ZH:
            continue
        if _example(paragraph) is None:
            gaps.append(paragraph)
            continue
        for line in paragraph.split("\n"):
            comment = line.partition("  # ")[2].strip()
            if comment and comment not in ZH:
                gaps.append(comment)
    return gaps
