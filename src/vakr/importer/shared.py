"""Pieces both documents share: the approval block and title, a text in two languages, and the check
that a Kazakh edition has the same items as the Russian one."""

from __future__ import annotations

from vakr.domain.errors import DataError
from vakr.importer.edition import Edition
from vakr.importer.rows import Context, Draft


class FlowList(list):  # type: ignore[type-arg]
    """A short list of ids written on one line: `organizations: [spk, compliance]`."""


def bilingual(ru: object, kk: object | None) -> dict:
    return {"ru": ru, "kk": kk} if kk is not None else {"ru": ru}


def _approval_text(edition: Edition) -> dict:
    return {"heading": edition.heading.text, "lines": list(edition.approval_lines), "date": edition.date_line.text}


def approval(ru: Edition, kk: Edition | None) -> dict:
    data = {"date": ru.date.strftime("%d.%m.%Y"), "ru": _approval_text(ru)}
    if kk is not None:
        data["kk"] = _approval_text(kk)
    return data


def document_head(ru: Edition, kk: Edition | None) -> dict:
    """What both documents begin with: the approval block, the title, the column headings."""
    return {
        "approval": approval(ru, kk),
        "title": bilingual(ru.title, kk.title if kk else None),
        "columns": {"ru": ru.columns, **({"kk": kk.columns} if kk else {})},
    }


def check_kk_numbers(ctx: Context, kk_ctx: Context, ru: list[Draft], kk: dict[int, Draft]) -> None:
    """Every Kazakh item must have its Russian one; a Russian item without Kazakh text is
    reported (the Kazakh page then shows the Russian text, marked as such)."""
    numbers = {d.number for d in ru}
    for number, draft in kk.items():
        if number not in numbers:
            raise DataError(kk_ctx.doc.name, draft.line, "№", f"пункт {number} казахской редакции не найден в русской "
                            f"(в русской пункты 1–{max(numbers)})")
    for draft in ru:
        if draft.number not in kk:
            ctx.report.warn(ctx.doc.name, draft.line, f"пункт {draft.number}: нет в казахской редакции; kk не заполнен")
        elif len(kk[draft.number].rows) > len(draft.rows):
            raise DataError(kk_ctx.doc.name, kk[draft.number].line, None, f"пункт {draft.number}: строк в казахской "
                            f"редакции {len(kk[draft.number].rows)}, в русской {len(draft.rows)}; лишнюю строку некуда поместить")
        elif len(kk[draft.number].rows) < len(draft.rows):
            ctx.report.warn(kk_ctx.doc.name, kk[draft.number].line, f"пункт {draft.number}: строк в казахской редакции "
                            f"{len(kk[draft.number].rows)}, в русской {len(draft.rows)}; у последних строк kk не заполнен")
