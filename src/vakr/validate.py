"""Turn a parsed YAML file into a model object, translating every validation problem into a
DataError that names the file, the line, the field and what was expected."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from vakr.errors import DataError, DataErrors, field_path
from vakr.yamlsource import Source

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
    for problem in err.errors(include_url=False):
        location = _data_location(source.data, problem["loc"], problem["type"])
        message = _message(problem, model, location)
        line = source.line_of(location)
        key = (line, field_path(location), message)
        if key in seen:
            continue
        seen.add(key)
        out.append(DataError(display, line, field_path(location) or None, message))
    return _drop_union_noise(out)


def _data_location(data: Any, loc: tuple[Any, ...], kind: str) -> tuple[str | int, ...]:
    """Pydantic's location reduced to the keys and indexes that exist in the file (it also
    names union branches); a missing or unknown key is kept as the last part."""
    out: list[str | int] = []
    node = data
    for i, part in enumerate(loc):
        if isinstance(node, dict) and part in node:
            node = node[part]
            out.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            out.append(part)
        elif i == len(loc) - 1 and kind in ("missing", "extra_forbidden"):
            out.append(part)
    return tuple(out)


def _message(problem: dict[str, Any], model: type[BaseModel], location: tuple[str | int, ...]) -> str:
    kind = problem["type"]
    ctx = problem.get("ctx") or {}
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, location[:-1])
        hint = f"; допустимые поля: {', '.join(allowed)}" if allowed else ""
        return f"неизвестное поле «{location[-1]}»{hint}"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", problem["msg"]))
    template = _EXPECTED.get(kind)
    if template is None:
        return problem["msg"]
    try:
        message = template.format(**ctx)
    except (KeyError, IndexError):
        message = template
    got = problem.get("input")
    if kind != "missing" and isinstance(got, (str, int, float)) and not isinstance(got, bool):
        message += f"; получено «{got}»"
    return message


def _allowed_keys(model: type[BaseModel], location: tuple[str | int, ...]) -> list[str]:
    """The field names a mapping at `location` may hold, found by walking the model."""
    current: Any = model
    for part in location:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return []
        current = _model_in(fields[part].annotation)
        if current is None:
            return []
    fields = getattr(current, "model_fields", None)
    return list(fields) if fields else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The single model class inside an annotation such as `list[X]` or `X | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    models = [m for m in (_model_in(a) for a in getattr(annotation, "__args__", ())) if m is not None]
    return models[0] if len(set(models)) == 1 else None


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
