"""How one change of the edition history is named and where it points, in one language:
the same words on the pages and in the Atom feed."""

from __future__ import annotations

from vakr.publish import strings
from vakr.ingest.history import Change
from vakr.ingest.history_publications import WHOLE
from vakr.domain.site import SiteData
from vakr.publish.routes import ANNOUNCEMENT, ANNOUNCEMENTS, entry_title
from vakr.derive.publications import Entry, cycle_entries

FIELD_KEYS = {"recommendation": "plan.col.recommendation", "measure": "plan.col.measure",
              "completion_form": "plan.col.completion_form", "executor": "plan.col.executor",
              "deadline": "plan.col.deadline", "work": "schedule.col.work",
              "responsible": "schedule.col.responsible", "description": "history.field.description",
              "organizations": "risks.col.organization", "direction": "risks.col.direction",
              "plan_items": "risks.col.measures", "score": "history.field.score",
              "date": "announce.date", "title": "history.field.title", "body": "history.field.body",
              "format": "pub.format", "results": "discussion.results", "signed": "report.signed",
              "summary": "report.summary", "file": "report.file", "approved": "history.field.approved",
              "organization": "positions.col.organization", "unit": "positions.col.unit"}
_DOCUMENT_FIELD_KEYS = {("positions", "title"): "positions.col.title"}
_ITEM_KEYS = {"risks": "history.item.risk", "positions": "history.item.position"}
# texts that are the same in every language (recorded once, in Russian): no language to name
_NEUTRAL = {"item", "organizations", "direction", "plan_items", "score", "date", "signed", "file", "approved",
            "organization"}
_ANCHORS = {"plan": "item-", "schedule": "item-", "risks": "risk-", "positions": "position-"}


class ChangeNames:
    """The names and links of changes in `lang` (the announcements by their titles today)."""

    def __init__(self, site: SiteData, lang: str) -> None:
        self.site, self.lang = site, lang

    def document(self, change: Change) -> str:
        return strings.t(self.lang, f"page.{change.document}")

    def item(self, change: Change) -> str | None:
        """`пункт 3`, `риск R06`, an announcement's «title»; None for the document's own fields."""
        if change.item == WHOLE:
            return None
        if change.document == "announcements":
            entry = self._entry(change)
            return f"«{entry_title(entry, self.lang) if entry else change.item}»"
        return strings.t(self.lang, _ITEM_KEYS.get(change.document, "history.item"), item=change.item)

    def field(self, change: Change) -> str:
        key = _DOCUMENT_FIELD_KEYS.get((change.document, change.field)) or FIELD_KEYS[change.field]
        return strings.t(self.lang, key)

    def language(self, change: Change) -> str | None:
        """`на казахском языке`: the language of a changed text that is not the page's."""
        if change.lang == self.lang or change.field in _NEUTRAL:
            return None
        return strings.t(self.lang, f"field.lang.{change.lang}")

    def outcome(self, change: Change) -> str:
        """What happened to a whole item: `Пункт добавлен.`, `Должность исключена из перечня.`…"""
        specific = f"history.{change.kind}.{change.document}"
        return strings.t(self.lang, specific if specific in strings.catalog() else f"history.{change.kind}")

    def title(self, change: Change) -> str:
        """`План мероприятий, пункт 3: Мероприятие`: the document, the item, the field."""
        item = self.item(change)
        head = self.document(change) + (f", {item}" if item else "")
        return head if change.field == "item" else f"{head}: {self.field(change)}"

    def target(self, change: Change) -> tuple[str, str | None, str | None]:
        """(the view, its key, the anchor) where the changed text is shown today: `url_for`'s."""
        if change.document == "announcements":
            return (ANNOUNCEMENT.name, change.item, None) if self._entry(change) else (ANNOUNCEMENTS.name, None, None)
        anchor = _ANCHORS.get(change.document)
        return change.document, None, f"{anchor}{change.item}" if anchor else None

    def _entry(self, change: Change) -> Entry | None:
        cycle = next((c for c in self.site.cycles if c.year == change.year), None)
        return next((e for e in cycle_entries(cycle) if e.id == change.item), None) if cycle else None

