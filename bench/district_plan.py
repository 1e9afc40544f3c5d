"""A deterministic plan of a synthetic district's year of cases (plain data, no IO).

`plan_district(seed, cases)` yields one `CasePlan` per case, in order of case
number: the `Case.open` arguments and then the later commands (method name and
keyword arguments), each with who recorded it and when. Executing a plan is the
measured part (see district.py); drawing random numbers and picking texts here
is not, so the benchmark times the application, not the generator.

Every command records exactly one event, so a plan's event count is known in
advance: 1 (Opened) + len(steps).
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, TypeVar

import district_texts as tx

from domain.case_queries import MEDIATOR
from domain.refs import case_ref
from domain.values import Location, PartySpec, ReferralRequest, TimeWindow
from domain.vocabulary import (
    Category,
    Channel,
    Level,
    Outcome,
    PartyKind,
    Satisfaction,
    StatementKind,
)

CST = timezone(timedelta(hours=8))
YEAR = 2025
DEFAULT_SEED = 20251
K = TypeVar("K")

# Shares of cases (see README.md for the full list of proportions).
TWO_CATEGORIES = 0.10
REFERRED, ESCALATED, TO_SUBDISTRICT, SPOT_CHECKED = 0.30, 0.20, 0.25, 0.15
FATES = {"agree": 70, "fail": 15, "pending": 15}
ROUNDS = {1: 78, 2: 18, 3: 4}
COMMITS_WHEN_AGREED = 0.57  # 0.57 * 70% agreed ≈ 40% of cases
SETTLEMENT = {"fulfilled": 75, "breached": 15, "open": 10}
NOTE_RATE = 0.03  # chance of a note after any step
OPENING_HOURS = {7: 2, 8: 5, 9: 9, 10: 10, 11: 8, 12: 4, 13: 5, 14: 8, 15: 8, 16: 7, 17: 5,
                 18: 5, 19: 7, 20: 7, 21: 6, 22: 4}
SATISFACTION = {
    Outcome.RESOLVED: {Satisfaction.SATISFIED: 70, Satisfaction.BASICALLY_SATISFIED: 20,
                       Satisfaction.DISSATISFIED: 6, Satisfaction.UNREACHABLE: 4},
    Outcome.UNRESOLVED: {Satisfaction.SATISFIED: 15, Satisfaction.BASICALLY_SATISFIED: 30,
                         Satisfaction.DISSATISFIED: 45, Satisfaction.UNREACHABLE: 10},
}
OTHER_OUTCOME = {Satisfaction.SATISFIED: 40, Satisfaction.BASICALLY_SATISFIED: 40,
                 Satisfaction.UNREACHABLE: 20}


@dataclass(frozen=True, slots=True)
class Step:
    """One command on a case: `Case.<command>(stamp=..., **kwargs)`."""

    command: str
    actor: str
    occurred_at: datetime
    recorded_at: datetime
    kwargs: dict[str, Any]


@dataclass(frozen=True, slots=True)
class CasePlan:
    ref: str
    opening: Step  # the Case.open arguments (command "open")
    steps: list[Step]

    @property
    def events(self) -> int:
        return 1 + len(self.steps)


@dataclass(frozen=True, slots=True)
class Grid:
    community: str
    name: str
    buildings: int
    worker: str


@dataclass(frozen=True, slots=True)
class District:
    grids: list[Grid]
    mediators: dict[str, tuple[str, ...]]  # community -> mediators
    clerks: tuple[str, ...]  # 12345 hotline and front-desk staff


def weighted(rng: random.Random, weights: Mapping[K, float]) -> K:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def person(rng: random.Random) -> str:
    return rng.choice(tx.SURNAMES) + rng.choice(tx.GIVEN)


def make_district(rng: random.Random) -> District:
    grids = [
        Grid(community, f"{g}号网格", rng.randint(*tx.BUILDINGS_PER_GRID), f"网格员{person(rng)}")
        for community in tx.COMMUNITIES
        for g in range(1, tx.GRIDS_PER_COMMUNITY + 1)
    ]
    mediators = {c: tuple(f"{person(rng)}（调解员）" for _ in range(6)) for c in tx.COMMUNITIES}
    clerks = tuple(f"受理员{person(rng)}" for _ in range(8))
    return District(grids, mediators, clerks)


def opening_times(rng: random.Random, count: int) -> list[datetime]:
    """When each case was raised, spread over the year, sorted (case numbers follow time)."""
    start = datetime(YEAR, 1, 1, tzinfo=CST)
    times = [
        start + timedelta(days=rng.randrange(365), hours=weighted(rng, OPENING_HOURS),
                          minutes=rng.randrange(60))
        for _ in range(count)
    ]
    return sorted(times)


def business_hours(moment: datetime) -> datetime:
    """Office work happens 08:00-21:00; anything later moves to the next morning."""
    if moment.hour < 8:
        return moment.replace(hour=8, minute=moment.minute % 30 + 15)
    if moment.hour >= 21:
        next_day = moment.date() + timedelta(days=1)
        return datetime.combine(next_day, time(8, moment.minute % 30 + 15), CST)
    return moment


@dataclass
class Script:
    """Writes one case's steps on a timeline that only moves forward."""

    rng: random.Random
    now: datetime
    actor: str
    recorded: datetime = field(init=False)
    steps: list[Step] = field(default_factory=list)
    proposals: int = 0
    commitments: int = 0

    def __post_init__(self) -> None:
        self.recorded = self.now

    def later(self, lo_hours: float, hi_hours: float) -> None:
        self.now = business_hours(self.now + timedelta(hours=self.rng.uniform(lo_hours, hi_hours)))

    def stamp_times(self) -> tuple[datetime, datetime]:
        """Occurred now, recorded a little later (never before an earlier recording)."""
        self.recorded = max(self.recorded, self.now + timedelta(minutes=self.rng.uniform(2, 90)))
        return self.now, self.recorded

    def step(self, command: str, **kwargs: Any) -> None:
        occurred, recorded = self.stamp_times()
        self.steps.append(Step(command, self.actor, occurred, recorded, kwargs))
        if command != "add_note" and self.rng.random() < NOTE_RATE:
            self.later(0.2, 6)
            self.step("add_note", note=self.rng.choice(tx.NOTES))

    def propose(self, by: str, terms: str, in_reply_to: str | None) -> str:
        self.proposals += 1
        self.step("propose", by=by, terms=terms, in_reply_to=in_reply_to)
        return f"P{self.proposals}"

    def commit(self, party: str, duty: str, due: date) -> str:
        self.commitments += 1
        self.step("commit", party=party, duty=duty, due=due)
        return f"K{self.commitments}"


