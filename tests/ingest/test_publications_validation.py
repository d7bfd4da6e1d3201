"""Mistakes an officer can make in publications.yml and contacts.yml are reported with the
file, the line, the field and what to do, and stop the build."""

from __future__ import annotations

from pathlib import Path

from conftest import copy_data, load_errors


def _data(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    return copy_data(tmp_path)


def _errors(data: Path) -> list[str]:
    return [str(e) for e in load_errors(data)]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unknown_schedule_item(tmp_path: Path) -> None:
    data = _data(tmp_path)
    _edit(data / "2026/publications.yml", "  schedule_item: 5\n", "  schedule_item: 50\n")
    assert _errors(data) == ["data/2026/publications.yml, строка 31, поле «announcements[2].schedule_item»: "
                             "в плане-графике нет пункта 50; есть пункты: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12"]


def test_duplicate_announcement_id(tmp_path: Path) -> None:
    data = _data(tmp_path)
    _edit(data / "2026/publications.yml", "  id: public-discussion\n", "  id: start\n")
    (error,) = _errors(data)
    assert error.startswith("data/2026/publications.yml, строка 30, поле «announcements[2].id»: id «start» уже использован в строке 26")


def test_missing_report_file(tmp_path: Path) -> None:
    data = _data(tmp_path)
    _edit(data / "2026/publications.yml", "  schedule_item: 9\n", "  schedule_item: 9\n  file: documents/2026/report.pdf\n")
    (error,) = _errors(data)
    assert "поле «report.file»: файл docs/documents/2026/report.pdf не найден" in error


def test_draft_must_be_true_or_false(tmp_path: Path) -> None:
    data = _data(tmp_path)
    with (data / "2026/publications.yml").open("a", encoding="utf-8") as f:
        f.write("  draft: yes please\n")
    line = (data / "2026/publications.yml").read_text(encoding="utf-8").count("\n")  # the line appended
    errors = _errors(data)
    assert errors == [f"data/2026/publications.yml, строка {line}, поле «announcements[2].draft»: "
                      "ожидалось true (да) или false (нет); получено «yes please»"]


def test_contacts_name_a_known_service(tmp_path: Path) -> None:
    data = _data(tmp_path)
    _edit(data / "contacts.yml", "service: compliance", "service: complaince")
    (error,) = _errors(data)
    assert error.startswith("data/contacts.yml, строка ") and "неизвестная организация «complaince»" in error
