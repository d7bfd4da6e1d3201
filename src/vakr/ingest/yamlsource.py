"""Read a YAML data file into plain Python values and remember the line of every field, so
that each validation error can point the officer at the exact line to fix.

A data file may be damaged or hostile: it is read with limits (size, nesting depth, how
much YAML aliases may repeat, digits of a number), only from inside the data folder, and
every way it can fail becomes a DataError in Russian, never a traceback, hang or crash."""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from vakr.domain.errors import DataError, Index, field_path
from vakr.domain.oswords import reason

Path_ = tuple[str | int, ...]

MAX_BYTES = 5 * 1024 * 1024  # the real plan is 30 KB, a 50× benchmark cycle well under 1 MB
MAX_DEPTH = 50  # the deepest real field (schedule rich text) is 9 levels down
MAX_REPEATED = 100_000  # nodes reached a second time through aliases (*name), per file
MAX_DIGITS = 15  # whole numbers: item numbers, scores; 10^40 is a typo or an attack
# C LibYAML builds nested nodes recursively: far below this depth it cannot overflow the stack.
_C_SAFE_DEPTH = 2000


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


def load(path: Path, display: str | None = None, within: Path | None = None) -> Source:
    """Parse `path` (which must lie inside `within`, links resolved, when given); every
    problem with the file becomes a DataError with its line."""
    name = display or str(path)
    return parse_bytes(_read(path, name, within), name, path)


def parse_bytes(raw: bytes, name: str, path: Path) -> Source:
    """Parse a file's bytes however they were read (from disk, from an earlier git revision);
    `name` as the officer knows the file, for the errors."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError(name, line, None, "файл должен быть в кодировке UTF-8; сохраните его как UTF-8") from None
    node = _compose(text, name)
    if node is None:
        raise DataError(name, 1, None, "файл пуст")
    lines: dict[Path_, int] = {}
    _Index(name, lines).walk(node, ())
    try:  # from the same node: the text is parsed once
        data = _Loader("").construct_document(node)
    except yaml.MarkedYAMLError as err:
        raise DataError(name, _syntax_line(err), None, _construct_problem(err)) from None
    return Source(path=path, name=name, data=data, lines=lines)


def _read(path: Path, name: str, within: Path | None) -> bytes:
    """The bytes of a regular file of sane size inside `within`: a link out of the project,
    a folder, a device or a pipe is refused (reading a pipe would wait forever)."""
    if within is not None and not path.resolve().is_relative_to(within.resolve()):
        raise DataError(name, 1, None, f"файл — ссылка на файл вне папки {within.name}/; "
                                       f"положите сам файл в {within.name}/ вместо ссылки")
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise DataError(name, 1, None, "на месте файла папка с тем же именем; "
                                           "переименуйте или удалите папку и положите файл")
        if not stat.S_ISREG(info.st_mode):
            raise DataError(name, 1, None, "это не обычный файл; положите на это место файл YAML")
        if info.st_size > MAX_BYTES:
            raise DataError(name, 1, None, f"файл слишком велик ({info.st_size // 1024} КБ, допустимо до "
                                           f"{MAX_BYTES // 1024 // 1024} МБ); проверьте, тот ли это файл")
        return path.read_bytes()
    except OSError as err:
        raise DataError(name, 1, None, f"файл не прочитан: {reason(err)}") from None


_TOO_DEEP = (f"слишком глубокая вложенность (больше {MAX_DEPTH} уровней); проверьте скобки «[» и «{{» "
             "и отступы: данные сайта так глубоко не вкладываются")


def _compose(text: str, name: str) -> yaml.Node | None:
    """The node tree of `text`; a syntax error is reported from the pure-Python parser."""
    if _depth_bound(text) > _C_SAFE_DEPTH:
        _check_depth_by_events(text, name)
    try:
        return yaml.compose(text, Loader=_FastLoader)
    except yaml.YAMLError:
        pass
    try:
        yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        problem = _syntax_problem(err, text)
        raise DataError(name, _syntax_line(err), None, f"ошибка синтаксиса YAML: {problem}") from None
    except yaml.reader.ReaderError as err:
        line = text.count("\n", 0, err.position) + 1
        raise DataError(name, line, None, _character_problem(err.character)) from None
    except RecursionError:
        raise DataError(name, 1, None, _TOO_DEEP) from None
    raise DataError(name, 1, None, "файл не читается как YAML")  # LibYAML refused what PyYAML accepts


_BLOCK_PREFIX = re.compile(r"^[ \t]*(?:(?:[-?:]|[&!]\S*)[ \t]+)*", re.MULTILINE)


def _depth_bound(text: str) -> int:
    """More than the nesting depth of `text` can be, found in one cheap pass: a block level
    takes a column of indent or a «- »/«? » on its line; a flow level (at most two: a list
    and a pair in it) a bracket."""
    prefix = max((len(m.group(0)) for m in _BLOCK_PREFIX.finditer(text)), default=0)
    return 2 * prefix + 2 + 2 * (text.count("[") + text.count("{"))


def _check_depth_by_events(text: str, name: str) -> None:
    """The real depth, from LibYAML's parser events (not recursive, so any depth is safe)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_FastLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise DataError(name, event.start_mark.line + 1, None, _TOO_DEEP)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # a syntax error: the parsers report it with its hint


# Contexts whose mark is where the officer's mistake is (the opening quote or bracket); the
# problem mark of these is wherever PyYAML gave up, often the end of the file.
_OPENED_AT = ("while scanning a quoted scalar", "while parsing a flow sequence", "while parsing a flow mapping")