# -- intake -------------------------------------------------------------------
def pick_categories(rng: random.Random) -> list[Category]:
    first = weighted(rng, tx.CATEGORY_WEIGHTS)
    if rng.random() >= TWO_CATEGORIES:
        return [first]
    rest = {c: w for c, w in tx.CATEGORY_WEIGHTS.items() if c != first}
    return [first, weighted(rng, rest)]


def party_name(rng: random.Random, taken: set[str]) -> str:
    while True:
        name = rng.choice(tx.SURNAMES) + rng.choice(tx.TITLES)
        if name not in taken:
            taken.add(name)
            return name


def respondent(rng: random.Random, category: Category, taken: set[str]) -> PartySpec:
    if rng.random() < tx.BUSINESS_SHARE[category]:
        shop = rng.choice(tx.BUSINESSES[category])
        if shop not in taken:
            taken.add(shop)
            return PartySpec(shop, PartyKind.BUSINESS.value, person(rng))
    return PartySpec(party_name(rng, taken))


def pick_parties(rng: random.Random, category: Category,
                 taken: set[str]) -> tuple[list[PartySpec], list[PartySpec]]:
    n_complainants = weighted(rng, {1: 90, 2: 8, 3: 2})
    n_respondents = weighted(rng, {1: 94, 2: 6})
    complainants = [PartySpec(party_name(rng, taken)) for _ in range(n_complainants)]
    respondents = [respondent(rng, category, taken) for _ in range(n_respondents)]
    return complainants, respondents


