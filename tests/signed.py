"""A signed analytical report for the provenance tests: two small PDFs with a text layer
(tests/fixtures/signed: made by Chromium from the .html beside them, marked as test documents,
not the Company's), placed in a project's docs/ and named in its publications.yml."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT

SIGNED = ROOT / "tests/fixtures/signed"
REPORT = "documents/2026"
# paragraphs of the PDFs that the line breaks of the PDF cut in the middle
RU_QUOTE = ("По итогам анализа рабочая группа рассмотрела внутренние документы, кадровые решения и закупки; "
            "длинная фраза нужна, чтобы строка в PDF переносилась посреди абзаца")
RU_QUOTE_2 = "Выявленные риски включены в план мероприятий."
KK_QUOTE = "Талдау қорытындысы бойынша жұмыс тобы ішкі құжаттарды, кадрлық шешімдерді және сатып алуларды қарады;"
ORIGINALS = ("  originals:\n"
             f"  - {{lang: ru, file: {REPORT}/report-ru.pdf, date: 18.05.2026}}\n"
             f"  - {{lang: kk, file: {REPORT}/report-kk.pdf, date: 18.05.2026}}\n")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def signed_report(project: Path, section: str, originals: str = ORIGINALS) -> None:
    """The PDFs in `project`/docs, and the report of data/2026/publications.yml given the
    fields `section` (YAML at two spaces) and the signed originals."""
    folder = project / "docs" / REPORT
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("report-ru.pdf", "report-kk.pdf"):
        (folder / name).write_bytes((SIGNED / name).read_bytes())
    edit(project / "data/2026/publications.yml", "  schedule_item: 9\n", f"  schedule_item: 9\n{section}{originals}")


def summary(ru: str, kk: str | None = None, source: str = "{document: original}") -> str:
    """The YAML of a report's summary (one paragraph per language) and its source."""
    return f"  summary:\n    ru: {ru}\n" + (f"    kk: {kk}\n" if kk else "") + f"  summary_source: {source}\n"
