"""Where the data lives: one setting (`--store` or GONGZHI_STORE) picks the back end.

* a file path, or `sqlite:///relative.db` / `sqlite:////abs/path.db`: the embedded
  SQLite store (default `./gongzhi.db`, created on first use);
* `postgresql://user[:password]@host[:port]/db[?schema=name]`: a shared PostgreSQL
  server; events and read models go to the schema (default `public`).
"""

from __future__ import annotations

import os

import attrs

DEFAULT_STORE = "gongzhi.db"


class StoreSettingError(ValueError):
    """The store setting cannot be understood."""


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

    @classmethod
    def parse(cls, value: str | None) -> StoreConfig:
        value = (value or "").strip() or DEFAULT_STORE
        if value.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
            return cls._postgres(value)
        if value.startswith("sqlite://"):
            path = value[len("sqlite:///"):] if value.startswith("sqlite:///") else ""
            if not path or path == ":memory:":
                raise StoreSettingError(
                    f"'{value}' names no file; use sqlite:///cases.db or a plain path"
                )
            value = path
        if "://" in value:
            raise StoreSettingError(
                f"unsupported store '{value}': use a file path, sqlite:///FILE or postgresql://..."
            )
        # os.path rather than pathlib: every command parses this, and imports cost time.
        return cls(kind="sqlite", path=os.path.abspath(os.path.expanduser(value)))

    @classmethod
    def _postgres(cls, value: str) -> StoreConfig:
        from urllib.parse import parse_qs, unquote, urlsplit

        url = urlsplit(value)
        dbname = unquote(url.path.lstrip("/"))
        if not url.hostname or not dbname:
            raise StoreSettingError(
                f"'{value}' needs a host and a database: postgresql://user@host:5432/dbname"
            )
        schema = parse_qs(url.query).get("schema", ["public"])[0]
        return cls(
            kind="postgres",
            host=url.hostname,
            port=url.port or 5432,
            user=unquote(url.username or os.environ.get("PGUSER", "postgres")),
            password=unquote(url.password or os.environ.get("PGPASSWORD", "")),
            dbname=dbname,
            schema=schema,
        )

    def describe(self) -> str:
        if self.kind == "sqlite":
            return self.path
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.dbname}?schema={self.schema}"

    def eventsourcing_env(self, *, read_only: bool = False) -> dict[str, str]:
        """Settings for eventsourcing's infrastructure factory (our subclasses of it)."""
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
            POSTGRES_CONNECT_TIMEOUT="5",
            POSTGRES_LOCK_TIMEOUT="30",
            CREATE_TABLE="no" if read_only else "yes",
        )
        return env


def sqlite_read_only_uri(path: str) -> str:
    """A `mode=ro` URI for a file; the path is quoted so '#', '?' or '%' in it stay the path."""
    from urllib.parse import quote

    return f"file:{quote(path)}?mode=ro"