_INDENT = ("строка сдвинута не так, как соседние строки того же уровня; выровняйте её отступ "
           "пробелами по строкам выше")

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
    ("", "expected <block end>", _INDENT),
    ("", "sequence entries are not allowed here",
     "«- » (пункт списка) здесь не может стоять: начните список с новой строки и проверьте отступы"),
    ("", "did not find expected key", _INDENT),
    ("", "did not find expected '-' indicator", _INDENT),
    ("", "expected '<document start>'", _INDENT),
    ("", "could not find expected ':'", "после названия поля нет двоеточия «:», или текст из нескольких строк "
                                        "не заключён в кавычки"),
    *(("", f"found character '{c}' that cannot start any token",
        f"текст не может начинаться с «{c}»; заключите его в кавычки") for c in "@`%"),
)

# `plan: {}` (or `[]`) with lines added under it: the empty value must go.
_EMPTY_THEN_MORE = re.compile(r"^\s*(?:-\s+)?([^\s#:][^#:]*):\s*(\{\}|\[\])\s*(?:#.*)?$")


def _syntax_line(err: yaml.MarkedYAMLError) -> int:
    if err.context in _OPENED_AT and err.context_mark is not None:
        mark = err.context_mark
    else:
        mark = err.problem_mark or err.context_mark
    return mark.line + 1 if mark else 1


def _syntax_problem(err: yaml.MarkedYAMLError, text: str) -> str:
    empty = _empty_value_above(err, text)
    if empty is not None:
        key, braces = empty
        return (f"под строкой «{key}: {braces}» добавлены строки, но «{braces}» значит «пусто»; "
                f"удалите {braces} после {key}:")
    for context, problem, hint in _SYNTAX_HINTS:
        if (not context or err.context == context) and (not problem or (err.problem or "").startswith(problem)):
            return hint
    return f"{err.problem or err} (сообщение PyYAML); проверьте отступы, кавычки и двоеточия в этой строке"


def _empty_value_above(err: yaml.MarkedYAMLError, text: str) -> tuple[str, str] | None:
    """The key of `key: {}` on the last non-blank line before the error, if there is one
    and the error line is indented under it."""
    if err.problem_mark is None:
        return None
    lines = text.splitlines()
    at = err.problem_mark.line
    for above in range(min(at, len(lines)) - 1, -1, -1):
        if lines[above].strip() and not lines[above].lstrip().startswith("#"):
            found = _EMPTY_THEN_MORE.match(lines[above])
            indent = len(lines[above]) - len(lines[above].lstrip())
            below = lines[at] if at < len(lines) else ""
            if found and len(below) - len(below.lstrip()) > indent:
                return found.group(1).strip(), found.group(2)
            return None
    return None


def _character_problem(code: int) -> str:
    if code == 0:
        return ("в файле нулевой байт: файл повреждён или сохранён не как текст; восстановите его из копии "
                "или откройте в редакторе и удалите этот символ")
    return (f"недопустимый невидимый символ (код U+{code:04X}), обычно попадает при копировании; "
            "удалите его")


_TAG = re.compile(r"tag '([^']*)'")


def _construct_problem(err: yaml.MarkedYAMLError) -> str:
    found = _TAG.search(err.problem or "")
    tag = found.group(1).replace("tag:yaml.org,2002:", "!!") if found else "!…"
    return (f"пометка «{tag}» не допускается: в данных только текст, числа, списки и поля; "
            f"удалите «{tag}» перед значением")


def _key(node: yaml.Node) -> str | int:
    """A mapping key as the loaded data has it: `17:` is the number 17 (monitoring.yml is
    keyed by item numbers), every other key its text."""
    if node.tag == "tag:yaml.org,2002:int":
        try:
            return int(node.value)
        except ValueError:
            return node.value
    return node.value


_INT = "tag:yaml.org,2002:int"


class _Index:
    """Walks the node tree once, recording the line of every field path and enforcing the
    limits a hostile file would break: depth, repetition through aliases, huge numbers."""

    def __init__(self, name: str, lines: dict[Path_, int]) -> None:
        self.name, self.lines = name, lines
        self.seen: set[int] = set()
        self.repeated = 0

    def error(self, node: yaml.Node, at: Path_ | None, message: str) -> DataError:
        """At the node's line; with the field path unless it is `None` (for the limits:
        the path of a too deep node is as long as the mistake)."""
        return DataError(self.name, node.start_mark.line + 1, field_path(at) if at else None, message)

    def walk(self, node: yaml.Node, at: Path_) -> None:
        if len(at) > MAX_DEPTH:
            raise self.error(node, None, _TOO_DEEP)
        if id(node) in self.seen:  # reached again through an alias (*name)
            self.repeated += 1
            if self.repeated > MAX_REPEATED:
                raise self.error(node, None, f"ссылки «*…» на метки «&…» повторяют данные слишком много раз "
                                           f"(больше {MAX_REPEATED}); уберите вложенные ссылки, "
                                           "напишите данные прямо")
        self.seen.add(id(node))
        self.lines[at] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = _key(key_node)
                if (*at, key) in self.lines:
                    raise self.error(key_node, (*at, key), "поле указано дважды; оставьте одно")
                self.walk(value_node, (*at, key))
                self.lines[(*at, key)] = key_node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for i, child in enumerate(node.value):
                self.walk(child, (*at, Index(i)))
        elif node.tag == _INT and len(node.value.lstrip("+-0").replace("_", "")) > MAX_DIGITS:
            raise self.error(node, at, f"слишком большое число; проверьте его: допустимо не больше {MAX_DIGITS} цифр")
