"""The text layer of a signed original (a PDF through poppler's pdftotext, a DOCX through
python-docx), so a text the data quotes from it can be checked letter for letter. A scan
has none: the build cannot vouch for a quote from a picture."""

from __future__ import annotations

import re
import subprocess
import unicodedata
import zipfile
from functools import lru_cache
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml.etree import XMLSyntaxError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class TextLayerError(Exception):
    """The text could not be read for a reason the officer or the web team must fix."""


def text_layer(path: Path) -> str | None:
    """The text of `path` (PDF or DOCX), or None for a scan or a PDF without text."""
    stat = path.stat()
    return _cached(path.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)  # read once per file version, not once per build of `mkdocs serve`
def _cached(path: Path, _mtime: int, _size: int) -> str | None:
    suffix = path.suffix.lower()
    text = _pdf(path) if suffix == ".pdf" else _docx(path) if suffix == ".docx" else None
    return text if text and text.strip() else None


def _pdf(path: Path) -> str:
    try:
        done = subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", str(path), "-"],
                              capture_output=True, check=False, timeout=120)
    except FileNotFoundError:
        raise TextLayerError("не установлена программа pdftotext (пакет poppler-utils): без неё текст PDF "
                             "не сверить; её ставит .ci/system-deps.sh") from None
    except subprocess.TimeoutExpired:
        raise TextLayerError("pdftotext не прочитал PDF за две минуты: сохраните документ в PDF заново") from None
    if done.returncode != 0:
        raise TextLayerError("pdftotext не смог прочитать PDF (файл повреждён или защищён паролем): "
                             "сохраните подписанный документ в PDF заново")
    return done.stdout.decode("utf-8", errors="replace")


def _docx(path: Path) -> str:
    """Every paragraph of the document's body (tables' cells included), one a line; a tab or a
    line break is a space; deleted text of tracked changes (w:delText) is not text."""
    try:
        body = docx.Document(str(path)).element.body
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, XMLSyntaxError) as err:
        raise TextLayerError(f"документ Word не читается ({type(err).__name__}): сохраните его в DOCX заново") from None
    lines = []
    for paragraph in body.iter(f"{_W}p"):
        parts = [(node.text or "") if node.tag == f"{_W}t" else " "
                 for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br")]
        lines.append("".join(parts))
    return "\n".join(lines)


def squash(text: str) -> str:
    """`text` as compared letter for letter: the same Unicode form, no whitespace and no soft
    hyphen, since a PDF breaks lines (and may break them inside a word) where the quote does not."""
    return re.sub(r"[\s\u00ad]+", "", unicodedata.normalize("NFC", text))
