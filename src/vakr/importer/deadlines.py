"""The deadline column's wordings → the structured deadline of the model (date, range,
permanent, daily, immediately, none). The wording itself is kept as `source`; what cannot be
recognised is kept as text (kind none) and reported, an impossible date is an error."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

# 30.03.26г. · 01.07.2026г. · 13.04.26ж. (г. — год, ж. — жыл)
_DATE = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?!\d)\s*(?:г|ж)?\.?", re.IGNORECASE)
_NONE = {"-", "–", "—", "нет", "жоқ"}
_PERMANENT = ("постоянн", "на постоянной основе", "тұрақты")
_DAILY = ("ежедневн", "күнделікті", "күн сайын")
_IMMEDIATE = ("незамедлительн", "немедленн", "дереу")
_RANGE_JOINERS = re.compile(r"^\s*(?:по|до|-|–|—|аралығы)\s*$", re.IGNORECASE)
_DATE_PREFIX = re.compile(r"^\s*(?:до|не позднее|к|по)?\s*$", re.IGNORECASE)
_DATE_SUFFIX = re.compile(r"^\s*(?:дейін)?\s*\.?\s*$", re.IGNORECASE)


class DeadlineError(ValueError):
    """An unreadable date: the officer must correct the document."""


@dataclass
class Parsed:
    kind: str
    fields: dict[str, str] = field(default_factory=dict)  # date / start / end as ДД.ММ.ГГГГ
    warning: str | None = None


def _date(match: re.Match[str]) -> str:
    day, month, year = (int(g) for g in match.groups())
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day).strftime("%d.%m.%Y")
    except ValueError:
        raise DeadlineError(f"нечитаемая дата «{match.group(0).strip()}»: такой даты нет; "
                            "ожидалась дата вида ДД.ММ.ГГ или ДД.ММ.ГГГГ, например 01.07.2026г.") from None


def parse_deadline(text: str) -> Parsed:
    """Recognise one wording; raise DeadlineError on a date that does not exist."""
    wording = text.strip()
    low = wording.lower()
    if wording in _NONE:
        return Parsed("none")
    matches = list(_DATE.finditer(wording))
    dates = [_date(m) for m in matches]
    rest = _DATE.sub(" ", low)
    if re.search(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{1,2}\.\d{1,2}(?!\.\d)", rest):
        found = re.search(r"\d[\d./]*\d", rest)
        raise DeadlineError(f"нечитаемая дата «{found.group(0) if found else wording}»: "
                            "ожидалась дата вида ДД.ММ.ГГ или ДД.ММ.ГГГГ, например 01.07.2026г.")
    if any(word in low for word in _PERMANENT):
        if len(dates) == 1:
            return Parsed("permanent", {"start": dates[0]})
        return Parsed("none", warning=f"«{wording}»: «постоянно» без одной даты начала не распознано; "
                                      "сохранено как текст")
    if len(dates) == 2:
        between = wording[matches[0].end():matches[1].start()]
        if _RANGE_JOINERS.match(between):
            start, end = (dt.datetime.strptime(d, "%d.%m.%Y").date() for d in dates)
            if end < start:
                raise DeadlineError(f"период «{wording}»: конец раньше начала")
            return Parsed("range", {"start": dates[0], "end": dates[1]})
    if len(dates) == 1 and not any(word in low for word in _DAILY + _IMMEDIATE):
        before, after = wording[:matches[0].start()], wording[matches[0].end():]
        parsed = Parsed("date", {"date": dates[0]})
        if not (_DATE_PREFIX.match(before) and _DATE_SUFFIX.match(after)):
            parsed.warning = f"«{wording}»: кроме даты {dates[0]} есть слова; взята дата, проверьте"
        return parsed
    if not dates and any(word in low for word in _DAILY):
        return Parsed("daily")
    if not dates and any(word in low for word in _IMMEDIATE):
        return Parsed("immediately")
    return Parsed("none", warning=f"«{wording}» не распознано (ожидались дата, период, «постоянно», "
                                  "«ежедневно», «незамедлительно» или «-»); сохранено как текст")


def deadline_data(ru: str, kk: str | None = None) -> tuple[dict, list[str]]:
    """The YAML mapping of a deadline from its Russian (and Kazakh) wording, with warnings.
    The structure comes from the Russian wording; the Kazakh one is checked against it."""
    parsed = parse_deadline(ru)
    warnings = [parsed.warning] if parsed.warning else []
    data: dict = {"kind": parsed.kind, **parsed.fields}
    source = {"ru": ru}
    if kk is not None:
        source["kk"] = kk
        other = parse_deadline(kk)
        if other.kind != "none" and (other.kind, other.fields) != (parsed.kind, parsed.fields):
            warnings.append(f"казахская редакция «{kk}» не совпадает с русской «{ru}»")
    data["source"] = source
    return data, warnings
