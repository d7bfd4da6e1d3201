"""Whether a returned target may enter the data: it is Kazakh, and it keeps the source's
paragraphs, lists and tags. Each check answers with the Russian reason for a refusal."""

from __future__ import annotations

import re
from typing import Any

from vakr.translation.segments import MarkupError, from_markup, shape

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_TAG = re.compile(r"</?[A-Za-z][\w-]*/?>")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
# A Kazakh text this long without one of its own letters is, in practice, Russian.
_RUSSIAN_FROM = 15


def parse_target(source: Any, target: str) -> tuple[Any, str | None]:
    """(the value for the data, None) or (None, the reason to refuse)."""
    if isinstance(source, str):
        if _TAG.search(target) and not _TAG.search(source):
            return None, "в переводе появились теги, которых нет в оригинале"
        if "\n" in target.strip() and "\n" not in source:
            return None, "структура изменилась: в оригинале один абзац, в переводе несколько строк"
        return target.strip(), None
    if "<" not in target:
        return None, "разметка утеряна: в оригинале абзацы и списки (теги <p>, <ul>, <li>), в переводе их нет"
    try:
        blocks = from_markup(target.strip())
    except MarkupError as err:
        return None, f"разметка утеряна или повреждена: {err}"
    blocks = [{"p": b["p"].strip()} if "p" in b else {"ul": [li.strip() for li in b["ul"]]} for b in blocks]
    if shape(blocks) != shape(source):
        return None, f"структура изменилась: в оригинале {_describe(source)}, в переводе {_describe(blocks)}"
    if any(not text for text in _strings(blocks)):
        return None, "пустой абзац или пункт списка в переводе"
    return blocks, None


def _describe(blocks: list[dict]) -> str:
    return ", ".join("абзац" if "p" in b else f"список из {len(b['ul'])} пунктов" for b in blocks)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [s for b in value for s in ([b["p"]] if "p" in b else b["ul"])]


def language_problem(source: Any, target: Any) -> str | None:
    """None when `target` reads as Kazakh; else why not. Kazakh Cyrillic has all the Russian
    letters plus ә ғ қ ң ө ұ ү һ і, so a long text without any of those is Russian."""
    text, original = " ".join(_strings(target)), " ".join(_strings(source))
    if " ".join(text.split()) == " ".join(original.split()) and _CYRILLIC.search(text):
        return "перевод совпадает с русским текстом"
    if _CYRILLIC.search(original) and not _CYRILLIC.search(text):
        return "перевод не на казахском языке: в нём нет кириллицы"
    if not KAZAKH_LETTERS & set(text) and len(_CYRILLIC.findall(text)) >= _RUSSIAN_FROM:
        return "текст на русском, а не на казахском языке: нет ни одной из букв ә ғ қ ң ө ұ ү һ і"
    return None
