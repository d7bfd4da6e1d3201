"""Files the site publishes as they are (the signed report's PDF, anything under docs/):
each must be a real file of the project, not a link to a file elsewhere on the machine, and
be what its name says it is — a «PDF» offered for download that is /etc/passwd, or a page
that is a copy of mkdocs.yml, would publish the machine, not the Company's document."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from vakr.domain.errors import DataError

# What a file of each kind starts with; Office files are ZIP archives with their main part.
_SIGNATURE = {".pdf": b"%PDF-", ".docx": b"PK\x03\x04", ".xlsx": b"PK\x03\x04", ".png": b"\x89PNG\r\n\x1a\n",
              ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff"}
_MAIN_PART = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
_KIND = {".pdf": "PDF", ".docx": "документ Word (DOCX)", ".xlsx": "таблица Excel (XLSX)",
         ".png": "скан (PNG)", ".jpg": "скан (JPEG)", ".jpeg": "скан (JPEG)"}
# A signed original may be the PDF, the Word file or a scan of the paper.
ORIGINAL_SUFFIXES = (".pdf", ".docx", ".png", ".jpg", ".jpeg")


class FileError(DataError):
    """A problem with a whole file (no line to point at)."""

    def __init__(self, file: str, message: str) -> None:
        super().__init__(file, 0, None, message)

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


def inside(path: Path, folder: Path) -> bool:
    """Whether `path`, every link on the way followed, is within `folder`."""
    return path.resolve().is_relative_to(folder.resolve())


def content_problem(path: Path) -> str | None:
    """Why the file at `path` is not of the type its name says (PDF, DOCX, XLSX); None if it
    is, or if the type is not one checked."""
    suffix = path.suffix.lower()
    if suffix not in _SIGNATURE:
        return None
    with path.open("rb") as handle:
        head = handle.read(len(_SIGNATURE[suffix]))
    if head == _SIGNATURE[suffix] and (suffix not in _MAIN_PART or _has_part(path, _MAIN_PART[suffix])):
        return None
    return (f"файл назван как {_KIND[suffix]}, но по содержимому им не является; "
            f"положите настоящий {_KIND[suffix]} (сохраните документ в этом формате заново)")


def _has_part(path: Path, part: str) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return part in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def docs_errors(docs_dir: Path) -> list[DataError]:
    """Every entry under docs/ that MkDocs would copy into the site and must not: a link to
    a file or folder outside docs/, a PDF/DOCX/XLSX that is something else."""
    errors: list[DataError] = []
    for folder, subfolders, names in os.walk(docs_dir):
        for name in [*subfolders, *names]:
            path = Path(folder, name)
            shown = f"docs/{path.relative_to(docs_dir).as_posix()}"
            if path.is_symlink() and not inside(path, docs_dir):
                errors.append(FileError(shown, "ссылка на файл или папку вне папки docs/ — на сайт попало бы "
                                               "содержимое компьютера; положите в docs/ сам файл вместо ссылки"))
            elif name in names and path.is_file():
                problem = content_problem(path)
                if problem is not None:
                    errors.append(FileError(shown, problem))
    return errors


def named_file_problem(docs_dir: Path, name: str, suffixes: tuple[str, ...]) -> str | None:
    """Why `name`, a path inside docs/ given by a data field for a file of one of the types
    `suffixes`, cannot be published; None if it can."""
    path = docs_dir / name
    kinds = ", ".join(dict.fromkeys(_KIND[s] for s in suffixes))
    if Path(name).is_absolute() or not inside(path, docs_dir):
        return (f"путь «{name}» ведёт за пределы папки docs/; укажите путь внутри docs/, "
                f"например documents/2026/справка{suffixes[0]}")
    if Path(name).suffix.lower() not in suffixes:
        names = " или ".join(f"«{s}»" for s in suffixes)
        return f"ожидался файл: {kinds} (имя на {names}), указан «{name}»"
    if not path.is_file():
        return f"файл docs/{name} не найден: положите подписанный документ ({kinds}) в папку docs/ по этому пути"
    return content_problem(path)
