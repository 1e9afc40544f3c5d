"""What an erasure says when it refuses something, in Chinese and English."""

from __future__ import annotations

from domain.errors import register_messages
from domain.text import Bilingual

ERASURE_MESSAGES: dict[str, Bilingual] = {
    "no_subjects": Bilingual("没有要删除的个人信息主体", "no data subject to erase"),
    "bad_subject": Bilingual("“{value}”不是有效的信息主体编号，应形如 C2026-000001/c1",
                             "'{value}' is not a data subject id; use the form C2026-000001/c1"),
    "unknown_subject": Bilingual("{ref} 中没有信息主体“{value}”的个人信息",
                                 "{ref} holds no personal data of the data subject '{value}'"),
    "future_cutoff": Bilingual("--closed-before 最晚为 {value}（今天之前结案的案件都已包括在内）",
                               "--closed-before can be {value} at the latest (that already "
                               "includes every case closed up to today)"),
}

register_messages(ERASURE_MESSAGES, {"reason": "删除原因"})
