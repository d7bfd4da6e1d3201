"""Fetch the site's typeface into docs/assets/fonts/ (`make fonts`): Roboto, Material's own face,
and Roboto Mono for code, from the npm registry's @fontsource packages (pinned below), as woff2
subsets. Only the weights and styles the theme and docs/assets/vakr.css use, and only the
scripts the site is written in: Cyrillic (Russian), Cyrillic Extended (ә ғ қ ң ө ү һ of
Kazakh), Latin. The files and the licence are committed, so a build needs no network; run this
again only to change the version or the selection. Needs `npm` (Debian's package)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "docs" / "assets" / "fonts"
SUBSETS = ("cyrillic-ext", "cyrillic", "latin")
# package → (family, [(weight, style)]): Material sets headings at 300, text at 400, strong at 700
FACES = {
    "@fontsource/roboto@5.3.0": ("Roboto", [(300, "normal"), (400, "normal"), (400, "italic"), (700, "normal")]),
    "@fontsource/roboto-mono@5.3.0": ("Roboto Mono", [(400, "normal")]),
}
# the faces overrides/main.html preloads: they must keep these names
PRELOAD = ["roboto-cyrillic-400-normal.woff2", "roboto-cyrillic-ext-400-normal.woff2"]
# While Roboto loads (font-display: swap) text is set in a local font: DejaVu Sans on Linux, wider
# than Roboto, so every line moved when Roboto arrived (a layout shift of 0.25 on a phone). Faces
# of DejaVu Sans scaled to Roboto's widths (size-adjust) and set to its ascent and descent (1900
# and 500 of 2048 units) take the fallback's place in the font list: lines break where Roboto breaks
# them. Letters, spaces and the other signs each have their own scale (DejaVu's spaces and
# punctuation are wider still): Roboto's width of the site's text over DejaVu Sans' in Chromium,
# on the Kazakh plan and the Russian risks (which agreed within 0.3 points; the Kazakh letters: the
# mean of the Kazakh plan and cartogram, 4 points apart).
FALLBACK = "Roboto DejaVu"
# the last face that covers a character is the one used: the other signs first
FALLBACK_RANGES = {"other": "U+0000-10FFFF",
                   "letters": "U+0030-0039,U+0041-005A,U+0061-007A,U+00C0-024F,U+0400-045F",
                   "kazakh": "U+0460-052F", "space": "U+0020,U+00A0"}
# (weight, style) → (local names, size-adjust % of the other signs, the letters and digits, the
# letters of Cyrillic Extended (ә ғ қ ң ө ұ ү һ і: the Kazakh plan and cartogram), the spaces)
FALLBACK_FACES = {
    (300, "normal"): (("DejaVu Sans", "DejaVuSans"), (72.3, 88.1, 87.4, 76.7)),
    (400, "normal"): (("DejaVu Sans", "DejaVuSans"), (76.0, 89.35, 90.3, 78.0)),
    (400, "italic"): (("DejaVu Sans Oblique", "DejaVuSans-Oblique"), (74.0, 86.75, 88.5, 77.3)),
    (700, "normal"): (("DejaVu Sans Bold", "DejaVuSans-Bold"), (75.0, 82.4, 86.2, 71.4)),
}
ASCENT, DESCENT = 1900 / 2048, 500 / 2048
_RANGE = re.compile(r"/\* ([a-z-]+)-(\d+)-(normal|italic) \*/.*?unicode-range: ([^;]+);", re.S)


def unpack(package: str, into: Path) -> Path:
    """The package tarball from the registry, unpacked: `npm pack` checks its integrity."""
    folder = into / package.split("/")[1].split("@")[0]
    folder.mkdir()
    subprocess.run(["npm", "pack", "--silent", package], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    with tarfile.open(next(folder.glob("*.tgz"))) as tar:
        tar.extractall(folder, filter="data")
    return folder / "package"


def faces(package_dir: Path, family: str, wanted: list[tuple[int, str]]) -> list[str]:
    """@font-face rules for the wanted subsets, with the package's own unicode-ranges."""
    rules = []
    prefix = package_dir.parent.name  # roboto, roboto-mono: the files' and the comments' prefix
    for weight, style in wanted:
        css = (package_dir / (f"{weight}-italic.css" if style == "italic" else f"{weight}.css")).read_text()
        ranges = {m[1]: m[4] for m in _RANGE.finditer(css)}
        for subset in SUBSETS:
            name = f"{prefix}-{subset}-{weight}-{style}.woff2"
            shutil.copyfile(package_dir / "files" / name, TARGET / name)
            rules.append(f"@font-face {{ font-family: \"{family}\"; font-style: {style}; font-weight: {weight}; "
                         f"font-display: swap;\n  src: url({name}) format(\"woff2\");\n"
                         f"  unicode-range: {ranges[f'{prefix}-{subset}']}; }}")
    return rules


def fallback_faces() -> list[str]:
    """@font-face rules of the local fallback with Roboto's metrics (the overrides are scaled by
    size-adjust with the glyphs, hence divided by it)."""
    rules = []
    for (weight, style), (names, adjusts) in FALLBACK_FACES.items():
        local = ", ".join(f'local("{name}")' for name in names)
        for unicode_range, adjust in zip(FALLBACK_RANGES.values(), adjusts):
            rules.append(f'@font-face {{ font-family: "{FALLBACK}"; font-style: {style}; font-weight: {weight}; '
                         f"src: {local};\n  size-adjust: {adjust}%; ascent-override: {ASCENT * 1e4 / adjust:.2f}%; "
                         f"descent-override: {DESCENT * 1e4 / adjust:.2f}%; line-gap-override: 0%;\n"
                         f"  unicode-range: {unicode_range}; }}")
    return rules


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for old in TARGET.glob("*.woff2"):
        old.unlink()
    rules = []
    with tempfile.TemporaryDirectory() as tmp:
        for package, (family, wanted) in FACES.items():
            package_dir = unpack(package, Path(tmp))
            rules += faces(package_dir, family, wanted)
            shutil.copyfile(package_dir / "LICENSE", TARGET / f"OFL-{package_dir.parent.name}.txt")
    header = (f"/* Written by `make fonts` (.ci/fonts.py) from {', '.join(FACES)}:\n"
              "   SIL Open Font License 1.1 (OFL-*.txt). Material's font variables name the faces. */\n")
    variables = f':root {{ --md-text-font: "Roboto", "{FALLBACK}"; --md-code-font: "Roboto Mono"; }}\n'
    rules += fallback_faces()
    (TARGET / "fonts.css").write_text(header + variables + "\n".join(rules) + "\n", encoding="utf-8")
    assert all((TARGET / name).exists() for name in PRELOAD), PRELOAD
    print(f"{len(rules)} faces written to {TARGET}", file=sys.stderr)


if __name__ == "__main__":
    main()
