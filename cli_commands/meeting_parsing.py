"""What people type for joint meetings: references, bodies, questions, attendance, actions."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import click

from cli_commands.help_lang import say as _say
from cli_commands.parsing import DomainParam, DueType
from domain.errors import InvalidInput
from domain.meeting_kind import parse_meeting_ref
from domain.meeting_records import ActionSpec, Question
from domain.meeting_vocabulary import find_body

_EQUALS = re.compile(r"[=＝]")
_COLON = re.compile(r"[:：]")


class MeetingRefType(DomainParam):
    name = "MEETING"

    def parse(self, value: str) -> str:
        ref = parse_meeting_ref(value)
        if ref is None:
            raise InvalidInput("bad_meeting_ref", value=value)
        return ref


class BodyType(DomainParam):
    """A department or representatives: code, name or alias (派出所, 居民代表, police)."""

    name = "BODY"

    def parse(self, value: str) -> str:
        return find_body(value)


class PairType(DomainParam):
    """BODY=TEXT: a question to a body (--ask) or who came for it (--present, names by commas)."""

    def __init__(self, example_zh: str, example_en: str) -> None:
        self.examples = (example_zh, example_en)
        self.name = "BODY=TEXT"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not _EQUALS.search(value):
            self.fail(_say(ctx, f"应写作 单位=内容，例如 {self.examples[0]}（实际为“{value}”）",
                           f"expected BODY=TEXT, e.g. {self.examples[1]} (got '{value}')"),
                      param, ctx)
        return super().convert(value, param, ctx)

    def parse(self, value: str) -> tuple[str, str]:
        body, content = _EQUALS.split(value, maxsplit=1)
        return find_body(body), content.strip()


class ActionType(DomainParam):
    """OWNER:DUE:TASK, e.g. 派出所:2026-10-25:组织夜间联合检查 (owner: a body or party key r1)."""

    name = "OWNER:DUE:TASK"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, ActionSpec):
            return value
        parts = _COLON.split(str(value), maxsplit=2)
        due = DueType().convert(parts[1].strip(), param, ctx) if len(parts) == 3 else None
        if len(parts) < 3 or not parts[2].strip() or not isinstance(due, date):
            self.fail(_say(ctx, f"应写作 负责方:期限:事项，例如 派出所:2026-10-25:夜间联合检查"
                                f"（实际为“{value}”）",
                           f"expected OWNER:DUE:TASK, e.g. police_station:2026-10-25:joint "
                           f"night check (got '{value}')"), param, ctx)
        return ActionSpec(parts[0].strip(), parts[2].strip(), due)


def questions(pairs: tuple[tuple[str, str], ...]) -> list[Question]:
    return [Question(body, text) for body, text in pairs]


def attendance(pairs: tuple[tuple[str, str], ...]) -> dict[str, list[str]]:
    present: dict[str, list[str]] = {}
    for body, names in pairs:
        present.setdefault(body, []).extend(n for n in re.split(r"[,，、]", names) if n.strip())
    return present


MEETING_REF = MeetingRefType()
BODY = BodyType()
ASK = PairType("市场监管局=执照是否齐全？", "market_regulation=Is the licence valid?")
PRESENT = PairType("派出所=赵磊,钱警官", "police_station=Zhao Lei,Qian")
ACTION = ActionType()
