"""A new ВАКР cycle's folder (`vakr new-cycle 2027`): the files a cycle starts with, in the
form an officer appends to — every section present in a fixed order, empty ones left empty
(never `{}`), a commented example of an entry. The schedule and the plan come later, from
their approved Word tables (`vakr import`). The files are checked by the model before the
folder appears, and it appears in one step (a folder that exists is never touched)."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from vakr.domain.errors import DataError, DataErrors
from vakr.domain.model import CycleInfo, Monitoring, Publications
from vakr.ingest.validate import parse
from vakr.ingest.yamlsource import load

YEAR = re.compile(r"^20\d\d$")

CYCLE = """\
# yaml-language-server: $schema=../../schema/cycle.schema.json
# ВАКР {year}: период проведения по утверждённому плану-графику. Поля — README.md, «Справочник полей».
period:
  start: {start}
  end: {end}
# Необязательно (строку — в конец файла, без «#» в начале):
# draft: true            # весь цикл — черновик: виден только в make serve
# monitored_months: 12   # сколько месяцев после окончания периода цикл остаётся на главной странице
"""

# also the header of a monitoring.yml the report import creates (vakr.intake.store)
MONITORING_HEADER = """\
# yaml-language-server: $schema=../../schema/monitoring.schema.json
# Мониторинг исполнения ВАКР {year}: отметки о выполнении пунктов плана-графика (schedule) и
# отчёты об исполнении пунктов плана мероприятий (plan). Поля — README.md, «Справочник полей».
# Разделы всегда в этом порядке; plan — последний, поэтому новый отчёт дописывается в конец
# файла (по пункту, у которого уже есть отчёты, — под его последним отчётом).
#
# Пример отметки о выполнении пункта плана-графика (строки под schedule:, без «#»):
#   5:                        # номер пункта плана-графика
#     done: 12.05.{year}        # дата фактического выполнения
# Пример отчёта (строки в конец файла, без «#»):
#   17:                       # номер пункта плана мероприятий
#   - date: 20.06.{year}        # дата отчёта
#     status: in_progress     # not_started, in_progress, done, not_done
#     text:
#       ru: Проект приказа направлен на согласование
"""

MONITORING = MONITORING_HEADER + "schedule:\nplan:\n"

PUBLICATIONS = """\
# yaml-language-server: $schema=../../schema/publications.schema.json
# Что план-график ВАКР {year} требует опубликовать на сайте. Даты, формулировки и ответственные
# берутся из schedule.yml: здесь — только номера его пунктов и то, чего в плане-графике нет.
# Пустой раздел — «пока ничего нет»; строки добавляются под ним, с отступом в два пробела:
#   schedule_item: 1          # под schedule: — пункт плана-графика о его утверждении
#   schedule_item: 8          # под plan: — пункт о разработке плана мероприятий
# draft: true — черновик: виден в make serve с пометкой «Черновик», в make build не попадает.
# Поля каждого раздела — README.md, «Справочник полей».
schedule:               # утверждённый план-график
plan:                   # утверждённый план мероприятий
discussion:             # публичное обсуждение результатов
report:                 # аналитическая справка
positions:              # перечень должностей, подверженных коррупционным рискам
announcements:          # объявления: последний раздел, новое дописывается в конец файла
# Пример объявления о начале ВАКР (строки в конец файла, без «#»; номера — из schedule.yml):
# - kind: start
#   id: start-{year}
#   schedule_item: 3        # пункт, который предписывает объявление
#   about_item: 4           # пункт, о котором объявляется
# Пример новости:
# - kind: news
#   id: vstrecha-{year}
#   date: 02.06.{year}
#   title: {{ru: Заголовок новости}}
#   body: {{ru: Текст новости.}}
"""

FILES = {"cycle.yml": (CYCLE, CycleInfo), "monitoring.yml": (MONITORING, Monitoring),
         "publications.yml": (PUBLICATIONS, Publications)}


class Refused(Exception):
    """Why the folder is not created, in Russian."""


def create(data: Path, year: str, start: str, end: str) -> Path:
    """Write data/<year>/ with the files of FILES; raise Refused (nothing written) when the
    year is no year, the folder exists, or a file would not pass the model (a wrong date)."""
    if not YEAR.fullmatch(year):
        raise Refused(f"«{year}» — не год: укажите четыре цифры, например 2027")
    target = data / year
    if target.exists():
        raise Refused(f"папка data/{year}/ уже есть: её файлы не изменены. Новый цикл — новый год")
    staging = Path(tempfile.mkdtemp(prefix=f".new-{year}-", dir=data))  # not a year: no loader reads it
    try:
        errors: list[DataError] = []
        for name, (template, model) in FILES.items():
            path = staging / name
            path.write_text(template.format(year=year, start=start, end=end), encoding="utf-8")
            try:
                parse(load(path, f"data/{year}/{name}"), model, f"data/{year}/{name}")
            except DataErrors as err:
                errors.extend(err.errors)
        if errors:
            raise DataErrors(errors)
        staging.rename(target)  # fails, not overwrites, if the folder appeared meanwhile
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target
