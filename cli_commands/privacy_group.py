"""`gongzhi privacy ...`: erase a person's data by destroying their key; retention."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import click

from cli_commands.errors import GuardedGroup
from cli_commands.help_lang import say
from cli_commands.parsing import DAY
from cli_commands.runtime import Runtime, runtime


@click.group(cls=GuardedGroup)
def privacy() -> None:
    """Personal data (个人信息): erasure by destroying keys, and retention.

    Names, operators and other identifying fields are stored encrypted with a key
    per person; erasing destroys that key, so the events stay (and still verify)
    but the person can no longer be read anywhere. See docs/privacy.md.

    \b
    Example:
      gongzhi privacy erase 2026-1 c1 --reason "本人申请删除"
      gongzhi privacy due --after 3y
    """


class Retention(click.ParamType[Any]):
    name = "PERIOD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, tuple):
            return value
        match = re.fullmatch(r"\s*(\d{1,6})\s*(y|m|d|年|个月|月|天)\s*", str(value))
        if not match or not int(match.group(1)):
            self.fail(say(ctx, f"“{value}”不是有效的期限，应形如 3y、18m 或 400d",
                          f"'{value}' is not a period; use e.g. 3y, 18m or 400d"), param, ctx)
        unit = {"年": "y", "个月": "m", "月": "m", "天": "d"}.get(match.group(2), match.group(2))
        amount = int(match.group(1))
        if amount > _LONGEST[unit]:  # 9999y counted back from 2026 is before year 1
            self.fail(say(ctx, f"期限“{value}”过长：最多 100 年（100y、1200m 或 36525d）",
                          f"'{value}' is too long a period: at most 100 years (100y, 1200m or "
                          "36525d)"), param, ctx)
        return amount, unit


_LONGEST = {"y": 100, "m": 1200, "d": 36525}


def before(day: date, period: tuple[int, str]) -> date:
    """`day` minus the period (a 29 February becomes the 28th in a year without it)."""
    from calendar import monthrange
    from datetime import timedelta

    amount, unit = period
    if unit == "d":
        return day - timedelta(days=amount)
    months = day.year * 12 + day.month - 1 - (amount * 12 if unit == "y" else amount)
    year, month = divmod(months, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


@privacy.command("due")
@click.option("--after", "period", type=Retention(), required=True,
              help="Retention period after closing: 3y, 18m, 400d.")
@click.option("--on", "on_day", type=DAY, help="Count from this day instead of today.")
def due(period: tuple[int, str], on_day: date | None) -> None:
    """Closed cases past the retention period whose parties are not yet erased.

    \b
    Example:
      gongzhi privacy due --after 3y
      gongzhi --json privacy due --after 18m --on 2026-12-31
    """
    from adapters.privacy_use_cases import due_cases
    from adapters.readmodels import open_read_models

    rt = runtime()
    cutoff = before(on_day or rt.today(), period)
    app = rt.app(read_only=True)
    with open_read_models(app, rt.read_config) as models:
        rows = due_cases(app, models, cutoff)
    lines = [f"{r['ref']}  {r['closed_on']}  {', '.join(r['parties'])}" for r in rows]
    lines.append(rt.say(f"共 {len(rows)} 件（{cutoff.isoformat()} 之前结案）",
                        f"{len(rows)} case(s) closed before {cutoff.isoformat()}"))
    rt.emit({"closed_before": cutoff.isoformat(), "cases": rows}, "\n".join(lines))


@privacy.command("erase")
@click.argument("ref", required=False)
@click.argument("party", required=False)
@click.option("--subject", "subjects", multiple=True, metavar="ID",
              help="Repeatable: erase this data subject id (C2026-000001/c1), in any aggregate.")
@click.option("--closed-before", type=DAY, metavar="DATE",
              help="Erase every party of every case closed before this day (retention).")
@click.option("--reason", required=True,
              help="Why (e.g. the person's request under PIPL art. 47). Recorded; do not repeat "
                   "the name.")
def erase(ref: str | None, party: str | None, subjects: tuple[str, ...],
          closed_before: date | None, reason: str) -> None:
    """Erase a person: destroy their key, record who did it and why, update the read models.

    Give REF and PARTY (a key such as c1, or the name), or --subject IDs, or
    --closed-before DATE. This cannot be undone.

    Free text is not sealed: the command lists the entries (summary, notes,
    duties ...) that still mention the person, which erasure cannot remove.

    \b
    Example:
      gongzhi privacy erase 2026-1 c1 --reason "本人依法申请删除"
      gongzhi privacy erase --subject C2026-000001/c1 --subject JM2026-000001/chair --reason 申请
      gongzhi privacy erase --closed-before 2023-01-01 --reason "保存期满"
    """
    from adapters.erasure_residue import free_text_mentions
    from adapters.privacy_use_cases import check_known_subjects, party_subjects
    from adapters.privacy_use_cases import erase as erase_subjects
    from adapters.readmodels import open_read_models
    from cli_commands.progress import terminal_progress

    rt = runtime()
    forms = sum(1 for given in (ref is not None, bool(subjects), closed_before is not None) if given)
    if forms != 1 or (ref is not None and party is None):
        raise click.UsageError(rt.say(
            "请给出 REF PARTY、--subject 或 --closed-before 三者之一",
            "give exactly one of: REF PARTY, --subject, or --closed-before"))
    rt.require_actor()  # refuse before anything is read
    if closed_before is not None:
        _check_cutoff(rt, closed_before)
    app = rt.app()
    wanted: list[str] = list(subjects)
    if subjects:
        check_known_subjects(app, subjects)
    scope = "--subject"
    if ref is not None and party is not None:
        from cli_commands.parsing import CASE_REF

        case_ref = CASE_REF.convert(ref, None, click.get_current_context())
        case = app.get_case(case_ref)
        found = case.find_party(party)
        wanted = party_subjects(case, found)
        scope = f"{case.id} {found.key}"
    elif closed_before is not None:
        wanted = _closed_subjects(rt, app, closed_before)
        scope = f"--closed-before {closed_before.isoformat()}"
    mentions = free_text_mentions(app, wanted, _related(rt, app, wanted))  # while readable
    result = erase_subjects(app, rt.stamp(None), wanted, reason, scope) if wanted else {
        "erasure": None, "subjects": [], "recorded": [], "keys_destroyed": [],
        "already_erased": [], "vacuum_needed": None}
    result["free_text"] = [{k: v for k, v in m.items() if k != "topic"} for m in mentions]
    with open_read_models(app, rt.read_config, terminal_progress(rt)) as models:
        models.catch_up()  # the read models hold no personal data; keep them current
    text = _erased_text(rt, result)
    if result.get("vacuum_needed"):
        table = result["vacuum_needed"]
        text += "\n" + rt.say(
            f"注意：已删除的密钥仍留在 {table} 的旧行版本中，直到该表被重写；请由该表的所有者"
            f"运行 VACUUM FULL {table}",
            f"warning: the destroyed keys stay in old row versions of {table} until it is "
            f"rewritten; have the table's owner run VACUUM FULL {table}")
    if mentions:
        from cli_commands.erasure_presentation import free_text_warning

        text += "\n" + free_text_warning(mentions, rt.lang)
    rt.emit(result, text)


def _related(rt: Runtime, app: Any, subjects: list[str]) -> dict[str, set[str]]:
    """Meetings and conventions of the cases whose parties are erased (from the read models)."""
    from adapters.erasure_residue import related_aggregates
    from adapters.readmodels import open_read_models
    from domain.registry import kind_of_ref

    cases = {s.split("/", 1)[0] for s in subjects}
    cases = {ref for ref in cases if (kind := kind_of_ref(ref)) is not None and kind.code == "case"}
    if not cases:
        return {}
    with open_read_models(app, rt.read_config) as models:
        return related_aggregates(models, cases)


def _check_cutoff(rt: Runtime, day: date) -> None:
    """No case closes in the future: a cutoff past tomorrow (everything closed up to today)
    is a typo (2029 for 2023) that would erase every closed case."""
    from datetime import timedelta

    from domain.errors import InvalidInput

    latest = rt.today() + timedelta(days=1)
    if day > latest:
        raise InvalidInput("future_cutoff", value=latest.isoformat())


def _closed_subjects(rt: Any, app: Any, day: date) -> list[str]:
    import sys

    from adapters.privacy_use_cases import closed_cases, subjects_of_cases
    from adapters.readmodels import open_read_models

    with open_read_models(app, rt.read_config) as models:
        refs = closed_cases(models, day)
    if rt.as_json or not refs:
        return subjects_of_cases(app, refs)
    with click.progressbar(length=len(refs), label=rt.say("读取案件", "reading cases"),
                           file=sys.stderr, show_pos=True) as bar:
        return subjects_of_cases(app, refs, bar.update)


def _erased_text(rt: Runtime, result: dict[str, Any]) -> str:
    if not result["subjects"]:
        return rt.say("没有需要删除的个人信息", "nothing to erase")
    subjects = rt.say("、", ", ").join(result["subjects"])
    if result["erasure"] is None:
        return rt.say(f"已删除过：{subjects}（未重复记录）",
                      f"already erased: {subjects} (nothing recorded again)")
    return rt.say(f"{result['erasure']}：已删除 {subjects}，共销毁 {len(result['keys_destroyed'])} 个密钥",
                  f"{result['erasure']}: erased {subjects}; {len(result['keys_destroyed'])} "
                  "key(s) destroyed")
