"""The demo's joint meeting (联席会议) on the restaurant case, woven into the case's timeline.

The case (adapters/demo_case.py) goes to three departments on 12 October; the
community convenes a joint meeting with every body of the story, holds it on
19 October, resolves on action items, drafts, amends and approves the minutes;
the evening spot check of 20 October closes the action item that asked for it,
and the fulfilled purifier commitment closes another. Each meeting step is
recorded just before the first case step that happened after it, so both
aggregates' histories read in the order things happened.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from adapters import meeting_use_cases as uc
from adapters.demo_case import MEDIATOR, at
from domain.meeting_records import ActionSpec, Question
from domain.vocabulary import Level

SECRETARY = ("刘书记（双塔社区党委书记）", "Secretary Liu (community Party secretary)")
BODIES = ["community_committee", "subdistrict_office", "market_regulation",
          "ecology_environment", "police_station", "party_member_reps", "resident_reps"]
PRESENT = {
    "community_committee": [("刘书记", "Secretary Liu"), ("刘敏", "Liu Min")],
    "subdistrict_office": [("孙主任", "Director Sun")],
    "market_regulation": [("钱科长", "Section chief Qian")],
    "ecology_environment": [("李工", "Engineer Li")],
    "police_station": [("赵磊", "Zhao Lei")],
    "party_member_reps": [("周德明", "Zhou Deming")],
    "resident_reps": [("张秀英", "Zhang Xiuying"), ("陈桂兰", "Chen Guilan")],
}
Step = tuple[datetime, Callable[[], Any]]


class WithJointMeeting:
    """The application, with the meeting's steps recorded in business-time order among the case's."""

    def __init__(self, app: Any, lang: str) -> None:
        self._app, self._lang = app, lang
        self._steps: list[Step] = []
        self.case_ref = ""
        self.meeting_ref = ""

    def __getattr__(self, name: str) -> Any:
        return getattr(self._app, name)

    def open_case(self, stamp: Any, **fields: Any) -> Any:
        case = self._app.open_case(stamp, **fields)
        self.case_ref = case.id
        self._steps = self._plan()
        return case

    def record(self, ref: str, actor: str, command: Any, when: datetime | None = None) -> Any:
        while self._steps and when is not None and self._steps[0][0] < when:
            self._steps.pop(0)[1]()
        return self._app.record(ref, actor, command, when)

    def _plan(self) -> list[Step]:
        def t(zh: str, en: str) -> str:
            return zh if self._lang == "zh" else en

        app, case_ref, secretary = self._app, self.case_ref, t(*SECRETARY)
        mediator = t(*MEDIATOR)

        def on_meeting(when: datetime, work: Callable[..., Any], who: str = mediator) -> Step:
            return when, lambda: uc.in_unit(app, self.meeting_ref, who, when, work)

        def convene() -> None:
            self.meeting_ref = uc.convene(
                app, app.stamp(secretary, at(10, 13, 9)),
                title=t("老王家常菜馆噪音油烟问题联席会议", "Joint meeting on Lao Wang's Kitchen"),
                convened_by="community_committee", level=Level.COMMUNITY,
                scheduled_at=at(10, 19, 14, 30), venue=t("双塔社区党群服务中心会议室",
                                                         "Shuangta community centre"),
                chair=secretary, community=t("双塔社区", "Shuangta Community"),
                invite=BODIES).result

        asks = [Question("market_regulation", t("门前摆桌属占道经营，如何督促22点后收回？",
                                                "How will the outdoor tables be kept in after 22:00?")),
                Question("ecology_environment", t("净化设施的型号与复测时间？",
                                                  "Which purifier, and when is the re-test?")),
                Question("police_station", t("能否组织夜间联合检查并纳入巡逻？",
                                             "Can you organise a joint evening check and patrols?")),
                Question("subdistrict_office", t("是否需要街道协调商户经营时间？",
                                                 "Should the sub-district mediate opening hours?"))]
        present = {b: [t(*n) for n in names] for b, names in PRESENT.items()}
        actions = [
            ActionSpec("police_station", t("10月20日晚组织派出所、网格员、生态环境局夜间联合检查",
                                           "Joint evening check on 20 October (police, grid, "
                                           "environment)"), date(2026, 10, 20)),
            ActionSpec("r1", t("11月20日前安装油烟净化器并提供检测报告",
                               "Install a fume purifier with a test report by 20 November"),
                       date(2026, 11, 20)),
            ActionSpec("market_regulation", t("督促22点后收回门前桌椅", "See that the tables come "
                                              "in at 22:00"), date(2026, 10, 31)),
        ]
        minutes = t("会议议定：一、22:00后停止户外营业；二、11月20日前安装油烟净化器；"
                    "三、10月20日晚联合夜查。",
                    "Agreed: 1. no outdoor service after 22:00; 2. purifier by 20 November; "
                    "3. joint evening check on 20 October.")
        amended = minutes + t("四、派出所22:00—24:00加密巡逻。",
                              " 4. Police patrols 22:00-24:00 stepped up.")
        steps: list[Step] = [
            (at(10, 13, 9), convene),
            on_meeting(at(10, 13, 9, 30), lambda u, m, s: uc.add_item(
                u, m, s, case_ref=case_ref, questions=asks)),
            on_meeting(at(10, 19, 14, 30), lambda u, m, s: uc.hold(m, s, present=present),
                       secretary),
            on_meeting(at(10, 19, 16), lambda u, m, s: uc.resolve(
                u, m, s, item_id="I1", resolution=t(
                    "22:00后停止户外营业；限期安装净化器；次日晚联合检查。",
                    "No outdoor service after 22:00; purifier by a deadline; joint check "
                    "the next evening."), actions=actions), secretary),
            on_meeting(at(10, 19, 17), lambda u, m, s: uc.draft_minutes(
                m, s, by="community_committee", text=minutes)),
            on_meeting(at(10, 20, 10), lambda u, m, s: uc.amend_minutes(
                m, s, by="police_station", text=amended, note=t("补充巡逻时段",
                                                                "patrol hours added"))),
        ]
        steps += [on_meeting(at(10, 20, 11, n), lambda u, m, s, b=body: uc.approve_minutes(
            m, s, by=b)) for n, body in enumerate(BODIES)]
        steps += [
            on_meeting(at(10, 21, 9), lambda u, m, s: uc.action_done(
                u, m, s, action_id="A1", evidence="S1")),
            on_meeting(at(10, 31, 22, 30), lambda u, m, s: uc.action_done(
                u, m, s, action_id="A3", note=t("10月下旬夜查未见门前摆桌",
                                                "No outdoor tables seen on late-October checks"))),
            on_meeting(at(11, 12, 12), lambda u, m, s: uc.action_done(
                u, m, s, action_id="A2", evidence="K2")),
        ]
        return steps


def with_joint_meeting(app: Any, lang: str) -> Any:
    """Give this to play_restaurant_case instead of the application itself."""
    return WithJointMeeting(app, lang)
