"""What every command shares: the store setting, the actor, output language and format."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import click

from adapters.settings import StoreConfig, StoreSettingError


class Runtime:
    def __init__(self, store: str, actor: str | None, as_json: bool, lang: str,
                 read_store: str | None = None,
                 clock: Callable[[], datetime] | None = None,
                 command_id: str | None = None) -> None:
        from adapters.clock import utc_now

        # The one clock every command reads ("now", "today"); tests inject their own.
        self.clock = clock or utc_now
        self.command_id = command_id
        self.store = store
        self.read_store = read_store
        self.actor = (actor or "").strip() or None
        self.as_json = as_json
        self.lang = lang
        self._apps: dict[bool, Any] = {}
        self._created: str | None = None  # a SQLite store this command is creating
        self._checked: set[str] = set()  # SQLite files whose mode was checked
        self._folded_note = False
        from adapters import read_fallback

        read_fallback.notice = self._note_memory_fold

    @property
    def config(self) -> StoreConfig:
        try:
            return StoreConfig.parse(self.store)
        except StoreSettingError as error:
            raise self._bad_setting(error, "--store", self.store) from None

    @property
    def read_config(self) -> StoreConfig:
        """Where the read models live: --read-store, or the event store itself."""
        if not self.read_store:
            return self.config
        try:
            return StoreConfig.parse(self.read_store)
        except StoreSettingError as error:
            raise self._bad_setting(error, "--read-store", self.read_store) from None

    def _bad_setting(self, error: StoreSettingError, option: str, value: str) -> click.BadParameter:
        from cli_commands.store_messages import setting_message

        return click.BadParameter(setting_message(error, self.lang, value.strip()),
                                  param_hint=f"'{option}'")

    def app(self, *, read_only: bool = False) -> Any:
        """The application over the store (read-only where the back end allows it)."""
        if read_only not in self._apps:
            from adapters.app import Gongzhi

            config = self.config_for_reading() if read_only else self.config
            if config.kind == "sqlite" and not read_only:
                self._check_store_file(config.path)
            if not read_only:
                self._begin_command()
            self._apps[read_only] = Gongzhi(config, read_only=read_only, clock=self.clock)
            if not read_only and not self.read_store:
                # Read models beside the events: their empty tables exist from the start.
                from adapters.read_bootstrap import create_read_tables

                create_read_tables(self._apps[read_only])
        return self._apps[read_only]

    def config_for_reading(self) -> StoreConfig:
        """The store setting, for reading: a SQLite file must exist (and is warned about if
        others may read it)."""
        config = self.config
        if config.kind == "sqlite":
            _require_existing(config.path)
            self._check_store_file(config.path)
        return config

    def _note_memory_fold(self) -> None:
        from adapters.read_fallback import MEMORY_NOTE

        if not self._folded_note:
            self._folded_note = True
            click.echo(self.say(*MEMORY_NOTE), err=True)

    def require_actor(self) -> str:
        if not self.actor:
            raise click.UsageError(
                "谁在记录？请用 --actor 姓名 或设置 GONGZHI_ACTOR（写操作必须署名）"
                if self.lang == "zh"
                else "who is recording this? pass --actor NAME or set GONGZHI_ACTOR "
                "(every write is signed)"
            )
        from domain.values import line

        return line("actor", self.actor)  # one line of plain text: it is shown in histories

    def stamp(self, at: datetime | None) -> Any:
        actor = self.require_actor()  # before touching the store: a refused write creates nothing
        return self.app().stamp(actor, at)

    def today(self) -> date:
        from adapters.clock import local_tz

        return self.clock().astimezone(local_tz()).date()

    def emit(self, document: Any, text: str) -> None:
        """Print JSON (with --json) or the human text."""
        from cli_commands.safe_text import json_safe, terminal_safe

        if self.as_json:
            click.echo(json_safe(json.dumps(document, ensure_ascii=False, indent=2, default=str)))
        else:
            click.echo(terminal_safe(text))

    def say(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    def _begin_command(self) -> None:
        """Every write of this invocation carries its command id (lands once; see command_ids)."""
        import os
        import uuid

        from adapters import command_ids

        given = self.command_id or os.environ.get("GONGZHI_COMMAND_ID")
        try:
            command_id = command_ids.check_command_id(given) if given else uuid.uuid4().hex
        except ValueError:
            raise click.BadParameter(self.say(
                "命令编号须为 1–200 个可打印字符，且不含“:”",
                "a command id is 1 to 200 printable characters without ':'"),
                param_hint="'--command-id'") from None
        command_ids.begin(command_id)

    def _check_store_file(self, path: str) -> None:
        import os

        from adapters.private_files import readable_by_others

        if not os.path.exists(path):
            self._created = self._created or path
            return
        if path in self._checked:
            return
        self._checked.add(path)
        from adapters.sqlite_store import refuse_if_foreign

        refuse_if_foreign(path)  # before anything creates its tables in someone else's file
        mode = readable_by_others(path)
        if mode is not None:
            click.echo(self.say(
                f"警告：数据存储 {path} 其他用户可读（权限 {mode:o}），其中有当事人的个人信息；"
                f"请执行 chmod 600 {path}",
                f"warning: the store {path} is readable by other users (mode {mode:o}) and holds "
                f"personal data; run: chmod 600 {path}"), err=True)

    def close(self) -> None:
        from adapters import command_ids, read_fallback

        if read_fallback.notice == self._note_memory_fold:
            read_fallback.notice = None

        withheld = [app.keys for app in self._apps.values() if app.keys.withheld]
        for app in self._apps.values():
            app.close()
        if withheld:
            from cli_commands.erasure_presentation import withheld_note

            click.echo(withheld_note(withheld[0], self.lang), err=True)
        self._apps.clear()
        command_ids.end()
        if self._created:
            from adapters.sqlite_store import discard_if_empty

            path, self._created = self._created, None
            if not discard_if_empty(path):
                click.echo(self.say(f"已新建数据存储 {path}",
                                    f"created a new store at {path}"), err=True)


def _require_existing(path: str) -> None:
    import os

    from adapters.errors import no_store

    if not os.path.exists(path):
        raise no_store(path)


def runtime() -> Runtime:
    obj = click.get_current_context().find_root().obj
    assert isinstance(obj, Runtime)
    return obj
