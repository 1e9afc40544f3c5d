"""Where the data lives: one setting (`--store` or GONGZHI_STORE) picks the back end.

* a file path, or `sqlite:///relative.db` / `sqlite:////abs/path.db`: the embedded
  SQLite store (default `./gongzhi.db`, created on first use);
* `postgresql://user[:password]@host[:port]/db[?schema=name&sslmode=...]`: a shared
  PostgreSQL server; events and read models go to the schema (default `public`).
  Other query parameters are libpq's (sslmode, connect_timeout, application_name,
  ...) and are passed to every connection; an unknown one is refused, because a
  silently dropped `sslmode=require` would send personal data in the clear.
"""

from __future__ import annotations

import os
import re
from typing import Any

import attrs

DEFAULT_STORE = "gongzhi.db"
DEFAULT_CONNECT_TIMEOUT = 5
# libpq connection parameters that may follow '?' (host, port, user, dbname and
# password belong in the URL itself).
LIBPQ_PARAMS = frozenset([
    "passfile", "require_auth", "channel_binding", "connect_timeout", "client_encoding", "options",
    "application_name", "fallback_application_name", "keepalives", "keepalives_idle",
    "keepalives_interval", "keepalives_count", "tcp_user_timeout", "gssencmode", "sslmode",
    "requiressl", "sslcompression", "sslcert", "sslkey", "sslpassword", "sslcertmode",
    "sslrootcert", "sslcrl", "sslcrldir", "sslsni", "requirepeer", "ssl_min_protocol_version",
    "ssl_max_protocol_version", "krbsrvname", "gsslib", "gssdelegation", "service",
    "target_session_attrs", "load_balance_hosts", "hostaddr",
])


class StoreSettingError(ValueError):
    """The store setting cannot be understood (English text; `zh` for the Chinese)."""

    def __init__(self, en: str, zh: str = "") -> None:
        super().__init__(en)
        self.zh = zh or en

    def message(self, lang: str) -> str:
        return self.zh if lang == "zh" else str(self)


