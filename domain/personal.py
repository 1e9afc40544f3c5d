"""Personal data (个人信息): identifying text about one person, sealed per data subject.

Names, rooms or units, phone numbers and other identifying fields of
complainants, respondents' operators, meeting attendees and convention
signatories are held as `PersonalData`. In memory the domain sees the plain
text; the adapters encrypt it with the subject's own key before an event is
stored, so destroying that key (erasure) removes the person from the log
without rewriting it: the hash chain covers the ciphertext and still verifies.

The subject is a pseudonymous id chosen by the domain command, deterministic
from the aggregate and the person's role in it (e.g. "C2026-000001/c1"), so a
replay always yields the same subject and reports can count people without
naming them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

ERASED = "〔已删除〕"  # what an erased field reads as, in every language's output
# What a sealed field reads as to someone who may not open the key store.
SEALED = "〔已加密〕"


@attrs.frozen
class PersonalData:
    subject: str  # pseudonymous data-subject id; the encryption key is per subject
    text: str  # the plain text in memory; ERASED after the subject's key was destroyed

    def __str__(self) -> str:
        return self.text

    @property
    def erased(self) -> bool:
        return self.text == ERASED

    def masked(self) -> str:
        """For the other side or for posting: the first character, the rest hidden.

        张秀英 → 张**, 501室 → 5**室 (a trailing 室/号/栋 is kept), an erased field stays erased.
        """
        return self.text if self.erased else mask_text(self.text)


def personal(subject: str, text: str) -> PersonalData:
    return PersonalData(subject=subject, text=text.strip())


# -- confidential complainants (保密): the masking rule of docs/privacy.md -------------------
KEPT_SUFFIXES = "室号栋楼户"  # what kind of place a unit is stays readable: 5**室
_BRACKETED = re.compile(r"^(?P<name>.*?)(?P<gap>\s*)(?P<open>[（(])(?P<inner>[^（()）]+)"
                        r"(?P<close>[)）])$")
# A room or unit inside a name ("张秀英 501室", "陈桂兰（3单元402室）"): digits or letters
# ending in 室/号/户 (栋/楼 name the building, which the other side knows anyway).
_ROOM = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-]*\s*[室号户]")
SHORTEST_FOUND = 2  # a one-character name would hide that character in every text


def mask_text(text: str) -> str:
    """The rule for one piece of plain text: its first character, the rest as stars.

    At least two stars, so 张伟 and 张秀英 both read 张**; a trailing 室/号/栋/楼/户 is
    kept (501室 → 5**室). Surrounding spaces are dropped; an empty text stays empty.
    """
    text = text.strip()
    if not text or text == ERASED:  # nothing left to hide
        return text
    head, tail = text[0], text[1:]
    suffix = tail[-1] if tail and tail[-1] in KEPT_SUFFIXES else ""
    hidden = len(tail) - len(suffix)
    return head + "*" * max(hidden, 2 if hidden else 0) + suffix


def mask_name(name: str) -> str:
    """A party's name as the other side sees it: the person and their unit masked apart.

    张秀英（501室） → 张**（5**室）; 陈桂兰 402室 → 陈** 4**室; 张秀英 → 张**.
    """
    name = name.strip()
    found = _BRACKETED.match(name)
    if found and found["name"]:
        return (f"{mask_name(found['name'])}{found['gap']}{found['open']}"
                f"{mask_name(found['inner'])}{found['close']}")
    pieces, start = [], 0
    for room in _ROOM.finditer(name):
        pieces += [name[start:room.start()], room.group()]
        start = room.end()
    pieces.append(name[start:])
    return "".join(_mask_keeping_spaces(p) for p in pieces if p)


def _mask_keeping_spaces(piece: str) -> str:
    lead = piece[:len(piece) - len(piece.lstrip())]
    trail = piece[len(piece.rstrip()):]
    return f"{lead}{mask_text(piece)}{trail}" if piece.strip() else piece


def identifying_texts(name: str) -> list[str]:
    """What of a name may turn up in free text: the whole, the name without its unit, the
    unit (张秀英（501室）: 张秀英（501室）, 张秀英, 501室; 陈桂兰 402室: ..., 陈桂兰, 402室)."""
    name = name.strip()
    texts = [name]
    found = _BRACKETED.match(name)
    if found and found["name"]:
        texts += [found["name"].strip(), found["inner"].strip()]
    texts += [room.group().strip() for room in _ROOM.finditer(name)]
    texts.append(_ROOM.sub(" ", _BRACKETED.sub(r"\g<name>", name)).strip())
    return list(dict.fromkeys(t for t in texts if len(t) >= SHORTEST_FOUND))


@attrs.frozen
class Masker:
    """Masks every occurrence of some texts inside free text, the longest first.

    Longest first, so that 张秀英（501室） is masked as a whole before 张秀英 or 501室
    alone is looked for; one pass, so a masked text is never masked again.
    """

    replacements: Mapping[str, str]
    _pattern: re.Pattern[str] | None

    @classmethod
    def of(cls, names: Iterable[str]) -> Masker:
        replacements: dict[str, str] = {}
        for name in names:
            for found in identifying_texts(name):
                replacements.setdefault(found, mask_name(found))
        ordered = sorted(replacements, key=lambda t: (-len(t), t))
        pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None
        return cls(replacements, pattern)

    def __call__(self, text: str) -> str:
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self.replacements[m.group()], text)

    def __bool__(self) -> bool:
        return self._pattern is not None

    def document(self, value: Any) -> Any:
        """Every text inside a JSON-like document masked (dict keys are codes: left alone)."""
        if isinstance(value, str):
            return self(value)
        if isinstance(value, PersonalData):  # a sealed field (a statement's text): masked inside
            return attrs.evolve(value, text=self(value.text))
        if isinstance(value, Mapping):
            return {k: self.document(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.document(v) for v in value]
        return value


def confidential_texts(parties: Iterable[Any]) -> list[str]:
    """The names (and a business's operator) of the complainants not named at intake.

    Takes any party-like objects with role, name, operator and named; names are read
    with str() so that plain text and PersonalData both do.
    """
    texts: list[str] = []
    for party in parties:
        if getattr(party, "role", "complainant") != "complainant" or getattr(party, "named", False):
            continue
        texts.append(str(party.name))
        if getattr(party, "operator", None):
            texts.append(str(party.operator))
    return [t for t in texts if t != ERASED]
