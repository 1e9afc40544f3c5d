"""The demo's convention chapter: building 5's convention, drafted from the restaurant case.

Quiet after 22:00, a purifier installed and cleaned monthly, residents reporting
through the grid worker first, property management checking the extractor duct:
signed, adopted, published (公示), then two checks, one complied with and one
breached, which opens a case in the same step, remedied a few days later.
Ends with the status board (`building_board`). Business times run in late November 2026.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from adapters import convention_use_cases as use
from adapters.demo_case import GRID_WORKER, MEDIATOR, at
from domain.convention_vocabulary import BoundKind, CheckResult, Frequency, SignMethod
from domain.values import TimeWindow
from domain.vocabulary import Category


def play_building_convention(app: Any, rt: Any, case_ref: str) -> str:
    """Record the chapter; returns the convention's reference (see `building_board`)."""
    def t(zh: str, en: str) -> str:
        return zh if rt.lang == "zh" else en

    mediator, grid_worker = t(*MEDIATOR), t(*GRID_WORKER)
    ref = use.draft(app, app.stamp(mediator, at(11, 23, 10)), source_cases=[case_ref],
                    title=t("5栋共治公约", "Building 5 Convention")).result

    def step(who: str, when: Any, command: Any, **arguments: Any) -> Any:
        return app.record(ref, who, lambda c, s: command(c, s, **arguments), when).result

    shop, residents, prop = (t("老王家常菜馆", "Lao Wang's Kitchen"), t("5栋全体居民", "residents of "
                             "building 5"), t("安居物业", "Anju Property Management"))
    for minute, (kind, party, duty, window, every, check) in enumerate([
        (BoundKind.BUSINESS, shop, t("22:00后不在户外营业、不大声喧哗", "No outdoor service or loud "
         "noise after 22:00"), TimeWindow("22:00", "07:00"), Frequency.WEEKLY,
         t("网格员夜间巡查", "night patrol by the grid worker")),
        (BoundKind.BUSINESS, shop, t("保持油烟净化器正常运行并每月清洗", "Keep the fume purifier "
         "running and clean it monthly"), None, Frequency.MONTHLY, t("查看清洗记录", "cleaning log")),
        (BoundKind.RESIDENTS, residents, t("有问题先向网格员反映，不直接冲突", "Raise problems with the "
         "grid worker first"), None, Frequency.QUARTERLY, t("网格员回访", "grid worker's visits")),
        (BoundKind.PROPERTY, prop, t("每月检查排烟管道并记录", "Inspect the extractor duct monthly"),
         None, Frequency.MONTHLY, t("物业巡检记录", "inspection log")),
    ]):
        step(mediator, at(11, 23, 10, 10 + minute), use.propose_clause, party_kind=kind,
             party=party, duty=duty, window=window, frequency=every, check_method=check,
             deadline=date(2026, 12, 31) if kind == BoundKind.PROPERTY else None)
    for party, who, method in ((shop, t("王福生", "Wang Fusheng"), SignMethod.SEAL),
                               (residents, t("张秀英", "Zhang Xiuying"), SignMethod.SIGNATURE),
                               (prop, t("李强", "Li Qiang"), SignMethod.SEAL)):
        step(mediator, at(11, 24, 15), use.sign, party=party, signatory=who, method=method)
    step(mediator, at(11, 24, 16), use.adopt)
    step(mediator, at(11, 24, 17), use.publish, where=t("5栋一楼公告栏", "notice board, building 5"))
    step(grid_worker, at(11, 26, 22, 30), use.check, clause="c1", result=CheckResult.COMPLIED,
         checked_at=at(11, 26, 22, 30), checker=grid_worker,
         evidence=t("22:30巡查，门前无桌椅，店内音量正常", "22:30 patrol: no tables outside, quiet"))
    evidence = t("23:10门前仍有3桌食客，噪声60分贝", "23:10: three tables still outside, 60 dB")
    use.breach(app, app.stamp(grid_worker, at(11, 28, 23, 10)), ref, clause="c1",
               checker=grid_worker, evidence=evidence, categories=[Category.NOISE],
               summary=t(f"违反公约条款 {ref}/c1：{evidence}", f"breach of {ref}/c1: {evidence}"))
    step(grid_worker, at(11, 30, 10), use.remedy, check_id="CK2",
         note=t("店主收回门前桌椅并书面承诺，复查合格", "Tables in, written promise, re-check passed"))

    return ref


def building_board(app: Any, rt: Any, ref: str) -> dict[str, Any]:
    """The chapter's ending: building 5's status board, as data and as text."""
    from adapters.convention_board import ConventionBoard
    from adapters.readmodels import open_read_models
    from cli_commands.convention_status import render_building

    with open_read_models(app, rt.read_config) as models:
        board = ConventionBoard.caught_up(models).building(ref, rt.today())
    if board is None:  # just recorded, so always there
        raise RuntimeError(f"{ref} is missing from the status board")
    return {"ref": ref, "board": board, "text": render_building(board, rt.lang)}
