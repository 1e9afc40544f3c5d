"""Text from the store shown on a terminal: control characters made visible, never obeyed.

A note or a name may hold an escape sequence (which recolours, moves the cursor or
retitles the terminal) or a newline that forges an extra, convincing line in a
history. On the terminal these are shown as escapes such as \\x1b; JSON output
escapes them itself (and C1 characters, which json.dumps leaves raw, are escaped here).
"""

from __future__ import annotations

import re

# C0 except tab and newline, DEL, C1, and the bidirectional overrides that reorder text.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_C1 = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """Multi-line text for the terminal: line breaks kept, every other control shown escaped."""
    return _UNSAFE.sub(_escape, text)


def one_line(text: str) -> str:
    """Text that must stay on its line (a history entry): line breaks shown as ⏎."""
    return terminal_safe(text.replace("\r\n", "\n").replace("\n", " ⏎ ").replace("\t", " "))


def json_safe(document: str) -> str:
    """JSON text (ensure_ascii=False) with C1 and bidi controls escaped (still valid JSON)."""
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
