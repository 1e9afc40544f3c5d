"""audit seal, verify, export: tamper evidence over the whole log."""

from __future__ import annotations

import re
import sys
from datetime import datetime
from typing import Any

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


KEY_HELP = "Sign the checkpoint with this private key (audit keygen). Env: GONGZHI_SIGNING_KEY."


@audit.command("seal")
@click.option("--key", "key_path", envvar="GONGZHI_SIGNING_KEY", type=click.Path(dir_okay=False),
              help=KEY_HELP)
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Also write the (signed) checkpoint to this file, for publishing.")
def seal_cmd(key_path: str | None, output: str | None) -> None:
    """Verify the log, record a seal and print a checkpoint of it (signed with --key).

    The checkpoint (C2SP tlog-checkpoint, as a signed note) names this store, the
    number of events and the log hash. Publish it, or give it to a witness
    (audit witness); `audit verify --checkpoint FILE --key PUB` later proves that
    nothing up to that point was changed, removed or replaced. Sealing only appends.

    \b
    Example:
      gongzhi --actor 审计员 audit seal --key ~/.gongzhi/district.key -o checkpoint-2026-11.txt
    """
    from adapters.checkpoint_audit import remember_verified, signed
    from adapters.checkpoints import Checkpoint
    from adapters.keys import load_signer
    from adapters.sealing import seal
    from adapters.verify_report import Report

    target = output_target(output)
    rt = runtime()
    signer = load_signer(key_path) if key_path else None
    stamp = rt.stamp(None)
    with log_reader() as reader:
        record = seal(rt.app(), reader, stamp)
    origin = rt.config.origin()
    note = signed(Checkpoint(origin, record.events, bytes.fromhex(record.log_hash)), signer)
    remember_verified(origin, Report([], events=record.events, log_hash=record.log_hash),
                      stamp.recorded_at, note.text())
    if target:
        with output_stream(target) as stream:
            stream.write(note.text())
    doc = {"seal": record.id, "head": record.head, "events": record.events,
           "log_hash": record.log_hash, "sealed_by": record.sealed_by,
           "sealed_at": stamp.recorded_at.isoformat(), "checkpoint": note.text(),
           "signed_by": [name for name, _, _ in note.signatures]}
    unsigned = "" if signer else rt.say("（未签名：用 --key 签名）\n", "(unsigned: sign it with --key)\n")
    rt.emit(doc, rt.say(
        f"封存 {record.id}：通知 1–{record.head}，共 {record.events} 个事件\n"
        f"日志哈希 {record.log_hash}\n请公布或抄录此检查点：\n",
        f"Seal {record.id}: notifications 1–{record.head}, {record.events} events\n"
        f"log hash {record.log_hash}\nPublish or write down this checkpoint:\n")
        + unsigned + note.text().rstrip("\n"))


@audit.command("verify")
@click.option("--against", help="A published seal hash (16-64 hex digits) the log must match.")
@click.option("--file", "path", type=click.Path(exists=True, dir_okay=False),
              help="Check an export (audit export) offline instead of the database.")
@click.option("--checkpoint", "checkpoint_path", type=click.Path(exists=True, dir_okay=False),
              help="A published checkpoint (audit seal) the log must reproduce.")
