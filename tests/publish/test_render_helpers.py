"""The functions templates call (`vakr.publish.render`), in one language: text from data is
escaped, untranslated text is marked with its language and left out of the search, a
deadline shows the days the data names."""

from __future__ import annotations

import string

import pytest
from markupsafe import Markup
from pydantic import TypeAdapter

from vakr.domain.model import Deadline, Rich, Text
from vakr.publish.render import _Helpers
from vakr.publish.strings import catalog
from vakr.publish.templating import markup

DEADLINES: TypeAdapter[Deadline] = TypeAdapter(Deadline)


def test_text_from_data_is_escaped() -> None:
    assert str(_Helpers("ru").text(Text(ru="<b>«Almaty»</b> & Co"))) == "&lt;b&gt;«Almaty»&lt;/b&gt; &amp; Co"


def test_untranslated_text_keeps_its_language_and_stays_out_of_the_search() -> None:
    text = Text(ru="Только по-русски")
    assert str(_Helpers("kk").text(text)) == '<span lang="ru" data-search-exclude>Только по-русски</span>'
    assert str(_Helpers("ru").text(text)) == "Только по-русски"
    assert str(_Helpers("kk").text(Text(ru="Русский", kk="Қазақша"))) == "Қазақша"


def test_rich_text_keeps_paragraphs_and_lists() -> None:
    rich = Rich.model_validate({"ru": [{"p": "Абзац <1>"}, {"ul": ["один", "два"]}]})
    assert str(_Helpers("ru").rich(rich)) == ('<p>Абзац &lt;1&gt;</p><ul class="vakr-dashes"><li>один</li>'
                                              '<li>два</li></ul>')
    assert str(_Helpers("kk").rich(rich)).startswith('<div lang="ru" data-search-exclude><p>')


def test_a_deadline_shows_the_days_its_kind_names() -> None:
    helpers = _Helpers("ru")
    period = DEADLINES.validate_python({"kind": "range", "start": "13.04.2026", "end": "26.05.2026"})
    assert {name: str(day) for name, day in helpers.deadline_dates(period).items()} == {
        "start": '<time datetime="2026-04-13">13.04.2026</time>',
        "end": '<time datetime="2026-05-26">26.05.2026</time>'}
    permanent = DEADLINES.validate_python({"kind": "permanent", "start": "01.07.2026"})
    assert list(helpers.deadline_dates(permanent)) == ["start"]
    assert helpers.deadline_dates(DEADLINES.validate_python({"kind": "daily"})) == {}
    assert "26.05.2026" in str(helpers.deadline(period))


def test_every_ui_string_has_plain_fields_only() -> None:
    """`markup()` fills fields with Python's formatter after escaping the values: a format
    spec or a conversion would then apply to the escaped text (or fail), so none is allowed."""
    fields = [(key, lang, name, spec, conversion) for key, by_lang in catalog().items() for lang, text in by_lang.items()
              for _, name, spec, conversion in string.Formatter().parse(text) if name is not None]
    assert fields, "the catalogue has no fields at all: the check reads nothing"
    odd = [f for f in fields if f[3] or f[4] or not f[2].isidentifier()]
    assert odd == []


@pytest.mark.parametrize("values", [
    {"org": "<script>alert(1)</script>", "n": 3},
    {"org": Markup("<b>ТОО «A&B»</b>"), "n": "«1» & 2"},
])
def test_markup_fills_fields_as_markupsafe_does(values: dict[str, object]) -> None:
    template = Markup("<p>{org}: {n} &amp; «{org}»</p>")
    assert markup(template, **values) == template.format(**values)
    assert markup("<a href=\"{}\">{}</a>", values["org"], values["n"]) == Markup("<a href=\"{}\">{}</a>").format(
        values["org"], values["n"])
