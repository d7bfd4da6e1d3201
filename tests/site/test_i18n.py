"""Both languages on the built site: lang attributes, hreflang alternates, the language
switcher, and Kazakh pages free of Russian or English interface words."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import material
import pytest
from bs4 import BeautifulSoup

from bench.workspace import project_copy
from conftest import build_site, proper_names

PAGES = ["", "2026/", "2026/schedule/", "2026/plan/", "2026/cartogram/", "2026/risks/", "2026/organizations/spk/"]
pytestmark = pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")
LANGUAGE_FILES = Path(material.__file__).parent / "templates" / "partials" / "languages"


def counterpart(url: str, lang: str) -> str:
    return ("kk/" + url) if lang == "ru" else url.removeprefix("kk/")


def test_every_page_exists_in_both_languages(built) -> None:
    pages = set(built.pages())
    for url in PAGES:
        assert f"{url or './'}" in pages or url + "/" in pages or (url == "" and "./" in pages)
        assert f"kk/{url}" in pages


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("url", PAGES)
def test_lang_attribute_and_hreflang_alternates(built, url: str, lang: str) -> None:
    """hreflang alternates are in the switcher and in sitemap.xml; not in <head>, where
    Material's script would fetch a sitemap.xml under each of them (a 404 per view)."""
    own = url if lang == "ru" else f"kk/{url}"
    page = built.page(own)
    assert page.html["lang"] == lang
    links = {a["hreflang"]: a["href"] for a in page.select("a.md-select__link[hreflang]")}
    assert set(links) == {"ru", "kk"}, links
    assert not page.select('head link[rel="alternate"][hreflang]')
    sitemap = BeautifulSoup((built.root / "sitemap.xml").read_text(encoding="utf-8"), "html.parser")
    entry = next(u for u in sitemap.find_all("url") if urlsplit(u.loc.get_text()).path == "/" + own)
    alternates = {link["hreflang"]: urlsplit(link["href"]).path for link in entry.find_all("xhtml:link")}
    assert alternates == {"ru": "/" + url, "kk": "/kk/" + url}


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("url", PAGES)
def test_language_switcher_leads_to_same_page(built, url: str, lang: str) -> None:
    own = url if lang == "ru" else f"kk/{url}"
    other = "kk" if lang == "ru" else "ru"
    page = built.page(own)
    link = page.select_one(f'a.md-select__link[hreflang="{other}"]')
    assert link is not None
    target = (built.root / own / link["href"]).resolve()
    expected = (built.root / counterpart(own, lang)).resolve()
    assert target == expected, f"{own}: switcher to {other} goes to {link['href']}"


def _ui_values(name: str) -> set[str]:
    """Text values of Material's language file `name` (e.g. ru, en)."""
    text = (LANGUAGE_FILES / f"{name}.html").read_text(encoding="utf-8")
    pairs = re.findall(r'"([a-z.]+)":\s*"([^"]*)"', text)
    return {value for key, value in pairs
            if not key.startswith(("search.config", "language", "direction")) and len(value) > 3 and "#" not in value}


@pytest.mark.parametrize("url", PAGES)
def test_kazakh_pages_have_no_russian_or_english_interface_words(built, url: str) -> None:
    page = built.page(f"kk/{url}")
    for element in page.select('[lang="ru"]'):
        element.decompose()  # the approved Russian text, marked as such, is allowed
    for element in page.select('script, style, .md-select, [translate="no"]'):
        element.decompose()  # the language list names each language in itself; file and format names
    visible = page.get_text(" ")
    attributes = " ".join(str(v) for tag in page.find_all(True) for k, v in tag.attrs.items()
                          if k in ("aria-label", "title", "placeholder", "alt"))
    foreign = _ui_values("ru") | _ui_values("en")
    found = sorted(value for value in foreign if value in visible or value in attributes)
    assert not found, found
    latin = sorted(set(re.findall(r"\b[A-Za-z]{3,}\b", visible)) - proper_names())
    assert not latin, f"Latin-script words outside Russian-marked text: {latin}"
    assert "Іздеу" in attributes  # Kazakh theme strings are there


@pytest.mark.parametrize("url", ["2026/plan/", "kk/2026/plan/"])
def test_every_plan_item_has_a_stable_anchor(built, url: str) -> None:
    page = built.page(url)
    ids = [row["id"] for row in page.select("table.vakr-table--plan tbody tr[id]")]
    assert ids == [f"item-{n}" for n in range(1, 39)]
    assert page.select_one('a[href="#item-17"]') is not None


def test_kazakh_headings_and_labels_on_the_plan(built) -> None:
    page = built.page("kk/2026/plan/")
    headers = [th.get_text(strip=True) for th in page.select("table.vakr-table--plan thead th")]
    assert headers == ["№", "Сыбайлас жемқорлық тәуекелдерін ішкі талдау қорытындысы бойынша ұсынымдар",
                       "Іс-шара", "Аяқтау нысаны", "Жауапты орындаушы, бірлесіп орындаушылар", "Орындалу мерзімі"]
    assert page.h1.get_text(strip=True) == "Іс-шаралар жоспары"


