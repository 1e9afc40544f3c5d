"""Click parameter types: what mediators type (Chinese or English) into domain values.

A bad value fails here with exit 2 and a message naming the option and the
accepted forms; nothing has been written at that point.
"""

from __future__ import annotations

import re
from typing import Any

import click

from cli_commands.help_lang import lang_of as _lang
from cli_commands.help_lang import say as _say
from cli_commands.time_input import DAY, DUE, MOMENT, DaysLater, DayType, DueType, MomentType
from domain.departments import find_department
from domain.errors import DomainError
from domain.refs import parse_case_ref
from domain.values import PartySpec, ReferralRequest, TimeWindow

__all__ = [
    "ASK",
    "CASE_REF",
    "DAY",
    "DEPARTMENT",
    "DUE",
    "MOMENT",
    "PARTY",
    "WINDOW",
    "DayType",
    "DaysLater",
    "DomainParam",
    "DueType",
    "MomentType",
    "TermType",
]
from domain.vocabulary import PartyKind, Term, parse_term


class DomainParam(click.ParamType[Any]):
    """Runs a domain parser; its InvalidInput becomes a click usage error."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return self.parse(value)
        except DomainError as error:
            self.fail(error.message(_lang(ctx)), param, ctx)

    def parse(self, value: str) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError


class CaseRefType(DomainParam):
    name = "REF"

    def parse(self, value: str) -> str:
        return parse_case_ref(value)


class TermType(DomainParam):
    def __init__(self, kind: type[Term]) -> None:
        self.kind = kind
        self.name = kind.kind_name("en").upper().replace(" ", "_")

    def parse(self, value: str) -> Term:
        return parse_term(self.kind, value)


class DepartmentType(DomainParam):
    name = "DEPT"

    def parse(self, value: str) -> str:
        return find_department(value).code


class AskType(DomainParam):
    """DEPT=QUESTION, e.g. 市场监管局=营业执照是否齐全？"""

    name = "DEPT=QUESTION"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not re.search(r"[=＝]", value):
            self.fail(_say(ctx, f"应写作 部门=问题，例如 市场监管局=执照是否齐全？（实际为“{value}”）",
                           f"expected DEPT=QUESTION, e.g. market_regulation=Is the licence "
                           f"valid? (got '{value}')"), param, ctx)
        return super().convert(value, param, ctx)

    def parse(self, value: str) -> ReferralRequest:
        department, question = re.split(r"[=＝]", value, maxsplit=1)
        return ReferralRequest(find_department(department).code, question)


class PartyType(DomainParam):
    """NAME, or KIND:NAME[:OPERATOR] such as business:老王饭店:王建国 / 商户:老王饭店:王建国."""

    name = "PARTY"

    def parse(self, value: str) -> PartySpec:
        parts = re.split(r"[:：]", value)
        if len(parts) >= 2:
            try:
                kind = parse_term(PartyKind, parts[0])
            except DomainError:
                kind = None
            if kind is not None:
                operator = parts[2] if len(parts) > 2 else None
                return PartySpec(name=parts[1], kind=kind.value, operator=operator)
        return PartySpec(name=value)


class WindowType(DomainParam):
    name = "HH:MM-HH:MM"

    def parse(self, value: str) -> TimeWindow:
        return TimeWindow.parse(value)


CASE_REF = CaseRefType()
DEPARTMENT = DepartmentType()
ASK = AskType()
PARTY = PartyType()
WINDOW = WindowType()
