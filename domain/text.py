"""Bilingual text: the one type for anything said to people in Chinese and English.

Chinese comes first everywhere (it is the default language), so a reader never
has to remember which argument order a module uses.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs


@attrs.frozen
class Bilingual:
    zh: str
    en: str

    def label(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    def __call__(self, lang: str = "zh") -> str:
        return self.label(lang)

    def __str__(self) -> str:
        return self.en

    def __iter__(self) -> Iterator[str]:  # unpacks as zh, en
        return iter((self.zh, self.en))


# A message parameter such as what was attempted ("提出方案" / "make proposals").
Phrase = Bilingual