def location(rng: random.Random, grid: Grid) -> Location:
    unit = f"{rng.randint(1, 4)}单元{rng.randint(1, 28)}{rng.randint(1, 4):02d}"
    return Location(grid.community, grid.name, f"{rng.randint(1, grid.buildings)}栋",
                    unit if rng.random() < 0.8 else None)


def nuisance_window(rng: random.Random, category: Category) -> TimeWindow | None:
    if category not in (Category.NOISE, Category.COOKING_FUMES) or rng.random() > 0.6:
        return None
    start = rng.choice(("21:00", "22:00", "22:30", "23:00", "06:00", "11:00", "17:00"))
    end = rng.choice(("01:00", "02:00", "23:30", "08:00", "13:30", "20:00"))
    return TimeWindow(start, end) if start != end else None


def intake_actor(rng: random.Random, district: District, channel: Channel, grid: Grid) -> str:
    if channel in (Channel.GRID_WORKER, Channel.BUILDING_HEAD):
        return grid.worker
    return rng.choice(district.clerks)


def opening(rng: random.Random, district: District, ref: str, opened_at: datetime,
            taken: set[str]) -> tuple[Step, Grid, Category]:
    grid = rng.choice(district.grids)
    categories = pick_categories(rng)
    main = categories[0]
    complainants, respondents = pick_parties(rng, main, taken)
    channel = weighted(rng, tx.CHANNEL_WEIGHTS)
    kwargs = {
        "channel": channel, "categories": categories, "location": location(rng, grid),
        "complainants": complainants, "respondents": respondents,
        "summary": rng.choice(tx.SUMMARIES[main]), "nuisance_window": nuisance_window(rng, main),
    }
    recorded = opened_at + timedelta(minutes=rng.uniform(1, 30))
    actor = intake_actor(rng, district, channel, grid)
    return Step("open", actor, opened_at, recorded, kwargs), grid, main


# -- the life of a case ------------------------------------------------------------
def statements(s: Script, complainants: Sequence[str], respondents: Sequence[str]) -> None:
    rng = s.rng
    first = complainants[:1] if rng.random() < 0.7 else []
    for key in (*first, *(k for k in complainants[1:] if rng.random() < 0.3)):
        s.later(2, 48)
        s.step("record_statement", party=key, kind=StatementKind.STATEMENT,
               content=rng.choice(tx.STATEMENTS["complainant"]))
    if rng.random() < 0.6:
        s.later(2, 72)
        s.step("record_statement", party=respondents[0], kind=StatementKind.STATEMENT,
               content=rng.choice(tx.STATEMENTS["respondent"]))
    for key, side, share in ((complainants[0], "complainant", 0.3),
                             (respondents[0], "respondent", 0.05)):
        if rng.random() < share:
            s.later(0.5, 24)
            s.step("record_statement", party=key, kind=StatementKind.DEMAND,
                   content=rng.choice(tx.DEMANDS[side]))


def referrals(s: Script, category: Category) -> list[str]:
    rng = s.rng
    if rng.random() >= REFERRED:
        return []
    codes = rng.sample(tx.DEPARTMENTS[category], 2 if rng.random() < 0.15 else 1)
    s.later(4, 72)
    s.step("refer", requests=[ReferralRequest(c, rng.choice(tx.QUESTIONS)) for c in codes])
    for code in codes:
        if rng.random() < 0.88:
            s.later(24, 240)
            s.step("record_response", department=code, response=rng.choice(tx.RESPONSES))
    return codes


def escalations(s: Script) -> None:
    rng = s.rng
    if rng.random() >= ESCALATED:
        return
    for level in (Level.COMMUNITY, Level.SUBDISTRICT):
        s.later(24, 120)
        s.step("escalate", to_level=level, reason=rng.choice(tx.ESCALATIONS))
        if rng.random() >= TO_SUBDISTRICT:
            return


