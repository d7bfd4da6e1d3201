"""Put a Kazakh text into a data file without rewriting the rest of it: the officers' comments,
key order and quoting stay byte for byte; only the lines of that one `kk` entry change."""

from __future__ import annotations

from typing import Any

import yaml

from vakr.importer.merge import _Dumper


def set_kk(text: str, path: tuple[Any, ...], value: Any) -> str:
    """`text` with `kk: value` in the {ru, kk} mapping at `path` (keys and list indexes);
    checked by reading the result back, so a slip here can never reach the data."""
    before = yaml.safe_load(text)
    node = _find(yaml.compose(text), path)
    if node.flow_style:  # `{ru: …}` on one line: rewritten as one flow mapping
        mapping = {**_value_at(before, path), "kk": value}
        flow = yaml.dump(mapping, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9,
                         default_flow_style=True).strip()
        new = text[:node.start_mark.index] + flow + text[node.end_mark.index:]
    else:
        new = _set_block(text, node, value)
    expected = before
    _value_at(expected, path)["kk"] = value
    if yaml.safe_load(new) != expected:
        raise RuntimeError(f"kk at {path} was not written cleanly")  # a bug, never the officer's data
    return new


def _find(node: yaml.Node, path: tuple[Any, ...]) -> yaml.MappingNode:
    for part in path:
        if isinstance(node, yaml.MappingNode):
            node = next(v for k, v in node.value if yaml.safe_load(yaml.serialize(k)) == part)
        else:
            node = node.value[part]
    assert isinstance(node, yaml.MappingNode)
    return node


def _value_at(data: Any, path: tuple[Any, ...]) -> dict:
    for part in path:
        data = data[part]
    return data


def _last_line(node: yaml.Node) -> int:
    """The last line a value's own characters are on (a block collection's end mark is
    already on the next key's line)."""
    if isinstance(node, yaml.ScalarNode) or node.flow_style:
        mark = node.end_mark
        return mark.line - 1 if mark.column == 0 and mark.line > node.start_mark.line else mark.line
    return max(_last_line(child) for child in _children(node))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return list(node.value)


def _set_block(text: str, node: yaml.MappingNode, value: Any) -> str:
    lines = text.splitlines(keepends=True)
    entries = {key.value: (key, val) for key, val in node.value}
    key, val = entries.get("kk") or entries["ru"]
    indent = " " * key.start_mark.column
    dumped = yaml.dump({"kk": value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9,
                       default_flow_style=False).splitlines(keepends=True)
    new_lines = [indent + line for line in dumped]
    end = _last_line(val) + 1
    if "kk" in entries:  # replace the old entry's lines
        start = key.start_mark.line
        if key.start_mark.column and lines[start][:key.start_mark.column].strip():
            new_lines[0] = lines[start][:key.start_mark.column] + dumped[0]  # `- kk:` keeps its dash
        return "".join(lines[:start] + new_lines + lines[end:])
    if end > len(lines) or not lines[end - 1].endswith("\n"):
        lines[-1] = lines[-1] if lines[-1].endswith("\n") else lines[-1] + "\n"
    return "".join(lines[:end] + new_lines + lines[end:])
