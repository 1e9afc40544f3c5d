"""The demo's first chapter: the restaurant case of 双塔社区, played through the application.

Residents above a ground-floor restaurant complain of noise after 22:00 and of
cooking fumes; the mediator hears both sides, the case goes up to the community
and out to three departments, an evening spot check fails, the parties agree,
the commitments are kept and the case closes after a follow-up visit. Texts
come in Chinese and English; business times run from October to November 2026.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from adapters import case_use_cases as use
from domain.timezones import CHINA_STANDARD_TIME
from domain.values import Location, PartySpec, ReferralRequest, TimeWindow
from domain.vocabulary import Category, Channel, Level, Outcome, Satisfaction, StatementKind

CST = CHINA_STANDARD_TIME
MEDIATOR = ("刘敏（双塔社区人民调解员）", "Liu Min (community mediator)")
GRID_WORKER = ("周婷（第三网格网格员）", "Zhou Ting (grid worker, grid 3)")


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=CST)


def play_restaurant_case(app: Any, lang: str) -> str:
    """Record the whole case through the named use cases; returns its reference.

    `app` is the application, or a wrapper that weaves other chapters (the joint
    meeting) in between the case's steps by business time.
    """
    def t(zh: str, en: str) -> str:
        return zh if lang == "zh" else en

    mediator, grid_worker = t(*MEDIATOR), t(*GRID_WORKER)

    def step(who: str, when: datetime, use_case: Any, **arguments: Any) -> Any:
        return app.record(ref, who, lambda c, s: use_case(c, s, **arguments), when).result

    case = app.open_case(
        app.stamp(grid_worker, at(10, 8, 22, 40)),
        channel=Channel.HOTLINE, categories=[Category.NOISE, Category.COOKING_FUMES],
        location=Location(t("双塔社区", "Shuangta Community"), t("第三网格", "Grid 3"),
                          t("5栋", "Building 5"), t("一层商铺", "ground-floor shop")),
        complainants=[PartySpec(t("张秀英（501室）", "Zhang Xiuying (flat 501)"))],
        respondents=[PartySpec(t("老王家常菜馆", "Lao Wang's Kitchen"), "business",
                               t("王福生", "Wang Fusheng"))],
        summary=t("一楼餐馆每晚22点后门前摆桌喧哗，油烟从排风口直排，影响楼上居民休息。",
                  "The ground-floor restaurant seats diners outside after 22:00 and vents "
                  "cooking fumes straight up the building; residents cannot sleep."),
        nuisance_window=TimeWindow("22:00", "02:00"),
    )
    ref = case.id
    step(mediator, at(10, 9, 9, 10), use.assign, mediator=mediator)
    step(mediator, at(10, 9, 10), use.join,
         complainant=PartySpec(t("陈桂兰（402室）", "Chen Guilan (flat 402)")))
    step(mediator, at(10, 10, 14), use.record_statement, party="c1", kind=StatementKind.DEMAND,
         text=t("22点后不得在门前摆桌、大声喧哗；安装油烟净化器，不得直排。",
                "No tables outside and no loud noise after 22:00; install a fume purifier, "
                "no direct venting."))
    step(mediator, at(10, 10, 14, 20), use.record_statement, party="c2",
         kind=StatementKind.STATEMENT, text=t("每晚油烟从窗户飘进来，孩子夜里咳嗽。",
                                              "Every night the fumes come in through the "
                                              "window; the child coughs at night."))
    step(mediator, at(10, 10, 14, 45), use.record_statement, party="r1",
         kind=StatementKind.DEMAND, text=t("晚市是主要收入，希望能营业到23点；愿意改善油烟。",
                                           "The evening trade is our living; we want to stay "
                                           "open until 23:00, and will deal with the fumes."))
    p1 = step(mediator, at(10, 10, 15), use.propose, by="mediator", terms=t(
        "22:00后停止户外营业，室内营业至23:00；30日内安装油烟净化器。",
        "Stop serving outside at 22:00, inside until 23:00; install a fume purifier "
        "within 30 days."))
    step(mediator, at(10, 10, 15, 20), use.reject, proposal=p1, party="r1", reason=t(
        "门前座位占营业额三成，22点收摊损失太大。",
        "Outdoor seats are a third of takings; closing them at 22:00 costs too much."))
    p2 = step(mediator, at(10, 10, 15, 30), use.propose, by="r1", answers=p1, terms=t(
        "22:30后停止户外营业；45日内安装净化器。",
        "Stop serving outside at 22:30; install the purifier within 45 days."))
    step(mediator, at(10, 10, 15, 40), use.reject, proposal=p2, party="c1", reason=t(
        "22:30太晚，孩子已经睡了。", "22:30 is too late; the children are asleep by then."))
    step(mediator, at(10, 11, 9), use.escalate, to_level=Level.COMMUNITY, reason=t(
        "涉及市场监管、环保、治安多个部门，网格内无法解决，提交社区。",
        "Needs market regulation, environment and police together: beyond the grid."))
    step(mediator, at(10, 12, 10), use.refer, asks=[
        ReferralRequest("market_regulation", t("核查营业执照与经营范围，门前摆桌是否属占道经营？",
                                               "Check the licence; are the outdoor tables "
                                               "unlawful use of the pavement?")),
        ReferralRequest("ecology_environment", t("检测油烟排放是否超标，明确净化设施要求。",
                                                 "Measure the fume emissions; what purifier "
                                                 "is required?")),
        ReferralRequest("police_station", t("夜间噪音是否违反治安管理规定？能否协助夜间巡查？",
                                            "Does the night noise breach public-order rules? "
                                            "Can you patrol at night?")),
    ])
    for dept, day, zh, en in (
        ("market_regulation", 16, "证照齐全；门前摆桌属占道经营，已责令22点后收回。",
         "Licence in order; outdoor tables occupy the pavement, ordered in by 22:00."),
        ("police_station", 17, "已纳入夜间巡逻；22点后噪声超标可依法处理。",
         "Added to night patrols; noise above the limit after 22:00 will be dealt with."),
        ("ecology_environment", 18, "油烟浓度3.1mg/m³，超过2.0标准，须安装净化设施并定期清洗。",
         "Fumes at 3.1 mg/m³, above the 2.0 limit: a purifier and regular cleaning required."),
    ):
        step(mediator, at(10, day, 16), use.respond, department=dept, response=t(zh, en))
    step(grid_worker, at(10, 20, 22), use.spot_check, started_at=at(10, 20, 20),
         ended_at=at(10, 20, 22),
         inspectors=[t("派出所民警赵磊", "Officer Zhao Lei (police)"), grid_worker,
                     t("生态环境局执法队", "Environment bureau")],
         findings=t("21:40门前仍有4桌食客，噪声62分贝（夜间限值55）；油烟直排。店主当场收桌。",
                    "At 21:40 four tables still outside, 62 dB (night limit 55); fumes vented "
                    "directly. The owner brought the tables in on the spot."),
         passed=False, rectified_on_spot=True)
    p3 = step(mediator, at(10, 21, 15), use.propose, by="mediator", terms=t(
        "22:00后停止户外营业、室内控制音量；11月20日前安装油烟净化器并每月清洗；居民有问题先找网格员。",
        "Nothing outside after 22:00 and keep it quiet inside; purifier installed by 20 "
        "November and cleaned monthly; residents raise problems with the grid worker "
        "first."))
    for party in ("c1", "c2", "r1"):
        step(mediator, at(10, 21, 15, 30), use.accept, proposal=p3, party=party)
    for party, duty_zh, duty_en, due in (
        ("r1", "22:00后不在户外营业、不大声喧哗", "No outdoor service or loud noise after 22:00",
         date(2026, 11, 20)),
        ("r1", "安装油烟净化器并提供检测报告", "Install a fume purifier and show a test report",
         date(2026, 11, 20)),
        ("ecology_environment", "净化器安装后复测油烟浓度", "Re-test the fumes once the purifier "
         "is in", date(2026, 11, 25)),
    ):
        step(mediator, at(10, 21, 16), use.commit, party=party, duty=t(duty_zh, duty_en), due=due)
    step(mediator, at(10, 21, 16, 30), use.agree, terms=t(
        "1. 22:00后停止户外营业，室内控制音量；2. 11月20日前安装油烟净化器并每月清洗；"
        "3. 居民反映问题先找网格员。",
        "1. Nothing outside after 22:00, quiet inside; 2. purifier by 20 November, cleaned "
        "monthly; 3. residents go to the grid worker first."))
    for commitment, when, zh, en in (
        ("K2", at(11, 12, 10), "已安装静电式油烟净化器，第三方检测1.2mg/m³。",
         "Electrostatic purifier installed; third-party test 1.2 mg/m³."),
        ("K3", at(11, 14, 11), "复测达标。", "Re-test within the limit."),
        ("K1", at(11, 20, 23), "观察期内夜间巡查4次，均无户外营业。",
         "Four night patrols in the trial period: no outdoor service."),
    ):
        step(grid_worker, when, use.fulfil, commitment=commitment, note=t(zh, en))
    step(mediator, at(11, 22, 10), use.close, outcome=Outcome.RESOLVED,
         satisfaction=Satisfaction.SATISFIED, follow_up=t(
             "回访两位投诉人：夜间安静，油烟明显减少。",
             "Follow-up with both complainants: quiet nights, far fewer fumes."))
    return str(ref)
