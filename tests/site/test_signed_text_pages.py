"""On the built pages, the analytical report's summary and the public discussion's results say
where they come from, in both languages: a summary quoted from the signed report links that
original (the very file, checked here by its SHA-256 and by its text layer, read by pdftotext
independently of the build); results the compliance service typed without a source say they
are its own text, not a signed document."""

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
SECTION = ("  summary:\n    ru:\n    - p: " + RU_QUOTE + "\n    - p: " + RU_QUOTE_2 + "\n    kk: " + KK_QUOTE + "\n"
           "  summary_source: {document: original}\n")


def _project(target: Path) -> Path:
    root = project_copy(target)
    signed_report(root, SECTION)
    edit(root / "data/2026/publications.yml", "  schedule_item: 6\n", f"  schedule_item: 6\n  results:\n    ru: {TYPED}\n")
    return root


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = _project(tmp_path_factory.mktemp("signed"))
    result = build_site(root / "site", root=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(root / "site")


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
def test_results_the_service_typed_say_they_are_not_a_signed_document(signed: Site, lang: str) -> None:
    page = signed.page(f"{lang}2026/discussion/")
    note = page.select_one("#results").find_next_sibling()
    assert "vakr-provenance-own" in note["class"] and norm(note.get_text()) == OWN[bool(lang)]
    assert norm(note.find_next_sibling().get_text()) == TYPED
    assert page.select(".vakr-quote") == []


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

