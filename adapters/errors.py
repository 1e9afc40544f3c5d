"""Errors of the application and its stores, worded for the person at the terminal."""

from __future__ import annotations

from domain.registry import AggregateKind
from domain.text import Bilingual


class AppError(Exception):
    exit_code = 1
    code = "refused"  # the JSON error code: snake_case, like the domain's codes

    def __init__(self, zh: str, en: str) -> None:
        self.text = Bilingual(zh, en)
        super().__init__(en)

    @property
    def en(self) -> str:
        return self.text.en

    @property
    def zh(self) -> str:
        return self.text.zh

    def message(self, lang: str = "en") -> str:
        return self.text.label(lang)


class NotFound(AppError):
    code = "not_found"


class ConcurrentChange(AppError):
    """Someone else wrote the same aggregate at the same moment, repeatedly."""

    code = "changed_concurrently"


def not_found(kind: AggregateKind | None, ref: str) -> NotFound:
    if kind is None:
        return NotFound(f"本库中没有 {ref}", f"no {ref} in this store")
    if not kind.command:
        return NotFound(f"本库中没有{kind.name.zh} {ref}", f"no {kind.name.en} {ref} in this store")
    hint = f"gongzhi {kind.command} list"
    return NotFound(f"本库中没有{kind.name.zh} {ref}（用 {hint} 查看{kind.name.zh}）",
                    f"no {kind.name.en} {ref} in this store (list {kind.name.en}s with: {hint})")


def case_not_found(ref: str) -> NotFound:
    from domain.registry import kind_named

    return not_found(kind_named("case"), ref)


def changed_by_someone_else(kind: AggregateKind | None, ref: str) -> ConcurrentChange:
    what_zh, what_en = kind.name if kind else Bilingual("记录", "record")
    return ConcurrentChange(
        f"{what_zh} {ref} 同时被他人修改，本次操作未记录，请重试",
        f"{what_en} {ref} was changed by someone else at the same time; nothing was recorded, "
        "try again",
    )


class ForeignStore(AppError):
    code = "not_a_store"


def no_store(path: str) -> NotFound:
    return NotFound(f"{path} 处没有数据存储：尚无任何记录（请检查 --store）",
                    f"no store at {path}: nothing has been recorded there yet (check --store)")