def spot_check(s: Script, category: Category, grid: Grid) -> None:
    rng = s.rng
    if rng.random() >= SPOT_CHECKED:
        return
    day = (s.now + timedelta(days=rng.randint(1, 4))).date()
    hour = rng.choice((21, 22)) if category == Category.NOISE else rng.randint(9, 16)
    started = datetime.combine(day, time(hour, rng.randrange(60)), CST)
    ended = started + timedelta(minutes=rng.randint(20, 90))
    passed = rng.random() < 0.5
    inspectors = [grid.worker, f"{rng.choice(tx.INSPECTORS)}{person(rng)}"]
    s.now = ended + timedelta(minutes=rng.randint(10, 60))
    findings = rng.choice(tx.FINDINGS_PASSED if passed else tx.FINDINGS_FAILED[category])
    s.step("record_spot_check", started_at=started, ended_at=ended, inspectors=inspectors,
           findings=findings, passed=passed,
           rectified_on_spot=not passed and rng.random() < 0.4)


def negotiate(s: Script, category: Category, parties: Sequence[str], rounds: int,
              final: str) -> None:
    """Proposals and answers; `final` is how the last round ends: accept, reject or pending."""
    rng = s.rng
    author, previous = MEDIATOR, None
    for number in range(1, rounds + 1):
        s.later(24, 168)
        pid = s.propose(author, rng.choice(tx.PROPOSALS[category]), previous)
        others = [p for p in parties if p != author]
        rng.shuffle(others)
        outcome = final if number == rounds else "reject"
        if outcome == "accept":
            answer_all(s, pid, others)
        elif outcome == "pending":
            answer_all(s, pid, others[:rng.randrange(len(others))])
        else:
            rejecter = rng.choice(others)
            answer_all(s, pid, others[:others.index(rejecter)])
            s.later(1, 48)
            s.step("answer", proposal_id=pid, party=rejecter, accepted=False,
                   reason=rng.choice(tx.REJECTIONS))
            countered = rng.random() < 0.6
            author, previous = (rejecter, pid) if countered else (MEDIATOR, None)


def answer_all(s: Script, pid: str, parties: Sequence[str]) -> None:
    for party in parties:
        s.later(1, 48)
        s.step("answer", proposal_id=pid, party=party, accepted=True)


def commitments(s: Script, category: Category, respondents: Sequence[str],
                departments: Sequence[str]) -> bool:
    """Promises after an agreement; True if every one was settled (fulfilled or breached)."""
    rng = s.rng
    if rng.random() >= COMMITS_WHEN_AGREED:
        return True
    made: list[tuple[str, date]] = []
    for _ in range(1 if rng.random() < 0.75 else 2):
        obligor = rng.choice(departments) if departments and rng.random() < 0.2 else respondents[0]
        s.later(0.5, 24)
        due = (s.now + timedelta(days=rng.randint(3, 30))).date()
        made.append((s.commit(obligor, rng.choice(tx.DUTIES[category]), due), due))
    settled = True
    for cid, due in made:
        fate = weighted(rng, SETTLEMENT)
        if fate == "open":
            settled = False
            continue
        target = datetime.combine(due, time(10), CST) + timedelta(days=rng.uniform(-2, 5))
        s.now = business_hours(max(s.now + timedelta(hours=1), target))
        note = rng.choice(("已履行，现场核实", "逾期未履行", "经回访确认")) if rng.random() < 0.6 else None
        s.step("settle_commitment", commitment_id=cid, fulfilled=fate == "fulfilled", note=note)
    return settled


def close(s: Script, outcome: Outcome) -> Satisfaction:
    rng = s.rng
    satisfaction = weighted(rng, SATISFACTION.get(outcome, OTHER_OUTCOME))
    s.later(24, 240)
    follow_up = rng.choice(tx.FOLLOW_UPS) if rng.random() < 0.9 else None
    s.step("close", outcome=outcome, satisfaction=satisfaction, follow_up=follow_up)
    return satisfaction


