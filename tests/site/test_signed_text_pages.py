"""On the built pages, the analytical report's summary and the public discussion's results say
where they come from, in both languages: a summary quoted from the signed report links that
original (the very file, checked here by its SHA-256 and by its text layer, read by pdftotext
independently of the build); a text quoted from an item links the item; a text the compliance
service typed without a source says it is its own, not a signed document."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest

from bench.workspace import project_copy
from conftest import Site, build_site
from signed import KK_QUOTE, RU_QUOTE, RU_QUOTE_2, SIGNED, edit, signed_report
from test_verbatim import norm

LANGS = ("", "kk/")
OWN = ("Этот текст подготовлен антикоррупционной комплаенс-службой для сайта; это не текст подписанного документа.",
       "Бұл мәтінді сайт үшін сыбайлас жемқорлыққа қарсы комплаенс-қызметі дайындады; ол қол қойылған құжаттың "
       "мәтіні емес.")
TYPED = "Замечания участников обобщены службой."
SCHEDULE_6 = ("Публичное обсуждение результатов ВАКР.", "ішкі талдаудың нәтижелерін қоғамдық талқылау")
# the Kazakh editions of the report and the discussion approved (issue 23), so the Kazakh pages publish them
KK_APPROVED = "  kk_approved: {date: 01.06.2026, kk: {heading: БЕКІТЕМІН, lines: [Тест қол қоюшы], date: 01.06.2026 ж.}}\n"
SECTION = ("  summary:\n    ru:\n    - p: " + RU_QUOTE + "\n    - p: " + RU_QUOTE_2 + "\n    kk: " + KK_QUOTE + "\n"
           "  summary_source: {document: original}\n" + KK_APPROVED)


def _build(root: Path) -> Site:
    result = build_site(root / "site", root=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(root / "site")


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The summary quoted from the signed PDFs; the results from schedule item 6 (the test
    needs a quote of an item: their wording stands in for a protocol's)."""
    root = project_copy(tmp_path_factory.mktemp("signed"))
    signed_report(root, SECTION)
    edit(root / "data/2026/publications.yml", "  schedule_item: 6\n",
         f"  schedule_item: 6\n  results:\n    ru: {SCHEDULE_6[0]}\n    kk: {SCHEDULE_6[1]}\n"
         "  results_source: {document: schedule, item: 6}\n" + KK_APPROVED)
    return _build(root)


@pytest.fixture(scope="module")
def typed(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """Both texts typed by the service, with no source."""
    root = project_copy(tmp_path_factory.mktemp("typed"))
    pubs = root / "data/2026/publications.yml"
    edit(pubs, "  schedule_item: 6\n", f"  schedule_item: 6\n  results:\n    ru: {TYPED}\n")
    edit(pubs, "  schedule_item: 9\n", f"  schedule_item: 9\n  summary:\n    ru: {TYPED}\n")
    return _build(root)


def _text_layer(pdf: Path) -> str:
    return "".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())


@pytest.mark.parametrize(("lang", "own"), [("", "ru"), ("kk/", "kk")])
def test_the_summary_links_the_signed_original_it_quotes(signed: Site, lang: str, own: str) -> None:
    page = signed.page(f"{lang}2026/report/")
    source = page.select_one("#summary").find_next_sibling("p")
    assert norm(source.get_text()).startswith(("Дословно из подписанного оригинала: документ на русском языке (PDF,"
                                               if own == "ru" else
                                               "Қол қойылған түпнұсқадан сөзбе-сөз: құжат қазақ тілінде (PDF,"))
    (link,) = source.select("a")
    file = (signed.root / lang / "2026/report" / link["href"]).resolve()
    assert link["hreflang"] == own and file.read_bytes() == (SIGNED / f"report-{own}.pdf").read_bytes()
    assert hashlib.sha256(file.read_bytes()).hexdigest() in page.select_one(".vakr-originals").get_text()
    quote = source.find_next_sibling("div")
    assert "vakr-quote" in quote["class"] and quote["data-source-files"] == f"documents/2026/report-{own}.pdf"
    paragraphs = [norm(p.get_text()) for p in quote.select("p")]
    assert paragraphs == ([RU_QUOTE, RU_QUOTE_2] if own == "ru" else [KK_QUOTE])
    assert all("".join(p.split()) in _text_layer(file) for p in paragraphs)


@pytest.mark.parametrize("lang", LANGS)
def test_results_quoted_from_an_item_link_it(signed: Site, lang: str) -> None:
    source = signed.page(f"{lang}2026/discussion/").select_one("#results").find_next_sibling("p")
    assert source.a["href"] == "../schedule/#item-6"
    assert norm(source.get_text()) == ("Дословно: План-график работ, пункт 6" if not lang
                                       else "Сөзбе-сөз: Жұмыс кестесі, 6-тармақ")
    quote = source.find_next_sibling("div")
    assert (quote["data-source-document"], quote["data-source-item"]) == ("schedule", "6")
    assert norm(quote.get_text()) == SCHEDULE_6[bool(lang)]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("page", "heading"), [("report", "summary"), ("discussion", "results")])
def test_texts_the_service_typed_say_they_are_not_a_signed_document(typed: Site, lang: str, page: str,
                                                                    heading: str) -> None:
    html = typed.page(f"{lang}2026/{page}/")
    note = html.select_one(f"#{heading}").find_next_sibling()
    assert "vakr-provenance-own" in note["class"] and norm(note.get_text()) == OWN[bool(lang)]
    assert norm(note.find_next_sibling().get_text()) == TYPED
    assert html.select(".vakr-quote") == []


@pytest.mark.parametrize("lang", LANGS)
def test_the_2026_pages_present_no_text_as_the_companys(built: Site, lang: str) -> None:
    """The 2026 data has no signed report and no protocol yet: the pages say the texts are
    not published, and quote nothing."""
    report, discussion = built.page(f"{lang}2026/report/"), built.page(f"{lang}2026/discussion/")
    assert norm(report.select_one("#summary").find_next_sibling().get_text()) == (
        "Текст аналитической справки ещё не опубликован." if not lang else
        "Аналитикалық анықтаманың мәтіні әлі жарияланған жоқ.")
    assert norm(discussion.select_one("#results").find_next_sibling().get_text()) == (
        "Итоги публичного обсуждения ещё не опубликованы." if not lang else
        "Қоғамдық талқылаудың қорытындылары әлі жарияланған жоқ.")
    assert not report.select(".vakr-quote, .vakr-originals") and not discussion.select(".vakr-quote, .vakr-originals")

