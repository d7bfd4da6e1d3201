"""Where in the document a message points, said the way the officer finds it. A text export
has lines (an editor numbers them); Word shows no line numbers, so a Word document's places
are its plan items, section titles and paragraphs («пункт 12», «строка без номера между
пунктами 3 и 4»), and a field is the column named by its heading as the document writes it."""

from __future__ import annotations

from vakr.domain.errors import DataError
from vakr.importer.edition import Edition, is_section, item_number, section_title
from vakr.importer.table import Document, Line, quote


def located(file: str, place: str | None, column: str | None, message: str) -> str:
    """`file, place, столбец «column»: message`, without the message repeating the place
    («пункт 24, …: пункт 24: …» reads as one «пункт 24»)."""
    where = ", ".join(part for part in (file, place, f"столбец «{column}»" if column else None) if part)
    if place and message.startswith(f"{place}: "):
        return f"{where}: {message[len(place) + 2:]}"
    if place and message.startswith(f"{place}, "):  # «пункт 4, «Мероприятие»: …»
        return f"{where}, {message[len(place) + 2:]}"
    return f"{where}: {message}"


class DocumentError(DataError):
    """A problem in the imported document, at a place the officer can find in it."""

    def __init__(self, err: DataError, place: str | None) -> None:
        self.place = place
        super().__init__(err.file, err.line, err.field, err.message)

    def __str__(self) -> str:
        return located(self.file, self.place, self.field, self.message)


def relocate(err: DataError, docs: list[Document]) -> DataError:
    """`err` about one of `docs` told by the document's places; any other error as it is."""
    doc = next((d for d in docs if d.name == err.file), None)
    if doc is None:  # the file itself could not be read: a Word file has no line to name
        return DocumentError(err, None) if err.file.lower().endswith(".docx") else err
    return DocumentError(err, doc.at(err.line))


def describe(doc: Document, found: list[Edition]) -> None:
    """Name the places of a Word document's editions by what they hold: the heading row,
    each row by its item, section titles and the text around the table by their words. In
    a file with both editions the Kazakh one's places say so (its items have the same
    numbers). A text export keeps its line numbers."""
    if not doc.word:
        return
    for edition in found:
        prefix = "казахская редакция, " if edition.lang == "kk" and len(found) > 1 else ""
        doc.places[edition.heading.number] = f"{prefix}гриф {quote(edition.heading.text)}"
        doc.places[edition.date_line.number] = f"{prefix}дата утверждения {quote(edition.date_line.text)}"
        for row in edition.header_rows:
            doc.places[row.number] = f"{prefix}строка заголовков таблицы"
        for line, place in _rows(edition.body):
            doc.places[line.number] = prefix + place
        for line in edition.closing:
            if not line.is_row:
                doc.places[line.number] = f"{prefix}текст после таблицы {quote(line.text)}"


def _rows(body: list[Line]) -> list[tuple[Line, str]]:
    """Each body row's place: its item's number, the items around a row without one."""
    numbers = [item_number(line.cells[0]) if line.cells else None for line in body]
    out = []
    for index, line in enumerate(body):
        if numbers[index] is not None:
            out.append((line, f"пункт {numbers[index]}"))
        elif is_section(line):
            out.append((line, f"заголовок раздела {quote(section_title(line))}"))
        else:
            before = next((n for n in reversed(numbers[:index]) if n is not None), None)
            after = next((n for n in numbers[index + 1:] if n is not None), None)
            if before is not None and after is not None:
                out.append((line, f"строка без номера между пунктами {before} и {after}"))
            elif before is not None:
                out.append((line, f"строка без номера после пункта {before}"))
            else:
                out.append((line, "строка без номера перед пунктом " + (str(after) if after else "1")))
    return out