@attrs.frozen
class StoreConfig:
    kind: str  # "sqlite" or "postgres"
    path: str = ""  # sqlite file
    host: str = ""
    port: int = 5432
    user: str = ""
    password: str = ""
    dbname: str = ""
    schema: str = "public"
    params: tuple[tuple[str, str], ...] = ()  # libpq parameters from the URL's query

    @property
    def connect_timeout(self) -> int:
        return int(dict(self.params).get("connect_timeout") or DEFAULT_CONNECT_TIMEOUT)

    def libpq_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for psycopg.connect beyond host, port, user, dbname, password."""
        return {"connect_timeout": str(self.connect_timeout), **dict(self.params)}

    @classmethod
    def parse(cls, value: str | None) -> StoreConfig:
        value = (value or "").strip() or DEFAULT_STORE
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8: SQLite's URIs cannot name them
            raise StoreSettingError(
                f"the store setting {value!r} is not valid UTF-8 text",
                f"数据存储设置 {value!r} 不是有效的 UTF-8 文本") from None
        if value.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
            return cls._postgres(value)
        if value.startswith("sqlite://"):
            path = value[len("sqlite:///"):] if value.startswith("sqlite:///") else ""
            if not path or path == ":memory:":
                raise StoreSettingError(
                    f"'{value}' names no file; use sqlite:///cases.db or a plain path",
                    f"“{value}”没有指明文件；请用 sqlite:///cases.db 或普通路径")
            value = path
        if "://" in value:
            raise StoreSettingError(
                f"unsupported store '{value}': use a file path, sqlite:///FILE or postgresql://...",
                f"不支持的数据存储“{value}”：请用文件路径、sqlite:///FILE 或 postgresql://...")
        # os.path rather than pathlib: every command parses this, and imports cost time.
        return cls(kind="sqlite", path=os.path.abspath(os.path.expanduser(value)))

    @classmethod
    def _postgres(cls, value: str) -> StoreConfig:
        from urllib.parse import parse_qs, unquote, urlsplit

        url = urlsplit(value)
        dbname = unquote(url.path.lstrip("/"))
        if not url.hostname or not dbname:
            raise StoreSettingError(
                f"'{value}' needs a host and a database: postgresql://user@host:5432/dbname",
                f"“{value}”需要主机和数据库：postgresql://user@host:5432/dbname")
        query = parse_qs(url.query, keep_blank_values=True)
        schema = query.pop("schema", ["public"])[-1]
        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,57}", schema):
            # Written into SQL as an identifier; PostgreSQL cuts names at 63 bytes, and the
            # key schema adds "_keys": a longer name would put the keys beside the events.
            raise StoreSettingError(
                f"the schema '{schema}' in '{value}' is not a plain name: 1 to 58 lower-case "
                "letters, digits or _ (not starting with a digit), e.g. shuangta",
                f"“{value}”中的模式名“{schema}”不可用：应为 1 到 58 个小写字母、数字或 _（不以数字开头），"
                "例如 shuangta")
        unknown = sorted(set(query) - LIBPQ_PARAMS)
        if unknown:
            raise StoreSettingError(
                f"unknown connection parameter(s) {', '.join(unknown)} in '{value}'; known: "
                "schema and libpq's (sslmode, connect_timeout, application_name, ...)",
                f"“{value}”中有未知的连接参数 {', '.join(unknown)}；可用：schema 及 libpq 的参数"
                "（sslmode、connect_timeout、application_name 等）")
        params = tuple((name, values[-1]) for name, values in sorted(query.items()))
        timeout = dict(params).get("connect_timeout", str(DEFAULT_CONNECT_TIMEOUT))
        if not timeout.isdigit():
            raise StoreSettingError(f"connect_timeout must be a whole number of seconds, got "
                                    f"'{timeout}'",
                                    f"connect_timeout 应为整数秒，实际为“{timeout}”")
        try:
            port = url.port or 5432
        except ValueError:
            raise StoreSettingError(
                f"the port in '{value}' is not a number from 1 to 65535",
                f"“{value}”中的端口不是 1 到 65535 之间的数字") from None
        return cls(
            kind="postgres",
            host=url.hostname,
            port=port,
            user=unquote(url.username or os.environ.get("PGUSER", "postgres")),
            password=unquote(url.password or os.environ.get("PGPASSWORD", "")),
            dbname=dbname,
            schema=schema,
            params=params,
        )

    def describe(self) -> str:
        if self.kind == "sqlite":
            return self.path
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.dbname}?schema={self.schema}"

    def origin(self) -> str:
        """The log's name in checkpoints: the same whoever connects (no user, no options)."""
        if self.kind == "sqlite":
            return f"gongzhi sqlite {self.path}"
        return f"gongzhi postgresql {self.host}:{self.port}/{self.dbname}/{self.schema}"

    def eventsourcing_env(self, *, read_only: bool = False) -> dict[str, str]:
        """Settings for eventsourcing's infrastructure factory (our subclasses of it)."""
        from urllib.parse import urlencode

        env = {"ORIGINATOR_ID_TYPE": "text"}
        if self.kind == "sqlite":
            db_name = sqlite_read_only_uri(self.path) if read_only else self.path
            env.update(
                PERSISTENCE_MODULE="adapters.sqlite_store:GongzhiSQLiteFactory",
                SQLITE_DBNAME=db_name,
                SQLITE_LOCK_TIMEOUT="30",
                CREATE_TABLE="no" if read_only else "yes",
            )
            return env
        env.update(
            PERSISTENCE_MODULE="adapters.postgres_store:GongzhiPostgresFactory",
            POSTGRES_DBNAME=self.dbname,
            POSTGRES_HOST=self.host,
            POSTGRES_PORT=str(self.port),
            POSTGRES_USER=self.user,
            POSTGRES_PASSWORD=self.password,
            POSTGRES_SCHEMA=self.schema,
            POSTGRES_POOL_SIZE="1",
            POSTGRES_MAX_OVERFLOW="4",
            POSTGRES_CONNECT_TIMEOUT=str(self.connect_timeout),
            GONGZHI_LIBPQ_PARAMS=urlencode(self.params),
            POSTGRES_LOCK_TIMEOUT="30",
            CREATE_TABLE="no" if read_only else "yes",
        )
        return env


def sqlite_read_only_uri(path: str) -> str:
    """A `mode=ro` URI for a file; the path is quoted so '#', '?' or '%' in it stay the path.

    In a folder we may not write, SQLite cannot make the -shm file a WAL store
    needs even for reading; if there is no -wal either, nobody can be writing
    (a writer would have to create it there), so the file is opened immutable.
    """
    from urllib.parse import quote

    uri = f"file:{quote(path)}?mode=ro"
    return uri + "&immutable=1" if _unwritable_wal_free(path) else uri


def _unwritable_wal_free(path: str) -> bool:
    if os.access(os.path.dirname(path) or ".", os.W_OK) or os.path.exists(path + "-shm"):
        return False
    wal = path + "-wal"
    return not os.path.exists(wal) or os.path.getsize(wal) == 0
