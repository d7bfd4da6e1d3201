"""Turn a parsed YAML file into a model object, translating every validation problem into a
DataError that names the file, the line, the field and what was expected."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from vakr.domain.errors import DataError, DataErrors, Index, field_path
from vakr.ingest.yamlsource import Source

M = TypeVar("M", bound=BaseModel)

_EXPECTED = {
    "missing": "обязательное поле отсутствует",
    "string_type": "ожидался текст",
    "string_too_short": "текст не может быть пустым",
    "int_type": "ожидалось целое число",
    "int_parsing": "ожидалось целое число",
    "int_from_float": "ожидалось целое число",
    "greater_than_equal": "ожидалось число не меньше {ge}",
    "list_type": "ожидался список (строки, начинающиеся с «- »)",
    "too_short": "список не может быть пустым",
    "dict_type": "ожидался набор полей «ключ: значение»",
    "model_type": "ожидался набор полей «ключ: значение»",
    "model_attributes_type": "ожидался набор полей «ключ: значение»",
    "string_pattern_mismatch": "значение не подходит под формат {pattern}",
    "literal_error": "ожидалось одно из значений: {expected}",
    "union_tag_invalid": "неизвестное значение «{tag}»; допустимые: {expected_tags}",
    "union_tag_not_found": "не указано поле «{discriminator}»",
    "bool_parsing": "ожидалось true (да) или false (нет)",
    "bool_type": "ожидалось true (да) или false (нет)",
}


def parse(source: Source, model: type[M], display: str) -> M:
    """Validate `source.data` against `model`; raise DataErrors listing every problem."""
    try:
        return model.model_validate(source.data)
    except ValidationError as err:
        raise DataErrors(_translate(source, model, display, err)) from None


def _translate(source: Source, model: type[BaseModel], display: str, err: ValidationError) -> list[DataError]:
    seen: set[tuple[int, str, str]] = set()
    out: list[DataError] = []
    for problem in _fitting_branches(source.data, err.errors(include_url=False)):
        location = _data_location(source.data, problem["loc"], problem["type"])
        tag_field = _unquote((problem.get("ctx") or {}).get("discriminator"))
        if problem["type"] in ("union_tag_invalid", "union_tag_not_found") and isinstance(tag_field, str):
            location = (*location, tag_field)  # the officer fixes the `kind:` line
        message = _message(problem, model, location)
        line = source.line_of(location)
        key = (line, field_path(location), message)
        if key in seen:
            continue
        seen.add(key)
        out.append(DataError(display, line, field_path(location) or None, message))
    return _drop_union_noise(out)


Location = tuple[str | int, ...]


def _walk(data: Any, loc: tuple[Any, ...]) -> tuple[Location, list[tuple[int, Any, Location]]]:
    """Follow pydantic's `loc` through the data: the path of keys and indexes that exist,
    and each part that does not (a union branch name, or a missing or unknown key) with its
    position in `loc` and the path reached before it."""
    node, at, unmatched = data, [], []
    for i, part in enumerate(loc):
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            at.append(Index(part))
        elif isinstance(node, dict) and part in node:
            node = node[part]
            at.append(part)
        else:
            unmatched.append((i, part, tuple(at)))
    return tuple(at), unmatched


def _names_key(loc: tuple[Any, ...], position: int, kind: str) -> bool:
    """Whether the part at `position` is the missing or unknown key the error is about."""
    return position == len(loc) - 1 and kind in ("missing", "extra_forbidden")


def _data_location(data: Any, loc: tuple[Any, ...], kind: str) -> Location:
    """Pydantic's location reduced to the keys and indexes that exist in the file; a
    missing or unknown key is kept as the last part."""
    at, unmatched = _walk(data, loc)
    if unmatched and _names_key(loc, unmatched[-1][0], kind):
        return (*at, unmatched[-1][1])
    return at


def _message(problem: dict[str, Any], model: type[BaseModel], location: tuple[str | int, ...]) -> str:
    kind = problem["type"]
    ctx = problem.get("ctx") or {}
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, location[:-1])
        hint = f"; допустимые поля: {', '.join(allowed)}" if allowed else ""
        return f"неизвестное поле «{location[-1]}»{hint}"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", problem["msg"]))
    if kind in ("model_type", "model_attributes_type") and {"ru", "kk"} <= set(_allowed_keys(model, location)):
        return _text_without_language(location, problem.get("input"))
    template = _EXPECTED.get(kind)
    if template is None:
        return problem["msg"]
    ctx = {key: _unquote(value) if key in _QUOTED else value for key, value in ctx.items()}
    try:
        message = template.format(**ctx)
    except (KeyError, IndexError):
        message = template
    got = problem.get("input")
    if kind != "missing" and isinstance(got, (str, int, float)) and not isinstance(got, bool):
        message += f"; получено «{got}»"
    return message


def _text_without_language(location: tuple[str | int, ...], got: Any) -> str:
    """A text field given a bare string: say to put it under `ru:`, with the officer's own text."""
    name = location[-1] if location and isinstance(location[-1], str) else "поле"
    value = got if isinstance(got, str) and len(got) <= 40 else "…"
    return (f"текст пишется по языкам: поставьте «ru:» перед русским текстом (казахский — в «kk:»), "
            f"например «{name}: {{ru: {value}}}» или на следующей строке с отступом «  ru: {value}»")


