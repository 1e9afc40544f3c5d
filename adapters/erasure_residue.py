"""What erasure cannot remove: a person's name typed into free text (摘要, 备注, 承诺 ...).

Only personal-data fields are sealed; a summary, note, duty, proposal or response
is stored as typed. So before `privacy erase` destroys a subject's key (while the
name can still be read), it looks through every event of the subject's aggregate
for the name, its parts (the name without its room, the room) and, for a
business, the operator, and reports the entries that still mention them. The
report names entries (v3 Opened summary), never the text found, so the
warning itself repeats nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from domain.personal import ERASED, SEALED, PersonalData, identifying_texts

# Event attributes that are bookkeeping, not anything a person typed.
_SKIPPED = frozenset({"originator_id", "originator_version", "originator_topic", "timestamp",
                      "occurred_at", "actor", "ref"})


def _walk(value: Any, path: tuple[str, ...], entry: str | None) -> Iterator[
        tuple[tuple[str, ...], str | None, Any]]:
    """Every leaf (a text or a personal-data value) with its field path and entry id."""
    if isinstance(value, PersonalData | str):
        yield path, entry, value
    elif attrs.has(type(value)):
        found = getattr(value, "id", None)
        entry = found if isinstance(found, str) else entry
        for field in attrs.fields(type(value)):
            yield from _walk(getattr(value, field.name), (*path, field.name), entry)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, str(key)), entry)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _walk(item, path, entry)


def _leaves(event: Any) -> Iterator[tuple[tuple[str, ...], str | None, Any]]:
    for name, value in vars(event).items():
        if name not in _SKIPPED:
            yield from _walk(value, (name,), None)


def _entry_of(event: Any) -> str | None:
    """The entry an event is about, when it names one (commitment_id K1, entry_id T2)."""
    for name, value in vars(event).items():
        if name.endswith("_id") and name != "originator_id" and isinstance(value, str):
            return value
    return None


def _needles(events: list[Any], subjects: set[str]) -> list[str]:
    """The subjects' texts as recorded (every version: a corrected name's old one too)."""
    texts = {leaf.text for event in events for _, _, leaf in _leaves(event)
             if isinstance(leaf, PersonalData) and leaf.subject in subjects
             and leaf.text not in (ERASED, SEALED)
             and leaf.text}
    needles = {piece for text in texts for piece in identifying_texts(text)}
    return sorted(needles, key=len, reverse=True)


def related_aggregates(models: Any, case_refs: Iterable[str]) -> dict[str, set[str]]:
    """The meetings that had each case on their agenda and the conventions drafted from it:
    their questions, resolutions, clauses and bound parties are typed text too."""
    wanted = set(case_refs)
    related: dict[str, set[str]] = {}
    if not wanted:
        return related
    for row in models.rows("meeting_items"):
        if row["case_ref"] in wanted:
            related.setdefault(row["case_ref"], set()).add(row["ref"])
    for row in models.rows("convention_boards"):
        sources = row["source_cases"] or []
        if isinstance(sources, str):
            sources = [s.strip() for s in sources.split(",")]
        for case_ref in wanted.intersection(sources):
            related.setdefault(case_ref, set()).add(row["ref"])
    return related


def free_text_mentions(app: Any, subjects: Iterable[str],
                       related: dict[str, set[str]] | None = None) -> list[dict[str, Any]]:
    """Entries of the subjects' aggregates (and of the aggregates `related` to them) whose
    free text still mentions them.

    Must run before their keys are destroyed. Each: aggregate, version, event (its
    class name), field (e.g. summary, note.text) and entry (N2, K1) when there is one.
    """
    from adapters.errors import NotFound

    by_aggregate: dict[str, set[str]] = {}
    for subject in subjects:
        by_aggregate.setdefault(subject.split("/", 1)[0], set()).add(subject)
    found: list[dict[str, Any]] = []
    for ref, wanted in sorted(by_aggregate.items()):
        try:
            _, events = app.history(ref)
        except NotFound:
            continue
        needles = _needles(events, wanted)
        if not needles:
            continue
        found += _mentions(ref, events, needles)
        for other in sorted((related or {}).get(ref, ())):
            try:
                found += _mentions(other, app.history(other)[1], needles)
            except NotFound:
                continue
    return found


def _mentions(ref: str, events: list[Any], needles: list[str]) -> list[dict[str, Any]]:
    from eventsourcing.utils import get_topic

    found: list[dict[str, Any]] = []
    aggregate: Any = None
    for event in events:
        before = set(getattr(aggregate, "entries", ()))
        aggregate = event.mutate(aggregate)
        made = sorted(set(getattr(aggregate, "entries", ())) - before)
        own = _entry_of(event) or (made[0] if made else None)
        seen: set[tuple[str, str | None]] = set()
        for path, entry, leaf in _leaves(event):
            where = (".".join(path), entry or own)
            if (isinstance(leaf, str) and where not in seen
                    and any(needle in leaf for needle in needles)):
                seen.add(where)
                found.append({"aggregate": ref, "version": event.originator_version,
                              "event": type(event).__name__, "topic": get_topic(type(event)),
                              "field": where[0], "entry": where[1]})
    return found


def mention_label(mention: dict[str, Any], lang: str) -> str:
    """v3 立案 summary / v7 添加备注 N2 note.text: which entry, never its text."""
    from adapters.views import event_name
    from domain.errors import FIELD_NAMES

    entry = f" {mention['entry']}" if mention["entry"] else ""
    field = mention["field"]
    if lang == "zh":
        field = ".".join(FIELD_NAMES.get(part, part) for part in field.split("."))
    return (f"{mention['aggregate']} v{mention['version']} {event_name(mention['topic'], lang)}"
            f"{entry} {field}")


def recorded_subjects(events: Iterable[Any]) -> set[str]:
    """Every data subject whose personal data the events hold (erased ones included)."""
    return {leaf.subject for event in events for _, _, leaf in _leaves(event)
            if isinstance(leaf, PersonalData)}
