"""`gongzhi`: the command-line front end (a thin wrapper over adapters.app).

Command groups live in `cli_commands/` and are imported only when used, so a
write such as `gongzhi case note` does not pay for SQLAlchemy or psycopg.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from cli_commands.help_lang import LocalizedHelp, with_language

# group name -> "module:attribute". These serve every kind; each aggregate kind's
# own group (case, ...) comes from its registration (domain.registry).
GROUPS = {
    "projections": "cli_commands.projections_cmds:projections",
    "report": "cli_commands.report_cmds:report",
    "export": "cli_commands.export_cmd:export",
    "audit": "cli_commands.audit_group:audit",
    "demo": "cli_commands.demo_cmd:demo",
    "store": "cli_commands.store_cmds:store",
}


def command_targets() -> dict[str, str]:
    from domain.registry import kinds

    kind_groups = {k.command: k.cli_group for k in kinds() if k.command and k.cli_group}
    return {**GROUPS, **kind_groups}


class LazyGroup(LocalizedHelp, click.Group):
    """A group whose subcommands are imported on first use (click's documented pattern).

    Its help, and every subcommand's, is in the run's language (cli_commands.help_lang).
    """

    def main(self, args: Any = None, prog_name: str | None = None,  # type: ignore[override]
             **extra: Any) -> Any:
        # The run's language is known before parsing, for --help and click's own errors.
        argv = list(sys.argv[1:] if args is None else args)
        return with_language(super().main, argv, set(command_targets()), prog_name=prog_name,
                             **extra)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(command_targets())

    def invoke(self, ctx: click.Context) -> Any:
        # Refusals by the domain, the application or the store become clean
        # click errors with the right exit code (2: fix your input, 1: refused).
        from cli_commands.errors import translate_errors

        with translate_errors(ctx):
            return super().invoke(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = command_targets().get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    envvar="GONGZHI_STORE",
    default="gongzhi.db",
    show_default=True,
    metavar="PATH|URL",
    help="Event store: a SQLite file path (or sqlite:///FILE), or "
    "postgresql://user@host:5432/db[?schema=NAME]. Env: GONGZHI_STORE.",
)
@click.option(
    "--read-store",
    envvar="GONGZHI_READ_STORE",
    metavar="PATH|URL",
    help="Where the read models (SQL tables for reporting) live, if not beside the events. "
    "Env: GONGZHI_READ_STORE.",
)
@click.option(
    "--actor",
    envvar="GONGZHI_ACTOR",
    metavar="NAME",
    help="Who is recording (required for every write). Env: GONGZHI_ACTOR.",
)
@click.option("--command-id", envvar="GONGZHI_COMMAND_ID", metavar="ID",
              help="Identify this write so that running it again records nothing twice "
              "(for scripts that retry). Env: GONGZHI_COMMAND_ID.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON output.")
@click.option(
    "--lang",
    envvar="GONGZHI_LANG",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of labels and messages. Env: GONGZHI_LANG.",
)
@click.version_option("0.1.0", prog_name="gongzhi")
@click.pass_context
def cli(
    ctx: click.Context, store: str, read_store: str | None, actor: str | None,
    command_id: str | None, as_json: bool, lang: str,
) -> None:
    """Gongzhi (共治): record neighbourhood dispute mediation as immutable events.

    Every step of a case (intake, statements, proposals, referrals to
    departments, spot checks, commitments, agreement, closure) is an event;
    the case's state is derived from them, and the log is hash-chained.

    Times are local to GONGZHI_TZ (default Asia/Shanghai) and JSON writes them
    with their offset; --at takes 2026-10-08 21:30, yesterday 09:00 or -2h.

    \b
    Example:
      export GONGZHI_ACTOR=李调解员
      gongzhi demo                          # play a real case end to end
      gongzhi case open --channel 12345 --category 噪音 --community 双塔社区 \\
          --grid 3号网格 --building 5栋 --complainant 张女士 \\
          --respondent 商户:老王饭店:王建国 --summary "夜间噪音"
      gongzhi case note C2026-000001 "已电话联系投诉人"
      gongzhi case list --status open
    """
    from cli_commands.runtime import Runtime

    # A caller may pass settings the command line has no option for (click's `obj`):
    # {"clock": callable} gives every command the same "now" (tests, reproducible runs).
    given = ctx.obj if isinstance(ctx.obj, dict) else {}
    ctx.obj = Runtime(store=store, actor=actor, as_json=as_json, lang=lang, read_store=read_store,
                      clock=given.get("clock"), command_id=command_id)
    ctx.call_on_close(ctx.obj.close)


def main(argv: list[str] | None = None) -> Any:
    """Console entry point: no Python traceback ever reaches the user."""
    try:
        return cli.main(args=argv, prog_name="gongzhi", standalone_mode=True)
    except Exception as error:  # pragma: no cover - last line of defence
        if os.environ.get("GONGZHI_DEBUG"):
            raise
        from cli_commands.help_lang import language_of

        zh = language_of(list(sys.argv[1:] if argv is None else argv), set(GROUPS)) == "zh"
        click.echo(
            f"错误：内部错误（{type(error).__name__}: {error}）。未记录任何内容。"
            "设置 GONGZHI_DEBUG=1 可查看调用栈。" if zh else
            f"Error: internal error ({type(error).__name__}: {error}). "
            "Nothing partial was recorded. Set GONGZHI_DEBUG=1 to see the traceback.",
            err=True,
        )
        sys.exit(70)


if __name__ == "__main__":
    main()
