"""The one Jinja2 environment of our templates (the data pages and the feeds), and the
compiled-template cache it shares with the theme's environment. Autoescaping is on for
every template: text from data is always shown as text, never run as markup."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from vakr.cachedir import CACHE_ROOT, writable


CACHE_DIR = CACHE_ROOT / "vakr-templates"


@cache
def compiled_templates() -> FileSystemBytecodeCache:
    """Compiled templates kept between builds, like Python's .pyc, for ours and the theme's
    (keyed on each template's path and text, so an edited template is compiled again):
    compiling them was a tenth of a build at 1×, and the i18n plugin and every `mkdocs
    serve` rebuild start the theme from a fresh environment (the first build after a reboot
    or a checkout was 1.43× a stock one). Outside a virtual environment that can be written
    (a system Python), Jinja's per-user temporary folder."""
    folder = writable(CACHE_DIR)
    return FileSystemBytecodeCache(str(folder)) if folder else FileSystemBytecodeCache()


@cache
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(Path(__file__).with_name("templates")),
        bytecode_cache=compiled_templates(),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def markup(template: str, *args: object, **values: object) -> Markup:
    """`Markup(template).format(...)`: the markup `template` with its fields filled by the
    values, escaped unless already markup. The same result with Python's own string formatter
    (markupsafe's, written in Python, was a fifth of a 50× build): our templates and UI strings
    have plain `{}` and `{name}` fields only (tests/publish/test_render_helpers.py)."""
    filled = str.format(template, *map(escape, args), **{name: escape(v) for name, v in values.items()})
    return Markup(filled)  # str.format, not Markup.format: `template` may be markup already
