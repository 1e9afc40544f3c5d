"""The building convention's fixed words (states, bound parties, signing, checks), with labels.

Events store the codes; labels are for people and may be reworded (see domain.terms).
"""

from __future__ import annotations

from domain.terms import Term, define_terms
from domain.text import Bilingual


class ConventionStatus(Term):
    DRAFTING = "drafting"
    ADOPTED = "adopted"
    PUBLISHED = "published"
    SUSPENDED = "suspended"
    REPEALED = "repealed"


class BoundKind(Term):
    """Who a clause binds: a named business, a group, or a role."""

    BUSINESS = "business"
    SHOPS = "shops"
    RESIDENTS = "residents"
    PROPERTY = "property_management"
    OTHER = "other"


class SignMethod(Term):
    SIGNATURE = "signature"
    SEAL = "seal"
    THUMBPRINT = "thumbprint"


class CheckResult(Term):
    COMPLIED = "complied"
    BREACHED = "breached"


class Frequency(Term):
    """How often a clause is checked; `days` is the interval the board judges 'check due' by."""

    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ONCE = "once"

    @property
    def days(self) -> int | None:
        return {"daily": 1, "weekly": 7, "monthly": 31, "quarterly": 92}.get(self.value)


define_terms(ConventionStatus, Bilingual("公约状态", "convention status"), {
    "drafting": ("起草中", "drafting", "草案"),
    "adopted": ("已通过", "adopted", "通过"),
    "published": ("已公示", "published", "公示"),
    "suspended": ("已暂停", "suspended", "暂停"),
    "repealed": ("已废止", "repealed", "废止"),
})

define_terms(BoundKind, Bilingual("约束对象类型", "bound party kind"), {
    "business": ("商户", "business", "店铺", "企业"),
    "shops": ("全体底商", "all ground-floor shops", "shops", "底商", "一楼商铺"),
    "residents": ("居民", "residents", "住户", "业主"),
    "property_management": ("物业", "property management", "property", "物业公司"),
    "other": ("其他", "other", "角色"),
})

define_terms(SignMethod, Bilingual("签署方式", "signing method"), {
    "signature": ("签字", "signature", "sign", "签名"),
    "seal": ("盖章", "seal", "stamp", "公章"),
    "thumbprint": ("按手印", "thumbprint", "手印", "fingerprint"),
})

define_terms(CheckResult, Bilingual("检查结果", "check result"), {
    "complied": ("遵守", "complied", "合格", "ok", "pass", "passed"),
    "breached": ("违反", "breached", "违约", "breach", "fail", "failed"),
})

define_terms(Frequency, Bilingual("检查频次", "check frequency"), {
    "daily": ("每日", "daily", "每天"),
    "weekly": ("每周", "weekly"),
    "monthly": ("每月", "monthly"),
    "quarterly": ("每季度", "quarterly", "每季"),
    "once": ("一次", "once", "一次性"),
})
