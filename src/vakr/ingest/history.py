"""Edition history of the published documents (the plan, the schedule, the list of risks, the
announcements, the public discussion, the analytical report, the list of positions): every
change of a published text since its first publication, read once per build from the
repository's git history of data/, plus the formal amendments of history.yml. A version of
a cycle, a publication or a Kazakh edition that is a draft is never a published edition:
its changes never appear."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from vakr.ingest import history_publications
from vakr.ingest.history_publications import PUBLICATIONS, Fields, plain as _text
from vakr.domain.site import Cycle, SiteData
from vakr.domain.model import DEFAULT_LANGUAGE, LANGUAGES, Amendment
from vakr.domain.statedate import ALMATY

DOCUMENTS = ("schedule", "plan", "risks", *PUBLICATIONS)
_FILES = {document: f"{document}.yml" for document in ("schedule", "plan", "risks")} | {
    document: "publications.yml" for document in PUBLICATIONS}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FILE = re.compile(r"^data/(\d{4})/(schedule|plan|risks|publications|cycle)\.yml$")


@dataclass(frozen=True)
class Change:
    """One text of one item changed by one commit; `old` None: the item was added, `new`
    None: it was removed."""

    date: dt.date
    year: str
    document: str
    item: str
    field: str
    lang: str
    old: str | None
    new: str | None
    commit: str
    note: str | None = None  # "typo" or "withdrawn", from history.yml
    order: str | None = None  # the amending order, where history.yml names one

    @property
    def kind(self) -> str:
        """added, removed (an item), withdrawn (the site's own text taken down), changed."""
        if self.field == "item":
            return "added" if self.old is None else "removed"
        return "withdrawn" if self.note == "withdrawn" else "changed"

    @property
    def diff(self) -> list[tuple[str, str]]:
        return word_diff(self.old or "", self.new or "")

    @property
    def anchor(self) -> str:
        return f"change-{self.commit}-{self.document}-{self.item}-{self.field}-{self.lang}"


@dataclass(frozen=True)
class History:
    changes: tuple[Change, ...]  # newest first
    from_git: bool  # False: built from a folder without git history, amendments only
    amendments: dict[str, tuple[Amendment, ...]] = field(default_factory=dict)  # by cycle, newest first

    def of(self, year: str | None = None, document: str | None = None,
           item: str | None = None) -> list[Change]:
        return [c for c in self.changes if (year is None or c.year == year)
                and (document is None or c.document == document) and (item is None or c.item == item)]

    def about(self, year: str, items: Iterable[tuple[str, str]]) -> list[Change]:
        """The changes of these (document, item) pairs, newest first: an announcement's own
        texts and the schedule items it quotes."""
        wanted = set(items)
        return [c for c in self.changes if c.year == year and (c.document, c.item) in wanted]


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(op, words): op is "equal", "delete" or "insert"; a replaced run is its deletion then
    its insertion, so the reader sees both without colour."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("equal", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("insert", " ".join(b[j1:j2])))
    return out


# --- reading git ---------------------------------------------------------------------------


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        return subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None


def _commits(root: Path) -> list[tuple[str, dt.date, set[str]]] | None:
    """(commit, its date in Almaty, the data files it changed), oldest first; None without git.
    The first-parent line only: a branch's changes count when they are merged, on the merge's
    date (git ≥ 2.31 lists a merge's files against its first parent), as the site published them."""
    log = _git(root, "log", "--first-parent", "--reverse", "--format=%x00%H %ct", "--name-only", "--", "data")
    if log is None:
        return None
    out = []
    for record in log.decode("utf-8").split("\0")[1:]:
        head, *files = record.strip().split("\n")
        commit, stamp = head.split()
        date = dt.datetime.fromtimestamp(int(stamp), ALMATY).date()
        out.append((commit, date, {f for f in files if _FILE.match(f)}))
    return out


def _blobs(root: Path, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], Any]:
    """The parsed YAML of each (commit, path), all read by one `git cat-file --batch`."""
    if not wanted:
        return {}
    raw = _git(root, "cat-file", "--batch", stdin="".join(f"{c}:{p}\n" for c, p in wanted).encode()) or b""
    out: dict[tuple[str, str], Any] = {}
    pos = 0
    for key in wanted:
        end = raw.index(b"\n", pos)
        header = raw[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] != b"blob":
            out[key] = None  # missing at that commit
            continue
        size = int(header[2])
        try:
            out[key] = yaml.load(raw[pos:pos + size].decode("utf-8"), Loader=_LOADER)
        except yaml.YAMLError:
            out[key] = None  # a broken version was never published
        pos += size + 1
    return out


