"""Provenance of the texts the officers type for a published document (the analytical
report's summary, the public discussion's results). One that names its signed source must be
a verbatim quote of it, paragraph by paragraph, in each language it is given in: of the
section's own signed original in that language (its text layer), or of an item of the plan
or the schedule. One without a source is published under the label that the compliance
service wrote it, never as the Company's approved text."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from vakr.domain.model import Original, Plan, Publications, Schedule, SignedSource
from vakr.ingest.provenance import DOCUMENT_NAMES, blocks, item_texts
from vakr.ingest.textlayer import TextLayerError, squash

QUOTED = (("report", "summary"), ("discussion", "results"))  # section of publications.yml, its text
LANGS = ("ru", "kk")
TextOf = Callable[[str], "str | None"]  # a file inside docs/ → its text layer (None: a scan)


def signed_text_problems(pubs: Publications, plan: Plan | None, schedule: Schedule | None,
                         text_of: TextOf) -> Iterator[tuple[tuple[str, ...], str]]:
    """(where in publications.yml, what is wrong) for every quoted text not verbatim in its source."""
    for part, field in QUOTED:
        section = getattr(pubs, part)
        text = getattr(section, field) if section else None
        source: SignedSource | None = getattr(section, f"{field}_source") if section else None
        if text is None or source is None:
            continue
        for lang in LANGS:
            quoted = list(blocks(text, lang))
            if not quoted:
                continue
            problem = (_in_originals(quoted, section.originals, lang, text_of) if source.document == "original"
                       else _in_item(quoted, source, plan, schedule, lang))
            if problem is not None:
                yield (part, field, lang), (f"{problem}. Текст, названный взятым из подписанного документа, "
                                            f"приводится только дословно; иначе уберите {field}_source — страница "
                                            "скажет, что текст составлен комплаенс-службой")


def _in_originals(quoted: list[str], originals: list[Original], lang: str, text_of: TextOf) -> str | None:
    files = [o.file for o in originals if o.lang == lang]
    named = ", ".join(f"docs/{file}" for file in files)
    if not files:
        return (f"в originals этого раздела нет подписанного оригинала на языке {lang}: текст ({lang}) "
                "сверяется с оригиналом на том же языке")
    try:
        layers = [squash(text) for file in files if (text := text_of(file))]
    except TextLayerError as err:
        return f"{named}: {err}"
    if not layers:
        return (f"у подписанного оригинала на языке {lang} ({named}) нет текстового слоя (скан): сверить с ним "
                "текст нельзя — приложите в originals тот же документ в PDF с текстом или в DOCX")
    missing = next((block for block in quoted if not any(squash(block) in layer for layer in layers)), None)
    if missing is not None:
        return f"абзац «{_short(missing)}» ({lang}) не найден дословно в подписанном оригинале {named}"
    return None


def _in_item(quoted: list[str], source: SignedSource, plan: Plan | None, schedule: Schedule | None,
             lang: str) -> str | None:
    where = DOCUMENT_NAMES[source.document]
    texts = item_texts(source, plan, schedule, lang)
    if texts is None:
        return f"в {where} нет пункта {source.item} (или сам документ ещё не внесён)"
    missing = next((block for block in quoted if not any(block in text for text in texts)), None)
    if missing is not None:
        edition = "" if lang == "ru" else " (в его казахской редакции)"
        return f"абзац «{_short(missing)}» ({lang}) не найден дословно в пункте {source.item} в {where}{edition}"
    return None


def _short(text: str, length: int = 60) -> str:
    return text if len(text) <= length else text[:length].rstrip() + "…"
