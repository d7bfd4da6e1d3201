"""A Word document as lines: free paragraphs and table rows, each with the line number the
officer can find it at. Both formats (the tab-separated text export and the .docx) become
the same lines, so everything after this module is written once."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

from vakr.domain.errors import DataError

_SPACES = re.compile(r"\s+")


def quote(text: str, size: int = 60) -> str:
    """A paragraph's beginning in quotes, enough to find it with Word's search."""
    if text.startswith("«") and text.endswith("»") and len(text) <= size:
        return text  # «УТВЕРЖДАЮ» is quoted already
    return f"«{text}»" if len(text) <= size else f"«{text[:size].rstrip()}…»"


def clean(text: str) -> str:
    """Collapse the whitespace of a fragment: line wrapping of the export is not content."""
    return _SPACES.sub(" ", text.replace("\xa0", " ")).strip()


@dataclass(frozen=True)
class Block:
    """A paragraph (`items` empty) or a bullet list (`items`, `text` empty)."""

    text: str = ""
    items: tuple[str, ...] = ()

    @property
    def is_list(self) -> bool:
        return bool(self.items)


@dataclass(frozen=True)
class Cell:
    blocks: tuple[Block, ...] = ()
    bold: bool = False
    # Word: the cell is merged down from the row above (vertical merge) and holds that
    # cell's text; the text belongs to each item whose row the merge spans (see rows.py)
    merged_above: bool = False
    span: int = 1  # Word: the columns the cell is merged across (a text export does not show it)

    @property
    def empty(self) -> bool:
        return not self.blocks

    @property
    def text(self) -> str:
        """All the text of the cell on one line, for messages and simple fields."""
        return " ".join(piece for b in self.blocks for piece in (b.items if b.is_list else (b.text,)))


@dataclass(frozen=True)
class Line:
    """One line of the document: a paragraph (`cells` is None) or a table row."""

    number: int
    text: str = ""
    cells: tuple[Cell, ...] | None = None
    # the row goes on after a page break: a blank line before it in the text export, «№»
    # merged down from the row above in Word
    after_break: bool = False

    @property
    def is_row(self) -> bool:
        return self.cells is not None


@dataclass
class Document:
    name: str  # as shown to the officer
    lines: list[Line] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    word: bool = False  # a .docx: no line numbers to show, its places are named (see where.py)
    places: dict[int, str] = field(default_factory=dict)  # line number → place in a Word document

    def at(self, number: int) -> str:
        """Where line `number` is, as the officer finds it: «строка 46» of a text export,
        «пункт 24» or «абзац «…»» of a Word document."""
        return self.places.get(number, f"строка {number}")


# --- the text export ----------------------------------------------------------------------


class _CellParser(HTMLParser):
    """The HTML fragments of an exported cell: <p>, <ul>/<ol> with <li>, <b>/<strong>."""

    _KNOWN = {"p", "ul", "ol", "li", "b", "strong", "br", "span", "i", "em", "u"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.unknown: set[str] = set()
        self._text: list[str] = []
        self._items: list[str] | None = None
        self._bold_chars = 0
        self._all_chars = 0
        self._bold_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self._KNOWN:
            self.unknown.add(tag)
        if tag in ("b", "strong"):
            self._bold_depth += 1
        elif tag == "br":  # a line break in the cell (Word's w:br): the next line is a paragraph of its own
            self._flush()
        elif tag in ("ul", "ol"):
            self._flush()
            self._items = []
        elif tag in ("p", "li"):
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("b", "strong"):
            self._bold_depth = max(0, self._bold_depth - 1)
        elif tag in ("p", "li"):
            self._flush()
        elif tag in ("ul", "ol"):
            self._flush()
            if self._items:
                self.blocks.append(Block(items=tuple(self._items)))
            self._items = None

    def handle_data(self, data: str) -> None:
        self._text.append(data)
        visible = len(data.strip())
        self._all_chars += visible
        if self._bold_depth:
            self._bold_chars += visible

    def _flush(self) -> None:
        text = clean("".join(self._text))
        self._text = []
        if not text:
            return
        if self._items is not None:
            self._items.append(text)
        else:
            self.blocks.append(Block(text=text))

    def result(self) -> Cell:
        self._flush()
        if self._items:
            self.blocks.append(Block(items=tuple(self._items)))
        bold = self._all_chars > 0 and self._bold_chars == self._all_chars
        return Cell(blocks=tuple(self.blocks), bold=bold)


# «<» that starts no tag of the export (its tags are lower case): «<<Almaty Finance>>» typed
# as quotation marks, «< 5 дней»; it is text, never swallowed as an unknown tag
_NOT_A_TAG = re.compile(r"<(?!/?[a-z])")


def parse_cell(raw: str) -> tuple[Cell, set[str]]:
    """A cell of the export → its blocks; also the tags this reader does not know."""
    raw = _NOT_A_TAG.sub("&lt;", raw)
    if "<" not in raw:
        text = clean(html.unescape(raw))
        return Cell(blocks=(Block(text=text),) if text else ()), set()
    parser = _CellParser()
    parser.feed(raw)
    parser.close()
    return parser.result(), parser.unknown


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise DataError(name, line, None, "файл не в кодировке UTF-8: сохраните выгрузку из Word как «Обычный текст», кодировка Юникод (UTF-8)") from None


def read_text(path: Path, name: str) -> Document:
    """The tab-separated export: a line is a paragraph, or a row if it holds a tab."""
    doc = Document(name)
    blank = False
    for number, raw in enumerate(_decode(path.read_bytes(), name).split("\n"), 1):
        raw = raw.rstrip("\r")
        after_break, blank = blank, not raw.strip()
        if "\t" not in raw:
            doc.lines.append(Line(number, text=clean(html.unescape(re.sub(r"</?[a-z][^>]*>", " ", raw)))))
            continue
        cells = []
        for raw_cell in raw.split("\t"):
            cell, unknown = parse_cell(raw_cell)
            for tag in sorted(unknown):
                doc.warnings.append((number, f"неизвестный тег <{tag}> в ячейке: взят только его текст"))
            cells.append(cell)
        doc.lines.append(Line(number, cells=tuple(cells), after_break=after_break))
    return doc


# --- the .docx ------------------------------------------------------------------------------


MAX_UNPACKED = 200 * 2**20  # bytes of a .docx unpacked: an approved plan is well under 1 MB
MAX_TEXT = 20 * 2**20  # bytes of a text export: the approved plan's is 40 KB


def read_docx(path: Path, name: str) -> Document:
    """The body of a .docx in order: paragraphs and table rows, numbered as the text export
    numbers them (one line per paragraph, one per row). Merged cells are read once, as Word's
    text export shows them: a cell merged across columns is one cell of the row. A cell merged
    down rows keeps its text in each row it spans, marked as merged (rows.py decides what that
    means); only «№» merged down reads empty: the row continues the item above."""
    import zipfile

    import docx  # python-docx; imported here so the text export needs no lxml
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from lxml.etree import XMLSyntaxError

    from vakr.importer.numbering import Numbering
    from vakr.importer.wordxml import prepare

    broken = "файл не открывается как документ Word (.docx): он повреждён или это другой формат; сохраните " \
             "его в Word как «Документ Word (.docx)»"
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise DataError(name, 1, None, broken) from None
    if unpacked > MAX_UNPACKED:  # a .docx is a zip: a small file may unpack to gigabytes
        raise DataError(name, 1, None, f"файл слишком велик для документа с таблицей: распакованный — "
                        f"{unpacked // 2**20} МБ, допустимо до {MAX_UNPACKED // 2**20} МБ; сохраните в "
                        "Word только таблицу и текст вокруг неё (без рисунков) или выгрузите таблицу в текст "
                        "(.txt)")
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError):
        raise DataError(name, 1, None, broken) from None
    prepare(document.element.body, name)  # content controls unwrapped; tracked changes, nested tables refused
    doc = Document(name, word=True)
    numbers = Numbering(document)
    number = tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            numbers.paragraph(block)
            number += 1
            doc.lines.append(Line(number, text=clean(block.text)))
            doc.places[number] = f"абзац {quote(clean(block.text))}" if clean(block.text) else "пустой абзац"
        elif isinstance(block, Table):
            tables += 1
            above: list[object] = []
            for index, row in enumerate(block.rows, 1):
                if not row.cells:  # a row without cells (Word never makes one) holds nothing to read
                    continue
                number += 1
                doc.places[number] = f"таблица {tables}, строка {index}"  # where.describe names its item
                cells: list[Cell] = []
                seen: list[object] = []
                continued = bool(above) and row.cells[0]._tc is above[0]
                for column, cell in enumerate(row.cells):
                    tc = cell._tc
                    merged_left = any(tc is other for other in seen)
                    merged_down = column < len(above) and above[column] is tc
                    seen.append(tc)
                    if merged_left:
                        if cells:
                            cells[-1] = replace(cells[-1], span=cells[-1].span + 1)
                        continue
                    if merged_down:  # «№» merged down marks a continuation; any other column shares its text
                        read = Cell() if column == 0 else replace(_docx_cell(cell), merged_above=True)
                    else:  # a cell read for the first time: its numbered paragraphs advance their lists
                        read = _docx_cell(cell)
                        shown = [n for p in cell.paragraphs if (n := numbers.paragraph(p)) is not None]
                        if column == 0 and read.empty and shown:  # «№» numbered by Word, not typed
                            read = Cell(blocks=(Block(text=f"{shown[0]}."),))
                    cells.append(read)
                above = seen
                doc.lines.append(Line(number, cells=tuple(cells), after_break=continued))
    return doc


def _docx_cell(cell) -> Cell:  # type: ignore[no-untyped-def]
    """Paragraphs of a cell → blocks: list paragraphs (a list style or numbering) make one
    bullet list; a cell whose every run is bold is a section title."""
    blocks: list[Block] = []
    items: list[str] = []
    all_bold = True
    any_text = False
    for paragraph in cell.paragraphs:
        # a line break (w:br, Shift+Enter) starts a paragraph or list item of its own, as <br> does
        lines = [text for text in (clean(part) for part in paragraph.text.split("\n")) if text]
        if not lines:
            continue
        any_text = True
        all_bold = all_bold and all(_bold(run, paragraph) for run in paragraph.runs if run.text.strip())
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
        if style.startswith("List") or numbered:
            items.extend(lines)
            continue
        if items:
            blocks.append(Block(items=tuple(items)))
            items = []
        blocks.extend(Block(text=text) for text in lines)
    if items:
        blocks.append(Block(items=tuple(items)))
    return Cell(blocks=tuple(blocks), bold=any_text and all_bold)


def _bold(run, paragraph) -> bool:  # type: ignore[no-untyped-def]
    """Bold as Word shows it: set on the run, or inherited from its character style or the
    paragraph's style (and the styles those are based on)."""
    if run.bold is not None:
        return bool(run.bold)
    for style in (run.style, paragraph.style):
        while style is not None:
            if style.font.bold is not None:
                return bool(style.font.bold)
            style = style.base_style
    return False


def read_source(path: Path) -> Document:
    """Read `path` by its extension: .docx, or the text export (.txt and anything else)."""
    name = str(path)
    if not path.is_file():
        raise DataError(name, 1, None, "файл не найден")
    if path.suffix.lower() == ".doc":
        raise DataError(name, 1, None, "формат .doc не читается: сохраните документ в Word как .docx или выгрузите таблицу в текст (.txt)")
    if path.suffix.lower() == ".docx":
        return read_docx(path, name)
    if path.stat().st_size > MAX_TEXT:
        size = path.stat().st_size // 2**20
        raise DataError(name, 1, None, f"файл слишком велик для выгрузки таблицы: {size} МБ, допустимо до "
                        f"{MAX_TEXT // 2**20} МБ; проверьте, тот ли файл указан")
    return read_text(path, name)
