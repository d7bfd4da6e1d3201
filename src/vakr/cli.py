"""Command line: `vakr check` validates data/; `vakr build` builds the publishable site into
a fresh folder and only then replaces site/, so a failed build leaves the last good site;
`vakr new-cycle` starts a new year's folder; `vakr import` turns an approved Word table into
the cycle's data file; `vakr forms` writes the report forms for the responsible units and
`vakr reports` merges the filled ones into monitoring.yml; `vakr translation` exports the
texts without Kazakh for the translator and imports the translation."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

from vakr.derive import consistency
from vakr.publish import sitedir
from vakr.derive.coverage import coverage_lines
from vakr.domain.errors import DataError, DataErrors
from vakr.domain.site import SiteData
from vakr.ingest.load import load_site
from vakr.derive.orgscope import ORG_ENV, UnknownOrganization, check_organization, site_organizations
from vakr.domain.oswords import reason
from vakr.domain.statedate import build_day, build_epoch, state_date
from vakr.publish.search import write_index as search_index


CHECKED_ENV = "VAKR_CHECKED"  # set for MkDocs by `vakr build`: the hook does not repeat `_checked`'s notes


def check(root: Path) -> int:
    """Validate data/; print the coverage and the date the build would show the state for.
    Nothing is built: it says so only where it matters, on errors."""
    if _checked(root) is not None:
        return 0
    print(CHECK_FAILED, file=sys.stderr)
    return 1


CHECK_FAILED = ("Проверка data/ не пройдена: исправьте ошибки выше и запустите make check снова "
                "(сайт с такими данными не соберётся).")


def _checked(root: Path) -> SiteData | None:
    """`check`'s work, giving the data it checked (None when it has errors, printed)."""
    try:
        site = load_site(root / "data")
    except DataErrors as err:
        print(err, file=sys.stderr)
        return None
    for line in coverage_lines(site):
        print(line)
    epoch, note = build_epoch(root)
    state = state_date(site, build_day(epoch))
    for line in [*filter(None, [note]), *state.notes(site, built=False)]:
        print(line)
    for warning in consistency.warnings(site):
        print(f"Внимание: {warning}", file=sys.stderr)
    print(f"Ошибок в data/ нет: циклов ВАКР {len(site.cycles)}, организаций {len(site.organizations)}")
    return site


def build(root: Path, site_dir: Path, strict: bool = True, org: str | None = None) -> int:
    """Validate, build into a sibling of `site_dir`, then exchange it for the site in one step;
    `org`: that organization's own site (vakr.orgscope)."""
    site_dir = site_dir.resolve()
    site = _checked(root)
    if site is None or not _known(site, [org] if org else []):
        print(f"Сайт не собран; {site_dir} не изменён.", file=sys.stderr)
        return 1
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = sitedir.staging(site_dir)
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(root / "mkdocs.yml"),
               "--site-dir", str(staging)]
    if strict:
        command.append("--strict")
    env = _build_env(root)
    if org:
        env[ORG_ENV] = org
    result = subprocess.run(command, cwd=root, env=env, check=False)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Сборка не удалась; {site_dir} не изменён.", file=sys.stderr)
        return result.returncode
    if not _finish(staging, site_dir):
        return 1
    if not os.environ.get("SITE_URL"):
        print(SITE_URL_UNSET, file=sys.stderr)
    return 0


def _build_env(root: Path) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", CHECKED_ENV: "1"}
    epoch, _ = build_epoch(root)  # check() printed why, when the build is dated today
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    return env


def _finish(staging: Path, site_dir: Path) -> bool:
    """After the build, the search index of the finished pages (src/vakr/publish/search.py); then the
    build becomes the site in one step."""
    try:
        search_index(staging)
    except (OSError, subprocess.CalledProcessError) as err:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Поисковый индекс не построен ({err}); {site_dir} не изменён.", file=sys.stderr)
        return False
    sitedir.publish(staging, site_dir)
    print(f"Сайт собран: {site_dir}")
    return True


def _known(site: SiteData, orgs: list[str]) -> bool:
    """Every id names an organization that can have a site; else say which can."""
    try:
        for org in orgs:
            check_organization(site, org)
    except UnknownOrganization as err:
        print(f"Сайт организации (--org) не собирается: {err}", file=sys.stderr)
        return False
    return True