def _allowed_keys(model: type[BaseModel], location: tuple[str | int, ...]) -> list[str]:
    """The field names a mapping at `location` may hold, found by walking the model (through
    unions too: a rich-text block may hold `p` or `ul`)."""
    current: list[type[BaseModel]] = [model]
    for part in location:
        if isinstance(part, int):
            continue
        current = [m for c in current if part in c.model_fields for m in models_in(c.model_fields[part].annotation)]
        if not current:
            return []
    return list(dict.fromkeys(name for m in current for name in m.model_fields))


def models_in(annotation: Any) -> list[type[BaseModel]]:
    """The model classes inside an annotation such as `list[X]`, `X | None` or `A | B`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return list(dict.fromkeys(m for a in getattr(annotation, "__args__", ()) for m in models_in(a)))


# ctx values pydantic formats as Python reprs ("'a', 'b' or 'c'"); the officer sees a, b, c.
_QUOTED = ("expected", "expected_tags", "discriminator")


def _unquote(value: Any) -> Any:
    names = re.findall(r"'([^']*)'", value) if isinstance(value, str) else []
    return ", ".join(names) if names else value


# Errors that mean "this branch of a union does not have the shape of the data at all".
_WRONG_SHAPE = {"string_type", "list_type", "dict_type", "model_type", "model_attributes_type", "int_type"}


def _fitting_branches(data: Any, problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pydantic reports every branch of a union the value failed; keep only the branches
    whose shape fits the data (text for a string, blocks for a list, `p` for a paragraph),
    so the officer is not told that a paragraph lacks `ul`. Where branches fit equally well
    and another error already explains the value (an unknown key), drop their 'missing'
    errors too: `- q: ...` needs «q» named, not both `p` and `ul` demanded."""
    misfit: dict[tuple[Any, ...], dict[str, int]] = {}
    tagged = []
    for problem in problems:
        tags = list(_branch_tags(data, problem["loc"], problem["type"]))
        tagged.append((problem, tags))
        for point, tag, rest in tags:
            wrong = (not rest and problem["type"] in _WRONG_SHAPE) or (
                len(rest) == 1 and problem["type"] in ("missing", "extra_forbidden"))
            scores = misfit.setdefault(point, {})
            scores[tag] = scores.get(tag, 0) + wrong

    def worse(tags: list[tuple[Any, str, tuple[Any, ...]]]) -> bool:
        return any(misfit[point][tag] > min(misfit[point].values()) for point, tag, _ in tags)

    def tied_missing(problem: dict[str, Any], tags: list[tuple[Any, str, tuple[Any, ...]]]) -> Any:
        for point, _, rest in tags:
            scores = list(misfit[point].values())
            if problem["type"] == "missing" and len(rest) == 1 and scores.count(min(scores)) > 1:
                return point
        return None

    kept = [(problem, tags) for problem, tags in tagged if not worse(tags)]
    explained = {point for problem, tags in kept if tied_missing(problem, tags) is None for point, _, _ in tags}
    out = [problem for problem, tags in kept if tied_missing(problem, tags) not in explained]
    return out or problems


def _branch_tags(data: Any, loc: tuple[Any, ...], kind: str) -> Iterator[tuple[Location, str, tuple[Any, ...]]]:
    """(point, tag, rest) for each union-branch name in `loc`: `point` is the data path
    of the union, `rest` what follows the tag."""
    for position, part, at in _walk(data, loc)[1]:
        if isinstance(part, str) and not _names_key(loc, position, kind):
            yield at, part, tuple(loc[position + 1:])


def _drop_union_noise(errors: list[DataError]) -> list[DataError]:
    """A rich-text cell is 'a string or a list of blocks': when it is neither, pydantic
    reports both branches; keep one clear message per field."""
    by_field: dict[tuple[int, str | None], list[DataError]] = {}
    for e in errors:
        by_field.setdefault((e.line, e.field), []).append(e)
    out: list[DataError] = []
    for group in by_field.values():
        if len(group) > 1 and all(e.message.startswith(("ожидался текст", "ожидался список")) for e in group):
            first = group[0]
            out.append(DataError(first.file, first.line, first.field, "ожидался текст или список абзацев (p) и списков (ul)"))
        else:
            out.extend(group)
    return out
