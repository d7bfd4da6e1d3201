"""The Kazakh edition of every document the translation import writes into (issue 23): a news
item, the public discussion, the contacts and a risk description (whose Kazakh follows the
plan it quotes). Imported through `make translation-import`, the
Kazakh is a draft: the published build shows the Russian (lang="ru"), the review build shows
the Kazakh under the draft label; once each document's approval is written, it is published,
and the data page says which documents have an approved Kazakh edition, when and by whom."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from translate.storage import xliff

from bench.workspace import project_copy
from conftest import ROOT, built_ok
from vakr.publish.strings import catalog

# Kazakh made for the tests (marked «тест»): never the Company's translation.
KK = {
    "2026/publications/announcements/test-news/title": "Тест жаңалығының тақырыбы",
    "2026/publications/announcements/test-news/body": "Тест жаңалығының мәтіні қазақша.",
    "2026/publications/discussion/format": "Тест: талқылаудың өткізілу түрі.",
    "contacts/address": "Тест: Алматы қ., мекенжайы.",
    "2026/risks/R01/description": "Тест: бірінші ұсынымның қазақша аудармасы.",
    "2026/plan/items/1/recommendation": "Тест: бірінші ұсынымның қазақша аудармасы.",  # the quote's source
}
APPROVAL = {"date": "01.12.2026", "kk": {"heading": "«БЕКІТЕМІН»", "lines": ["Тест қол қоюшы"],
                                         "date": "«01» 12 2026 ж."}}


def _edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")


def _russian_texts(project: Path) -> None:
    """Test fixture: a news item, the discussion's format, an address and a risk description
    (a verbatim quote of plan item 1, so its Kazakh must quote the plan's), in Russian only, as the officer writes them."""
    data = project / "data"
    plan = yaml.safe_load((data / "2026/plan.yml").read_text(encoding="utf-8"))
    quote = plan["items"][0]["recommendation"]["ru"]

    def publications(pubs: dict) -> None:  # type: ignore[type-arg]
        pubs["announcements"].append({"kind": "news", "id": "test-news", "date": "01.06.2026",
                                      "title": {"ru": "Тестовая новость"}, "body": {"ru": "Тестовый текст новости."}})
        pubs["discussion"]["format"] = {"ru": "Тестовый формат обсуждения"}

    def risks(doc: dict) -> None:  # type: ignore[type-arg]
        doc["risks"][0].update(description={"ru": quote}, source={"document": "plan", "item": 1})

    _edit(data / "2026/publications.yml", publications)
    _edit(data / "contacts.yml", lambda c: c.update(address={"ru": "Тестовый адрес"}))
    _edit(data / "2026/risks.yml", risks)


def make(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The officer's make command, run in the project copy with this checkout's venv."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    return subprocess.run(["make", "-f", str(ROOT / "Makefile"), "-o", ".venv/.installed",
                           f"BIN={ROOT / '.venv/bin'}", *args], cwd=project, capture_output=True, text=True,
                          check=False, env=env)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with the Russian texts, exported and translated, imported through make."""
    root = project_copy(tmp_path_factory.mktemp("kk-editions") / "project")
    _russian_texts(root)
    exported = make(root, "translation", "CYCLE=2026")
    assert exported.returncode == 0, exported.stdout + exported.stderr
    path = root / "translation/vakr-2026-ru-kk.xlf"
    store = xliff.xlifffile.parsestring(path.read_bytes())
    units = {u.xmlelement.get("id"): u for u in store.units}
    for uid, text in KK.items():
        units[uid].target = text
    path.write_bytes(bytes(store))
    imported = make(root, "translation-import", f"SOURCE={path}")
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "Добавлено переводов: 6" in imported.stdout
    assert "Казахская редакция data/2026/publications.yml, объявление test-news не утверждена" in imported.stdout
    assert "Казахская редакция data/2026/plan.yml (описание риска R01 — цитата из него) не утверждена" in imported.stdout
    return root


def _page(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


def _news(site: Path) -> str:
    return str(next((site / "kk").rglob("test-news*/index.html")).relative_to(site))


PAGES = {  # the Kazakh page of each text: where it must be Russian, draft or approved
    "2026/publications/announcements/test-news/body": None,  # found by _news
    "2026/publications/discussion/format": "kk/2026/discussion/index.html",
    "contacts/address": "kk/contacts/index.html",
    "2026/risks/R01/description": "kk/2026/risks/index.html",
}


def _pages(site: Path) -> dict[str, BeautifulSoup]:
    return {uid: _page(site, rel or _news(site)) for uid, rel in PAGES.items()}


def _kk_overview(site: Path, lang: str = "kk") -> dict[str, str]:
    """The data page's table: document name → what it says of its Kazakh edition."""
    page = _page(site, ("kk/" if lang == "kk" else "") + "2026/data/index.html")
    rows = page.select(".vakr-table--kk-editions tbody tr")
    return {row.th.get_text(" ", strip=True): row.td.get_text(" ", strip=True) for row in rows}