def sites(root: Path, out: Path) -> int:
    """Every organization's site (the Company's full one too) into `out/<id>/`, built in one
    process that loads the data once (hooks/vakr_sites.py); each site replaced in one step."""
    out = out.resolve()
    site = _checked(root)
    if site is None:
        print(f"Сайты не собраны; {out} не изменена.", file=sys.stderr)
        return 1
    orgs = [org.id for org in site_organizations(site)]
    out.mkdir(parents=True, exist_ok=True)
    staged = {org: sitedir.staging(out / org) for org in orgs}
    command = [sys.executable, str(root / "hooks" / "vakr_sites.py"), str(root / "mkdocs.yml"),
               *(f"{org}={folder}" for org, folder in staged.items())]
    result = subprocess.run(command, cwd=root, env=_build_env(root), check=False)
    if result.returncode != 0:
        for folder in staged.values():
            shutil.rmtree(folder, ignore_errors=True)
        print(f"Сборка не удалась; {out} не изменена.", file=sys.stderr)
        return result.returncode
    if not all(_finish(folder, out / org) for org, folder in staged.items()):
        return 1
    if not os.environ.get("SITE_URL"):
        print(SITE_URL_UNSET, file=sys.stderr)
    return 0


SITE_URL_UNSET = ("Внимание: SITE_URL не задан, поэтому адреса в sitemap.xml, лентах объявлений и ссылках "
                  "canonical ведут на http://127.0.0.1:8000/. Для публикации соберите с адресом сайта: "
                  "SITE_URL=https://example.kz/anticorruption/ make build")


def import_document(root: Path, source: Path, cycle: str, kind: str, kk_source: Path | None) -> int:
    """Import, print the report; on a document it cannot place, or data/ that would not pass
    the site's checks with it, say where and exit 1 with nothing written."""
    from vakr.importer.command import run_import

    refused = "Импорт не выполнен, data/ не изменён:"
    try:
        report = run_import(root, source, cycle, kind, kk_source)
    except (DataErrors, DataError, OSError) as err:
        return _refused(refused, err, source)
    for line in report.lines():
        print(line)
    if not (root / "data" / cycle / "cycle.yml").exists():
        print(f"Внимание: нет data/{cycle}/cycle.yml (период ВАКР): без него цикл не попадёт на сайт.", file=sys.stderr)
        return 0
    print("Проверка data/: ошибок нет")
    return 0


def _refused(heading: str, err: DataErrors | DataError | OSError, path: Path) -> int:
    """Why an intake command wrote nothing, one problem a line under its heading; exit 1. An
    OSError (unreadable file, no permission, full disk) names its file, or `path`, and the
    system's reason in Russian."""
    if isinstance(err, DataErrors):
        problems = [str(e) for e in err.errors]
    elif isinstance(err, OSError):
        problems = [f"{err.filename or path}: {reason(err)}"]
    else:
        problems = [str(err)]
    print("\n".join([heading, *(f"  {problem}" for problem in problems)]), file=sys.stderr)
    return 1


def new_cycle(root: Path, year: str, start: str, end: str) -> int:
    """data/<year>/ with the files a cycle starts with (vakr.intake.newcycle); then the whole
    data/ checked, as every build will."""
    from vakr.intake.newcycle import FILES, Refused, create

    refused = "Папка цикла не создана:"
    try:
        create(root / "data", year, start, end)
    except Refused as err:
        print(f"{refused} {err}.", file=sys.stderr)
        return 1
    except (DataErrors, OSError) as err:
        return _refused(refused, err, root / "data")
    print(f"Создана папка data/{year}/: {', '.join(FILES)}. План-график и план мероприятий добавьте импортом: "
          f"make import SOURCE=… KIND=schedule CYCLE={year} (README, «Новый цикл ВАКР»).")
    return check(root)


class _Help(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, "Запуск: " if prefix is None else prefix)


# argparse's own messages are English; the ones an officer meets, in Russian
_ARGPARSE = (
    (re.compile(r"the following arguments are required: (.*)"), "не указано обязательное: {0}"),
    (re.compile(r"argument (\S+): invalid choice: '([^']*)' \(choose from (.*)\)"),
     "«{1}» не подходит для {0}; можно: {2}"),
    (re.compile(r"argument (\S+): expected one argument"), "после {0} нужно значение"),
    (re.compile(r"unrecognized arguments: (.*)"), "лишнее в команде: {0}"),
)


