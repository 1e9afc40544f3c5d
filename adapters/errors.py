"""Errors of the application and its stores, worded for the person at the terminal."""

from __future__ import annotations


class AppError(Exception):
    exit_code = 1

    def __init__(self, en: str, zh: str) -> None:
        self.en, self.zh = en, zh
        super().__init__(en)

    def message(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" else self.en


class NotFound(AppError):
    pass


class ConcurrentChange(AppError):
    """Someone else wrote the same aggregate at the same moment, repeatedly."""


def case_not_found(ref: str) -> NotFound:
    return NotFound(
        f"no case {ref} in this store (list cases with: gongzhi case list)",
        f"本库中没有案件 {ref}（用 gongzhi case list 查看案件）",
    )


def changed_by_someone_else(ref: str) -> ConcurrentChange:
    return ConcurrentChange(
        f"case {ref} was changed by someone else at the same time; nothing was recorded, "
        "try again",
        f"案件 {ref} 同时被他人修改，本次操作未记录，请重试",
    )


def no_store(path: str) -> NotFound:
    return NotFound(f"no store at {path}: nothing has been recorded there yet (check --store)",
                    f"{path} 处没有数据存储：尚无任何记录（请检查 --store）")
