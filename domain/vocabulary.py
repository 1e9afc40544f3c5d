"""The case's fixed words (channels, categories, levels, ...), with their labels.

The machinery (codes, labels, parsing) is in `domain.terms`; this module only
declares the words a complaint case uses and registers their labels.
"""

from __future__ import annotations

from domain.terms import KIND_NAMES, LABELS, Term, define_terms, label, parse_term
from domain.text import Bilingual

__all__ = ["KIND_NAMES", "LABELS", "Term", "label", "parse_term"]


class Channel(Term):
    """Intake channel (受理渠道)."""

    HOTLINE = "hotline_12345"
    WALK_IN = "walk_in"
    ONLINE = "online"
    GRID_WORKER = "grid_worker"
    BUILDING_HEAD = "building_head"


class Category(Term):
    """Dispute category (纠纷类别)."""

    NOISE = "noise"
    COOKING_FUMES = "cooking_fumes"
    WATER_LEAK = "water_leak"
    PARKING = "parking"
    PETS = "pets"
    EBIKE_CHARGING = "ebike_charging"
    OTHER = "other"


class Level(Term):
    """Where the case is handled: 小事不出网格，大事不出社区."""

    GRID = "grid"
    COMMUNITY = "community"
    SUBDISTRICT = "subdistrict"

    @property
    def rank(self) -> int:
        return list(Level).index(self)


class Status(Term):
    OPEN = "open"
    AGREED = "agreed"
    FAILED = "failed"
    CLOSED = "closed"


class Outcome(Term):
    RESOLVED = "resolved"
    UNRESOLVED = "unresolved"
    WITHDRAWN = "withdrawn"
    TRANSFERRED = "transferred"


class Satisfaction(Term):
    """Follow-up visit (回访) result."""

    SATISFIED = "satisfied"
    BASICALLY_SATISFIED = "basically_satisfied"
    DISSATISFIED = "dissatisfied"
    UNREACHABLE = "unreachable"


class StatementKind(Term):
    STATEMENT = "statement"
    DEMAND = "demand"


class PartyKind(Term):
    PERSON = "person"
    BUSINESS = "business"


class Role(Term):
    COMPLAINANT = "complainant"
    RESPONDENT = "respondent"


class ProposalStatus(Term):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class CommitmentStatus(Term):
    OPEN = "open"
    FULFILLED = "fulfilled"
    BREACHED = "breached"


define_terms(Channel, Bilingual("受理渠道", "channel"), {
    "hotline_12345": ("12345热线", "12345 hotline", "12345", "hotline", "热线"),
    "walk_in": ("来访", "walk-in", "walkin", "上门", "来访登记"),
    "online": ("网络平台", "online platform", "网上", "网络"),
    "grid_worker": ("网格员", "grid worker", "网格员上报"),
    "building_head": ("楼长", "building head", "楼长上报"),
})

define_terms(Category, Bilingual("类别", "category"), {
    "noise": ("噪音", "noise", "噪声", "扰民"),
    "cooking_fumes": ("油烟", "cooking fumes", "fumes", "油烟污染"),
    "water_leak": ("漏水", "water leak", "leak", "渗漏"),
    "parking": ("停车", "parking", "停车纠纷"),
    "pets": ("宠物", "pets", "pet", "养犬"),
    "ebike_charging": ("电动车充电", "e-bike charging", "ebike", "电瓶车充电", "飞线充电"),
    "other": ("其他", "other"),
})

define_terms(Level, Bilingual("层级", "level"), {
    "grid": ("网格", "grid"),
    "community": ("社区", "community"),
    "subdistrict": ("街道", "sub-district", "街道办"),
})

define_terms(Status, Bilingual("状态", "status"), {
    "open": ("调解中", "open", "进行中"),
    "agreed": ("已达成协议", "agreed", "达成协议"),
    "failed": ("调解不成", "failed", "调解失败"),
    "closed": ("已结案", "closed", "结案"),
})

define_terms(Outcome, Bilingual("结案结果", "outcome"), {
    "resolved": ("调解成功", "resolved", "成功"),
    "unresolved": ("调解未成", "unresolved", "未成"),
    "withdrawn": ("撤回", "withdrawn", "撤诉"),
    "transferred": ("移交处理", "transferred", "移交", "转出"),
})

define_terms(Satisfaction, Bilingual("回访满意度", "satisfaction"), {
    "satisfied": ("满意", "satisfied"),
    "basically_satisfied": ("基本满意", "basically satisfied", "basically"),
    "dissatisfied": ("不满意", "dissatisfied"),
    "unreachable": ("无法回访", "unreachable", "联系不上"),
})

define_terms(StatementKind, Bilingual("陈述类型", "statement kind"), {
    "statement": ("陈述", "statement"),
    "demand": ("诉求", "demand", "要求"),
})

define_terms(PartyKind, Bilingual("当事人类型", "party kind"), {
    "person": ("个人", "person"),
    "business": ("商户", "business", "企业", "店铺"),
})

define_terms(Role, Bilingual("角色", "role"), {
    "complainant": ("投诉人", "complainant", "申请人"),
    "respondent": ("被投诉人", "respondent", "被申请人"),
})

define_terms(ProposalStatus, Bilingual("方案状态", "proposal status"), {
    "pending": ("待答复", "pending"),
    "accepted": ("已接受", "accepted"),
    "rejected": ("已拒绝", "rejected"),
})

define_terms(CommitmentStatus, Bilingual("承诺状态", "commitment status"), {
    "open": ("履行中", "open"),
    "fulfilled": ("已履行", "fulfilled"),
    "breached": ("已违约", "breached"),
})
