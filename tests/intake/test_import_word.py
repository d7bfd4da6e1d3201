"""Word tables as officers make them (issue «Trust the input», finding 11): a message names
the plan item and the column by its heading, never a paragraph count Word does not show;
cells merged down over several rows belong to each item they span; a heading split over two
rows is one heading. Each .docx is built here from the approved documents' text exports."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from vakr.importer import table

from test_import import PLAN_SEED, ROOT, SCHEDULE_SEED, run, target
from test_import_docx import docx_from_export


def _word(tmp_path: Path, seed: Path, old: str = "", new: str = "") -> Path:
    """The seed as a Word document, with `old` replaced by `new` in its text first."""
    text = seed.read_text(encoding="utf-8")
    assert old in text
    export = tmp_path / f"edited-{seed.name}"
    export.write_text(text.replace(old, new, 1), encoding="utf-8")
    word = tmp_path / ("plan.docx" if seed == PLAN_SEED else "schedule.docx")
    docx_from_export(export, word)
    return word


# --- a message names the item and the column (finding 11) ---------------------------------


@pytest.mark.parametrize(("seed", "kind", "old", "new", "place"), [
    pytest.param(PLAN_SEED, "plan", "\t01.09.2026г.\n", "\t31.09.2026г.\n",
                 "пункт 24, столбец «Срок исполнения»: нечитаемая дата «31.09.2026г.»: такой даты нет; ожидалась "
                 "дата вида ДД.ММ.ГГ или ДД.ММ.ГГГГ, например 01.07.2026г.", id="date"),
    pytest.param(SCHEDULE_SEED, "schedule", "\tРабочая группа по ВАКР\n6.", "\t\n6.",
                 "пункт 5, столбец «Ответственные лица»: пустая ячейка; она обязательна", id="empty-cell"),
    pytest.param(SCHEDULE_SEED, "schedule", "\n12.\tҚоғамның", "\n13.\tҚоғамның",
                 "казахская редакция, пункт 13, столбец «№»: номер пункта вне последовательности: ожидался 12, "
                 "в документе 13", id="kazakh-edition"),
    pytest.param(PLAN_SEED, "plan", "\n\n4.\t", "\n\tещё\t\t\t\t\n4.\t",
                 "строка без номера между пунктами 3 и 4: две строки без номера подряд перед пунктом: непонятно, "
                 "к какому пункту они относятся", id="row-without-number"),
])
def test_a_word_documents_error_names_the_item_and_the_column(root: Path, tmp_path: Path, capsys, seed: Path,
                                                              kind: str, old: str, new: str, place: str) -> None:
    word = _word(tmp_path, seed, old, new)
    assert run(root, word, kind) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Импорт не выполнен, data/ не изменён:\n  {word}, {place}"), err
    assert not re.search(r"строк[аеи] \d", err)  # Word shows no line numbers
    assert not target(root, kind).exists()


def test_a_word_documents_report_names_items_not_lines(root: Path, tmp_path: Path, capsys) -> None:
    word = _word(tmp_path, PLAN_SEED)
    assert run(root, word, "plan") == 0
    out = capsys.readouterr().out.splitlines()
    assert (f"    {word}, строка без номера между пунктами 36 и 37: пункт 36, «Ответственный исполнитель, "
            "соисполнители»: слово разорвано переносом страницы и соединено без пробела: «Микрофинансовая»") in out
    assert (f"    {word}, пункт 29: «Ответственный исполнитель, соисполнители» и «Срок исполнения» в одной ячейке "
            "(два абзаца) — разделены") in out
    assert not [line for line in out if re.search(r"строк[аеи] \d", line)]


# --- cells merged down over several rows (finding 11) ---------------------------------------


def _merge_down(table, column: int, first: int, last: int) -> str:  # type: ignore[no-untyped-def]
    """Merge `column` from row `first` to `last` the way Word does (vMerge), keeping the top
    cell's text; the cells below must hold the same text or none, as in the approved tables,
    where a shared executor or deadline is typed again in every row."""
    text = table.cell(first, column).text
    for row in range(first + 1, last + 1):
        assert table.cell(row, column).text in (text, ""), (row, table.cell(row, column).text)
        for paragraph in table.cell(row, column).paragraphs:
            for piece in paragraph.runs:
                piece.text = ""
    merged = table.cell(first, column).merge(table.cell(last, column))
    for paragraph in merged.paragraphs[1:]:
        if not paragraph.text:
            paragraph._p.getparent().remove(paragraph._p)
    assert merged.text == text
    return text


def test_cells_merged_down_belong_to_every_item_they_span(root: Path, tmp_path: Path, capsys) -> None:
    """The plan with its repeated executors and deadlines merged down, over numbered rows and
    over rows continued after a page break (items 9 and 36), and over item 4's beginning and
    its numbered row: exactly the data of the approved document."""
    word = _word(tmp_path, PLAN_SEED)
    document = docx.Document(str(word))
    table = document.tables[0]
    assert [table.cell(r, 0).text for r in (4, 7, 12, 14, 18, 40, 45)] == ["", "6.", "10.", "12.", "16.", "34.", "38."]
    _merge_down(table, 5, 4, 5)  # item 4's deadline over its beginning and its numbered row
    assert _merge_down(table, 5, 7, 12) == "01.07.2026г."  # items 6–10, item 9's continuation too
    assert _merge_down(table, 4, 14, 18) == "ДЗО ТОО «Almaty Renovation»"  # items 12–16
    assert _merge_down(table, 5, 40, 45) == "01.07.2026г. постоянно."  # items 34–38, item 36's continuation
    document.save(str(word))

    assert run(root, word, "plan") == 0, capsys.readouterr().err
    assert target(root, "plan").read_bytes() == (ROOT / "data/2026/plan.yml").read_bytes()
    out = capsys.readouterr().out
    assert (f"    {word}, пункт 7, «Срок исполнения»: ячейка объединена по вертикали с ячейкой выше; её текст "
            "«01.07.2026г.» отнесён и к этой строке") in out.splitlines()
    assert out.count("ячейка объединена по вертикали") == 1 + 4 + 4 + 4  # items 4, 7–10, 13–16, 35–38


def test_schedule_rows_sharing_a_merged_cell(root: Path, tmp_path: Path, capsys) -> None:
    """The schedule with «Ответственные лица» merged down over items 1–3 and over item 4's
    two rows and items 5–7 (in both editions): item 4 keeps its two rows."""
    word = _word(tmp_path, SCHEDULE_SEED)
    document = docx.Document(str(word))
    ru, ru_rest, kk, kk_rest = document.tables
    _merge_down(ru, 3, 2, 4)
    _merge_down(ru, 3, 6, 7)
    _merge_down(ru_rest, 3, 0, 2)
    assert _merge_down(kk, 3, 6, 8) == "Жұмыс тобы"
    _merge_down(kk_rest, 3, 0, 1)
    document.save(str(word))
    assert run(root, word, "schedule") == 0, capsys.readouterr().err
    assert target(root, "schedule").read_bytes() == (ROOT / "data/2026/schedule.yml").read_bytes()
    assert capsys.readouterr().out.count("ещё одна строка пункта") == 2


def test_a_merged_deadline_over_a_row_without_number_is_asked_not_guessed(root: Path, tmp_path: Path,
                                                                          capsys) -> None:
    """Item 4's two rows with one deadline merged over both: a second row with the same
    deadline, or the first row continued after a page break? The officer is asked."""
    word = _word(tmp_path, SCHEDULE_SEED)
    document = docx.Document(str(word))
    document.tables[0].cell(7, 2).paragraphs[0].runs[0].text = ""
    _merge_down(document.tables[0], 2, 6, 7)
    document.save(str(word))
    assert run(root, word, "schedule") == 1
    assert capsys.readouterr().err == (
        "Импорт не выполнен, data/ не изменён:\n"
        f"  {word}, строка без номера между пунктами 4 и 5, столбец «Сроки исполнения»: пункт 4: в строке без "
        "номера ячейка «Сроки исполнения» объединена по вертикали со строкой выше, а остальные столбцы заполнены: "
        "непонятно, это ещё одна строка пункта с тем же сроком или продолжение строки выше после разрыва "
        "страницы. Разделите ячейку (Макет → Разделить ячейки): для отдельной строки впишите в неё срок, для "
        "продолжения оставьте её пустой\n")
    assert not target(root, "schedule").exists()


# --- a heading over two rows (finding 11) ----------------------------------------------------

HEADING = ("№\tРекомендации по итогам внутреннего анализа коррупционных рисков\tМероприятие\tФормы завершения\t"
           "Ответственный исполнитель, соисполнители\tСрок исполнения")
GROUPED = ["№", "Рекомендации по итогам внутреннего анализа коррупционных рисков", "Мероприятие",
           "Формы завершения", "Исполнение: Ответственный исполнитель, соисполнители", "Исполнение: Срок исполнения"]


def _plan_with_heading(tmp_path: Path, rows: str) -> Path:
    text = PLAN_SEED.read_text(encoding="utf-8")
    assert text.count(HEADING) == 1
    source = tmp_path / "plan.txt"
    source.write_text(text.replace(HEADING, rows), encoding="utf-8")
    return source


def _same_items(root: Path) -> dict:
    data = imported_plan(root)
    committed = yaml.safe_load((ROOT / "data/2026/plan.yml").read_text(encoding="utf-8"))
    assert data["items"] == committed["items"] and data["control"] == committed["control"]
    return data


def imported_plan(root: Path) -> dict:
    return yaml.safe_load(target(root, "plan").read_text(encoding="utf-8"))


def test_a_heading_wrapped_into_a_second_row_is_one_heading(root: Path, tmp_path: Path, capsys) -> None:
    """Two column names go on in a second row: the text export of the approved plan all the
    same, byte for byte."""
    source = _plan_with_heading(tmp_path, "№\tРекомендации по итогам внутреннего анализа\tМероприятие\tФормы "
                                          "завершения\tОтветственный исполнитель,\tСрок исполнения\n"
                                          "\tкоррупционных рисков\t\t\tсоисполнители\t")
    assert run(root, source, "plan") == 0, capsys.readouterr().err
    assert target(root, "plan").read_bytes() == (ROOT / "data/2026/plan.yml").read_bytes()


def test_a_heading_row_over_a_sub_heading_row_in_a_text_export(root: Path, tmp_path: Path, capsys) -> None:
    """«Исполнение» over the executor and the deadline, the other headings merged down (the
    export shows them empty in the second row)."""
    source = _plan_with_heading(tmp_path, "№\tРекомендации по итогам внутреннего анализа коррупционных рисков\t"
                                          "Мероприятие\tФормы завершения\tИсполнение\n"
                                          "\t\t\t\tОтветственный исполнитель, соисполнители\tСрок исполнения")
    assert run(root, source, "plan") == 0, capsys.readouterr().err
    assert _same_items(root)["columns"] == {"ru": GROUPED}


def test_a_heading_row_over_a_sub_heading_row_in_word(root: Path, tmp_path: Path, capsys) -> None:
    """The same in Word: «Исполнение» merged across two columns, the other headings merged
    down over both rows; «п/п» under «№»."""
    word = _word(tmp_path, PLAN_SEED)
    document = docx.Document(str(word))
    table = document.tables[0]
    sub = table.add_row()._tr
    table.rows[0]._tr.addnext(sub)
    for column in range(1, 4):
        table.cell(0, column).merge(table.cell(1, column))
    table.cell(1, 0).text = "п/п"
    table.cell(1, 4).text, table.cell(1, 5).text = table.cell(0, 4).text, table.cell(0, 5).text
    group = table.cell(0, 4).merge(table.cell(0, 5))
    for paragraph in group.paragraphs[1:]:
        paragraph._p.getparent().remove(paragraph._p)
    group.paragraphs[0].runs[0].text = "Исполнение"
    for run_ in group.paragraphs[0].runs[1:]:
        run_.text = ""
    document.save(str(word))
    assert [c.text for c in docx.Document(str(word)).tables[0].rows[1].cells] == [
        "п/п", *GROUPED[1:4], "Ответственный исполнитель, соисполнители", "Срок исполнения"]

    assert run(root, word, "plan") == 0, capsys.readouterr().err
    assert _same_items(root)["columns"] == {"ru": ["№ п/п", *GROUPED[1:]]}


def test_a_two_row_heading_that_cannot_be_placed_is_explained(root: Path, tmp_path: Path, capsys) -> None:
    """Two groups in a text export, which does not show which columns each spans."""
    source = _plan_with_heading(tmp_path, "№\tТекст\tФормы завершения\tИсполнение\n"
                                          "\tРекомендации\tМероприятие\t\tОтветственный\tСрок")
    assert run(root, source, "plan") == 1
    line = PLAN_SEED.read_text(encoding="utf-8").split("\n").index(HEADING) + 1
    assert capsys.readouterr().err == (
        "Импорт не выполнен, data/ не изменён:\n"
        f"  {source}, строка {line}: заголовок таблицы в двух строках: ячеек в верхней строке — 4, в нижней — 6, "
        "и не видно, над какими столбцами стоит объединённая ячейка; импортируйте документ .docx (в нём "
        "объединения видны) или впишите заголовок одной строкой\n")


# --- a damaged or hostile .docx (findings 4 and 11) ------------------------------------------


def _repacked(source: Path, out: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """`source` with each part's bytes passed through `change(name, data)`."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, change(info.filename, old.read(info.filename)))
    return out


