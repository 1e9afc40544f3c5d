"""audit seal, verify, export: tamper evidence over the whole log."""

from __future__ import annotations

import re
import sys
from datetime import datetime

import click

from cli_commands.audit_group import audit, log_reader
from cli_commands.output_file import output_stream, output_target
from cli_commands.parsing import MOMENT
from cli_commands.runtime import runtime
from cli_commands.text_table import render_table


def _hash_prefix(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().lower()
    if not re.fullmatch(r"[0-9a-f]{16,64}", value):
        raise click.BadParameter("expected the seal's hash: 16 to 64 hex digits",
                                 param_hint="'--against'")
    return value


@audit.command("seal")
def seal_cmd() -> None:
    """Verify the log and record a seal: the hash over every event up to the head.

    Publish or write down the printed hash; `audit verify --against HASH` later
    proves that nothing up to that point was changed. Sealing only appends.

    \b
    Example:
      gongzhi --actor 审计员 audit seal
    """
    from adapters.sealing import seal

    rt = runtime()
    stamp = rt.stamp(None)
    with log_reader() as reader:
        record = seal(rt.app(), reader, stamp)
    doc = {"seal": record.id, "head": record.head, "events": record.events,
           "log_hash": record.log_hash, "sealed_by": record.sealed_by,
           "sealed_at": stamp.recorded_at.isoformat()}
    rt.emit(doc, rt.say(
        f"封存 {record.id}：通知 1–{record.head}，共 {record.events} 个事件\n"
        f"日志哈希 {record.log_hash}\n请公布或抄录此哈希。",
        f"Seal {record.id}: notifications 1–{record.head}, {record.events} events\n"
        f"log hash {record.log_hash}\nPublish or write down this hash."))


@audit.command("verify")
@click.option("--against", help="A published seal hash (16-64 hex digits) the log must match.")
@click.option("--file", "path", type=click.Path(exists=True, dir_okay=False),
              help="Check an export (audit export) offline instead of the database.")
def verify(against: str | None, path: str | None) -> None:
    """Check every stream chain, the log chain and every recorded seal.

    Names each broken link with the aggregate, version and what is wrong
    (changed data, deleted, inserted or reordered events). Exits 1 if anything
    is wrong.

    \b
    Example:
      gongzhi audit verify
      gongzhi audit verify --against 3f9a0c…   # a hash published at sealing time
      gongzhi audit verify --file archive-2026-10.jsonl
    """
    from adapters.sealing import SEAL_TOPIC, recorded_seals
    from adapters.verifier import verify_rows
    from adapters.verify_report import KINDS

    rt = runtime()
    prefix = _hash_prefix(against)
    if path:
        from adapters.audit_export import verify_export

        report = verify_export(path, prefix, SEAL_TOPIC)
    else:
        with log_reader() as reader:
            report = verify_rows(reader.rows(), recorded_seals(reader), prefix)
    doc = report.as_dict(rt.lang)
    lines = [rt.say(f"已检查 {report.events} 个事件、{report.streams} 个事件流、"
                    f"{len(report.seals_checked)} 个封存",
                    f"Checked {report.events} events in {report.streams} streams and "
                    f"{len(report.seals_checked)} seals")]
    if prefix and report.against_at is not None:
        lines.append(rt.say(f"至通知 {report.against_at} 的日志与所给哈希一致",
                            f"The log up to notification {report.against_at} matches the hash"))
    if report.ok:
        lines.append(rt.say("完整：未发现改动", "OK: nothing was altered"))
    else:
        names = {k: (zh if rt.lang == "zh" else en) for k, (en, zh) in KINDS.items()}
        rows = [[p.notification_id or "", names.get(p.kind, p.kind), p.aggregate or "",
                 p.version or "", p.detail_zh if rt.lang == "zh" else p.detail_en]
                for p in report.problems]
        headers = (["通知", "问题", "对象", "版本", "说明"] if rt.lang == "zh"
                   else ["Notification", "Problem", "Aggregate", "Version", "Detail"])
        lines += [rt.say(f"发现 {len(report.problems)} 处问题：",
                         f"FAILED: {len(report.problems)} problem(s):"),
                  render_table(headers, rows, max_col=90)]
    rt.emit(doc, "\n".join(lines))
    if not report.ok:
        sys.exit(1)


@audit.command("export")
@click.option("--since", help="Start after this notification id, or at this time "
              "(e.g. 2026-10-01).")
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Write to this file (created 0600; missing folders are made) instead of "
              "standard output.")
def export_cmd(since: str | None, fmt: str, output: str | None) -> None:
    """Stream the log with its hashes as JSON lines, for archiving.

    The archive can be checked later without the database:
    `gongzhi audit verify --file ARCHIVE.jsonl`.

    \b
    Example:
      gongzhi audit export -o archive.jsonl
      gongzhi audit export --since 2026-10-01 -o october.jsonl
    """
    from adapters.audit_export import export_lines, start_after
    from adapters.clock import utc_now

    target = output_target(output)  # before anything is opened: a refusal touches nothing
    rt = runtime()
    start: int | datetime | None = None
    if since:
        start = int(since) if since.isdigit() else MOMENT.convert(since, None, None)
    # The reader first, and an atomic file: a failing export never clobbers an old archive.
    with log_reader() as reader, output_stream(target) as stream:
        after = start_after(reader, start)
        for line in export_lines(reader, after, rt.config.describe(), utc_now()):
            stream.write(line + "\n")
