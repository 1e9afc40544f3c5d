"""What the other side may see: documents with confidential complainants masked (保密).

A complainant is confidential unless they consented at intake to be named
(`--named-complainant`, `case join --named`). Everything handed to a respondent
or posted (`case share`, `export --shared`, printed agendas and conventions,
`case agreement --shared`) goes through a `Masker` built here from the cases it
shows: their confidential complainants' names (also the names they had before a
correction), operators and rooms are masked wherever they occur, free text
included. The rule itself is pure and lives in domain/personal.py; see
docs/privacy.md, "Confidential complainants".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from domain.case import Case
from domain.personal import Masker, confidential_texts, mask_name

def case_confidential_texts(case: Case) -> list[str]:
    """A case's confidential complainants, as every name they were recorded under."""
    texts = confidential_texts(case.complainants)
    for party in case.complainants:
        if getattr(party, "named", False):
            continue
        marks = case.entries.get(party.key)
        for amendment in marks.corrections if marks else ():
            texts += [str(amendment.previous[k]) for k in ("name", "operator")
                      if amendment.previous.get(k)]
    return texts


def case_masker(case: Case) -> Masker:
    return Masker.of(case_confidential_texts(case))


def masker_of_cases(app: Any, refs: Iterable[str]) -> Masker:
    """One masker for the confidential complainants of every case named (each loaded once).

    For an export, all the store's cases: one case's complainants are then masked in
    every row, not only that case's, which errs on the side of hiding (a name may
    recur in another case, a meeting or a convention).
    """
    texts: list[str] = []
    for ref in dict.fromkeys(refs):
        texts += case_confidential_texts(app.get_case(ref))
    return Masker.of(texts)


def masked_party(party: dict[str, Any], masker: Masker) -> dict[str, Any]:
    """A complainant (as a JSON dict) masked unless named; respondents are shown."""
    if party.get("role") != "complainant" or party.get("named"):
        return masker.document(party)
    shown = masker.document(party)
    shown["name"] = mask_name(str(party["name"]))
    if party.get("operator"):
        shown["operator"] = mask_name(str(party["operator"]))
    return shown


def shared_case_document(case: Case, today: date) -> dict[str, Any]:
    """`case show`'s document as the other side may see it (`case share`)."""
    from adapters.case_view import case_document

    masker = case_masker(case)
    document = case_document(case, today)
    shown: dict[str, Any] = masker.document(document)
    shown["complainants"] = [masked_party(p, masker) for p in document["complainants"]]
    shown["respondents"] = [masked_party(p, masker) for p in document["respondents"]]
    shown["shared"] = True  # a copy for the other side: confidential complainants masked
    return shown
