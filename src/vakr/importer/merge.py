"""Re-import without losing the officers' work: the document's texts replace the old ones,
but every key the importer does not produce (execution reports, links, risk links, a Kazakh
text typed by hand) stays where it was, on the item with the same number. And the file is
written the same way every time, so importing the same document twice changes nothing."""

from __future__ import annotations

import re
from typing import Any

import yaml

from vakr.importer.report import Report
from vakr.importer.shared import FlowList

_DEADLINE_VALUES = ("date", "start", "end")  # belong to one kind of deadline only


def merge(new: Any, old: Any, report: Report, where: str = "") -> Any:
    """`new` (from the document) over `old` (the file as officers left it)."""
    if isinstance(new, dict) and isinstance(old, dict):
        return _merge_dicts(new, old, report, where)
    if isinstance(new, list) and isinstance(old, list):
        key = where.rsplit(".", 1)[-1]
        if key == "items":
            return _merge_items(new, old, report, where)
        if key in ("sections", "rows"):
            return [merge(n, old[i], report, f"{where}[{i}]") if i < len(old) else n for i, n in enumerate(new)]
    return new


def _merge_dicts(new: dict, old: dict, report: Report, where: str) -> dict:
    out = {key: merge(value, old[key], report, f"{where}.{key}" if where else key) if key in old else value
           for key, value in new.items()}
    same_text = "ru" in new and new.get("ru") == old.get("ru")
    if same_text and isinstance(old.get("organizations"), list) and "organizations" in new:
        out["organizations"] = FlowList(old["organizations"])  # the officer's links stay while the text is the same
    for key, value in old.items():
        if key in new or ("kind" in new and key in _DEADLINE_VALUES):
            continue
        out[key] = FlowList(value) if key == "organizations" else value
        report.kept.append(shown(f"{where}.{key}" if where else key))
        if key == "kk" and "ru" in new and not same_text:
            report.warn(report.target, None, f"{shown(where)}: русский текст изменился, а казахский (kk) "
                        "введён вручную и сохранён как был — проверьте перевод")
    return out


def _merge_items(new: list, old: list, report: Report, where: str) -> list:
    by_number = {item.get("number"): item for item in old if isinstance(item, dict)}
    out = []
    for item in new:
        number = item.get("number")
        out.append(merge(item, by_number.pop(number), report, f"{where}[№{number}]") if number in by_number else item)
    for number, item in by_number.items():
        hand = sorted(set(item) - set(new[0]) if new else set(item))
        report.warn(report.target, None, f"пункта {number} больше нет в документе: он удалён из данных"
                    + (f" вместе с добавленным вручную ({', '.join(hand)})" if hand else ""))
    return out


_PLACE = re.compile(r"(?:sections\[(\d+)\]\.?)?(?:items\[№(\d+)\])?(?:\.rows\[(\d+)\])?\.?(.*)")


def shown(where: str) -> str:
    """A place in the data file as the officer reads it: `sections[0].items[№4].rows[1].work`
    (the merge's own path, positions from 0) → «пункт 4, строка 2, поле work»; a section's
    own field by the section's position from 1 (items are numbered across sections)."""
    section, item, row, key = _PLACE.fullmatch(where).groups()  # type: ignore[union-attr]
    parts = [f"раздел {int(section) + 1}" if section and not item else "", f"пункт {item}" if item else "",
             f"строка {int(row) + 1}" if row else "", f"поле {key}" if key else ""]
    return ", ".join(part for part in parts if part)


class _Dumper(yaml.SafeDumper):
    """Block style, no anchors, Unicode as is, lines never wrapped (a wrapped line would
    make a one-word change in the document a many-line change in the data)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_Dumper.add_representer(FlowList, lambda dumper, value: dumper.represent_sequence(
    "tag:yaml.org,2002:seq", value, flow_style=True))


def render(data: dict, header: list[str]) -> str:
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9, default_flow_style=False)
    return "".join(f"{line}\n" for line in header) + body


def header_of(text: str) -> list[str]:
    """The comment lines at the top of an existing file: officers may have written them."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return lines


def new_header(kind: str, cycle: str, approved: str, has_kk: bool) -> list[str]:
    schema = f"# yaml-language-server: $schema=../../schema/{kind}.schema.json"
    if kind == "schedule":
        languages = "на русском и казахском языках" if has_kk else "на русском языке (казахской редакции нет)"
        return [schema, f"# План-график ВАКР {cycle} (утверждён {approved}). Текст — дословно из утверждённого документа,",
                f"# {languages}. Справка по полям: README.md, раздел «Данные»."]
    tail = ("документа, на русском и казахском языках." if has_kk else
            "документа. Казахской редакции плана пока нет: поле kk добавляется к тексту, когда она утверждена.")
    return [schema, f"# План мероприятий по итогам ВАКР {cycle} (утверждён {approved}). Текст — дословно из утверждённого",
            f"# {tail}"]
