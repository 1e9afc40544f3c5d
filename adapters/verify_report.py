"""What `audit verify` found: problems named by kind, aggregate, version and position."""

from __future__ import annotations

from typing import Any

import attrs

KINDS = {
    "changed": ("changed data", "数据被改动"),
    "deleted": ("deleted event", "事件被删除"),
    "inserted": ("inserted event", "事件被插入"),
    "reordered": ("reordered events", "事件顺序被调换"),
    "seal_mismatch": ("seal does not match", "封存值不符"),
    "against_mismatch": ("published hash does not match", "公布的哈希不符"),
    "truncated": ("events missing at the end", "末尾事件缺失"),
    "head_mismatch": ("verified head not reproduced", "已核验的日志头无法复现"),
    "retyped": ("column type changed", "列类型被改动"),
    "bad_signature": ("signature does not verify", "签名无效"),
    "no_trailer": ("archive cut short", "归档被截断"),
    "trailer_mismatch": ("archive trailer does not match", "归档结尾记录不符"),
}


@attrs.frozen
class Expected:
    """A head the log must reproduce: `size` events hashing to `log_hash` (hex)."""

    size: int
    log_hash: str
    label_en: str  # e.g. "what you verified on 2026-11-02 10:00"
    label_zh: str


@attrs.frozen
class SealInfo:
    ref: str
    head: int
    log_hash: str
    events: int
    notification_id: int | None = None


@attrs.frozen
class Problem:
    kind: str
    notification_id: int | None
    aggregate: str | None
    version: int | None
    detail_en: str
    detail_zh: str

    def as_dict(self, lang: str) -> dict[str, Any]:
        return {"kind": self.kind, "notification_id": self.notification_id,
                "aggregate": self.aggregate, "version": self.version,
                "detail": self.detail_zh if lang == "zh" else self.detail_en}


@attrs.define
class Report:
    seals_checked: list[tuple[SealInfo, bool]]
    problems: list[Problem] = attrs.field(factory=list)
    events: int = 0
    streams: int = 0
    log_hash: str = ""
    against_at: int | None = None
    trailer_checkpoint: str | None = None  # an export's, as text

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self, lang: str) -> dict[str, Any]:
        return {
            "ok": self.ok, "events": self.events, "streams": self.streams,
            "log_hash": self.log_hash, "against_matched_at": self.against_at,
            "seals": [{"ref": s.ref, "head": s.head, "log_hash": s.log_hash, "ok": ok}
                      for s, ok in self.seals_checked],
            "problems": [p.as_dict(lang) for p in self.problems],
        }
