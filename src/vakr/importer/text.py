"""Cell text → the data's text values, and the joining of a cell broken by a page break,
which must put back a space between words but none inside a word cut in two."""

from __future__ import annotations

import re
from collections.abc import Iterable

from vakr.importer.table import Block, Cell

_TAIL = re.compile(r"(\w+)$")
_HEAD = re.compile(r"^(\w+)")


def vocabulary(cells: Iterable[Cell], names: Iterable[str]) -> set[str]:
    """The whole words of the document and of the organizations' names: every word of a cell
    but its first and last, where a page break may have cut one (so a half is never taken
    for a word, however often the same word is cut)."""
    words = {w.lower() for name in names for w in re.findall(r"\w+", name)}
    for cell in cells:
        words.update(w.lower() for w in re.findall(r"\w+", cell.text)[1:-1])
    return words


def join_text(before: str, after: str, words: set[str]) -> tuple[str, str | None]:
    """`before` + `after` with a space, or without one when the page break cut a word: the
    two halves put together are a word of the document and neither half is one; then also
    what was joined at a break inside letters, for the report («Микрофинансовая» or
    «соответствие действующим»), which the officer checks either way."""
    tail, head = _TAIL.search(before), _HEAD.match(after)
    if not (tail and head and tail.group(1)[-1].isalpha() and head.group(1)[0].isalpha()):
        return f"{before} {after}", None
    whole = (tail.group(1) + head.group(1)).lower()
    if whole in words and tail.group(1).lower() not in words and head.group(1).lower() not in words:
        return before + after, tail.group(1) + head.group(1)
    return f"{before} {after}", f"{tail.group(1)} {head.group(1)}"


def join_blocks(before: tuple[Block, ...], after: tuple[Block, ...],
                words: set[str]) -> tuple[tuple[Block, ...], str | None]:
    """A cell continued on the next page: its last paragraph goes on in the first one of the
    continuation; lists and further paragraphs follow."""
    if not before or not after:
        return before + after, None
    last, first = before[-1], after[0]
    if last.is_list or first.is_list:
        return before + after, None
    text, word = join_text(last.text, first.text, words)
    return (*before[:-1], Block(text=text), *after[1:]), word


def rich(blocks: tuple[Block, ...]) -> str | list[dict]:
    """One paragraph is plain text; several, or a list, keep their structure."""
    if len(blocks) == 1 and not blocks[0].is_list:
        return blocks[0].text
    return [{"ul": list(b.items)} if b.is_list else {"p": b.text} for b in blocks]


def plain(blocks: tuple[Block, ...]) -> str:
    """A one-line field (executor, completion form): paragraphs joined by a space."""
    return " ".join(piece for b in blocks for piece in (b.items if b.is_list else (b.text,)))
