"""`gongzhi store ...`: set up a shared PostgreSQL store with least-privilege roles."""

from __future__ import annotations

import click

from cli_commands.errors import GuardedGroup
from cli_commands.runtime import runtime


@click.group(cls=GuardedGroup)
def store() -> None:
    """Administer the store: roles and privileges on PostgreSQL (数据存储管理).

    \b
    Example:
      gongzhi --store postgresql://admin@db/gongzhi store grant --writer mediators --apply
    """


@store.command("grant")
@click.option("--writer", "writers", multiple=True, metavar="ROLE",
              help="A role that records cases: INSERT and SELECT on the events, nothing more.")
@click.option("--auditor", "auditors", multiple=True, metavar="ROLE",
              help="A role that only reads: SELECT on every table.")
@click.option("--apply", "apply_", is_flag=True,
              help="Run the statements (as the store's owner) instead of printing them.")
def grant(writers: tuple[str, ...], auditors: tuple[str, ...], apply_: bool) -> None:
    """Print (or with --apply run) the GRANT statements for writer and auditor roles.

    Run it as the role that owns the tables, after the first command created
    them. Writers get no UPDATE or DELETE on the events table, so they cannot
    rewrite history; the roles themselves are made by your DBA (CREATE ROLE).

    \b
    Example:
      gongzhi --store postgresql://admin@db/gongzhi store grant --writer mediators \\
          --auditor auditors --apply
    """
    rt = runtime()
    config = rt.config
    if config.kind != "postgres":
        raise click.UsageError(rt.say("角色与授权只适用于 PostgreSQL 数据存储（SQLite 请用文件权限）",
                                      "roles and grants apply to a PostgreSQL store only "
                                      "(protect a SQLite file with its permissions)"))
    if not writers and not auditors:
        raise click.UsageError(rt.say("请给出 --writer ROLE 或 --auditor ROLE",
                                      "give --writer ROLE or --auditor ROLE"))
    from adapters.pg_connect import connect
    from adapters.pg_grants import grant_statements, read_model_tables

    conn = connect(config)
    with conn:
        if conn.execute("SELECT to_regclass(%s)", (f'"{config.schema}".gongzhi_events',)
                        ).fetchone() == (None,):
            raise click.ClickException(rt.say(
                "该 schema 中还没有事件表：请先以所有者身份运行任一写命令（如 gongzhi demo）",
                "no events table in this schema yet: run any write as the owner first "
                "(e.g. gongzhi demo)"))
        tables = read_model_tables(conn, config.schema)
        statements = [s for role in writers
                      for s in grant_statements(config, role, writer=True, tables=tables)]
        statements += [s for role in auditors
                       for s in grant_statements(config, role, writer=False, tables=tables)]
        texts = [s.as_string(conn) + ";" for s in statements]
        if apply_:
            with conn.transaction():
                for statement in statements:
                    conn.execute(statement)
    rt.emit({"applied": apply_, "statements": texts},
            "\n".join(texts) + ("\n" + rt.say("已执行。", "Applied.") if apply_ else ""))
