"""The report's summary and the discussion's results, when the data says they come from a
signed document, are checked against its text: a PDF's text layer (pdftotext), a DOCX's
paragraphs, or an item of the plan or the schedule; a word changed stops the build with the
file, the line and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from bench.workspace import project_copy
from conftest import build_site, copy_data, load_errors
from signed import KK_QUOTE, REPORT, RU_QUOTE, RU_QUOTE_2, edit, signed_report, summary
from test_bad_data_build import digest
from vakr.ingest.load import load_site

PUBS = "data/2026/publications.yml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    copy_data(tmp_path)
    return tmp_path


def _line(project: Path, text: str) -> int:
    lines = (project / PUBS).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def _error(project: Path) -> str:
    (error,) = load_errors(project / "data")
    return str(error)


def test_a_verbatim_summary_loads_across_the_line_breaks_of_the_pdf(project: Path) -> None:
    signed_report(project, "  summary:\n    ru:\n    - p: " + RU_QUOTE + "\n    - p: " + RU_QUOTE_2 + "\n"
                           "    kk: " + KK_QUOTE + "\n  summary_source: {document: original}\n")
    report = load_site(project / "data").cycles[0].publications.report
    assert report.summary_source.document == "original"


@pytest.mark.parametrize(("ru", "kk", "line", "lang"), [
    (RU_QUOTE.replace("кадровые", "кадровое"), None, "    ru:", "ru"),
    (RU_QUOTE, KK_QUOTE.replace("қарады", "қарайды"), "    kk:", "kk"),
])
def test_a_changed_word_is_refused_naming_file_line_and_field(project: Path, ru: str, kk: str | None,
                                                              line: str, lang: str) -> None:
    signed_report(project, summary(ru, kk))
    assert _error(project) == (
        f"data/2026/publications.yml, строка {_line(project, line)}, поле «report.summary.{lang}»: абзац "
        f"«{(ru if lang == 'ru' else kk)[:60].rstrip()}…» ({lang}) не найден дословно в подписанном оригинале "
        f"docs/{REPORT}/report-{lang}.pdf. Текст, названный взятым из подписанного документа, приводится только "
        "дословно; иначе уберите summary_source — страница скажет, что текст составлен комплаенс-службой")


def test_a_kazakh_text_needs_a_kazakh_original(project: Path) -> None:
    signed_report(project, summary(RU_QUOTE, KK_QUOTE),
                  originals=f"  originals:\n  - {{lang: ru, file: {REPORT}/report-ru.pdf, date: 18.05.2026}}\n")
    error = _error(project)
    assert f"строка {_line(project, '    kk:')}, поле «report.summary.kk»: в originals этого раздела нет " \
           "подписанного оригинала на языке kk" in error


def test_a_scan_cannot_vouch_for_a_quote(project: Path) -> None:
    (project / "docs" / REPORT).mkdir(parents=True)
    (project / "docs" / REPORT / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    signed_report(project, summary(RU_QUOTE),
                  originals=f"  originals:\n  - {{lang: ru, file: {REPORT}/scan.png, date: 18.05.2026}}\n")
    assert f"поле «report.summary.ru»: у подписанного оригинала на языке ru (docs/{REPORT}/scan.png) нет " \
           "текстового слоя (скан)" in _error(project)


def _protocol(path: Path) -> None:
    """A Word protocol whose results stand in a paragraph and in a table's cell."""
    document = docx.Document()
    document.add_paragraph("Протокол публичного обсуждения (тестовый документ)")
    document.add_paragraph("Замечаний\tот участников не поступило.")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "Решение: результаты принять к сведению."
    document.save(path)


@pytest.mark.parametrize(("results", "error"), [
    ("[{p: Замечаний от участников не поступило.}, {p: 'Решение: результаты принять к сведению.'}]", None),
    ("Замечаний от участников не поступало.", "абзац «Замечаний от участников не поступало.» (ru) не найден дословно "
                                              f"в подписанном оригинале docs/{REPORT}/protocol.docx"),
])
def test_the_discussion_results_quote_a_word_protocol(project: Path, results: str, error: str | None) -> None:
    (project / "docs" / REPORT).mkdir(parents=True)
    _protocol(project / "docs" / REPORT / "protocol.docx")
    edit(project / PUBS, "  schedule_item: 6\n", f"  schedule_item: 6\n  results:\n    ru: {results}\n"
                                                 "  results_source: {document: original}\n  originals:\n"
                                                 f"  - {{lang: ru, file: {REPORT}/protocol.docx, date: 19.05.2026}}\n")
    if error is None:
        assert load_site(project / "data").cycles[0].publications.discussion.results_source.document == "original"
    else:
        assert f"поле «discussion.results.ru»: {error}" in _error(project)


@pytest.mark.parametrize(("item", "error"), [
    (3, None),
    (4, "абзац «провести анализ причин текучести кадров и её динамики» (ru) не найден дословно в пункте 4 "
        "в плане мероприятий"),
])
def test_a_text_may_quote_an_item_of_the_plan(project: Path, item: int, error: str | None) -> None:
    edit(project / PUBS, "  schedule_item: 9\n", "  schedule_item: 9\n"
         + summary("провести анализ причин текучести кадров и её динамики", source=f"{{document: plan, item: {item}}}"))
    if error is None:
        assert load_site(project / "data").cycles[0].publications.report.summary_source.item == 3
    else:
        assert f"поле «report.summary.ru»: {error}" in _error(project)


@pytest.mark.parametrize(("fields", "message"), [
    ("  summary_source: {document: original}\n", "указан источник (summary_source), но нет самого текста (summary)"),
    (summary("Текст.", source="{document: original, item: 2}"),
     "номер пункта (item) указывается для plan и schedule и не указывается для original"),
    (summary("Текст.", source="{document: plan}"),
     "номер пункта (item) указывается для plan и schedule и не указывается для original"),
])
def test_a_source_is_named_whole(project: Path, fields: str, message: str) -> None:
    edit(project / PUBS, "  schedule_item: 9\n", "  schedule_item: 9\n" + fields)
    assert message in _error(project)


def test_a_changed_word_stops_the_build_and_keeps_the_site(site: Path, tmp_path: Path) -> None:
    root = project_copy(tmp_path / "project")
    signed_report(root, summary(RU_QUOTE.replace("рассмотрела", "изучила")))
    shutil.copytree(site, root / "site")
    before = digest(root / "site")
    result = build_site(root / "site", root=root)
    assert result.returncode != 0
    assert (f"data/2026/publications.yml, строка {_line(root, '    ru:')}, поле «report.summary.ru»: абзац «По итогам "
            "анализа рабочая группа изучила") in result.stdout + result.stderr
    assert digest(root / "site") == before


def test_without_pdftotext_the_build_says_what_to_install(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    signed_report(project, summary(RU_QUOTE))
    monkeypatch.setenv("PATH", str(project / "docs"))  # a folder with no pdftotext in it
    assert f"поле «report.summary.ru»: docs/{REPORT}/report-ru.pdf: не установлена программа pdftotext (пакет " \
           "poppler-utils)" in _error(project)
