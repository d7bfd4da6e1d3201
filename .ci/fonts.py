"""Make the site's typeface in docs/assets/fonts/ (`make fonts`): Roboto, Material's own face,
and Roboto Mono for code, from the npm registry's @fontsource packages (pinned below). Only the
weights and styles the theme and docs/assets/vakr.css use, and ONE woff2 file per face: the
package splits each face into subsets by script (Latin, Cyrillic, Cyrillic Extended for ә ғ қ ң ө
ұ ү һ і), which made a page fetch 7-12 files, each arrival laying the whole page out again;
fontTools merges a face's three subsets into one font that keeps every character, glyph, hint,
kerning pair and layout feature the subsets served (checked below, glyph by glyph), so a page
fetches at most four files, smaller together than the subsets (their shared tables once). The
files and the licence are committed, so a build needs no network; run this again only to change
the version or the selection. Needs `npm` (Debian's package); fontTools and Brotli come from
requirements-fonts.txt."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from types import SimpleNamespace

from fontTools import subset
from fontTools.merge import Merger
from fontTools.merge.cmap import computeMegaGlyphOrder
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont

TARGET = Path(__file__).resolve().parents[1] / "docs" / "assets" / "fonts"
# a face's subsets, merged in this order: a character that more than one holds (the space) is the first's
SUBSETS = ("latin", "cyrillic", "cyrillic-ext")
# package → (family, [(weight, style)]): Material sets headings at 300, text at 400, strong at 700
FACES = {
    "@fontsource/roboto@5.3.0": ("Roboto", [(300, "normal"), (400, "normal"), (400, "italic"), (700, "normal")]),
    "@fontsource/roboto-mono@5.3.0": ("Roboto Mono", [(400, "normal")]),
}
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
# the font-wide part of TrueType hinting: functions, control values, the program run at each size
HINTING = ("fpgm", "prep", "cvt ", "gasp")
_RANGE = re.compile(r"/\* ([a-z-]+)-(\d+)-(normal|italic) \*/.*?unicode-range: ([^;]+);", re.S)


def unpack(package: str, into: Path) -> Path:
    """The package tarball from the registry, unpacked: `npm pack` checks its integrity."""
    folder = into / package.split("/")[1].split("@")[0]
    folder.mkdir()
    subprocess.run(["npm", "pack", "--silent", package], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    with tarfile.open(next(folder.glob("*.tgz"))) as tar:
        tar.extractall(folder, filter="data")
    return folder / "package"


def codepoints(unicode_range: str) -> set[int]:
    """The characters of a CSS unicode-range ("U+0000-00FF,U+0131")."""
    points: set[int] = set()
    for part in unicode_range.replace("U+", "").split(","):
        first, _, last = part.strip().partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def outline(font: TTFont, codepoint: int) -> tuple[int, list, bytes]:
    """A character's advance, its glyph's outline (components drawn in place) and hints."""
    name = font.getBestCmap()[codepoint]
    pen = DecomposingRecordingPen(font.getGlyphSet())
    font.getGlyphSet()[name].draw(pen)
    glyph = font["glyf"][name]
    hints = glyph.program.getBytecode() if hasattr(glyph, "program") else b""
    return font["hmtx"][name][0], pen.value, hints


def rehint(font: TTFont, paths: list[Path]) -> None:
    """Give back the glyphs' hints that fontTools' merge drops from every font but the first (it
    cannot renumber their functions and control values): the subsets share those (asserted), so
    each glyph's own program holds in the merged font as it did in its subset."""
    sources = [TTFont(path) for path in paths]
    assert all(other[tag].compile(other) == sources[0][tag].compile(sources[0])
               for other in sources for tag in HINTING if tag in sources[0]), f"{paths[0].name}: subsets hinted differently"
    orders = [source.getGlyphOrder() for source in sources]
    renamed = [list(order) for order in orders]
    computeMegaGlyphOrder(SimpleNamespace(), renamed)  # the names the merge gave them
    for source, order, names in zip(sources[1:], orders[1:], renamed[1:]):
        for old, new in zip(order, names):
            if hasattr(glyph := source["glyf"][old], "program"):
                font["glyf"][new].program = glyph.program


