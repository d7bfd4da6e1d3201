"""Provenance of content text: a text the data presents as the Company's (a risk description)
must be a verbatim quote of the approved document and item it names. Checked on every load,
so an invented or paraphrased wording never reaches the site."""

from __future__ import annotations

from collections.abc import Iterator

from vakr.domain.model import BulletList, Plan, Rich, Schedule, SignedSource, Text, TextSource

DOCUMENT_NAMES = {"plan": "плане мероприятий", "schedule": "плане-графике"}


def blocks(text: Text | Rich | None, lang: str) -> Iterator[str]:
    """Each paragraph and list item of a text cell in `lang`: a quote lies within one of them."""
    value = getattr(text, lang) if text is not None else None
    if value is None:
        return
    if isinstance(value, str):
        yield value
        return
    for block in value:
        yield from block.ul if isinstance(block, BulletList) else (block.p,)


def item_texts(source: TextSource | SignedSource, plan: Plan | None, schedule: Schedule | None, lang: str) -> list[str] | None:
    """Every text block of the named item in `lang`; None if the document or the item is not there."""
    if source.document == "plan":
        items = {item.number: item for item in plan.items} if plan else {}
        item = items.get(source.item)
        if item is None:
            return None
        cells = [item.recommendation, item.measure, item.completion_form, item.executor, item.deadline.source]
    else:
        rows = {i.number: i.rows for i in schedule.items()} if schedule else {}
        if source.item not in rows:
            return None
        cells = [cell for row in rows[source.item] for cell in (row.work, row.responsible, row.deadline.source)]
    return [block for cell in cells for block in blocks(cell, lang)]


def quote_problem(quote: Text, source: TextSource, plan: Plan | None, schedule: Schedule | None) -> str | None:
    """Why `quote` is not a verbatim quote of `source` (in each language it is given in), or None."""
    where = DOCUMENT_NAMES[source.document]
    for lang in ("ru", "kk"):
        text = getattr(quote, lang)
        if text is None:
            continue
        texts = item_texts(source, plan, schedule, lang)
        if texts is None:
            return f"в {where} нет пункта {source.item} (или сам документ ещё не внесён)"
        if not any(text in block for block in texts):
            edition = "" if lang == "ru" else " (в его казахской редакции)"
            return (f"текст ({lang}) не найден дословно в пункте {source.item} в {where}{edition}: описание риска "
                    "приводится только дословной цитатой утверждённого документа; иначе не указывайте его — "
                    "сайт покажет рекомендации плана")
    return None
