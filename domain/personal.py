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
        if self.erased or not self.text:
            return self.text
        head, tail = self.text[0], self.text[1:]
        suffix = tail[-1] if tail and tail[-1] in "室号栋楼户" else ""
        hidden = len(tail) - len(suffix)
        return head + "*" * max(hidden, 2 if hidden else 0) + suffix


def personal(subject: str, text: str) -> PersonalData:
    return PersonalData(subject=subject, text=text.strip())