def test_a_word_file_with_broken_xml_is_a_message(root: Path, tmp_path: Path, capsys) -> None:
    word = _repacked(_word(tmp_path, PLAN_SEED), tmp_path / "broken.docx",
                     lambda name, data: data[: len(data) // 2] if name == "word/document.xml" else data)
    assert run(root, word, "plan") == 1
    assert capsys.readouterr().err == (
        "Импорт не выполнен, data/ не изменён:\n"
        f"  {word}: файл не открывается как документ Word (.docx): он повреждён или это другой формат; сохраните "
        "его в Word как «Документ Word (.docx)»\n")


def test_a_word_file_that_unpacks_to_too_much_is_refused_unread(root: Path, tmp_path: Path, capsys,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A zip bomb: small on disk, huge unpacked. The limit is lowered here so the test does
    not have to make gigabytes; the check is the same."""
    monkeypatch.setattr(table, "MAX_UNPACKED", 2 * 2**20)
    word = _repacked(_word(tmp_path, PLAN_SEED), tmp_path / "bomb.docx",
                     lambda name, data: data + b" " * 3 * 2**20 if name == "word/document.xml" else data)
    assert word.stat().st_size < 2**20
    monkeypatch.setattr("docx.Document", lambda *args: pytest.fail("the file was opened"))
    assert run(root, word, "plan") == 1
    assert capsys.readouterr().err == (
        "Импорт не выполнен, data/ не изменён:\n"
        f"  {word}: файл слишком велик для документа с таблицей: распакованный — 3 МБ, допустимо до 2 МБ; "
        "сохраните в Word только таблицу и текст вокруг неё (без рисунков) или выгрузите таблицу в текст (.txt)\n")


def _wrap(element, tag: str):  # type: ignore[no-untyped-def]
    """Put `element` inside a new w:`tag` (a content control: inside its w:sdtContent)."""
    wrapper = OxmlElement(f"w:{tag}")
    element.addprevious(wrapper)
    inner = wrapper
    if tag == "sdt":
        wrapper.append(OxmlElement("w:sdtPr"))
        inner = OxmlElement("w:sdtContent")
        wrapper.append(inner)
    inner.append(element)
    return wrapper


def test_text_in_content_controls_and_smart_tags_is_read(root: Path, tmp_path: Path, capsys) -> None:
    """The approval block and the whole table inside content controls, a run of item 1 in a
    smart tag, the date in a simple field: python-docx alone would not see them."""
    word = _word(tmp_path, PLAN_SEED)
    document = docx.Document(str(word))
    body = document.element.body
    heading = next(p for p in document.paragraphs if p.text == "«УТВЕРЖДАЮ»")
    table = document.tables[0]
    _wrap(table.cell(1, 1).paragraphs[0].runs[0]._r, "smartTag")
    _wrap(heading._p, "sdt")
    _wrap(table._tbl, "sdt")
    date = next(p for p in document.paragraphs if p.text == "«13» 05 2026г.")
    _wrap(date.runs[0]._r, "fldSimple")
    document.save(str(word))
    assert len(body.findall(qn("w:tbl"))) == 0  # the table is no longer a child of the body
    assert run(root, word, "plan") == 0, capsys.readouterr().err
    assert target(root, "plan").read_bytes() == (ROOT / "data/2026/plan.yml").read_bytes()


def test_tracked_changes_are_refused(root: Path, tmp_path: Path, capsys) -> None:
    """Item 38's measure with a tracked insertion: which text is approved is the officer's
    decision (python-docx alone would drop the inserted words without a word)."""
    word = _word(tmp_path, PLAN_SEED)
    document = docx.Document(str(word))
    paragraph = document.tables[0].rows[-1].cells[2].paragraphs[0]
    inserted = paragraph.add_run(" и ежеквартально")
    _wrap(inserted._r, "ins").set(qn("w:author"), "Офицер")
    document.save(str(word))
    assert run(root, word, "plan") == 1
    assert capsys.readouterr().err == (
        "Импорт не выполнен, data/ не изменён:\n"
        f"  {word}: в документе есть непринятые исправления (режим «Рецензирование»): неизвестно, какой текст "
        "утверждён; примите или отклоните все исправления (Рецензирование → Принять → Принять все исправления) и "
        "сохраните документ\n")


def test_a_table_inside_a_cell_is_refused(root: Path, tmp_path: Path, capsys) -> None:
    word = _word(tmp_path, PLAN_SEED)
    document = docx.Document(str(word))
    document.tables[0].cell(1, 3).add_table(rows=1, cols=2).cell(0, 0).text = "Приказ"
    document.save(str(word))
    assert run(root, word, "plan") == 1
    assert capsys.readouterr().err == (
        "Импорт не выполнен, data/ не изменён:\n"
        f"  {word}: в ячейке таблицы вложенная таблица («Приказ»): импорт читает одну таблицу без вложенных; "
        "перенесите её текст в ячейку или в строки основной таблицы\n")


def test_a_row_without_cells_is_no_crash(root: Path, tmp_path: Path, capsys) -> None:
    """A hand-made .docx with an empty row (a w:tr without w:tc) in the middle of the table."""
    word = _word(tmp_path, PLAN_SEED)
    document = docx.Document(str(word))
    rows = document.tables[0].rows
    rows[5]._tr.addnext(OxmlElement("w:tr"))
    document.save(str(word))
    assert run(root, word, "plan") == 0, capsys.readouterr().err
    assert target(root, "plan").read_bytes() == (ROOT / "data/2026/plan.yml").read_bytes()


# --- Word's automatic numbering across tables (finding 11) -----------------------------------


def _numbered_schedule(tmp_path: Path, restart_kazakh: bool) -> Path:
    """The schedule with «№» numbered by Word («List Number», no number typed) in all four
    tables (each edition's table is split in two): the Russian items count on across the split;
    the Kazakh ones start again from 1 only where «Начать заново» made them a list of their own."""
    word = _word(tmp_path, SCHEDULE_SEED)
    document = docx.Document(str(word))
    numbering = document.part.numbering_part.element
    style_num = document.styles["List Number"].element.pPr.numPr.numId.val
    again = numbering.add_num(numbering.num_having_numId(style_num).abstractNumId.val)
    again.add_lvlOverride(ilvl=0).add_startOverride(1)
    numbered = 0
    for index, table_ in enumerate(document.tables):
        for row in table_.rows:
            paragraph = row.cells[0].paragraphs[0]
            if not re.fullmatch(r"\d+\.", paragraph.text):  # a heading, a section, «№» merged down (done)
                continue
            for piece in paragraph.runs:
                piece.text = ""
            paragraph.style = "List Number"
            if restart_kazakh and index >= 2:
                paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = again.numId
            numbered += 1
    document.save(str(word))
    assert numbered == 24
    return word


def test_words_numbering_counts_on_across_a_split_table_and_starts_again_where_word_does(
        root: Path, tmp_path: Path, capsys) -> None:
    word = _numbered_schedule(tmp_path, restart_kazakh=True)
    assert run(root, word, "schedule") == 0, capsys.readouterr().err
    assert target(root, "schedule").read_bytes() == (ROOT / "data/2026/schedule.yml").read_bytes()


def test_words_numbering_read_as_word_shows_it(root: Path, tmp_path: Path, capsys) -> None:
    """Without «Начать заново» Word numbers the Kazakh items 13, 14, …: so does the import,
    and the officer is told where."""
    word = _numbered_schedule(tmp_path, restart_kazakh=False)
    assert run(root, word, "schedule") == 1
    assert capsys.readouterr().err == (
        "Импорт не выполнен, data/ не изменён:\n"
        f"  {word}, казахская редакция, пункт 13, столбец «№»: номер пункта вне последовательности: ожидался 1, "
        "в документе 13\n")


def test_the_russian_word_file_given_as_kazakh_is_named_by_its_heading(root: Path, tmp_path: Path, capsys) -> None:
    word = _word(tmp_path, PLAN_SEED)
    assert run(root, word, "plan", "--kk", str(word)) == 1
    assert capsys.readouterr().err == (
        "Импорт не выполнен, data/ не изменён:\n"
        f"  {word}, гриф «УТВЕРЖДАЮ»: это не казахская редакция: нет грифа «БЕКІТЕМІН» (в файле — «УТВЕРЖДАЮ»); "
        "в --kk укажите файл казахской редакции\n")
