"""Wrap help text by the columns it takes on a terminal: a Chinese character takes two.

click wraps at spaces and counts characters, so a Chinese paragraph (no spaces,
two columns a character) would run far past the edge. This wraps between any two
Chinese characters, never puts closing punctuation at the start of a line, and
keeps click's conventions: paragraphs split by blank lines, a paragraph that
starts with a line holding only \\b is printed as written.
"""

from __future__ import annotations

import re
import unicodedata

_WIDE = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
# An opening bracket or quote stays with what follows it, so it never ends a line.
_TOKEN = re.compile(rf"[\[（“《「『【(]*(?:[{_WIDE}]|[^\s{_WIDE}]+)|\s+")
_NO_LINE_START = set("，。、；：？！）》」』】”],.;:?!)")


def columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _join(lines: list[str]) -> str:
    """A paragraph's lines as one: no space is put between two Chinese characters."""
    out = ""
    for line in (part.strip() for part in lines):
        if out and line and not (re.match(rf"[{_WIDE}]", out[-1]) and re.match(rf"[{_WIDE}]", line[0])):
            out += " "
        out += line
    return out


def _fill(text: str, width: int, first: str, rest: str) -> list[str]:
    """Greedy fill; closing punctuation that would start a line takes the word before it along."""
    lines: list[str] = []
    words: list[tuple[bool, str]] = []  # (space before it, token) on the current line
    indent, space = first, False

    def used() -> int:
        return columns(indent) + sum(columns(w) + (1 if gap else 0) for gap, w in words)

    for token in _TOKEN.findall(text):
        if token.isspace():
            space = bool(words)
            continue
        if words and used() + columns(token) + (1 if space else 0) > width:
            carried: list[tuple[bool, str]] = []
            head = token
            while head[0] in _NO_LINE_START and len(words) > 1:  # carry words until one may lead
                gap, word = words.pop()
                carried.insert(0, (gap, word))
                head = word
            if carried:
                carried[0] = (False, carried[0][1])
            lines.append(indent + "".join((" " if gap else "") + w for gap, w in words))
            indent, words, space = rest, carried, space and bool(carried)
        words.append((space, token))
        space = False
    lines.append(indent + "".join((" " if gap else "") + w for gap, w in words))
    return [line.rstrip() for line in lines]


def wrap_text(text: str, width: int = 78, initial_indent: str = "", subsequent_indent: str = "",
              preserve_paragraphs: bool = False) -> str:
    """Same signature and conventions as click.formatting.wrap_text."""
    text = text.expandtabs()
    if not preserve_paragraphs:
        return "\n".join(_fill(_join(text.splitlines()), width, initial_indent, subsequent_indent))
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text.strip("\n")):
        lines = paragraph.splitlines()
        if lines and lines[0].strip() == "\b":
            out.append("\n".join(subsequent_indent + line for line in lines[1:]))
        else:
            out.append("\n".join(_fill(_join(lines), width, initial_indent, subsequent_indent)))
    return "\n\n".join(out)
