"""What an import did, for the officer: what was read, which cells were joined across page
breaks, and every warning with the line of the document it comes from. Nothing is dropped
silently: a cell read is either placed in the data or stops the import."""

from __future__ import annotations

from dataclasses import dataclass, field

from vakr.importer.where import located


@dataclass
class Report:
    source: str
    target: str = ""
    items: int = 0
    rows: int = 0
    cells_read: int = 0
    cells_placed: int = 0
    merged: list[tuple[str, int, str]] = field(default_factory=list)  # (file, line, what)
    warnings: list[tuple[str, int | None, str]] = field(default_factory=list)  # line None: the data file
    kept: list[str] = field(default_factory=list)  # hand-made data kept on re-import
    places: dict[str, dict[int, str]] = field(default_factory=dict)  # a Word document's places, by file

    def _at(self, file: str, line: int | None, what: str) -> str:
        place = self.places.get(file, {}).get(line, f"строка {line}") if line else None
        return f"    {located(file, place, None, what)}"

    def merge(self, file: str, line: int, what: str) -> None:
        self.merged.append((file, line, what))

    def warn(self, file: str, line: int | None, what: str) -> None:
        self.warnings.append((file, line, what))

    def lines(self) -> list[str]:
        out = [f"Импорт: {self.source} → {self.target}",
               f"  прочитано: пунктов {self.items}, строк таблицы {self.rows}, "
               f"непустых ячеек {self.cells_read}, размещено в данных {self.cells_placed}"]
        if self.merged:
            out.append(f"  объединено (строки, разорванные страницей, и общие ячейки): {len(self.merged)}")
            out += [self._at(file, line, what) for file, line, what in self.merged]
        if self.kept:
            out.append(f"  сохранено из прежнего файла (добавлено вручную): {len(self.kept)}")
            out += [f"    {what}" for what in self.kept]
        if self.warnings:
            out.append(f"  предупреждения ({len(self.warnings)}), проверьте:")
            ordered = sorted(self.warnings, key=lambda w: (w[0], w[1] or 0))
            out += [self._at(file, line, what) for file, line, what in ordered]
        else:
            out.append("  предупреждений нет")
        return out