@click.option("--key", "keys", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Public key whose signature the checkpoint must carry (repeat for witnesses).")
def verify(against: str | None, path: str | None, checkpoint_path: str | None,
           keys: tuple[str, ...]) -> None:
    """Check every stream chain, the log chain, every seal, and the heads seen before.

    Names each broken link with the aggregate, version and what is wrong
    (changed data, deleted, inserted or reordered events, a retyped column).
    This machine remembers the last head it verified for each store (under
    $XDG_STATE_HOME/gongzhi): a store cut short, replaced by an older copy or
    rehashed after an edit no longer reproduces it. Exits 1 if anything is wrong.

    \b
    Example:
      gongzhi audit verify
      gongzhi audit verify --checkpoint checkpoint-2026-11.txt --key district.key.pub
      gongzhi audit verify --file archive-2026-10.jsonl
    """
    from adapters.checkpoint_audit import (
        VERIFIED,
        checked_note,
        published_head,
        remember_verified,
        remembered_head,
        retyped_problems,
    )
    from adapters.checkpoints import read_note
    from adapters.clock import utc_now
    from adapters.keys import load_verifier
    from adapters.sealing import SEAL_TOPIC, recorded_seals
    from adapters.verifier import verify_rows

    rt = runtime()
    prefix = _hash_prefix(against)
    if checkpoint_path and not keys:
        raise click.UsageError(rt.say("请用 --key 给出检查点签署者的公钥",
                                      "give the checkpoint signer's public key with --key"))
    origin = None if path else rt.config.origin()
    expected = []
    if checkpoint_path:
        note = read_note(checkpoint_path)
        checkpoint = checked_note(note, [load_verifier(k) for k in keys], origin)
        expected.append(published_head(checkpoint, checkpoint_path))
    if path:
        from adapters.audit_export import verify_export

        report = verify_export(path, prefix, SEAL_TOPIC, expected)
        if keys and not checkpoint_path:
            from adapters.checkpoint_audit import trailer_signature_problems

            report.problems.extend(trailer_signature_problems(
                report.trailer_checkpoint, [load_verifier(k) for k in keys]))
    else:
        assert origin is not None
        head = remembered_head(VERIFIED, origin)
        with log_reader() as reader:
            report = verify_rows(reader.rows(), recorded_seals(reader), prefix,
                                 [*expected, *([head] if head else [])])
            report.problems[:0] = retyped_problems(reader)
        if report.ok:
            remember_verified(origin, report, utc_now())
    rt.emit(report.as_dict(rt.lang), _report_text(report, prefix, rt))
    if not report.ok:
        sys.exit(1)


def _report_text(report: Any, prefix: str | None, rt: Any) -> str:
    from adapters.verify_report import KINDS

    lines = [rt.say(f"已检查 {report.events} 个事件、{report.streams} 个事件流、"
                    f"{len(report.seals_checked)} 个封存",
                    f"Checked {report.events} events in {report.streams} streams and "
                    f"{len(report.seals_checked)} seals")]
    if prefix and report.against_at is not None:
        lines.append(rt.say(f"至通知 {report.against_at} 的日志与所给哈希一致",
                            f"The log up to notification {report.against_at} matches the hash"))
    if report.ok:
        lines.append(rt.say("完整：未发现改动", "OK: nothing was altered"))
        return "\n".join(lines)
    names = {k: (zh if rt.lang == "zh" else en) for k, (en, zh) in KINDS.items()}
    rows = [[p.notification_id or "", names.get(p.kind, p.kind), p.aggregate or "",
             p.version or "", p.detail_zh if rt.lang == "zh" else p.detail_en]
            for p in report.problems]
    headers = (["通知", "问题", "对象", "版本", "说明"] if rt.lang == "zh"
               else ["Notification", "Problem", "Aggregate", "Version", "Detail"])
    lines += [rt.say(f"发现 {len(report.problems)} 处问题：",
                     f"FAILED: {len(report.problems)} problem(s):"),
              render_table(headers, rows, max_col=90)]
    return "\n".join(lines)


@audit.command("export")
@click.option("--since", help="Start after this notification id, or at this time "
              "(e.g. 2026-10-01).")
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Write to this file (created 0600; missing folders are made) instead of "
              "standard output.")
@click.option("--key", "key_path", envvar="GONGZHI_SIGNING_KEY", type=click.Path(dir_okay=False),
              help="Sign the trailer's checkpoint with this private key. Env: GONGZHI_SIGNING_KEY.")
def export_cmd(since: str | None, fmt: str, output: str | None, key_path: str | None) -> None:
    """Stream the log with its hashes as JSON lines, for archiving.

    The archive ends with a trailer (event count, last log hash, checkpoint) and
    can be checked later without the database:
    `gongzhi audit verify --file ARCHIVE.jsonl [--key PUB]`.

    \b
    Example:
      gongzhi audit export -o archive.jsonl
      gongzhi audit export --since 2026-10-01 -o october.jsonl
    """
    from adapters.audit_export import export_lines, start_after
    from adapters.keys import load_signer

    target = output_target(output)  # before anything is opened: a refusal touches nothing
    rt = runtime()
    signer = load_signer(key_path) if key_path else None
    start: int | datetime | None = None
    if since:
        start = int(since) if since.isascii() and since.isdigit() else MOMENT.convert(
            since, None, None)
    # The reader first, and an atomic file: a failing export never clobbers an old archive.
    with log_reader() as reader, output_stream(target) as stream:
        after = start_after(reader, start)
        for line in export_lines(reader, after, rt.config.describe(), rt.clock(),
                                 rt.config.origin(), signer):
            stream.write(line + "\n")
from cli_commands import audit_keys  # noqa: E402,F401  (registers keygen, witness)
