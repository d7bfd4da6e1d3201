"""The published texts of publications.yml, as the edition history compares them: each
announcement (by its id), the public discussion, the analytical report and the list of
positions, item by item and field by field, in one language, from one version of the file
read from git (plain YAML, not the model: an old version need not validate today).

What counts as published follows the site: a draft (the part's or an announcement's
`draft: true`, or in Kazakh, one whose Kazakh edition is not approved) is not, and keeps the last published texts; the list of positions is
published once it has its approval date and its positions; a new announcement is a
publication of its own (the announcements' feed), not a change of one."""

from __future__ import annotations

from typing import Any

PUBLICATIONS = ("announcements", "discussion", "report", "positions")
WHOLE = ""  # the item of a document's own fields: the report's summary, the list's approval date
NEW_ITEMS_ARE_NOT_CHANGES = {"announcements"}

Fields = dict[str, dict[str, str]]  # item → field → text (one language)

# the part's own fields: (field, language-neutral: recorded once, in Russian)
_OWN = {"discussion": (("format", False), ("results", False)),
        "report": (("signed", True), ("summary", False), ("file", True)),
        "positions": (("approved", True),)}
_NEWS = (("date", True), ("title", False), ("body", False))
_POSITION = (("organization", True), ("unit", False), ("title", False))


def plain(value: Any, lang: str) -> str:
    """The text of a {ru, kk} cell in `lang`, paragraphs and list items on lines of their own;
    "" where that language has none."""
    cell = value.get(lang) if isinstance(value, dict) else None
    if isinstance(cell, str):
        return cell
    if isinstance(cell, list):
        return "\n".join("\n".join(map(str, b["ul"])) if isinstance(b, dict) and "ul" in b
                         else str(b.get("p", "")) if isinstance(b, dict) else str(b) for b in cell)
    return ""


def _read(part: dict[str, Any], names: tuple[tuple[str, bool], ...], lang: str) -> dict[str, str]:
    out = {}
    for name, neutral in names:
        value = part.get(name)
        if neutral:
            out[name] = "" if lang != "ru" or value is None else str(value)
        else:
            out[name] = plain(value, lang)
    return out


def _draft(part: Any, lang: str) -> bool:
    """A draft in `lang`: marked so, or its Kazakh edition not approved (no `kk_approved`: the
    site shows the Russian, derive/drafts.py), as the plan's in history.py."""
    if not isinstance(part, dict):
        return False
    return part.get("draft") is True or (lang != "ru" and not part.get("kk_approved"))


def texts(document: str, data: Any, lang: str) -> tuple[Fields, set[str]] | None:
    """(item → field → text, the items that are drafts in this version) of one part of
    publications.yml; None when the whole part is a draft."""
    part = data.get(document) if isinstance(data, dict) else None
    if document == "announcements":
        news = [a for a in part or [] if isinstance(a, dict) and a.get("kind") == "news"]
        return ({str(a.get("id")): _read(a, _NEWS, lang) for a in news if not _draft(a, lang)},
                {str(a.get("id")) for a in news if _draft(a, lang)})
    if not isinstance(part, dict):
        return {}, set()
    if _draft(part, lang):
        return None
    out = {WHOLE: _read(part, _OWN[document], lang)}
    if document == "positions":
        if not (part.get("approved") and part.get("items")):
            return {}, set()  # the page says the list is being prepared: nothing published yet
        positions = enumerate(part["items"], 1)
        out |= {str(n): _read(p, _POSITION, lang) for n, p in positions if isinstance(p, dict)}
    return out, set()
