"""Checks that the Kazakh UI strings for Material for MkDocs are complete.

Material ships no Kazakh language file, so the project provides
overrides/partials/languages/kk.html. Every key the installed Material's
en.html defines must be present in it with a non-empty, translated value.
"""

import re
from pathlib import Path

import jinja2
import material
import pytest

ROOT = Path(__file__).resolve().parents[2]
KK_FILE = ROOT / "overrides" / "partials" / "languages" / "kk.html"
LANG_DIR = Path(material.__file__).parent / "templates" / "partials" / "languages"
EN_FILE = LANG_DIR / "en.html"
RU_FILE = LANG_DIR / "ru.html"

# One `"key": "value",` entry per line, as in Material's language files.
ENTRY = re.compile(r'^\s*"([^"\\]+)"\s*:\s*"((?:[^"\\]|\\.)*)"\s*,?\s*$')

# Keys that are configuration rather than text to translate.
STRUCTURAL = {
    "language",
    "direction",
    "search.config.lang",
    "search.config.pipeline",
    "search.config.separator",
}


def parse(path):
    """Return the ordered (key, raw value) entries of a language file."""
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = ENTRY.match(line)
        if match:
            entries.append((match.group(1), match.group(2)))
    return entries


def as_dict(path):
    return dict(parse(path))


def render_all(path, keys):
    """Render lang.t(key) for every key via Jinja, as Material does."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(path.parent)))
    module = env.get_template(path.name).module
    return {key: str(module.t(key)) for key in keys}


EN = as_dict(EN_FILE)
RU = as_dict(RU_FILE)
EN_KEYS = sorted(EN)
TEXT_KEYS = sorted(set(EN_KEYS) - STRUCTURAL)


def test_sources_parsed():
    assert KK_FILE.is_file(), KK_FILE
    # Guard against the parser silently matching nothing.
    assert len(EN) >= 40, EN_FILE
    assert "toc" in EN and "search.config.lang" in EN


def test_no_duplicate_keys():
    keys = [key for key, _ in parse(KK_FILE)]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    assert not duplicates, duplicates


@pytest.mark.parametrize("key", EN_KEYS)
def test_key_defined_and_non_empty(key):
    kk = as_dict(KK_FILE)
    assert key in kk, f"{key!r} missing from {KK_FILE}"
    assert kk[key].strip(), f"{key!r} is empty in {KK_FILE}"


def test_every_key_resolves_through_jinja():
    rendered = render_all(KK_FILE, EN_KEYS)
    empty = sorted(key for key, value in rendered.items() if not value.strip())
    assert not empty, f"lang.t() gives nothing for: {empty}"


@pytest.mark.parametrize("key", TEXT_KEYS)
def test_text_is_translated(key):
    value = as_dict(KK_FILE).get(key)
    assert value is not None, key
    assert value != EN[key], f"{key!r} is the English text {value!r}"
    assert value != RU.get(key), f"{key!r} is the Russian text {value!r}"


@pytest.mark.parametrize("key", [k for k in TEXT_KEYS if "#" in EN[k]])
def test_count_placeholder_kept(key):
    value = as_dict(KK_FILE)[key]
    assert value.count("#") == 1, f"{key!r} must keep exactly one '#': {value!r}"


@pytest.mark.parametrize("key", [k for k in TEXT_KEYS if k.endswith(".one")])
def test_singular_forms_keep_the_number_one(key):
    assert "1" in as_dict(KK_FILE)[key], key


def test_structural_keys():
    kk = as_dict(KK_FILE)
    assert kk["language"] == "kk"
    assert kk["direction"] == "ltr"
    # lunr has no Kazakh: search must use the Russian language support.
    assert kk["search.config.lang"] == "ru"
    # Same pipeline/separator Russian ends up with (ru.html, else en.html).
    for key in ("search.config.pipeline", "search.config.separator"):
        assert kk[key] == RU.get(key, EN[key]), key


def test_separator_keeps_kazakh_letters_in_words():
    value = render_all(KK_FILE, ["search.config.separator"])["search.config.separator"]
    separator = re.compile(value)
    word = "әғқңөұүһі ӘҒҚҢӨҰҮҺІ"
    assert separator.split(word) == ["әғқңөұүһі", "ӘҒҚҢӨҰҮҺІ"]