def merge(sources: dict[Path, set[int]], target: Path) -> None:
    """One woff2 file from a face's subsets: every character that a subset served (in its
    unicode-range) and the subset held, with the same glyph and advance (asserted), the hints
    and every layout feature (tabular figures: vakr.css) and kerning pair of the subsets."""
    font = Merger().merge([str(path) for path in sources])
    rehint(font, list(sources))
    options = subset.Options(layout_features=["*"], name_IDs=["*"], name_languages=["*"], notdef_outline=True,
                             glyph_names=False, flavor="woff2")
    served = {path: points & set(TTFont(path).getBestCmap()) for path, points in sources.items()}
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=set().union(*served.values()))
    subsetter.subset(font)  # drops the glyphs the merge kept twice (the space of each subset)
    # the sources' dates, not today's (the merge's): the same files on every run
    heads = [TTFont(path)["head"] for path in sources]
    font["head"].created = max(head.created for head in heads)
    font["head"].modified = max(head.modified for head in heads)
    font.recalcTimestamp = False
    subset.save_font(font, str(target), options)
    merged = TTFont(target)
    for path, points in served.items():
        original = TTFont(path)
        changed = [f"U+{point:04X}" for point in sorted(points)
                   if outline(merged, point) != outline(original, point)]
        assert not changed, f"{target.name}: {path.name} drew or hinted {', '.join(changed[:10])} otherwise"


def faces(package_dir: Path, family: str, wanted: list[tuple[int, str]]) -> list[str]:
    """The wanted faces, one file each from the package's subsets, and their @font-face rules
    (no unicode-range: the file holds every character the site is written in)."""
    rules = []
    prefix = package_dir.parent.name  # roboto, roboto-mono: the files' and the comments' prefix
    for weight, style in wanted:
        css = (package_dir / (f"{weight}-italic.css" if style == "italic" else f"{weight}.css")).read_text()
        ranges = {m[1]: m[4] for m in _RANGE.finditer(css)}
        sources = {package_dir / "files" / f"{prefix}-{name}-{weight}-{style}.woff2":
                   codepoints(ranges[f"{prefix}-{name}"]) for name in SUBSETS}
        target = f"{prefix}-{weight}-{style}.woff2"
        merge(sources, TARGET / target)
        rules.append(f"@font-face {{ font-family: \"{family}\"; font-style: {style}; font-weight: {weight}; "
                     f"font-display: swap;\n  src: url({target}) format(\"woff2\"); }}")
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


# Material's font variables naming the shipped faces. The pages set them only once the faces have
# loaded after the first paint (vakr-fonts.js sets the class): the local fallback until then; without
# JavaScript, the NOSCRIPT stylesheet (overrides/main.html) sets them from the start
TYPEFACE = f'--md-text-font: "Roboto", "{FALLBACK}"; --md-code-font: "Roboto Mono";'
NOSCRIPT = "fonts-noscript.css"


def variables() -> str:
    """fonts.css's variables: the fallback face first, the typeface under the class."""
    return f':root {{ --md-text-font: "{FALLBACK}"; }}\n:root.vakr-fonts {{ {TYPEFACE} }}\n'


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
    rules += fallback_faces()
    (TARGET / "fonts.css").write_text(header + variables() + "\n".join(rules) + "\n", encoding="utf-8")
    (TARGET / NOSCRIPT).write_text(f"/* Written by `make fonts` (.ci/fonts.py). */\n:root {{ {TYPEFACE} }}\n",
                                   encoding="utf-8")
    print(f"{len(rules)} faces written to {TARGET}", file=sys.stderr)


if __name__ == "__main__":
    main()