# --- the texts of a version, per item and field ---------------------------------------------


def _deadline(value: Any, lang: str) -> str:
    if not isinstance(value, dict):
        return ""
    wording = _text(value.get("source"), lang)
    if wording or lang != "ru":
        return wording
    return " – ".join(str(value[k]) for k in ("date", "start", "end") if k in value) or str(value.get("kind", ""))


_PLAN_TEXTS = ("recommendation", "measure", "completion_form", "executor")


def _fields(document: str, data: Any, lang: str) -> tuple[Fields, set[str]] | None:
    """(item → field → text, the items that are drafts) of one version of a document in
    `lang`; None when that version of it is a draft as a whole."""
    if document in PUBLICATIONS:
        return history_publications.texts(document, data, lang)
    if not isinstance(data, dict):
        return {}, set()
    if lang != DEFAULT_LANGUAGE and document != "risks" and not _kk_approved(data):
        return None  # a Kazakh edition nobody approved is a draft (drafts.py): the site shows Russian
    out: Fields = {}
    if document == "plan":
        for item in data.get("items") or []:
            texts = {name: _text(item.get(name), lang) for name in _PLAN_TEXTS}
            out[str(item.get("number"))] = {**texts, "deadline": _deadline(item.get("deadline"), lang)}
    elif document == "schedule":
        for section in data.get("sections") or []:
            for item in section.get("items") or []:
                rows = item.get("rows") or []
                out[str(item.get("number"))] = {name: "\n".join(read(row.get(name), lang) for row in rows)
                                                for name, read in (("work", _text), ("deadline", _deadline),
                                                                   ("responsible", _text))}
    else:
        for risk in data.get("risks") or []:
            out[str(risk.get("id"))] = {
                "description": _text(risk.get("description"), lang),
                **({} if lang != "ru" else {
                    "organizations": ", ".join(map(str, risk.get("organizations") or [])),
                    "direction": str(risk.get("direction", "")),
                    "plan_items": ", ".join(map(str, risk.get("plan_items") or [])),
                    "score": " × ".join(str(risk[k]) for k in ("likelihood", "impact") if k in risk)})}
    return {item: {k: v for k, v in texts.items() if v} for item, texts in out.items()}, set()


def _kk_approved(data: dict[str, Any]) -> bool:
    """As `Document.kk_approved_on`: «БЕКІТЕМІН» in the approval block itself, or `kk_approved`."""
    approval = data.get("approval")
    return bool(data.get("kk_approved") or (isinstance(approval, dict) and approval.get("kk")))


def _compare(before: Fields, after: Fields) -> Iterable[tuple[str, str, str | None, str | None]]:
    """(item, field, old, new) for every difference; an added or removed item is one change."""
    for item in after:
        if item not in before:
            yield item, "item", None, ""
            continue
        for name in dict.fromkeys([*before[item], *after[item]]):
            old, new = before[item].get(name, ""), after[item].get(name, "")
            if old != new:
                yield item, name, old, new
    for item in before:
        if item not in after:
            yield item, "item", "", None


def _draft(cycle_data: Any) -> bool:
    return isinstance(cycle_data, dict) and cycle_data.get("draft") is True