def reopen(s: Script, category: Category, parties: Sequence[str]) -> None:
    rng = s.rng
    s.later(240, 960)
    s.step("reopen", reason=rng.choice(tx.REOPENINGS))
    s.later(2, 48)
    s.step("record_statement", party=parties[0], kind=StatementKind.STATEMENT,
           content=rng.choice(tx.STATEMENTS["complainant"]))
    negotiate(s, category, parties, 1, "accept")
    s.later(1, 24)
    s.step("agree", terms=rng.choice(tx.AGREEMENTS))
    if rng.random() < 0.7:
        close(s, Outcome.RESOLVED)


def mediation(s: Script, category: Category, complainants: list[str],
              respondents: list[str], departments: list[str]) -> None:
    """From the first proposal to the closure (or wherever this case has got to)."""
    rng = s.rng
    parties = [*complainants, *respondents]
    fate, rounds = weighted(rng, FATES), weighted(rng, ROUNDS)
    if fate == "pending":
        pending(s, category, parties, rounds)
        return
    negotiate(s, category, parties, rounds, "accept" if fate == "agree" else "reject")
    s.later(1, 48)
    if fate == "fail":
        s.step("fail", reason=rng.choice(tx.FAILURES))
        if rng.random() < 0.9:
            after_close(s, category, parties, close(s, Outcome.UNRESOLVED))
        return
    s.step("agree", terms=rng.choice(tx.AGREEMENTS))
    if commitments(s, category, respondents, departments) and rng.random() < 0.92:
        after_close(s, category, parties, close(s, Outcome.RESOLVED))


def pending(s: Script, category: Category, parties: list[str], rounds: int) -> None:
    """No agreement or failure yet: still talking, withdrawn or handed on."""
    rng = s.rng
    what = weighted(rng, {"talking": 55, "withdrawn": 30, "transferred": 15})
    if what == "talking" or rng.random() < 0.5:
        negotiate(s, category, parties, rounds, "pending")
    if what != "talking":
        close(s, Outcome(what))


def after_close(s: Script, category: Category, parties: list[str],
                satisfaction: Satisfaction) -> None:
    rng = s.rng
    chance = 0.3 if satisfaction == Satisfaction.DISSATISFIED else 0.015
    if rng.random() < chance:
        reopen(s, category, parties)
    elif rng.random() < 0.05:
        s.later(24, 720)
        s.step("add_note", note=rng.choice(tx.NOTES))


def plan_case(rng: random.Random, district: District, number: int, opened_at: datetime) -> CasePlan:
    ref = case_ref(YEAR, number)
    taken: set[str] = set()
    first, grid, category = opening(rng, district, ref, opened_at, taken)
    mediator = rng.choice(district.mediators[grid.community])
    s = Script(rng, opened_at, mediator)
    s.recorded = first.recorded_at
    n_complainants = len(first.kwargs["complainants"])
    complainants = [f"c{i}" for i in range(1, n_complainants + 1)]
    respondents = [f"r{i}" for i in range(1, len(first.kwargs["respondents"]) + 1)]
    if rng.random() < 0.97:
        s.later(0.5, 24)
        s.step("assign", mediator=mediator)
    if rng.random() < 0.04:
        s.later(2, 96)
        s.step("join", spec=PartySpec(party_name(rng, taken)))
        complainants.append(f"c{n_complainants + 1}")
    statements(s, complainants, respondents)
    departments = referrals(s, category)
    escalations(s)
    spot_check(s, category, grid)
    if rng.random() < 0.05:
        reassign(s, district, grid)
    mediation(s, category, complainants, respondents, departments)
    return CasePlan(ref, first, s.steps)


def reassign(s: Script, district: District, grid: Grid) -> None:
    others = [m for m in district.mediators[grid.community] if m != s.actor]
    s.later(2, 72)
    s.actor = s.rng.choice(others)
    s.step("assign", mediator=s.actor, reason="原调解员工作调整，案件移交")


def plan_district(seed: int, cases: int) -> Iterator[CasePlan]:
    """The district's cases in order of number; the same seed gives the same district."""
    rng = random.Random(seed)
    district = make_district(rng)
    for number, opened_at in enumerate(opening_times(rng, cases), 1):
        yield plan_case(rng, district, number, opened_at)
