"""The UI strings of the generated pages (strings.yml), checked to exist in every language."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from vakr.domain.model import LANGUAGES

_FILE = Path(__file__).with_name("strings.yml")


@cache
def catalog() -> dict[str, dict[str, str]]:
    with _FILE.open(encoding="utf-8") as f:
        # LibYAML's parser where installed: the pure-Python one took a tenth of a small build
        data: dict[str, dict[str, str]] = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    for key, values in data.items():
        missing = [lang for lang in LANGUAGES if not values.get(lang)]
        if missing:
            raise ValueError(f"{_FILE.name}: «{key}» has no text for {', '.join(missing)}")
    return data


def template(lang: str, key: str) -> str:
    """The string `key` in `lang` with its `{placeholders}` still in it."""
    return catalog()[key][lang]


def t(lang: str, key: str, **values: object) -> str:
    """The string `key` in `lang`, with `{placeholders}` filled."""
    return template(lang, key).format(**values)
