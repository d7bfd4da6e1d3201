"""The action plan (План мероприятий): six columns (№, recommendation, measure, completion
form, executor, deadline) and a closing line on who controls execution. Russian edition
required; a Kazakh edition, when there is one, fills the `kk` texts by item number."""

from __future__ import annotations

from vakr.domain.errors import DataError
from vakr.importer.deadlines import DeadlineError, deadline_data
from vakr.importer.edition import Edition
from vakr.importer.organizations import match_organizations
from vakr.importer.rows import Context, Draft, read_items
from vakr.importer.shared import FlowList, bilingual, check_kk_numbers, document_head
from vakr.importer.text import plain, rich
from vakr.domain.model import Organization

WIDTH = 6


def build_plan(ctx: Context, ru: Edition, kk: Edition | None, kk_ctx: Context | None,
               organizations: dict[str, Organization]) -> dict:
    drafts = _drafts(ctx, ru)
    kk_drafts = {d.number: d for d in _drafts(kk_ctx, kk)} if kk and kk_ctx else {}
    if kk and kk_ctx:
        check_kk_numbers(ctx, kk_ctx, drafts, kk_drafts)
    if not ru.closing:
        last = ru.body[-1].number if ru.body else ru.header.number
        raise DataError(ctx.doc.name, last, None, "после таблицы не найдена заключительная строка о контроле исполнения "
                        "(например, «Контроль по исполнению плана мероприятий возложить на …»)")
    items = [_item(ctx, draft, kk_drafts.get(draft.number), kk_ctx, organizations) for draft in drafts]
    ctx.report.items = len(items)
    return {
        **document_head(ru, kk),
        "items": items,
        "control": bilingual(" ".join(l.text for l in ru.closing), " ".join(l.text for l in kk.closing) if kk and kk.closing else None),
    }


def _drafts(ctx: Context, edition: Edition) -> list[Draft]:
    drafts, _ = read_items(ctx, edition, WIDTH, sections=False, continuation_is_row=False)
    if not drafts:
        raise DataError(ctx.doc.name, edition.header.number, None, "в таблице нет ни одного пункта с номером")
    return drafts


def _item(ctx: Context, draft: Draft, kk: Draft | None, kk_ctx: Context | None,
          organizations: dict[str, Organization]) -> dict:
    row = draft.rows[0]
    kk_row = kk.rows[0] if kk else None
    for i in (0, 1, 3, 4):
        if not row[i]:
            raise DataError(ctx.doc.name, draft.line, ctx.field_names[i],
                            f"пункт {draft.number}: пустая ячейка; она обязательна")

    def text(i: int, as_rich: bool) -> dict:
        convert = rich if as_rich else plain
        return bilingual(convert(row[i]), convert(kk_row[i]) if kk_row and kk_row[i] else None)

    item: dict = {"number": draft.number, "recommendation": text(0, True), "measure": text(1, True)}
    if row[2]:
        item["completion_form"] = text(2, False)
    executor = text(3, False)
    executor["organizations"] = FlowList(match_organizations(executor["ru"], organizations))
    if not executor["organizations"]:
        ctx.report.warn(ctx.doc.name, draft.line, f"пункт {draft.number}: в «{ctx.field_names[3]}» не найдено ни одной "
                        "организации из data/organizations.yml; organizations: [] — дополните вручную, если нужно")
    item["executor"] = executor
    try:
        deadline, warnings = deadline_data(plain(row[4]), plain(kk_row[4]) if kk_row and kk_row[4] else None)
    except DeadlineError as err:
        raise DataError(ctx.doc.name, draft.line, ctx.field_names[4], f"пункт {draft.number}: {err}") from None
    for warning in warnings:
        ctx.report.warn(ctx.doc.name, draft.line, f"пункт {draft.number}, «{ctx.field_names[4]}»: {warning}")
    item["deadline"] = deadline
    return item