class _Parser(argparse.ArgumentParser):
    """argparse with its help and errors in Russian, for the officers who run the commands."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, formatter_class=_Help, add_help=False, **kwargs)
        self._positionals.title, self._optionals.title = "команды и файлы", "параметры"
        self.add_argument("-h", "--help", action="help", help="показать эту справку")

    def error(self, message: str) -> NoReturn:
        for pattern, russian in _ARGPARSE:
            found = pattern.fullmatch(message)
            if found:
                message = russian.format(*(g.replace("'", "") for g in found.groups()))
                break
        self.exit(2, f"Команда не понята: {message}\nСправка: {self.prog} --help\n")


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="vakr", description="Проверка данных, сборка сайта и импорт документов ВАКР.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), metavar="ПАПКА",
                        help="папка проекта (с mkdocs.yml и data/)")
    commands = parser.add_subparsers(dest="command", required=True, title="команды",
                                     metavar="check|build|sites|new-cycle|import|forms|reports|translation")
    commands.add_parser("check", help="проверить data/ и показать, сколько переведено на казахский")
    build_parser = commands.add_parser("build", help="собрать сайт в --site-dir (заменяется за один шаг)")
    build_parser.add_argument("--site-dir", type=Path, default=Path("site"), metavar="ПАПКА",
                              help="папка сайта (по умолчанию site)")
    build_parser.add_argument("--org", metavar="ID", help="сайт одной организации (id из data/organizations.yml): "
                                                      "её пункты плана, риски и общие документы")
    sites_parser = commands.add_parser("sites", help="собрать сайты Общества и каждой ДЗО в --out/<id>/")
    sites_parser.add_argument("--out", type=Path, default=Path("sites"), metavar="ПАПКА",
                              help="папка сайтов (по умолчанию sites)")
    cycle_parser = commands.add_parser("new-cycle", help="создать папку нового цикла ВАКР data/<год>/ с "
                                                         "заготовками cycle.yml, monitoring.yml, publications.yml")
    cycle_parser.add_argument("year", metavar="ГОД", help="год ВАКР, например 2027")
    cycle_parser.add_argument("--start", required=True, metavar="ДАТА",
                              help="первый день ВАКР по утверждённому плану-графику, например 13.04.2027")
    cycle_parser.add_argument("--end", required=True, metavar="ДАТА", help="последний день ВАКР")
    import_parser = commands.add_parser("import", help="импортировать утверждённую таблицу Word (.docx или .txt) "
                                                       "в data/")
    import_parser.add_argument("source", type=Path, metavar="ДОКУМЕНТ",
                               help="документ: .docx или текстовая выгрузка таблицы (.txt)")
    import_parser.add_argument("--cycle", required=True, metavar="ГОД",
                               help="год ВАКР, например 2026 (пишет data/<год>/<вид>.yml)")
    import_parser.add_argument("--kind", required=True, choices=["plan", "schedule"],
                               help="plan — план мероприятий, schedule — план-график")
    import_parser.add_argument("--kk", type=Path, dest="kk_source", metavar="ФАЙЛ",
                               help="казахская редакция отдельным файлом")
    forms_parser = commands.add_parser("forms", help="записать формы отчётов (.xlsx) для ответственных подразделений")
    forms_parser.add_argument("--cycle", required=True, metavar="ГОД", help="год ВАКР, например 2026")
    forms_parser.add_argument("--out", type=Path, required=True, metavar="ПАПКА", help="папка, куда записать формы")
    reports_parser = commands.add_parser("reports", help="внести заполненные формы отчётов (.xlsx или .csv) "
                                                         "в monitoring.yml")
    reports_parser.add_argument("files", type=Path, nargs="+", metavar="ФАЙЛ",
                                help="заполненные формы: .xlsx или сохранённый из неё .csv")
    reports_parser.add_argument("--cycle", metavar="ГОД", help="год ВАКР, если в CSV нет строк заголовка с ним")
    reports_parser.add_argument("--dry-run", action="store_true",
                                help="проверить и показать, что изменится, ничего не записывая")
    translation = commands.add_parser("translation", help="казахская редакция: выгрузить тексты для переводчика, "
                                                          "внести перевод")
    steps = translation.add_subparsers(dest="step", required=True, title="шаги", metavar="export|import")
    export_parser = steps.add_parser("export", help="записать все тексты без казахского перевода (XLIFF 1.2 или .xlsx)")
    export_parser.add_argument("--cycle", required=True, metavar="ГОД", help="год ВАКР, например 2026")
    export_parser.add_argument("--format", choices=["xliff", "xlsx"], default="xliff", help="формат файла")
    export_parser.add_argument("--out", type=Path, metavar="ФАЙЛ",
                               help="куда записать (по умолчанию translation/vakr-<год>-ru-kk.xlf или .xlsx)")
    steps.add_parser("import", help="внести переведённый XLIFF или .xlsx в поля kk в data/").add_argument(
        "file", type=Path, metavar="ФАЙЛ", help="переведённый .xlf/.xliff или .xlsx")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "check":
        return check(root)
    if args.command in ("forms", "reports"):
        from vakr.intake.command import run_forms, run_reports  # openpyxl only for these commands

        if args.command == "forms":
            return run_forms(root, args.cycle, args.out)
        return run_reports(root, args.files, args.cycle, args.dry_run)
    if args.command == "new-cycle":
        return new_cycle(root, args.year, args.start, args.end)
    if args.command == "import":
        return import_document(root, args.source, args.cycle, args.kind, args.kk_source)
    if args.command == "translation":
        from vakr.translation import command

        if args.step == "export":
            return command.export(root, args.cycle, args.format, args.out)
        return command.import_file(root, args.file)
    if args.command == "sites":
        return sites(root, args.out if args.out.is_absolute() else root / args.out)
    return build(root, args.site_dir if args.site_dir.is_absolute() else root / args.site_dir, org=args.org)


if __name__ == "__main__":
    sys.exit(main())
