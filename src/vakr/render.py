"""Render the pages of a cycle to HTML in one language. Jinja2 autoescapes every value, so
text from data is always shown as text, never run as markup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from vakr import strings
from vakr.load import Cycle, SiteData
from vakr.model import DEFAULT_LANGUAGE, BulletList, Deadline, PlanItem, Rich, Text
from vakr.pages import SCHEDULE, VIEWS, View

LinkTo = Callable[[str], str]
"""Maps a page path such as `2026/plan.md` to a URL relative to the page being rendered."""


@dataclass
class Heading:
    """A table-of-contents entry: the renderer knows the ids it writes."""

    level: int
    id: str
    name: str
    children: list[Heading] = field(default_factory=list)


@dataclass(frozen=True)
class Rendered:
    html: str
    toc: list[Heading]


def format_date(value: dt.date) -> str:
    return value.strftime("%d.%m.%Y")


class _Helpers:
    """The functions templates call, bound to one page language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def t(self, key: str, **values: object) -> Markup:
        """A UI string; values are escaped unless they are already markup (e.g. a <time>)."""
        return escape(strings.template(self.lang, key)).format(**values)

    def _pick(self, text: Text | Rich) -> tuple[object, str | None]:
        """The text in the page language, or the Russian original marked with its language."""
        own = getattr(text, self.lang)
        if own is not None:
            return own, None
        return text.ru, DEFAULT_LANGUAGE

    def translated(self, items: list[PlanItem]) -> list[PlanItem]:
        return [item for item in items if item.is_translated(self.lang)]

    def text(self, text: Text) -> Markup:
        value, fallback = self._pick(text)
        if fallback:
            return Markup('<span lang="{}">{}</span>').format(fallback, value)
        return escape(value)

    def rich(self, text: Rich) -> Markup:
        value, fallback = self._pick(text)
        body = Markup("<p>{}</p>").format(value) if isinstance(value, str) else Markup("").join(
            Markup('<ul class="vakr-dashes">{}</ul>').format(Markup("").join(Markup("<li>{}</li>").format(li) for li in block.ul))
            if isinstance(block, BulletList) else Markup("<p>{}</p>").format(block.p)
            for block in value  # type: ignore[union-attr]
        )
        if fallback:
            return Markup('<div lang="{}">{}</div>').format(fallback, body)
        return body

    def time(self, value: dt.date) -> Markup:
        return Markup('<time datetime="{}">{}</time>').format(value.isoformat(), format_date(value))

    def deadline(self, deadline: Deadline) -> Markup:
        """The deadline in the page language; the approved wording follows it."""
        kind = deadline.kind
        dates = {name: self.time(getattr(deadline, name)) for name in ("date", "start", "end") if hasattr(deadline, name)}
        shown = self.t(f"deadline.{kind}", **dates)
        out = Markup('<span class="vakr-deadline vakr-deadline--{}">{}</span>').format(kind, shown)
        if deadline.source is not None:
            out += Markup('<span class="vakr-source">{} {}</span>').format(self.t("deadline.source"), self.text(deadline.source))
        return out


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(Path(__file__).with_name("templates")),
        # compiled templates kept between builds, like Python's .pyc (Jinja's per-user
        # temporary folder; keyed on each template's text): a tenth of a build at 1×
        bytecode_cache=FileSystemBytecodeCache(),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def section_id(number: int) -> str:
    return f"section-{number}"


def item_id(number: int) -> str:
    """The public anchor of a plan or schedule item: `#item-17`."""
    return f"item-{number}"


def _toc(view: View, cycle: Cycle, helpers: _Helpers) -> list[Heading]:
    if view is SCHEDULE and cycle.schedule is not None:
        return [Heading(2, section_id(n), str(helpers.text(section.title)))
                for n, section in enumerate(cycle.schedule.sections, 1)]
    return []


def render(view: View, site: SiteData, cycle: Cycle, lang: str, link_to: LinkTo, embedded: bool = False) -> Rendered:
    """Render `view` of `cycle` in `lang`; `embedded` when it is a part of another page (the
    current cycle's overview on the home page), which then needs its own heading."""
    helpers = _Helpers(lang)
    template = _environment().get_template(f"{view.name}.html.j2")
    html = template.render(
        h=helpers, t=helpers.t, site=site, cycle=cycle, lang=lang, link_to=link_to,
        views=VIEWS, section_id=section_id, item_id=item_id, embedded=embedded,
    )
    return Rendered(html=html, toc=_toc(view, cycle, helpers))