def git_changes(root: Path) -> list[Change] | None:
    """Every change of a published document's text, oldest first; None without git."""
    commits = _commits(root)
    if commits is None:
        return None
    blobs = _blobs(root, [(commit, path) for commit, _, files in commits for path in sorted(files)])
    current: dict[str, Any] = {}  # path → its content at the commit being read (a file not changed: as before)
    published: dict[tuple[str, str, str], Fields] = {}  # (year, document, lang) → the last published texts
    out = []
    for commit, date, files in commits:
        current |= {path: blobs.get((commit, path)) for path in files}
        for year in sorted({_FILE.match(f).group(1) for f in files}):  # type: ignore[union-attr]
            draft = _draft(current.get(f"data/{year}/cycle.yml"))
            cycle_changed = f"data/{year}/cycle.yml" in files  # a draft published: every document compared
            for document in DOCUMENTS:
                path = f"data/{year}/{_FILES[document]}"
                if path not in files and not cycle_changed:
                    continue  # unchanged: the same texts as its last version
                data = current.get(path)
                for lang in LANGUAGES:
                    key = (year, document, lang)
                    read = None if draft or data is None else _fields(document, data, lang)
                    if read is None:
                        continue  # a draft edition is never published: the next published one compares with the last
                    out += _published_changes(published, key, *read, date, commit)
    return out


def _published_changes(published: dict[tuple[str, str, str], Fields], key: tuple[str, str, str],
                       texts: Fields, drafts: set[str], date: dt.date, commit: str) -> list[Change]:
    """The changes of one document's version against its last published one (which it then
    becomes); a draft item keeps its last published texts, a document not published yet
    (no text at all) is no version of it."""
    year, document, lang = key
    last = published.get(key)
    if last is None and not any(texts.values()):
        return []
    texts = {**texts, **{item: last[item] for item in drafts if last and item in last}}
    published[key] = texts
    if last is None:
        return []
    return [Change(date, year, document, item, name, lang, old, new, commit[:10])
            for item, name, old, new in _compare(last, texts)
            if name != "item" or (lang == DEFAULT_LANGUAGE and not (  # an item added or removed: once
                old is None and document in history_publications.NEW_ITEMS_ARE_NOT_CHANGES))]


# --- the history of a build -------------------------------------------------------------------


def _covers(items: list[str], change: Change) -> bool:
    """history.yml's items name the changed items; none: the document's own fields."""
    return change.item in items if items else change.item == history_publications.WHOLE


def _marked(change: Change, cycle: Cycle | None) -> Change:
    """The change with its editorial note and its amending order, where history.yml gives them."""
    edition = cycle.edition if cycle else None
    if edition is None:
        return change
    note = next((n.note for n in edition.editorial
                 if n.date in (None, change.date) and n.document == change.document
                 and _covers(n.items, change)
                 and (n.note != "withdrawn" or not change.new)), None)  # text withdrawn: the new one is empty
    orders = [a for a in edition.amendments
              if a.document == change.document and _covers(a.items, change) and a.date <= change.date]
    order = max(orders, key=lambda a: a.date).order if orders else None
    withdrawn = note == "withdrawn"
    return Change(**{**change.__dict__, "note": note, "order": order, "old": None if withdrawn else change.old})


def read_history(root: Path, site: SiteData) -> History:
    """The history of the published cycles of `site` (drafts' cycles are not in it), read once."""
    cycles = {c.year: c for c in site.cycles}
    found = git_changes(root)
    sequence = {c.commit: n for n, c in enumerate(found or [])}  # commits oldest first
    marked = [_marked(c, cycles[c.year]) for c in found or [] if c.year in cycles]
    # newest commit first; a stable sort keeps the items of one commit in document order
    changes = sorted(marked, key=lambda c: (c.date, sequence[c.commit]), reverse=True)
    amendments = {year: tuple(sorted(c.edition.amendments, key=lambda a: a.date, reverse=True))
                  for year, c in cycles.items() if c.edition is not None}
    return History(tuple(changes), found is not None, amendments)


HISTORY_FIELDS = ["cycle", "changed_on", "document", "item", "field", "language", "change", "note", "order",
                  "old_text", "new_text", "commit"]


def records(history: History, year: str) -> list[dict[str, str]]:
    """The cycle's changes as open data rows, newest first (a withdrawn text stays out)."""
    return [{"cycle": c.year, "changed_on": c.date.isoformat(), "document": c.document, "item": c.item,
             "field": c.field, "language": c.lang, "change": c.kind, "note": c.note or "", "order": c.order or "",
             "old_text": c.old or "", "new_text": c.new or "", "commit": c.commit} for c in history.of(year)]
