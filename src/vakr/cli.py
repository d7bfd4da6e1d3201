"""Command line: `vakr check` validates data/; `vakr build` builds the publishable site into
a fresh folder and only then replaces site/, so a failed build leaves the last good site;
`vakr import` turns an approved Word table into the cycle's data file."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from vakr.coverage import coverage_lines
from vakr.errors import DataError, DataErrors
from vakr.load import load_site
from vakr.search import write_index as search_index


def check(root: Path) -> int:
    try:
        site = load_site(root / "data")
    except DataErrors as err:
        print(err, file=sys.stderr)
        return 1
    for line in coverage_lines(site):
        print(line)
    print(f"OK: data/ is valid ({len(site.cycles)} cycle(s), {len(site.organizations)} organizations)")
    return 0


def source_date_epoch(root: Path) -> str | None:
    """The moment every date the build writes (sitemap, feeds) derives from, so that two builds
    of one commit are byte-identical: SOURCE_DATE_EPOCH when set, else the time of the last
    git commit, else None (a folder outside git: MkDocs then uses the current date)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        log = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"],
                             capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return log.stdout.strip() or None


def build(root: Path, site_dir: Path, strict: bool = True) -> int:
    """Validate, build into a temporary sibling of `site_dir`, then swap it in."""
    if check(root) != 0:
        return 1
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.build-", dir=site_dir.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(root / "mkdocs.yml"),
               "--site-dir", str(staging)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    epoch = source_date_epoch(root)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    result = subprocess.run(command, cwd=root, env=env, check=False)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Сборка не удалась; {site_dir} не изменён.", file=sys.stderr)
        return result.returncode
    # After the build: the search index of the finished pages (src/vakr/search.py)
    try:
        search_index(staging)
    except (OSError, subprocess.CalledProcessError) as err:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Поисковый индекс не построен ({err}); {site_dir} не изменён.", file=sys.stderr)
        return 1
    old = site_dir.with_name(f"{site_dir.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
    print(f"Site written to {site_dir}")
    if not os.environ.get("SITE_URL"):
        print(SITE_URL_UNSET, file=sys.stderr)
    return 0


SITE_URL_UNSET = ("Внимание: SITE_URL не задан, поэтому адреса в sitemap.xml, лентах объявлений и ссылках "
                  "canonical ведут на http://127.0.0.1:8000/. Для публикации соберите с адресом сайта: "
                  "SITE_URL=https://example.kz/anticorruption/ make build")


def import_document(root: Path, source: Path, cycle: str, kind: str, kk_source: Path | None) -> int:
    """Import, print the report; on a document it cannot place, say where and exit 1."""
    from vakr.importer.command import check_data, run_import

    try:
        report = run_import(root, source, cycle, kind, kk_source)
    except (DataError, DataErrors) as err:
        print(f"Импорт не выполнен, data/ не изменён:\n  {err}", file=sys.stderr)
        return 1
    except OSError as err:  # unreadable file, no permission, full disk
        print(f"Импорт не выполнен, data/ не изменён:\n  {err.filename or source}: {err.strerror}", file=sys.stderr)
        return 1
    for line in report.lines():
        print(line)
    if not (root / "data" / cycle / "cycle.yml").exists():
        print(f"Внимание: нет data/{cycle}/cycle.yml (период ВАКР): без него цикл не попадёт на сайт.", file=sys.stderr)
        return 0
    errors = check_data(root)
    if errors is not None:
        print(errors, file=sys.stderr)
        return 1
    print("Проверка data/: ошибок нет")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="vakr", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (with mkdocs.yml and data/)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate data/ and print translation coverage")
    build_parser = commands.add_parser("build", help="build the site into --site-dir atomically")
    build_parser.add_argument("--site-dir", type=Path, default=Path("site"))
    import_parser = commands.add_parser("import", help="import an approved Word table (.docx or its text export) into data/")
    import_parser.add_argument("source", type=Path, help="the document: .docx, or the tab-separated text export (.txt)")
    import_parser.add_argument("--cycle", required=True, help="the ВАКР year, e.g. 2026 (writes data/<cycle>/<kind>.yml)")
    import_parser.add_argument("--kind", required=True, choices=["plan", "schedule"])
    import_parser.add_argument("--kk", type=Path, dest="kk_source", help="the Kazakh edition in a separate file")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "check":
        return check(root)
    if args.command == "import":
        return import_document(root, args.source, args.cycle, args.kind, args.kk_source)
    return build(root, args.site_dir if args.site_dir.is_absolute() else root / args.site_dir)


if __name__ == "__main__":
    sys.exit(main())
