"""The Company's terms (src/vakr/publish/glossary.yml), attached to the segments that use them so the
translator keeps one Kazakh word for one Russian term. The file is optional: without it the
export simply carries no glossary."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

GLOSSARY_FILE = Path(__file__).resolve().parent.parent / "publish" / "glossary.yml"


@dataclass(frozen=True)
class Term:
    id: str
    ru: str
    kk: str
    avoid_kk: tuple[str, ...] = field(default_factory=tuple)
    note: str = ""

    def used_in(self, text: str) -> bool:
        """Each word of the term starts a word of `text`: Russian inflects («цикла ВАКР»), so
        the last letters of longer words are left out of the comparison."""
        words = text.lower().replace("«", " ").replace("»", " ").split()
        return all(any(w.startswith(_stem(t)) for w in words) for t in self.ru.lower().split())

    def line(self) -> str:
        """One line for a note: `цикл ВАКР → … (не: кезең). note`."""
        avoid = f" (не: {', '.join(self.avoid_kk)})" if self.avoid_kk else ""
        return f"{self.ru} → {self.kk}{avoid}" + (f". {self.note}" if self.note else "")


def _stem(word: str) -> str:
    return word[:-2] if len(word) > 5 else word


def load(path: Path | None = None) -> list[Term]:
    """The terms, or none when the glossary has not been written yet."""
    path = path or GLOSSARY_FILE
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [Term(id=str(t["id"]), ru=str(t["ru"]), kk=str(t["kk"]), avoid_kk=tuple(t.get("avoid_kk") or ()),
                 note=str(t.get("note") or ""))
            for t in data.get("terms") or [] if t.get("ru") and t.get("kk")]


def terms_in(text: str, terms: list[Term]) -> list[Term]:
    return [term for term in terms if term.used_in(text)]
