"""The schedule (План-график): four columns (№, work, deadline, responsible), items in
sections whose titles are bold rows; an item may have several rows. The file holds the
Russian edition, then the Kazakh one, aligned by section order and item number."""

from __future__ import annotations

from vakr.domain.errors import DataError
from vakr.importer.deadlines import DeadlineError, deadline_data
from vakr.importer.edition import Edition, section_title
from vakr.importer.organizations import match_organizations
from vakr.importer.rows import Context, Draft, read_items
from vakr.importer.shared import FlowList, bilingual, check_kk_numbers, document_head
from vakr.importer.text import plain, rich
from vakr.domain.model import Organization

WIDTH = 4


def build_schedule(ctx: Context, ru: Edition, kk: Edition | None, kk_ctx: Context | None,
                   organizations: dict[str, Organization]) -> dict:
    drafts, titles = read_items(ctx, ru, WIDTH, sections=True, continuation_is_row=True)
    kk_drafts: dict[int, Draft] = {}
    kk_titles = []
    if kk is not None and kk_ctx is not None:
        found, kk_titles = read_items(kk_ctx, kk, WIDTH, sections=True, continuation_is_row=True)
        kk_drafts = {d.number: d for d in found}
        check_kk_numbers(ctx, kk_ctx, drafts, kk_drafts)
        if len(kk_titles) != len(titles):
            raise DataError(kk_ctx.doc.name, kk.header.number, None, f"разделов в казахской редакции {len(kk_titles)}, "
                            f"в русской {len(titles)}: ожидалось одинаковое число заголовков разделов")
    if ru.closing:
        line = ru.closing[0]
        raise DataError(ctx.doc.name, line.number, None, f"текст после таблицы плана-графика: «{line.text[:60]}»; "
                        "ожидался конец документа или казахская редакция («БЕКІТЕМІН»)")
    sections = []
    for index, title in enumerate(titles):
        kk_title = section_title(kk_titles[index]) if kk_titles else None
        items = [_item(ctx, d, kk_drafts.get(d.number), organizations) for d in drafts if d.section == index]
        if not items:
            raise DataError(ctx.doc.name, title.number, None, "в разделе нет ни одного пункта")
        sections.append({"title": bilingual(section_title(title), kk_title), "items": items})  # type: ignore[index]
    ctx.report.items = len(drafts)
    return {
        **document_head(ru, kk),
        "sections": sections,
    }


def _item(ctx: Context, draft: Draft, kk: Draft | None, organizations: dict[str, Organization]) -> dict:
    rows = []
    for r, (row, line) in enumerate(zip(draft.rows, draft.row_lines)):
        kk_row = kk.rows[r] if kk and r < len(kk.rows) else None
        for i in range(3):
            if not row[i]:
                raise DataError(ctx.doc.name, line, ctx.field_names[i],
                                f"пункт {draft.number}: пустая ячейка; она обязательна")

        def text(i: int, as_rich: bool) -> dict:
            convert = rich if as_rich else plain
            return bilingual(convert(row[i]), convert(kk_row[i]) if kk_row and kk_row[i] else None)  # noqa: B023

        try:
            deadline, warnings = deadline_data(plain(row[1]), plain(kk_row[1]) if kk_row and kk_row[1] else None)
        except DeadlineError as err:
            raise DataError(ctx.doc.name, line, ctx.field_names[1], f"пункт {draft.number}: {err}") from None
        for warning in warnings:
            ctx.report.warn(ctx.doc.name, line, f"пункт {draft.number}, «{ctx.field_names[1]}»: {warning}")
        responsible = text(2, False)
        responsible["organizations"] = FlowList(match_organizations(responsible["ru"], organizations))
        rows.append({"work": text(0, True), "deadline": deadline, "responsible": responsible})
    return {"number": draft.number, "rows": rows}
