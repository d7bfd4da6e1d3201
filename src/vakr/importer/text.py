"""Cell text → the data's text values, and the joining of a cell broken by a page break,
which must put back a space between words but none inside a word cut in two."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from vakr.importer.table import Block, Cell

_TAIL = re.compile(r"(\w+)$")
_HEAD = re.compile(r"^(\w+)")


def vocabulary(cells: Iterable[Cell]) -> Counter[str]:
    """How often each word occurs in the document: a word cut by a page break is recognised
    because its two halves are not words of the document while the whole is."""
    words: Counter[str] = Counter()
    for cell in cells:
        words.update(w.lower() for w in re.findall(r"\w+", cell.text))
    return words


def join_text(before: str, after: str, words: Counter[str]) -> tuple[str, str | None]:
    """`before` + `after` with a space, or without one when they are halves of one word;
    then also the joined word, for the report."""
    tail, head = _TAIL.search(before), _HEAD.match(after)
    if tail and head:
        whole = (tail.group(1) + head.group(1)).lower()
        halves_are_words = words[tail.group(1).lower()] > 1 and words[head.group(1).lower()] > 1
        if words[whole] > 0 and not halves_are_words:
            return before + after, tail.group(1) + head.group(1)
    return f"{before} {after}", None


def join_blocks(before: tuple[Block, ...], after: tuple[Block, ...],
                words: Counter[str]) -> tuple[tuple[Block, ...], str | None]:
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
