"""A .docx with the same tables as the text exports (built here with python-docx, the way
Word holds them: section titles merged across the row and bold, item numbers merged down
over a row continued on the next page, the executor and the deadline in one merged cell,
bullet lists as list paragraphs) imports to exactly the data of its text export."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
import yaml
from docx.shared import Pt

from vakr.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
SCHEDULE_SEED = SEEDS / "000_b3ad90fed6332446.txt"
PLAN_SEED = SEEDS / "001_2eafa07e1a830079.txt"


def _blocks(raw: str) -> list[tuple[str, str, bool]]:
    """A cell of the export → (kind, text, bold) paragraphs: kind "p" or "li"."""
    bold = raw.startswith("<b>")
    if "<" not in raw:
        return [("p", raw, False)] if raw.strip() else []
    out = []
    for tag, text in re.findall(r"<(p|li|b)\b[^>]*>(.*?)</\1>", raw, flags=re.S):
        out.append(("li" if tag == "li" else "p", re.sub(r"<[^>]+>", "", text), bold))
    return out


def _fill(cell, raw: str) -> None:  # type: ignore[no-untyped-def]
    blocks = _blocks(raw)
    first = True
    for kind, text, bold in blocks:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if kind == "li":
            paragraph.style = "List Bullet"
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.font.size = Pt(10)


def docx_from_export(export: Path, out: Path) -> dict[str, int]:
    """Write `export` as a Word document; count the merges made, for the test to check."""
    lines = export.read_text(encoding="utf-8").split("\n")
    document = docx.Document()
    merges = {"across": 0, "down": 0, "pair": 0}
    i = 0
    while i < len(lines):
        if "\t" not in lines[i]:
            document.add_paragraph(lines[i])
            i += 1
            continue
        rows = []
        while i < len(lines) and ("\t" in lines[i] or (not lines[i].strip() and i + 1 < len(lines) and "\t" in lines[i + 1])):
            if "\t" in lines[i]:
                rows.append(lines[i].split("\t"))
            i += 1  # a blank line between rows is a page break: the table goes on
        width = len(rows[0])
        table = document.add_table(rows=len(rows), cols=width)
        previous_numbered = False
        for r, cells in enumerate(rows):
            row = table.rows[r]
            if cells[0].startswith("<b>") and not any(cells[1:]):
                merged = row.cells[0].merge(row.cells[width - 1])
                _fill(merged, cells[0])
                merges["across"] += 1
                previous_numbered = False
                continue
            if len(cells) == width - 1 and cells[0]:  # executor and deadline typed into one (merged) cell
                row.cells[width - 2].merge(row.cells[width - 1])
                merges["pair"] += 1
            for c, raw in enumerate(cells):
                head = r + 1 < len(rows) and rows[r + 1][0] and not rows[r + 1][-1]  # plan item 4: number below
                if c == 0 and not raw and previous_numbered and not head:
                    table.cell(r - 1, 0).merge(table.cell(r, 0))  # «№» merged down over the continuation
                    merges["down"] += 1
                    continue
                _fill(row.cells[c], raw)
            previous_numbered = bool(cells[0].strip())
    document.save(str(out))
    return merges


def _import(root: Path, source: Path, kind: str) -> dict:
    target = root / "data" / "2026" / f"{kind}.yml"
    target.unlink(missing_ok=True)
    assert main(["--root", str(root), "import", str(source), "--cycle", "2026", "--kind", kind]) == 0
    return yaml.safe_load(target.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("seed", "kind", "expected_merges"), [
    (PLAN_SEED, "plan", {"across": 0, "down": 6, "pair": 3}),
    (SCHEDULE_SEED, "schedule", {"across": 4, "down": 2, "pair": 0}),
])
def test_docx_imports_to_the_data_of_its_text_export(root: Path, tmp_path: Path, capsys, seed: Path, kind: str,
                                                     expected_merges: dict[str, int]) -> None:
    word = tmp_path / f"{kind}.docx"
    assert docx_from_export(seed, word) == expected_merges  # the fixture really has merged cells
    from_text = _import(root, seed, kind)
    capsys.readouterr()
    from_word = _import(root, word, kind)
    report = capsys.readouterr().out
    assert from_word == from_text
    assert "непустых ячеек" in report
    if kind == "plan":
        assert "«Микрофинансовая»" in report  # item 36: the word cut by the page break
        assert "пункт 4: начало пункта стоит перед его номером" in report
    else:
        assert report.count("ещё одна строка пункта") == 2  # item 4 in both languages
        assert "предупреждений нет" in report


def test_docx_is_byte_identical_to_the_committed_data(root: Path, tmp_path: Path, capsys) -> None:
    word = tmp_path / "plan.docx"
    docx_from_export(PLAN_SEED, word)
    _import(root, word, "plan")
    assert (root / "data" / "2026" / "plan.yml").read_bytes() == (ROOT / "data" / "2026" / "plan.yml").read_bytes()


def test_damaged_docx_is_reported_not_a_traceback(root: Path, tmp_path: Path, capsys) -> None:
    broken = tmp_path / "plan.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["--root", str(root), "import", str(broken), "--cycle", "2026", "--kind", "plan"]) == 1
    err = capsys.readouterr().err
    assert "не открывается как документ Word (.docx)" in err and str(broken) in err
    assert "Traceback" not in err
    assert not (root / "data" / "2026" / "plan.yml").exists()
