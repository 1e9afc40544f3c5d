"""audit keygen and audit witness: signing keys, and a second office that cosigns checkpoints."""

from __future__ import annotations

import click

from cli_commands.audit_group import audit, log_reader
from cli_commands.output_file import output_stream, output_target
from cli_commands.runtime import runtime


@audit.command("keygen")
@click.option("--name", required=True, help="Who signs: the office, e.g. shuangta-jiedao "
              "(no spaces or '+').")
@click.option("--output", "-o", "path", required=True, type=click.Path(dir_okay=False),
              help="Private key file (0600); the public key goes to FILE.pub.")
def keygen(name: str, path: str) -> None:
    """Make an Ed25519 key pair for signing checkpoints (kept outside the database).

    Keep the private key where writers of the store cannot read it; publish the
    .pub file so that anyone can check your checkpoints.

    \b
    Example:
      gongzhi audit keygen --name shuangta-jiedao -o ~/.gongzhi/district.key
    """
    from adapters.keys import generate, write_key_pair

    rt = runtime()
    signer = generate(name)
    public_path = write_key_pair(path, signer)
    rt.emit({"name": name, "private_key": path, "public_key": public_path,
             "verifier_key": signer.verifier.text()},
            rt.say(f"私钥 {path}（仅本人可读，勿外传）\n公钥 {public_path}：{signer.verifier.text()}",
                   f"private key {path} (owner-only; never share it)\n"
                   f"public key {public_path}: {signer.verifier.text()}"))


@audit.command("witness")
@click.argument("checkpoint_path", metavar="CHECKPOINT", type=click.Path(exists=True,
                dir_okay=False))
@click.option("--key", "key_path", required=True, type=click.Path(exists=True, dir_okay=False),
              help="The witness's own private key (audit keygen).")
@click.option("--log-key", "log_keys", multiple=True, required=True,
              type=click.Path(exists=True, dir_okay=False),
              help="Public key of the log's signer; the checkpoint must carry its signature.")
@click.option("--file", "export_path", type=click.Path(exists=True, dir_okay=False),
              help="The log as an export (audit export) instead of reading --store.")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Write the cosigned checkpoint here instead of standard output.")
def witness(checkpoint_path: str, key_path: str, log_keys: tuple[str, ...],
            export_path: str | None, output: str | None) -> None:
    """Cosign a checkpoint after checking that it extends the last one this witness saw.

    The log (the store, or an export of it given with --file) must reproduce
    both the checkpoint and the last one witnessed for the same log; a checkpoint
    with fewer events, or another history, is refused. The witness remembers
    what it cosigned under $XDG_STATE_HOME/gongzhi.

    \b
    Example:
      gongzhi audit witness checkpoint.txt --key witness.key --log-key district.key.pub \
          --file archive.jsonl -o checkpoint.cosigned.txt
    """
    from adapters.checkpoint_audit import WITNESSED, checked_note, published_head, remembered_head
    from adapters.checkpoints import BadCheckpoint, read_note
    from adapters.clock import utc_now
    from adapters.keys import load_signer, load_verifier
    from adapters.sealing import SEAL_TOPIC, recorded_seals
    from adapters.verifier import verify_rows
    from adapters.verify_state import Remembered, remember

    target = output_target(output)
    rt = runtime()
    signer = load_signer(key_path)
    note = read_note(checkpoint_path)
    checkpoint = checked_note(note, [load_verifier(k) for k in log_keys], None)
    last = remembered_head(WITNESSED, checkpoint.origin)
    if last is not None and checkpoint.size < last.size:
        raise BadCheckpoint(
            f"拒绝：该检查点只有 {checkpoint.size} 个事件，而本见证方已为同一日志副署过 "
            f"{last.size} 个：这会使日志回退",
            f"refused: this checkpoint has {checkpoint.size} events, but this witness already "
            f"cosigned {last.size} for the same log: it would roll the log back")
    heads = [published_head(checkpoint, checkpoint_path), *([last] if last else [])]
    if export_path:
        from adapters.audit_export import verify_export

        report = verify_export(export_path, None, SEAL_TOPIC, heads)
    else:
        if checkpoint.origin != rt.config.origin():
            raise BadCheckpoint(
                f"该检查点属于“{checkpoint.origin}”而非 --store 的“{rt.config.origin()}”；"
                "请用 --file 给出该日志",
                f"the checkpoint is for '{checkpoint.origin}', not for --store "
                f"'{rt.config.origin()}'; give the log with --file")
        with log_reader() as reader:
            report = verify_rows(reader.rows(), recorded_seals(reader), None, heads)
    if not report.ok:
        first = report.problems[0]
        raise BadCheckpoint(
            f"拒绝：日志与该检查点不符（{len(report.problems)} 处问题；首处：{first.detail_zh}）",
            f"refused: the log does not support this checkpoint ({len(report.problems)} "
            f"problem(s); first: {first.detail_en})")
    cosigned = note.add_signature(signer)
    remember(WITNESSED, Remembered(checkpoint.origin, checkpoint.size,
                                   checkpoint.log_hash.hex(), utc_now().isoformat(),
                                   cosigned.text()))
    if target:
        with output_stream(target) as stream:
            stream.write(cosigned.text())
    rt.emit({"origin": checkpoint.origin, "events": checkpoint.size,
             "signed_by": [name for name, _, _ in cosigned.signatures],
             "checkpoint": cosigned.text()},
            cosigned.text().rstrip("\n") if not target else rt.say(
                f"已副署：{checkpoint.origin}，{checkpoint.size} 个事件 → {output}",
                f"cosigned: {checkpoint.origin}, {checkpoint.size} events → {output}"))


@audit.command("forget")
def forget_cmd() -> None:
    """Forget the head this machine last verified for the store (after a confirmed restore).

    A store restored from a backup is older than what was verified: `audit verify`
    says so, as it should. Once the restore is confirmed, forget the old head;
    the next verify remembers the restored one.

    \b
    Example:
      gongzhi audit forget && gongzhi audit verify
    """
    from adapters.checkpoint_audit import VERIFIED
    from adapters.verify_state import forget

    rt = runtime()
    origin = rt.config.origin()
    found = forget(VERIFIED, origin)
    doc = {"origin": origin, "forgotten": None if found is None else
           {"events": found.size, "log_hash": found.log_hash, "verified_at": found.at}}
    rt.emit(doc, rt.say(f"已忘记 {found.at} 核验的 {found.size} 个事件的日志头" if found else
                        "本机未记住该数据存储的任何日志头",
                        f"forgot the head of {found.size} events verified at {found.at}"
                        if found else "nothing was remembered for this store"))
