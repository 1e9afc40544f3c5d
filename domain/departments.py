"""Departments a case can be referred to: a fixed vocabulary that can be extended.

The codes are stored in events; the names are for people. A district that works
with another body registers it once at start-up (`register_department`), e.g.
from a settings file read by the adapters; history keeps the code either way.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from domain.errors import InvalidInput
from domain.values import non_blank


def _names(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@attrs.frozen
class Department:
    code: str = attrs.field(validator=non_blank("department code"))
    zh: str = attrs.field(validator=non_blank("department Chinese name"))
    en: str = attrs.field(validator=non_blank("department English name"))
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_names)

    def label(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en

    def names(self) -> tuple[str, ...]:
        return (self.code, self.zh, self.en, *self.aliases)


_REGISTRY: dict[str, Department] = {}


def register_department(department: Department) -> None:
    """Add a department (or rename one) under its code."""
    _REGISTRY[department.code] = department


def find_department(text: str) -> Department:
    """The department whose code, name or alias is `text` (case-insensitive)."""
    wanted = text.strip().casefold()
    for dept in _REGISTRY.values():
        if any(wanted == name.casefold() for name in dept.names()):
            return dept
    raise InvalidInput(
        "unknown_department",
        value=text,
        choices=[f"{d.code} ({d.zh})" for d in _REGISTRY.values()],
    )


def department_or_code(code: str) -> Department | str:
    """The registered department for a stored code (the bare code if no longer registered)."""
    return _REGISTRY.get(code, code)


def department_label(code: str, lang: str = "zh") -> str:
    """Name of a stored department code; codes no longer registered show as they are."""
    dept = _REGISTRY.get(code)
    return dept.label(lang) if dept else code


for _dept in (
    Department("market_regulation", "区市场监管局", "District Market Regulation Bureau",
               ("市场监管局", "市场监管", "market", "SAMR")),
    Department("ecology_environment", "区生态环境局", "District Ecology and Environment Bureau",
               ("生态环境局", "环保", "环保局", "environment", "ecology")),
    Department("police_station", "派出所", "Police Station", ("公安", "police")),
    Department("subdistrict_office", "街道办事处", "Sub-district Office",
               ("街道办", "街道", "subdistrict")),
    Department("urban_management", "城管执法队", "Urban Management", ("城管", "urban")),
    Department("housing", "区住房和城乡建设局", "District Housing and Construction Bureau",
               ("住建局", "住建", "房管")),
    Department("property_management", "物业服务企业", "Property Management Company",
               ("物业", "物业公司", "property")),
    Department("community_committee", "社区居委会", "Community Residents' Committee",
               ("居委会", "社区", "community")),
    Department("fire_rescue", "消防救援站", "Fire and Rescue Station", ("消防", "fire")),
):
    register_department(_dept)


def registered_departments() -> list[Department]:
    """Every registered department, in registration order (e.g. for a labels table)."""
    return list(_REGISTRY.values())