@pytest.mark.parametrize(("url", "expected"), [
    ("2026/plan/", "постоянно, с 01.07.2026"),
    ("kk/2026/plan/", "01.07.2026 ж. бастап тұрақты"),
    ("2026/schedule/", "ежедневно"),
    ("kk/2026/schedule/", "күн сайын"),
    ("2026/schedule/", "незамедлительно"),
    ("kk/2026/schedule/", "дереу"),
    ("2026/schedule/", "срок не установлен"),
    ("kk/2026/schedule/", "мерзімі белгіленбеген"),
    ("2026/schedule/", "с 13.04.2026 по 26.05.2026"),
])
def test_deadlines_rendered_in_page_language(built, url: str, expected: str) -> None:
    shown = [re.sub(r"\s+", " ", d.get_text(" ")).strip() for d in built.page(url).select(".vakr-deadline")]
    assert expected in shown


def test_structured_dates_are_machine_readable(built) -> None:
    page: BeautifulSoup = built.page("2026/plan/")
    first = page.select_one("tr#item-1 .vakr-deadline time")
    assert first["datetime"] == "2026-07-01" and first.get_text() == "01.07.2026"


def test_build_reports_translation_coverage(build) -> None:
    assert "kk: переведено пунктов плана 0 из 38" in build.stdout + build.stderr


KAZAKH_ITEM = "Тестілік аударма — ұсыным мәтіні"
KAZAKH_ORG = "«Тест Финанс» ЖШС"  # a test name only: the Company enters the name registered in its charter


@pytest.fixture(scope="module")
def kazakh_added(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A copy of the project where the officer added `kk:` to one plan item and a Kazakh name
    to one organization, built like `make build`: (site, build output)."""
    root = project_copy(tmp_path_factory.mktemp("kazakh") / "project")
    plan = root / "data/2026/plan.yml"
    text = plan.read_text(encoding="utf-8")
    marker = "- number: 17\n  recommendation:\n"
    assert marker in text
    approved = "kk_approved:\n  date: 01.12.2026\n  kk:\n    heading: «БЕКІТЕМІН»\n    lines: [Тест]\n    date: тест\ncolumns:\n"
    text = text.replace("columns:\n", approved, 1)  # without it the Kazakh edition is a draft (tests/intake/test_translation.py)
    plan.write_text(text.replace(marker, f"{marker}    kk: {KAZAKH_ITEM}\n"), encoding="utf-8")
    orgs = root / "data/organizations.yml"
    text = orgs.read_text(encoding="utf-8")
    russian = "    name:\n      ru: ТОО «Almaty Finance (Алматы финанс)»\n"
    assert russian in text
    orgs.write_text(text.replace(russian, f"{russian}      kk: {KAZAKH_ORG}\n"), encoding="utf-8")
    result = build_site(root / "site", root=root)
    assert result.returncode == 0, result.stderr
    return root / "site", result.stdout + result.stderr


def page_of(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_kazakh_text_added_to_data_replaces_russian_without_code_change(kazakh_added: tuple[Path, str]) -> None:
    """An officer adds `kk:` to one plan item: the Kazakh page shows it, the coverage grows."""
    site, output = kazakh_added
    assert "kk: переведено пунктов плана 0 из 38" in output  # other fields still Russian
    cell = page_of(site, "kk/2026/plan").select("tr#item-17 td")[0]
    assert KAZAKH_ITEM in cell.get_text() and cell.select_one('[lang="ru"]') is None
    assert KAZAKH_ITEM not in (site / "2026/plan/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("url", ["2026/cartogram", "2026/organizations/almaty-finance", "2026/monitoring"])
def test_a_kazakh_organization_name_entered_in_the_data_shows_in_kazakh(kazakh_added: tuple[Path, str],
                                                                        url: str) -> None:
    """Once organizations.yml has the name registered in Kazakh, the Kazakh pages show it, not
    marked Russian; the Russian pages keep the Russian name."""
    site, _ = kazakh_added
    kazakh = page_of(site, f"kk/{url}").select_one("article")
    shown = [node for node in kazakh.find_all(string=re.compile(re.escape(KAZAKH_ORG)))]
    assert shown, url
    for node in shown:
        assert all(parent.get("lang") != "ru" for parent in node.parents), (url, node.parent)
    labels = [el for el in kazakh.find_all(True) if el.get_text(strip=True) == "ТОО «Almaty Finance (Алматы финанс)»"]
    assert not labels, (url, labels)  # the name as a label (the approved texts quote it inside their sentences)
    russian = page_of(site, url).select_one("article").get_text()
    assert "ТОО «Almaty Finance (Алматы финанс)»" in russian and KAZAKH_ORG not in russian
