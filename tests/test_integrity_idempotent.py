"""Idempotent writes (issue 13, hole 2): a command id lands once, even when the ack is lost.

The PostgreSQL test puts a TCP proxy on 127.0.0.1 between the application and the
server that, when armed, lets the client's COMMIT reach the server and then cuts
the connection before the reply: the server committed, the client saw an error.
The recorder's retry must find its own command and report it done, not write again.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from adapters import command_ids
from adapters.app import Gongzhi
from adapters.settings import StoreConfig
from cli import cli
from tests.conftest import PG_SKIP_REASON, StepClock, open_restaurant_case
from tests.test_integrity_exports import OPEN


def run(store: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--store", str(store), "--actor", "李调解员", "--lang", "en",
                                    *args])


def test_the_same_command_id_lands_once(tmp_path: Path) -> None:
    store = tmp_path / "g.db"
    assert run(store, "--command-id", "intake-7", *OPEN).exit_code == 0
    again = run(store, "--command-id", "intake-7", *OPEN)
    assert again.exit_code == 1
    assert "already recorded" in again.output
    note = ["case", "note", "2026-1", "已电话联系"]
    assert run(store, "--command-id", "note-1", *note).exit_code == 0
    assert run(store, "--command-id", "note-1", *note).exit_code == 1
    assert run(store, *note).exit_code == 0  # without an id: a fresh one each time
    history = run(store, "--json", "case", "history", "2026-1")
    assert [e["type"] for e in json.loads(history.stdout)] == [
        "Opened", "NoteAdded", "NoteAdded"]
    assert len(json.loads(run(store, "--json", "case", "list").stdout)) == 1


def test_a_malformed_command_id_is_bad_input(tmp_path: Path) -> None:
    result = run(tmp_path / "g.db", "--command-id", "a:b", *OPEN)
    assert result.exit_code == 2
    assert not (tmp_path / "g.db").exists()


def test_several_saves_of_one_invocation_each_land(tmp_path: Path) -> None:
    result = run(tmp_path / "g.db", "--command-id", "demo-1", "demo")
    assert result.exit_code == 0, result.output


# -- the lost acknowledgement on PostgreSQL ---------------------------------------------------


class CutAfterCommit:
    """A proxy to the server that, when armed, drops a connection just after its COMMIT."""

    def __init__(self, host: str, port: int) -> None:
        self.upstream = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.armed = 0
        self.cuts = 0
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            held = threading.Event()
            threading.Thread(target=self._to_server, args=(client, server, held),
                             daemon=True).start()
            threading.Thread(target=self._to_client, args=(server, client, held),
                             daemon=True).start()

    def _to_server(self, client: socket.socket, server: socket.socket,
                   held: threading.Event) -> None:
        try:
            while data := client.recv(65536):
                cut = False
                with self.lock:
                    if self.armed and b"Q" in data and b"COMMIT\x00" in data:
                        self.armed -= 1
                        cut = True
                if cut:
                    held.set()  # the server's reply to COMMIT is never forwarded
                    server.sendall(data)
                    threading.Event().wait(0.3)  # let the server commit
                    self.cuts += 1
                    break
                server.sendall(data)
        except OSError:
            pass
        for s in (client, server):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def _to_client(self, server: socket.socket, client: socket.socket,
                   held: threading.Event) -> None:
        try:
            while data := server.recv(65536):
                if held.is_set():
                    continue
                client.sendall(data)
        except OSError:
            pass

    def close(self) -> None:
        self.listener.close()


@pytest.fixture
def proxy(pg_config: StoreConfig) -> Iterator[CutAfterCommit]:
    if PG_SKIP_REASON:
        pytest.skip(PG_SKIP_REASON)
    cutter = CutAfterCommit(pg_config.host, pg_config.port)
    yield cutter
    cutter.close()


def _count(config: StoreConfig, topic_suffix: str) -> int:
    import psycopg

    with psycopg.connect(host=config.host, port=config.port, user=config.user,
                         dbname=config.dbname) as conn:
        row = conn.execute(f'SELECT count(*) FROM "{config.schema}".gongzhi_events '
                           "WHERE topic LIKE %s", (f"%{topic_suffix}",)).fetchone()
        return int(row[0]) if row else 0


@pytest.mark.postgres
def test_a_lost_acknowledgement_records_each_command_once(pg_config: StoreConfig,
                                                          proxy: CutAfterCommit) -> None:
    import attrs

    through = attrs.evolve(pg_config, host="127.0.0.1", port=proxy.port)
    command_ids.begin("proxy-test")
    app = Gongzhi(through, clock=StepClock())
    try:
        proxy.armed = 1
        case: Any = open_restaurant_case(app)
        for n in range(3):
            proxy.armed = 1
            app.change(case.id, lambda c, n=n: c.add_note(f"第{n}次回访", app.stamp("李")))
    finally:
        app.close()
        command_ids.end()  # leave no command id to later tests in this thread
    assert proxy.cuts == 4
    assert _count(pg_config, "Opened") == 1
    assert _count(pg_config, "NoteAdded") == 3
