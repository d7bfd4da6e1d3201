"""Read a YAML data file into plain Python values and remember the line of every field, so
that each validation error can point the officer at the exact line to fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from vakr.errors import DataError, Index, field_path

Path_ = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps: dates stay text until the model checks them,
    so an impossible date gets our message instead of a crash inside PyYAML."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _FastLoader(getattr(yaml, "CSafeLoader", _Loader)):  # type: ignore[misc]
    """The same, parsed by LibYAML (C) when PyYAML has it: the data pages of a large site
    are mostly YAML parsing, ten times faster in C. Errors are still reported from the
    pure-Python parser, whose wording the hints below know."""


_FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


@dataclass(frozen=True)
class Source:
    """A parsed file: its values and the 1-based line of each field path."""

    path: Path
    name: str  # as shown to the officer, e.g. data/2026/plan.yml
    data: Any
    lines: dict[Path_, int]

    def line_of(self, location: Path_) -> int:
        """The line of the deepest existing part of `location` (a missing field is reported
        at the line of the mapping that should hold it)."""
        best = 1
        for size in range(len(location) + 1):
            line = self.lines.get(tuple(location[:size]))
            if line is not None:
                best = line
        return best


def load(path: Path, display: str | None = None) -> Source:
    """Parse `path`; syntax and encoding problems become a DataError with the line."""
    name = display or str(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError(name, line, None, "файл должен быть в кодировке UTF-8; сохраните его как UTF-8") from None
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as err:
        raise DataError(name, _syntax_line(err), None, f"ошибка синтаксиса YAML: {_syntax_problem(err)}") from None
    if node is None:
        raise DataError(name, 1, None, "файл пуст")
    lines: dict[Path_, int] = {}
    try:
        _index(node, (), lines)
    except _DuplicateKey as dup:
        raise DataError(name, dup.line, dup.field, "поле указано дважды; оставьте одно") from None
    data = _Loader("").construct_document(node)  # from the same node: the text is parsed once
    return Source(path=path, name=name, data=data, lines=lines)


def _compose(text: str) -> yaml.Node | None:
    """The node tree of `text`; a syntax error is raised by the pure-Python parser."""
    try:
        return yaml.compose(text, Loader=_FastLoader)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=_Loader)


# Contexts whose mark is where the officer's mistake is (the opening quote or bracket); the
# problem mark of these is wherever PyYAML gave up, often the end of the file.
_OPENED_AT = ("while scanning a quoted scalar", "while parsing a flow sequence", "while parsing a flow mapping")

# PyYAML's English problems, worded for the officer; unknown ones are shown as they are.
_SYNTAX_HINTS = (
    ("while scanning a quoted scalar", "", "кавычка открыта, но не закрыта; закройте её в конце текста"),
    ("while parsing a flow sequence", "", "квадратная скобка «[» открыта, но не закрыта «]»"),
    ("while parsing a flow mapping", "", "фигурная скобка «{» открыта, но не закрыта «}»"),
    ("", "mapping values are not allowed here",
     "лишнее двоеточие: если в тексте есть «: », заключите весь текст в кавычки; иначе проверьте отступы"),
    ("", "found character '\\t' that cannot start any token",
     "символ табуляции; для отступов используйте пробелы"),
    ("", "found undefined alias", "ссылка «*…» на неизвестную метку «&…»"),
)


def _syntax_line(err: yaml.MarkedYAMLError) -> int:
    if err.context in _OPENED_AT and err.context_mark is not None:
        mark = err.context_mark
    else:
        mark = err.problem_mark or err.context_mark
    return mark.line + 1 if mark else 1


def _syntax_problem(err: yaml.MarkedYAMLError) -> str:
    for context, problem, hint in _SYNTAX_HINTS:
        if (not context or err.context == context) and (not problem or (err.problem or "").startswith(problem)):
            return hint
    return str(err.problem or err)


def _key(node: yaml.Node) -> str | int:
    """A mapping key as the loaded data has it: `17:` is the number 17 (monitoring.yml is
    keyed by item numbers), every other key its text."""
    if node.tag == "tag:yaml.org,2002:int":
        try:
            return int(node.value)
        except ValueError:
            return node.value
    return node.value


class _DuplicateKey(Exception):
    def __init__(self, line: int, field: str) -> None:
        self.line, self.field = line, field


def _index(node: yaml.Node, at: Path_, lines: dict[Path_, int]) -> None:
    lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = _key(key_node)
            if (*at, key) in lines:
                raise _DuplicateKey(key_node.start_mark.line + 1, field_path((*at, key)))
            _index(value_node, (*at, key), lines)
            lines[(*at, key)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            _index(child, (*at, Index(i)), lines)
