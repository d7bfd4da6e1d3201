"""The Kazakh glossary (glossary.yml) and the checks a Kazakh UI text must pass against it.

Kazakh is checked beside its Russian counterpart: a word that the glossary rules out for one
concept may be the right term for another («кезең» is a schedule stage, never a cycle or a
period), so it is accepted only as often as the Russian text names the concept it belongs to.
Grammar patterns the review found are checked too: a bare numeral after a genitive
(«38 тармақтың 0 орындалды»), a bare date before «бастап», «бекітілген» or «жағдай бойынша»
(«01.07.2026 бастап»: «ж.» goes after a numeric date), and «мен/пен» after «АҚ».
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

_FILE = Path(__file__).with_name("glossary.yml")


class Term(BaseModel):
    """One concept: the Company's Russian and Kazakh terms and the Kazakh words not to use for it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    ru: str = Field(min_length=1)
    kk: str = Field(min_length=1)
    avoid_kk: tuple[str, ...] = ()
    note: str | None = None


class Glossary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    terms: tuple[Term, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_and_consistent(self) -> Glossary:
        ids = [term.id for term in self.terms]
        if len(ids) != len(set(ids)):
            raise ValueError(f"повторяющиеся id: {sorted({i for i in ids if ids.count(i) > 1})}")
        for term in self.terms:
            own = [word for word in term.avoid_kk if _kk_word(word).search(term.kk)]
            if own:
                raise ValueError(f"{term.id}: avoid_kk {own} входит в сам термин «{term.kk}»")
        return self


@cache
def glossary() -> Glossary:
    with _FILE.open(encoding="utf-8") as f:
        return Glossary.model_validate(yaml.safe_load(f))


@cache
def _kk_word(word: str) -> re.Pattern[str]:
    """A Kazakh word or phrase at a word start, with any endings after it."""
    return re.compile(r"(?<![\w-])" + re.escape(word), re.IGNORECASE)


_RU_ENDING = "аеёиоуыэюяйь"


@cache
def _ru_term(term: str) -> re.Pattern[str]:
    """A Russian term in any case form: each word's stem (a final vowel dropped) with up to
    three letters of ending, so «этап» finds «этапы», but «карта» does not find «картограмма»."""
    words = re.sub(r"\([^)]*\)", " ", term).replace(",", " ").split()
    stems = [word[:-1] if len(word) > 3 and word[-1].lower() in _RU_ENDING else word for word in words]
    body = r"\W+".join(re.escape(stem) + r"\w{0,3}" for stem in stems)
    return re.compile(r"(?<!\w)" + body + r"(?!\w)", re.IGNORECASE)


@cache
def _avoided() -> dict[str, tuple[tuple[Term, ...], tuple[Term, ...]]]:
    """Each avoided word → (the concepts it must not stand for, the concepts whose term it is)."""
    terms = glossary().terms
    out: dict[str, tuple[tuple[Term, ...], tuple[Term, ...]]] = {}
    for word in dict.fromkeys(w.lower() for term in terms for w in term.avoid_kk):
        avoiding = tuple(t for t in terms if word in (w.lower() for w in t.avoid_kk))
        owners = tuple(t for t in terms if t not in avoiding and _kk_word(word).search(t.kk))
        out[word] = (avoiding, owners)
    return out


def term_problems(kk: str, ru: str) -> list[str]:
    """Words of `kk` that stand for a concept the glossary rules them out for."""
    problems = []
    for word, (avoiding, owners) in _avoided().items():
        used = len(_kk_word(word).findall(kk))
        if not used:
            continue
        allowed = sum(len(_ru_term(owner.ru).findall(ru)) for owner in owners)
        if used > allowed:
            wrong = ", ".join(f"«{t.ru}» ({t.kk})" for t in avoiding)
            if owners:
                right = " или ".join(f"«{t.ru}»" for t in owners)
                problems.append(f"«{word}» — только {right} (в русском тексте {allowed} раз, «{word}» "
                                f"в казахском {used} раз); не для: {wrong}")
            else:
                problems.append(f"«{word}» не употребляется; глоссарий: {wrong}")
    return problems


_NUMBER = r"(?:\{\w+\}|\d+(?:[.,]\d+)*|#)"
_GENITIVE = re.compile(
    rf"(?<![\w-])([\w-]+?)(?:ның|нің|дың|дің|тың|тің)(?![\w-])\s+{_NUMBER}(?!-\w)(?:\s+(\w+))?", re.IGNORECASE)
_BARE_DATE = re.compile(r"(?:\}|\d)\s+(?:бастап|бекітілген|жағдай)\b", re.IGNORECASE)
_AK_AND = re.compile(r"(?<![\w-])АҚ\s+(?:мен|пен)(?![\w-])")


def numeral_problems(kk: str) -> list[str]:
    """A numeral after a genitive with no head noun: «38 тармақтың 5 тармағы» (the noun
    repeated) or «кестесінің 9-тармағы» (an ordinal), never «38 тармақтың 5 орындалды»; and
    «бастап», «бекітілген», «жағдай бойынша» after a date without «ж.»; «АҚ және», not «АҚ мен»."""
    problems = []
    for match in _GENITIVE.finditer(kk):
        stem, head = match.group(1).strip("-"), match.group(2) or ""
        need = min(4, max(len(stem) - 1, 1))
        if head[:need].lower() != stem[:need].lower():
            problems.append(f"число после родительного падежа без слова, к которому оно относится: "
                            f"«{match.group(0)}» (нужно «38 тармақтың 5 тармағы» или «5 (барлығы 38)»)")
    problems += [f"после даты нет «ж.»: «{m.group(0)}» (нужно «01.07.2026 ж. бастап», «… ж. бекітілген»)"
                 for m in _BARE_DATE.finditer(kk)]
    problems += [f"«{m.group(0)}»: после аббревиатуры — «АҚ және» (так в «Жұмыс кестесі»)"
                 for m in _AK_AND.finditer(kk)]
    return problems


def problems(kk: str, ru: str) -> list[str]:
    """Everything wrong with the Kazakh text `kk` whose Russian counterpart is `ru`."""
    return term_problems(kk, ru) + numeral_problems(kk)
