"""What to fix when the store setting or the database fails, in the user's language.

Driver messages ("(sqlite3.OperationalError) unable to open database file") say
what went wrong to a programmer; these say which setting to check and how. The
setting blamed is the one that was used: the read models' failures come through
SQLAlchemy (only they use it), so they blame --read-store when it is given.
"""

from __future__ import annotations

import re

from domain.text import Bilingual

# (pattern in the driver's message, what to tell the user); {option} {value} {detail} filled in.
DRIVER_HINTS: list[tuple[str, Bilingual]] = [
    (r"unable to open database file|no such file or directory", Bilingual(
        "无法打开数据库文件 {value}：所在文件夹不存在或没有写权限（请检查 {option}）",
        "cannot open the database file {value}: its folder does not exist or is not writable "
        "(check {option})")),
    (r"readonly database|read-only", Bilingual(
        "数据库 {value} 是只读的，无法写入（请检查文件权限或 {option}）",
        "the database {value} is read-only (check the file's permissions or {option})")),
    (r"file is not a database|not a database", Bilingual(
        "{value} 不是数据库文件（请检查 {option} 是否指向 Gongzhi 的数据存储）",
        "{value} is not a database file (check that {option} names a Gongzhi store)")),
    (r"database is locked", Bilingual(
        "数据库 {value} 正被其他程序占用，请稍后重试",
        "the database {value} is busy in another program; try again shortly")),
    (r"password authentication failed|no password supplied", Bilingual(
        "数据库拒绝了 {option} 中的用户名或密码",
        "the database refused the user or password in {option}")),
    (r'database "[^"]*" does not exist', Bilingual(
        "{option} 指定的数据库不存在：{value}（请先创建该数据库）",
        "the database named by {option} does not exist: {value} (create it first)")),
    (r"connection refused|could not connect|connection failed|timeout expired|"
     r"could not translate host name|name or service not known", Bilingual(
        "无法连接数据库服务器（{value}）：服务器未运行或地址有误（请检查 {option}）",
        "cannot reach the database server ({value}): it is not running or the address is "
        "wrong (check {option})")),
]
DRIVER_HINTS.append((r"couldn't get a connection", Bilingual(
    "无法连接数据库（{value}）：服务器未运行、地址有误或数据库不存在（请检查 {option}）",
    "cannot connect to the database ({value}): the server is not running, the address is wrong "
    "or the database does not exist (check {option})")))
UNKNOWN = Bilingual("无法访问数据存储 {value}：{detail}（请检查 {option} 设置与数据库状态）",
                    "the store {value} could not be used: {detail} (check {option} and the database)")

SETTING_ERRORS: list[tuple[str, Bilingual]] = [
    (r"names no file", Bilingual("“{value}”没有指明文件；请写 sqlite:///cases.db 或文件路径",
                                 "'{value}' names no file; use sqlite:///cases.db or a plain path")),
    (r"^unsupported store", Bilingual(
        "不支持的数据存储“{value}”：请写文件路径、sqlite:///FILE 或 postgresql://...",
        "unsupported store '{value}': use a file path, sqlite:///FILE or postgresql://...")),
    (r"needs a host and a database", Bilingual(
        "“{value}”缺少主机或数据库名：postgresql://user@host:5432/dbname",
        "'{value}' needs a host and a database: postgresql://user@host:5432/dbname")),
]


def _detail(error: Exception) -> str:
    """The driver's first line, without its "(sqlite3.OperationalError) " label."""
    first = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return re.sub(r"^\([\w.]+\)\s*", "", first)


def driver_message(error: Exception, lang: str, option: str, value: str) -> str:
    detail = _detail(error)
    text = str(error).lower()
    for pattern, hint in DRIVER_HINTS:
        if re.search(pattern, text):
            return hint.label(lang).format(option=option, value=value, detail=detail)
    return UNKNOWN.label(lang).format(option=option, value=value, detail=detail)


def setting_message(error: Exception, lang: str, value: str) -> str:
    for pattern, text in SETTING_ERRORS:
        if re.search(pattern, str(error)):
            return text.label(lang).format(value=value)
    from adapters.settings import StoreSettingError

    return error.message(lang) if isinstance(error, StoreSettingError) else str(error)
