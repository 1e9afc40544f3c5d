"""The fixed words of the domain, each with a stable code and Chinese/English labels.

Events store the code (a plain string), never the label, so labels can be
reworded without touching history. `parse_term` accepts the code, either label
or a common alias, so mediators can type Chinese or English.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from domain.errors import InvalidInput


class Term(StrEnum):
    """A vocabulary word: compares equal to its code, knows its labels."""

    def label(self, lang: str = "zh") -> str:
        return label(type(self), self.value, lang)

    @classmethod
    def kind_name(cls, lang: str = "zh") -> str:
        zh, en = KIND_NAMES.get(cls, (cls.__name__, cls.__name__))
        return zh if lang == "zh" else en


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


# kind -> code -> (Chinese label, English label, *aliases). Keyed per kind because
# two kinds may share a code ("open" is both a case status and a commitment status).
LABELS: dict[type[Term], dict[str, tuple[str, ...]]] = {
    Channel: {
        "hotline_12345": ("12345热线", "12345 hotline", "12345", "hotline", "热线"),
        "walk_in": ("来访", "walk-in", "walkin", "上门", "来访登记"),
        "online": ("网络平台", "online platform", "网上", "网络"),
        "grid_worker": ("网格员", "grid worker", "网格员上报"),
        "building_head": ("楼长", "building head", "楼长上报"),
    },
    Category: {
        "noise": ("噪音", "noise", "噪声", "扰民"),
        "cooking_fumes": ("油烟", "cooking fumes", "fumes", "油烟污染"),
        "water_leak": ("漏水", "water leak", "leak", "渗漏"),
        "parking": ("停车", "parking", "停车纠纷"),
        "pets": ("宠物", "pets", "pet", "养犬"),
        "ebike_charging": ("电动车充电", "e-bike charging", "ebike", "电瓶车充电", "飞线充电"),
        "other": ("其他", "other"),
    },
    Level: {
        "grid": ("网格", "grid"),
        "community": ("社区", "community"),
        "subdistrict": ("街道", "sub-district", "街道办"),
    },
    Status: {
        "open": ("调解中", "open", "进行中"),
        "agreed": ("已达成协议", "agreed", "达成协议"),
        "failed": ("调解不成", "failed", "调解失败"),
        "closed": ("已结案", "closed", "结案"),
    },
    Outcome: {
        "resolved": ("调解成功", "resolved", "成功"),
        "unresolved": ("调解未成", "unresolved", "未成"),
        "withdrawn": ("撤回", "withdrawn", "撤诉"),
        "transferred": ("移交处理", "transferred", "移交", "转出"),
    },
    Satisfaction: {
        "satisfied": ("满意", "satisfied"),
        "basically_satisfied": ("基本满意", "basically satisfied", "basically"),
        "dissatisfied": ("不满意", "dissatisfied"),
        "unreachable": ("无法回访", "unreachable", "联系不上"),
    },
    StatementKind: {
        "statement": ("陈述", "statement"),
        "demand": ("诉求", "demand", "要求"),
    },
    PartyKind: {
        "person": ("个人", "person"),
        "business": ("商户", "business", "企业", "店铺"),
    },
    Role: {
        "complainant": ("投诉人", "complainant", "申请人"),
        "respondent": ("被投诉人", "respondent", "被申请人"),
    },
    ProposalStatus: {
        "pending": ("待答复", "pending"),
        "accepted": ("已接受", "accepted"),
        "rejected": ("已拒绝", "rejected"),
    },
    CommitmentStatus: {
        "open": ("履行中", "open"),
        "fulfilled": ("已履行", "fulfilled"),
        "breached": ("已违约", "breached"),
    },
}

KIND_NAMES: dict[type[Term], tuple[str, str]] = {
    Channel: ("受理渠道", "channel"),
    Category: ("类别", "category"),
    Level: ("层级", "level"),
    Status: ("状态", "status"),
    Outcome: ("结案结果", "outcome"),
    Satisfaction: ("回访满意度", "satisfaction"),
    StatementKind: ("陈述类型", "statement kind"),
    PartyKind: ("当事人类型", "party kind"),
    Role: ("角色", "role"),
    ProposalStatus: ("方案状态", "proposal status"),
    CommitmentStatus: ("承诺状态", "commitment status"),
}

T = TypeVar("T", bound=Term)


def label(kind: type[Term], code: str, lang: str = "zh") -> str:
    """The label of a stored code; a code unknown to this version shows as it is."""
    names = LABELS[kind].get(code)
    if not names:
        return code
    return names[0] if lang == "zh" else names[1]


def parse_term(kind: type[T], text: str) -> T:
    """Find the term whose code, label or alias matches `text` (case-insensitive)."""
    wanted = text.strip().casefold()
    for term in kind:
        names = (term.value, *LABELS[kind][term.value])
        if any(wanted == name.casefold() for name in names):
            return term
    raise InvalidInput(
        "unknown_term",
        kind_en=kind.kind_name("en"),
        kind_zh=kind.kind_name("zh"),
        value=text,
        choices=[f"{t.value} ({t.label('zh')})" for t in kind],
    )
