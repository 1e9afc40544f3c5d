"""How an erasure (个人信息删除) reads in a history line."""

from __future__ import annotations

from typing import Any

from adapters.views import AggregateView, EventText
from domain.text import Bilingual


def recorded(d: dict[str, Any], lang: str, names: dict[str, str]) -> str:
    subjects = "、".join(d["subjects"]) if lang == "zh" else ", ".join(d["subjects"])
    return (f"删除 {subjects}；原因：{d['reason']}" if lang == "zh"
            else f"erased {subjects}; reason: {d['reason']}")


ERASURE_VIEW = AggregateView(events={"Recorded": EventText(
    Bilingual("删除个人信息", "personal data erased"), recorded)})


def free_text_warning(mentions: list[dict[str, Any]], lang: str) -> str:
    """Which entries still mention the person in free text, which erasure cannot remove."""
    from adapters.erasure_residue import mention_label

    lines = [f"  - {mention_label(m, lang)}" for m in mentions]
    head = (f"注意：以下 {len(mentions)} 处自由文本（摘要、备注、承诺等）仍提到此人，删除无法清除"
            "，而且删除后提供给对方的材料（case share、export --shared、议程、公约）再也无法为其"
            "打码（自由文本不加密，见 docs/privacy.md 的 Free text 一节）：" if lang == "zh" else
            f"Warning: {len(mentions)} free-text entries (summary, notes, duties ...) still "
            "mention this person; erasure cannot remove them, and copies for the other side "
            "(case share, export --shared, agendas, conventions) can no longer mask them "
            "(free text is not sealed; see docs/privacy.md, 'Free text'):")
    return "\n".join([head, *lines])


def withheld_note(keys: Any, lang: str) -> str:
    """Why some fields read 〔已加密〕, and what to do about it (on stderr)."""
    if keys.missing:
        return (f"注意：密钥库 {keys.where} 不存在，个人信息显示为〔已加密〕（并非已删除）；"
                "请从备份恢复密钥库，或检查 --store 是否指向正确的库" if lang == "zh" else
                f"note: the key store {keys.where} is missing, so personal data shows as "
                "〔已加密〕 (sealed, not erased); restore the key store from a backup, or check "
                "that --store names the right store")
    return (f"注意：无权读取密钥库 {keys.where}，个人信息显示为〔已加密〕；如需查看，请管理员授权"
            if lang == "zh" else
            f"note: you may not read the key store {keys.where}, so personal data shows as "
            "〔已加密〕; ask an administrator for access if you need it")
