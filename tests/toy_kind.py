"""A throwaway aggregate that exists only under tests/: a street lamp (路灯) that is
installed and switched. It proves a new kind needs nothing outside its own files
but one `register` call: its events deliberately reuse names the Case has
(`Opened`, `Closed`) and its reference starts with "C", like a case's.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo
from typing import Any, ClassVar

import attrs
from eventsourcing.domain import event

from adapters.views import AggregateView, EventText
from domain.aggregate import TextIdAggregate
from domain.errors import InvalidInput
from domain.registry import AggregateKind, numbered_ref
from domain.text import Bilingual
from domain.values import Stamp
from projections.framework import Projection, State, handles, update

PREFIX = "CL-"
_TYPED = re.compile(r"^\s*cl-?(\d{1,6})\s*$", re.IGNORECASE)


@attrs.frozen
class Fitting:
    """A value object the toy's events store (registered through the kind)."""

    model: str
    watts: int


class Lamp(TextIdAggregate):
    @classmethod
    def install(cls, ref: str, street: str, fitting: Fitting, stamp: Stamp) -> Lamp:
        if not street.strip():
            raise InvalidInput("blank", field="street")
        return cls(ref=ref, street=street.strip(), fitting=fitting, **stamp.event_fields())

    @event("Opened")
    def __init__(self, ref: str, street: str, fitting: Fitting, actor: str,
                 occurred_at: datetime, timestamp: datetime) -> None:
        self.ref = ref
        self.street = street
        self.fitting = fitting
        self.lit = False
        self.switches = 0

    def switch(self, on: bool, stamp: Stamp) -> None:
        self._switched(on=on, **stamp.event_fields())

    @event("Switched")
    def _switched(self, on: bool, actor: str, occurred_at: datetime, timestamp: datetime) -> None:
        self.lit = on
        self.switches += 1

    def retire(self, stamp: Stamp) -> None:
        self._closed(**stamp.event_fields())

    @event("Closed")
    def _closed(self, actor: str, occurred_at: datetime, timestamp: datetime) -> None:
        self.lit = False


LampEvents: Any = Lamp


@attrs.frozen
class LampRow:
    __table__: ClassVar[str] = "toy_lamps"
    __key__: ClassVar[tuple[str, ...]] = ("ref",)

    ref: str
    street: str
    lit: bool
    switches: int


class LampsProjection(Projection):
    name = "toy_lamps"
    tables = (LampRow,)

    @handles(LampEvents.Opened)
    def installed(self, state: State, e: Any) -> None:
        state.put(LampRow(ref=e.originator_id, street=e.street, lit=False, switches=0))

    @handles(LampEvents.Switched)
    def switched(self, state: State, e: Any) -> None:
        row = state.get(LampRow, (e.originator_id,))
        if row is not None:
            update(state, LampRow, (e.originator_id,), lit=e.on, switches=row.switches + 1)


def lamp_projections(tz: tzinfo) -> list[Projection]:
    return [LampsProjection()]


def lamp_document(lamp: Any, today: Any) -> dict[str, Any]:
    return {"ref": lamp.id, "version": lamp.version, "street": lamp.street, "lit": lamp.lit,
            "switches": lamp.switches}


def lamp_text(document: dict[str, Any], lang: str) -> str:
    state = ("亮" if document["lit"] else "灭") if lang == "zh" else ("on" if document["lit"]
                                                                    else "off")
    return f"{document['ref']} {document['street']} [{state}]"


LAMP_VIEW = AggregateView(
    events={
        "Opened": EventText(Bilingual("安装路灯", "lamp installed"),
                            lambda d, lang, names: f"{d['street']} {d['fitting']['model']}"),
        "Switched": EventText(Bilingual("开关", "switched"),
                              lambda d, lang, names: "on" if d["on"] else "off"),
        "Closed": EventText(Bilingual("拆除", "retired")),
    },
    document=lamp_document,
    render=lamp_text,
)


def parse_lamp_ref(text: str) -> str | None:
    match = _TYPED.match(text)
    return numbered_ref(PREFIX, int(match.group(1))) if match else None


LAMP_KIND = AggregateKind(
    code="toy_lamp",
    name=Bilingual("路灯", "lamp"),
    aggregate="tests.toy_kind:Lamp",
    ref_pattern=r"CL-\d{6}",
    parse_ref=parse_lamp_ref,
    ref_forms="CL-000001",
    value_objects={"ToyFitting": Fitting},
    view="tests.toy_kind:LAMP_VIEW",
    projections="tests.toy_kind:lamp_projections",
)
