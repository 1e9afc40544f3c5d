"""Files that hold personal data: created private (0600), written atomically, never over the store.

An export writes to a temporary file beside its target and renames it into place,
so a failing export leaves an old file as it was. Renaming replaces whatever the
target path names, which is why the target is checked first: the store itself
(or its -wal/-shm, or a link to them) would be silently replaced by a CSV file,
and a device node such as /dev/null by a regular file.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import IO

from adapters.errors import AppError

PRIVATE = 0o600
PRIVATE_DIR = 0o700
STORE_COMPANIONS = ("", "-wal", "-shm", "-journal")


class UnsafeOutput(AppError):
    """The output path must not be written (exit 2: choose another path)."""

    exit_code = 2


def store_files(paths: Iterable[str]) -> list[str]:
    """Every file that belongs to the SQLite stores at `paths`."""
    return [path + suffix for path in paths for suffix in STORE_COMPANIONS]


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)  # hard links too
    except OSError:
        return False


def checked_output(path: str, protected: Iterable[str]) -> str:
    """The real path to write `path` to; refuses the store's files and anything not a regular file.

    Nothing is created or changed here: a refusal leaves every file as it was.
    """
    real = os.path.realpath(path)  # follows links: the file a rename would replace
    for guarded in protected:
        if real == os.path.realpath(guarded) or _same_file(real, guarded):
            raise UnsafeOutput(
                f"拒绝写入 {path}：它就是事件存储的文件 {guarded}（请换一个输出文件）",
                f"refusing to write to {path}: it is the event store's file {guarded} "
                "(choose another output file)")
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:  # a name too long, a path through a file
        raise unwritable(path, error) from None
    if mode is not None and not stat.S_ISREG(mode):
        kind = ("a folder", "文件夹") if stat.S_ISDIR(mode) else ("not a regular file", "非普通文件")
        raise UnsafeOutput(
            f"拒绝写入 {path}：它是{kind[1]}（导出会用新文件替换目标），请给出文件名",
            f"refusing to write to {path}: it is {kind[0]} (an export replaces its target "
            "with a new file); give a file name")
    parent = os.path.dirname(real)
    existing = parent
    while existing and not os.path.exists(existing):
        existing = os.path.dirname(existing)
    if existing and not os.path.isdir(existing):
        raise UnsafeOutput(f"无法写入 {path}：{existing} 不是文件夹",
                           f"cannot write {path}: {existing} is not a folder")
    return real


_WHY_NOT = {  # errno -> (Chinese, English), for what an output path may run into
    errno.ENAMETOOLONG: ("文件名过长", "the file name is too long"),
    errno.ENOENT: ("所在文件夹不存在", "its folder does not exist"),
    errno.EACCES: ("没有写权限", "permission denied"),
    errno.EPERM: ("没有写权限", "permission denied"),
    errno.EROFS: ("文件系统只读", "the file system is read-only"),
    errno.ENOSPC: ("磁盘空间不足", "no space left on the device"),
    errno.ENOTDIR: ("路径中有一段不是文件夹", "part of the path is not a folder"),
}


def unwritable(path: str, error: OSError) -> UnsafeOutput:
    zh, en = _WHY_NOT.get(error.errno or 0, ("所在文件夹不存在或不可写",
                                              error.strerror or "cannot be written"))
    return UnsafeOutput(f"无法写入 {path}：{zh}（请换一个输出文件）",
                        f"cannot write {path}: {en} (choose another output file)")


@contextmanager
def private_output(real_path: str, *, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Write a private (0600) file atomically: it appears complete, or not at all."""
    parent = os.path.dirname(real_path) or "."
    os.makedirs(parent, mode=PRIVATE_DIR, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=parent, prefix=".gongzhi-", suffix=".part")  # 0600
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, real_path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def create_private_file(path: str) -> bool:
    """Create an empty file readable by its owner only; False if it exists or cannot be made.

    SQLite gives its -wal and -shm files the permissions of the database file,
    so a store created this way stays private with its companions. No folder is
    made: a mistyped store path fails as before, when SQLite cannot open it.
    """
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE))
    except OSError:  # exists, no such folder, no right to create: SQLite will say
        return False
    return True


def readable_by_others(path: str) -> int | None:
    """The file's mode if group or others may read it, else None."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return stat.S_IMODE(mode) if mode & (stat.S_IRGRP | stat.S_IROTH) else None
