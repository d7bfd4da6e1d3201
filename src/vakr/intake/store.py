"""Merge imported reports into data/<year>/monitoring.yml and write it the way an officer
would: the header comments kept, `schedule:`, then `plan:` by item number with the reports in
date order; atomically and with the file's permissions, so a failed or interrupted
import never leaves half a file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from vakr.intake.newcycle import MONITORING_HEADER
from vakr.intake.rows import Incoming
from vakr.domain.model import Monitoring, Report
from vakr.ingest.yamlsource import load

NEW_HEADER = MONITORING_HEADER  # a monitoring.yml the import creates: as `vakr new-cycle` writes it


@dataclass(frozen=True)
class Change:
    incoming: Incoming
    latest: bool  # it becomes the item's status (no later report in the history)
    previous: str | None = None  # the date of the report that stays the status, if not latest


@dataclass
class Merge:
    path: Path
    text: str  # the new content of the file
    added: list[Change] = field(default_factory=list)
    duplicates: list[Incoming] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added)


def merge(path: Path, display: str, year: str, incoming: list[Incoming]) -> Merge:
    """The file's new text with `incoming` merged in (nothing is written here)."""
    original = path.read_text(encoding="utf-8") if path.exists() else NEW_HEADER.format(year=year)
    data = _data(path, display, original)
    plan: dict[int, list[dict[str, Any]]] = {int(k): list(v or []) for k, v in (data.get("plan") or {}).items()}
    result = Merge(path, original)
    for report in incoming:
        history = plan.setdefault(report.item, [])
        if any(_same(old, report.report) for old in history):
            result.duplicates.append(report)
            continue
        dates = [Report.model_validate(old).date for old in history]
        position = sum(1 for d in dates if d <= report.date)  # after reports of the same day or earlier
        history.insert(position, report.report)
        later = [d for d in dates if d > report.date]
        result.added.append(Change(report, not later, max(later).strftime("%d.%m.%Y") if later else None))
    if result.changed:
        data["plan"] = {number: plan[number] for number in sorted(plan)}
        Monitoring.model_validate(data)  # what we write is what the build accepts
        result.text = _header(original) + _dump(data) + _footer(original)
    return result


def _data(path: Path, display: str, text: str) -> dict[str, Any]:
    if not path.exists() or not _body(text).strip():
        return {"plan": {}, "schedule": {}}
    data = load(path, display).data
    return dict(data) if isinstance(data, dict) else {}


def _same(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """One report, however its dates are spelt in the file."""
    return Report.model_validate(old) == Report.model_validate(new)


_COMMENT = re.compile(r"^(#.*)?$")


def _header(text: str) -> str:
    """The comment lines (and blank lines) before the first data line."""
    head = []
    for line in text.splitlines(keepends=True):
        if not _COMMENT.match(line.strip()):
            break
        head.append(line)
    return "".join(head)


def _footer(text: str) -> str:
    """Comment lines at the end of the file (a commented example to copy, say), kept below."""
    lines = text.splitlines(keepends=True)
    tail: list[str] = []
    for line in reversed(lines[len(_header(text).splitlines()):]):
        if not line.startswith("#") and line.strip():
            break
        tail.insert(0, line)
    footer = "".join(tail).lstrip("\n")
    return ("\n" + footer) if footer.strip() else ""


def _body(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if not line.lstrip().startswith("#"))


class _Dumper(yaml.SafeDumper):
    """Block style, Unicode as it is, dates left as the text they are (no quotes around
    2026-07-01), several lines as a literal block."""


_Dumper.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _str)


def _dump(data: dict[str, Any]) -> str:
    """The sections in the file's fixed order, plan last (an officer appends a report at the
    end), an empty one left empty (`schedule:`), never `{}`, under which nothing can be added."""
    ordered = {key: data[key] for key in ("as_of", "schedule", "plan") if key in data}
    ordered.update({key: value for key, value in data.items() if key not in ordered})
    text = yaml.dump(ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=10_000)
    return re.sub(r"^(schedule|plan): \{\}$", r"\1:", text, flags=re.M)
