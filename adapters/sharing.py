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

from adapters.errors import AppError
from domain.case import Case
from domain.personal import SEALED, Masker, confidential_texts, mask_name


class CannotMask(AppError):
    code = "cannot_mask"


def cannot_mask(ref: str) -> CannotMask:
    return CannotMask(
        f"无法生成给对方的副本：当前身份无权读取密钥库，看不到案件 {ref} 保密投诉人的姓名，"
        "也就无法在事由、备注等文字中为其打码；请由有权读取密钥库的身份生成",
        f"cannot make the copy for the other side: this role may not read the key store, so "
        f"the names of case {ref}'s confidential complainants are unknown here and could not "
        "be masked in its summary, notes and other text; make it as a role that may")


def case_confidential_texts(case: Case) -> list[str]:
    """A case's confidential complainants, as every name they were recorded under.

    Refused (CannotMask) where a name reads as sealed: without it the free text that
    names them would be handed over unmasked.
    """
    texts = confidential_texts(case.complainants)
    for party in case.complainants:
        if getattr(party, "named", False):
            continue
        marks = case.entries.get(party.key)
        for amendment in marks.corrections if marks else ():
            texts += [str(amendment.previous[k]) for k in ("name", "operator")
                      if amendment.previous.get(k)]
    if SEALED in texts:
        raise cannot_mask(case.id)
    return texts


def case_masker(case: Case) -> Masker:
    return Masker.of(case_confidential_texts(case))


def masker_of_cases(app: Any, refs: Iterable[str]) -> Masker:
    """One masker for the confidential complainants of every case named (each loaded once).

    For an export, all the store's cases: one case's complainants are then masked in
    every row, not only that case's, which errs on the side of hiding (a name may
    recur in another case, a meeting or a convention).
    """
    from adapters.errors import NotFound

    texts: list[str] = []
    for ref in dict.fromkeys(refs):
        try:
            texts += case_confidential_texts(app.get_case(ref))
        except NotFound:  # a reference typed into a convention, never a case: no one to hide
            continue
    return Masker.of(texts)


def masked_party(party: dict[str, Any], masker: Masker) -> dict[str, Any]:
    """A complainant (as a JSON dict) masked unless named; respondents are shown."""
    shown: dict[str, Any] = masker.document(party)
    if party.get("role") != "complainant" or party.get("named"):
        return shown
    for field in ("name", "operator"):
        if party.get(field):
            shown[field] = _masked_field(party[field])
    return shown


def _masked_field(value: Any) -> Any:
    """A name as plain text, or as personal data shown as {"subject", "text"}: masked."""
    if isinstance(value, dict) and "text" in value:
        return {**value, "text": mask_name(str(value["text"]))}
    return mask_name(str(value))


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


def shared_agenda(app: Any, document: dict[str, Any]) -> dict[str, Any]:
    """A joint meeting's agenda as it is printed for the bodies at the table: every
    confidential complainant of the cases on it masked, in summaries, the history so
    far, commitments, resolutions and action items alike."""
    masker = masker_of_cases(app, (item["case"] for item in document["items"]))
    shown: dict[str, Any] = masker.document(document)
    return shown


def shared_convention(app: Any, convention: Any, page: dict[str, Any]) -> dict[str, Any]:
    """A convention's printable page (cli_commands.convention_print) as it is posted: the
    confidential complainants of the cases it came from, or that its breaches opened,
    masked in its parties, clauses and reasons (signatories are masked already)."""
    refs = [*convention.source_cases,
            *(c.case_ref for c in convention.checks.values() if c.case_ref)]
    shown: dict[str, Any] = masker_of_cases(app, refs).document(page)
    return shown


SHARED_AGREEMENT = {
    "zh": "本件为交被投诉方或公示的副本：保密的投诉人已打码，签署原件由人民调解委员会留存。",
    "en": "Copy for the respondent or for posting: confidential complainants are masked; the "
          "signed original is kept by the mediation committee.",
}


def shared_agreement(case: Case, document: dict[str, Any], lang: str) -> dict[str, Any]:
    """The mediation agreement's copy for the respondent or posting (`case agreement --shared`).

    The parties sign the full copy; this one masks the confidential complainants in the
    parties, facts, statements, terms and signature lines alike.
    """
    masker = case_masker(case)
    shown: dict[str, Any] = masker.document(document)
    for party, row in zip([*case.complainants, *case.respondents], shown["parties"], strict=True):
        if party.role == "complainant" and not getattr(party, "named", False):
            row["name"] = mask_name(str(party.name))
            row["operator"] = mask_name(str(party.operator)) if party.operator else None
    shown["shared_note"] = SHARED_AGREEMENT["zh" if lang == "zh" else "en"]
    return shown
