"""Search as a reader uses it, in Chromium on the built site: the words of the approved
documents (names after «, abbreviations, dates, numbers with dots, Latin names) find the row
that holds them first, in the page's language only, in the desktop and the phone layout; a
result names the row and leads to it. And the index itself: each text once, in its language."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Browser, Page

from conftest import ROOT
from searchindex import results
from sitepages import recommendation, squeeze
from test_accessibility import violations

LAYOUTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}

# (query, the first result: its URL and the start of its title)
QUERIES = {
    "ru": [
        ("Almaty", "2026/plan/#item-16", "Пункт 16 — План мероприятий · 2026"),
        ("Микрофинансовая", "2026/plan/#item-9", "Пункт 9 — План мероприятий"),
        ("Индустриальная", "2026/plan/#item-19", "Пункт 19 — План мероприятий"),
        ("Социально", "2026/schedule/#item-5", "Пункт 5 — План-график работ · 2026"),
        ("картограмма", "2026/cartogram/", "Картограмма коррупционных рисков 2026"),
        ("01.07.2026", "2026/plan/#item-16", "Пункт 16 — План мероприятий"),
        ("10.5", "2026/risks/#risk-R29", "Риск R29 — Перечень коррупционных рисков · 2026"),
        ("ДЗО", "2026/plan/#item-16", "Пункт 16 — План мероприятий"),
        ("ВНД/НПА", "2026/risks/", "Перечень коррупционных рисков · 2026"),
        ("E-Otinish", "contacts/", "Контакты и сообщения о коррупции"),
        ("гарантий", "2026/risks/#risk-R23", "Риск R23 — Перечень коррупционных рисков"),
        ("закупок", "2026/risks/#risk-R21", "Риск R21 — Перечень коррупционных рисков"),
    ],
    "kk": [
        ("сыбайлас", "kk/contacts/", "Байланыс және сыбайлас жемқорлық туралы хабарлау"),
        ("тәуекел", "kk/2026/risks/", "Сыбайлас жемқорлық тәуекелдерінің тізбесі · 2026"),
        ("жемқорлық", "kk/contacts/", "Байланыс және сыбайлас жемқорлық туралы хабарлау"),
        ("картограмма", "kk/2026/cartogram/", "Сыбайлас жемқорлық тәуекелдері картограммасы, 2026"),
        ("жұмыс тобы", "kk/2026/schedule/#item-6", "6-тармақ — Жұмыс кестесі · 2026"),
        ("19.05.2026", "kk/2026/schedule/#item-6", "6-тармақ — Жұмыс кестесі · 2026"),
        ("әлеуметтік", "kk/2026/schedule/#item-3", "3-тармақ — Жұмыс кестесі · 2026"),
    ],
}
START = {"ru": "", "kk": "kk/"}
FIRST_SCREEN = 5  # results a query shows (a phone shows four), each a fragment fetched


def open_search(page: Page) -> None:
    page.click(".vakr-search__open")
    page.wait_for_selector(".vakr-search__dialog[open]")


def search(page: Page, query: str) -> list[dict[str, str]]:
    """Type `query` as a reader does and return the results shown: href and title."""
    page.fill(".vakr-search__input", "")
    page.keyboard.type(query, delay=10)
    page.wait_for_selector(".vakr-search__results[aria-busy=false]", state="attached")
    page.wait_for_function("document.querySelector('.vakr-search__status').textContent !== ''")
    return page.eval_on_selector_all(".vakr-search__results a", """links => links.map(a => ({
        href: a.getAttribute('href'), title: a.querySelector('.vakr-search__title').textContent,
        excerpt: a.querySelector('.vakr-search__excerpt').innerHTML}))""")


@pytest.fixture(params=list(LAYOUTS))
def layout(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=LAYOUTS[request.param])
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", list(QUERIES))
def test_each_query_returns_its_row_first_and_nothing_of_the_other_language(layout: Page, base_url: str, lang: str) -> None:
    page = layout
    page.goto(base_url + START[lang])
    open_search(page)
    wrong = []
    for query, url, title in QUERIES[lang]:
        found = search(page, query)
        urls = [r["href"].lstrip("/") for r in found]
        if not found or urls[0] != url or not found[0]["title"].startswith(title):
            wrong.append(f"«{query}»: first {urls[:1]} {[r['title'] for r in found[:1]]}, expected {url} «{title}»")
        other = [u for u in urls if u.startswith("kk/") != (lang == "kk")]
        if other:
            wrong.append(f"«{query}»: results of the other language {other}")
        if "<mark>" not in "".join(r["excerpt"] for r in found[:3]):
            wrong.append(f"«{query}»: no match marked in the first snippets")
    assert not wrong, "\n".join(wrong)


def test_a_plan_item_result_names_the_item_and_lands_on_its_row(layout: Page, base_url: str) -> None:
    page = layout
    page.goto(base_url + "2026/")
    open_search(page)
    first = search(page, "Микрофинансовая")[0]
    assert first["title"] == "Пункт 9 — План мероприятий · 2026"
    assert "Микрофинансовая" in first["excerpt"] and "<mark>" in first["excerpt"]
    page.locator(".vakr-search__results a").first.click()
    page.wait_for_url("**/2026/plan/#item-9")
    box = page.evaluate("(() => { const r = document.getElementById('item-9').getBoundingClientRect();"
                        " return [r.top, r.bottom, innerHeight]; })()")
    assert 0 <= box[0] < box[2], f"row 9 not on screen: {box}"
    assert not page.is_visible(".vakr-search__dialog"), "the dialog closes when a result is followed"


def test_a_query_fetches_only_the_results_it_shows_then_more(layout: Page, base_url: str) -> None:
    """Each result shown costs a request for its fragment: a query fetches the five a phone's
    first screen shows, not the whole list; «more» fetches the next five, and focus goes on to
    the first of them."""
    page = layout
    fragments: list[str] = []
    page.on("request", lambda r: fragments.append(r.url) if "/pagefind/fragment/" in r.url else None)
    page.goto(base_url + "kk/2026/")
    open_search(page)
    assert len(search(page, "тәуекел")) == FIRST_SCREEN
    assert int(re.sub(r"\D", "", page.text_content(".vakr-search__status"))) > 2 * FIRST_SCREEN
    assert len(fragments) == len(set(fragments)) == FIRST_SCREEN, fragments
    page.click(".vakr-search__more")
    links = "[...document.querySelectorAll('.vakr-search__results a')]"
    page.wait_for_function(f"{links}.length == {2 * FIRST_SCREEN}")
    assert len(set(fragments)) == 2 * FIRST_SCREEN
    focused = page.evaluate(f"{links}.indexOf(document.activeElement)")
    assert focused == FIRST_SCREEN, "focus goes on to the first result «more» added"


def test_search_is_keyboard_operable_and_loads_nothing_before_it_is_opened(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport=LAYOUTS["desktop"])
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + "kk/", wait_until="networkidle")
    assert not [u for u in requests if "/pagefind/" in u], "the search loaded before the reader opened it"
    page.focus(".vakr-search__open")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('vakr-search__input')")
    page.keyboard.type("тәуекел")
    page.wait_for_selector(".vakr-search__results a", state="attached")
    page.keyboard.press("Tab")  # past the close button to the first result
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.vakr-search__results') !== null")
    page.keyboard.press("Escape")
    assert not page.is_visible(".vakr-search__dialog")
    assert page.evaluate("document.activeElement.classList.contains('vakr-search__open')"), "focus back on the button"
    assert [u for u in requests if "/pagefind/pagefind.kk_" in u] and not [u for u in requests if "/pagefind/pagefind.ru_" in u]
    context.close()


def test_without_javascript_the_search_box_is_not_offered(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url)
    assert not page.is_visible(".vakr-search__open")
    assert page.is_visible("article h1")
    context.close()


def test_the_index_holds_each_text_once_in_its_own_language(site) -> None:
    """Russian text shown untranslated on a Kazakh page is left out of the Kazakh index, so
    a search finds it once, on the Russian page; the Kazakh text of that page is indexed."""
    index = results(site)
    text = {lang: " ".join(f"{r.title} {r.text}" for r in index if r.lang == lang) for lang in ("ru", "kk")}
    assert {r.lang for r in index} == {"ru", "kk"}
    assert all(r.url.startswith("kk/") == (r.lang == "kk") for r in index)
    plan = yaml.safe_load((ROOT / "data/2026/plan.yml").read_text(encoding="utf-8"))
    untranslated = [i["recommendation"]["ru"] for i in plan["items"] if "kk" not in i["recommendation"]]
    assert len(untranslated) == len(plan["items"]) and all(isinstance(t, str) for t in untranslated)
    for recommendation in untranslated:
        words = " ".join(html.escape(recommendation, quote=False).split())
        assert text["ru"].count(words) >= 1 and words not in text["kk"], recommendation[:60]
    assert "Іс-шаралар жоспары" in text["kk"]
    urls = [r.url for r in index]
    assert len(urls) == len(set(urls)), "a result twice"
    assert not [u for u in urls if "/organizations/" in u], "organization pages repeat the risk list: not indexed"


def test_every_item_and_risk_is_a_result_of_its_own_where_translated(site) -> None:
    """A plan item, schedule item or risk is a result titled with what it is; on Kazakh pages
    only where it is translated (an untranslated row is found with its page, in Russian on
    the Russian one)."""
    index = {r.url: r for r in results(site)}
    plan = yaml.safe_load((ROOT / "data/2026/plan.yml").read_text(encoding="utf-8"))
    schedule = yaml.safe_load((ROOT / "data/2026/schedule.yml").read_text(encoding="utf-8"))
    risks = yaml.safe_load((ROOT / "data/2026/risks.yml").read_text(encoding="utf-8"))
    for item in plan["items"]:
        n = item["number"]
        assert index[f"2026/plan/#item-{n}"].title == f"Пункт {n} — План мероприятий · 2026"
        assert index[f"2026/execution/#item-{n}"].title == f"Пункт {n} — Исполнение плана по пунктам · 2026"
        assert f"kk/2026/plan/#item-{n}" not in index  # untranslated: with the Kazakh plan page
    numbers = [item["number"] for section in schedule["sections"] for item in section["items"]]
    assert numbers
    for n in numbers:
        assert index[f"kk/2026/schedule/#item-{n}"].title == f"{n}-тармақ — Жұмыс кестесі · 2026"
    for risk in risks["risks"]:
        result = index[f"2026/risks/#risk-{risk['id']}"]
        assert result.title.startswith(f"Риск {risk['id']} — ")
        for number in risk["plan_items"]:  # without an approved description a risk quotes its recommendations
            assert all(html.escape(squeeze(b), quote=False) in result.text for b in recommendation(number)), risk["id"]


@pytest.mark.parametrize(("start", "query"), [("2026/plan/", "Almaty"), ("kk/2026/", "тәуекел")])
def test_axe_finds_no_violation_with_the_results_open(layout: Page, base_url: str, start: str, query: str) -> None:
    page = layout
    page.goto(base_url + start)
    open_search(page)
    assert search(page, query)
    assert page.get_attribute(".vakr-search__dialog", "aria-label")  # the dialog's accessible name
    report = violations(page)
    assert not report, "\n".join(report)


def test_russian_text_on_kazakh_pages_is_marked_for_the_index(built) -> None:
    """What keeps the Kazakh index free of Russian: the untranslated text carries the mark."""
    page = built.page("kk/2026/plan/")
    russian = page.select("article [lang=ru]")
    assert len(russian) >= 38 and all(el.has_attr("data-search-exclude") for el in russian)