def test_before_approval_the_published_kazakh_pages_show_the_russian(project: Path) -> None:
    site = built_ok(project / "site", project)
    files = [p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.is_file()]
    for text in KK.values():
        assert not any(text in content for content in files), text
    pages = _pages(site)
    for uid, page in pages.items():
        russian = [el.get_text() for el in page.select('article [lang="ru"], .md-content [lang="ru"]')]
        assert page.select_one(".vakr-draft-banner") is None, uid
        assert any(("Тестов" in text or "АО «СПК «Алматы» и его дочерним" in text) for text in russian), uid
    log = (site / "build.log").read_text(encoding="utf-8")
    assert "не утверждена (казахские тексты — черновик, пока нет kk_approved): plan, discussion, announcement/test-news" \
           in log
    pending = catalog()["data.kk_edition.pending"]
    overview = _kk_overview(site)
    assert overview[catalog()["page.discussion"]["kk"]] == pending["kk"]
    assert overview[catalog()["page.plan"]["kk"]] == pending["kk"]
    assert overview[catalog()["page.schedule"]["kk"]].startswith("30.03.2026 ж. бекітілген: ")  # approved with it
    assert "Басқарма Төрағасы" in overview[catalog()["page.schedule"]["kk"]]
    assert _kk_overview(site, "ru")[catalog()["page.discussion"]["ru"]] == pending["ru"]


def test_the_review_build_shows_the_draft_kazakh_with_the_draft_label(project: Path) -> None:
    preview = built_ok(project / "preview", project, {"VAKR_DRAFTS": "1"})  # what `make serve` shows
    draft = catalog()["edition.kk.draft"]["kk"]
    for uid, page in _pages(preview).items():
        assert KK[uid] in page.get_text(), uid
        banner = page.select_one(".vakr-draft-banner")
        assert banner is not None and draft in banner.get_text(), uid
    assert _page(preview, "2026/discussion/index.html").select_one(".vakr-draft-banner") is None  # Russian: approved


def test_once_approved_the_kazakh_is_published_and_the_data_page_says_by_whom(project: Path) -> None:
    approved_project = project.parent / "approved"
    shutil.copytree(project, approved_project, symlinks=True)
    data = approved_project / "data"

    def publications(pubs: dict) -> None:  # type: ignore[type-arg]
        pubs["discussion"]["kk_approved"] = APPROVAL
        next(a for a in pubs["announcements"] if a["id"] == "test-news")["kk_approved"] = APPROVAL

    _edit(data / "2026/publications.yml", publications)
    for rel in ("contacts.yml", "2026/plan.yml"):
        _edit(data / rel, lambda doc: doc.update(kk_approved=APPROVAL))
    site = built_ok(approved_project / "site", approved_project)
    note = catalog()["edition.kk.approved"]["kk"].split("{date}")[0].strip()
    for uid, page in _pages(site).items():
        assert KK[uid] in page.get_text() and page.select_one(".vakr-draft-banner") is None, uid
        if uid != "2026/risks/R01/description":  # the quote's own approval is the plan's, on the plan page
            assert page.select_one("time[datetime='2026-12-01']") is not None, uid
            assert note in page.get_text(" "), uid
    overview = _kk_overview(site)
    for key in ("page.discussion", "page.plan"):
        assert overview[catalog()[key]["kk"]] == "01.12.2026 ж. бекітілген: Тест қол қоюшы", key
    assert overview["Тест жаңалығының тақырыбы"] == "01.12.2026 ж. бекітілген: Тест қол қоюшы"
    assert "утверждена: schedule (30.03.2026), plan (01.12.2026), discussion (01.12.2026), " \
           "announcement/test-news (01.12.2026)" in (site / "build.log").read_text(encoding="utf-8")
