"""Provenance (issue 15): every content text on the built pages is traceable to a signed
document. A risk description is a verbatim quote of the document and item it names (checked
against the text exports in fixtures/seeds, independently of the data files); without one,
the risk quotes its recommendations; stages whose result the documents prove are shown done;
signed originals are offered beside the text with their size and SHA-256."""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from bench.workspace import project_copy
from conftest import ROOT, Site, build_site, copy_data
from test_verbatim import PLAN_HEAD_FRAGMENTS, PLAN_LINES, SCHEDULE_LINES, norm
from vakr.derive.consistency import warnings
from vakr.domain.errors import DataErrors
from vakr.ingest.load import load_site

LANGS = ("", "kk/")
# a quote taken from plan item 3's recommendation, as the officers would enter an approved wording
QUOTE = "провести анализ причин текучести кадров и её динамики"
def _docx(text: str) -> bytes:
    """A minimal Word file: a ZIP with its main part, which is what the build checks a DOCX by."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", f"<w:document><w:body>{text}</w:body></w:document>")
    return buffer.getvalue()


ORIGINALS = {"documents/2026/schedule-ru.pdf": b"%PDF-1.4 schedule ru\n", "documents/2026/schedule-kk.pdf": b"%PDF-1.4 kk\n",
             "documents/2026/plan-ru.docx": _docx("plan"), "documents/2026/start-ru.pdf": b"%PDF-1.4 start\n"}


def seed_columns(lines: list[str], head: dict[str, int]) -> dict[int, list[str]]:
    """Item number → the text of each of its columns in a seed table, the lines of a row broken
    by a page break joined; HTML tags and all whitespace removed, since a quote is compared
    letter for letter (a break may fall inside a word)."""
    out: dict[int, list[str]] = {}
    current = None
    for line in lines:
        if "\t" not in line or line.startswith("<b>"):
            continue
        cells = line.split("\t")
        number = cells[0].strip().rstrip(".")
        if number.isdigit():
            current = int(number)
        item = head.get(norm(cells[1]), current)
        if item is None:
            continue
        columns = out.setdefault(item, [])
        for i, cell in enumerate(cells[1:]):
            columns.extend([""] * (i + 1 - len(columns)))
            columns[i] += squash(re.sub(r"<[^>]+>", "", html.unescape(cell)))
    return out


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def seeds() -> dict[str, dict[int, list[str]]]:
    header = next(i for i, line in enumerate(PLAN_LINES) if line.startswith("№\t"))
    schedule: dict[int, list[str]] = {}
    for edition in (SCHEDULE_LINES[:37], SCHEDULE_LINES[37:]):  # Russian, then Kazakh
        first = next(i for i, line in enumerate(edition) if line.startswith("№"))
        for item, columns in seed_columns(edition[first + 1:], {}).items():
            schedule.setdefault(item, []).extend(columns)
    return {"plan": seed_columns(PLAN_LINES[header + 1:], PLAN_HEAD_FRAGMENTS), "schedule": schedule}


SEEDS = seeds()


def with_description(risks: str, rid: str, text: str, item: int) -> str:
    return risks.replace(f"  - id: {rid}\n", f"  - id: {rid}\n    description:\n      ru: {text}\n"
                                              f"    source: {{document: plan, item: {item}}}\n", 1)


@pytest.fixture(scope="module")
def quoted(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The 2026 data with one risk described by a verbatim quote, and signed originals."""
    root = project_copy(tmp_path_factory.mktemp("provenance"))
    risks = root / "data/2026/risks.yml"
    risks.write_text(with_description(risks.read_text(encoding="utf-8"), "R03", QUOTE, 3), encoding="utf-8")
    for path, content in ORIGINALS.items():
        (root / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / path).write_bytes(content)
    pubs = root / "data/2026/publications.yml"
    text = pubs.read_text(encoding="utf-8")
    text = text.replace("  schedule_item: 1\n", "  schedule_item: 1\n  originals:\n"
                        "  - {lang: kk, file: documents/2026/schedule-kk.pdf, date: 30.03.2026}\n"
                        "  - {lang: ru, file: documents/2026/schedule-ru.pdf, date: 30.03.2026}\n", 1)
    text = text.replace("  schedule_item: 8\n", "  schedule_item: 8\n  originals:\n"
                        "  - {lang: ru, file: documents/2026/plan-ru.docx, date: 13.05.2026}\n", 1)
    text = text.replace("  about_item: 4\n", "  about_item: 4\n  originals:\n"
                        "  - {lang: ru, file: documents/2026/start-ru.pdf, date: 30.03.2026}\n", 1)
    pubs.write_text(text, encoding="utf-8")
    result = build_site(root / "site", root=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return Site(root / "site")


# --- (a) risk descriptions --------------------------------------------------------------

def test_every_description_on_the_built_pages_is_verbatim_in_its_named_source(quoted: Site) -> None:
    """Every quote the pages show (a description, or a recommendation standing in for one)
    names its document and item; its text is in that item of the signed document."""
    checked = described = 0
    for url in quoted.pages():
        for quote in quoted.page(url).select(".vakr-quote"):
            document, item = quote["data-source-document"], int(quote["data-source-item"])
            for block in quote.select("p, li") or [quote]:
                text = norm(block.get_text())
                assert any(squash(text) in column for column in SEEDS[document][item]), f"{url}: {document} {item}: {text[:80]}"
                checked += 1
            # counted on the site's own pages; the embeds for a CMS repeat the cartogram's list
            described += norm(quote.get_text()) == QUOTE and "embed/" not in url
    assert described == 2 * 6  # R03: the risk list and five organization pages, in both languages
    assert checked > 2 * 37


@pytest.mark.parametrize("lang", LANGS)
def test_a_description_names_its_source_and_other_risks_say_they_quote_the_plan(quoted: Site, lang: str) -> None:
    row = quoted.page(f"{lang}2026/risks/").select_one("tr#risk-R03")
    quote = row.select_one(".vakr-quote")
    assert norm(quote.get_text()) == QUOTE
    source = quote.find_next_sibling("p")
    assert source.a["href"] == "../plan/#item-3"
    assert source.get_text() == ("Дословно: План мероприятий, пункт 3" if not lang else "Сөзбе-сөз: Іс-шаралар жоспары, 3-тармақ")
    other = quoted.page(f"{lang}2026/risks/").select_one("tr#risk-R04")
    label = other.select_one("td .vakr-source").get_text()
    assert label == ("Описания в документах нет; рекомендация плана дословно:" if not lang
                     else "Құжаттарда сипаттамасы жоқ; жоспардың ұсынымы сөзбе-сөз:")


@pytest.mark.parametrize("url", ["2026/cartogram/", "2026/risks/", "2026/organizations/spk/", "kk/2026/cartogram/"])
def test_pages_say_the_grouping_was_made_by_the_site(built: Site, url: str) -> None:
    note = norm(built.page(url).select_one(".vakr-provenance").get_text())
    assert ("составлен сайтом по плану мероприятий, утверждённому 13.05.2026" in note
            or "сайт 13.05.2026 ж. бекітілген іс-шаралар жоспары бойынша жасады" in note)


def test_no_description_of_the_2026_data_is_published(built: Site) -> None:
    """The 37 summaries written for the site are gone from the pages and the downloads."""
    for summary in ("Непрозрачность и отсутствие документального обоснования кадровых решений",
                    "Неединообразная дисциплинарная практика"):
        for url in built.pages():
            assert summary not in (built.root / url / "index.html").read_text(encoding="utf-8"), url
        assert summary not in (built.root / "2026/data/vakr-2026.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("entry,expected,where", [
    ("    description:\n      ru: Непрозрачность кадровых решений\n    source: {document: plan, item: 3}\n",
     "не найден дословно в пункте 3 в плане мероприятий", 2),
    (f"    description:\n      ru: {QUOTE}\n    source: {{document: plan, item: 4}}\n",
     "не найден дословно в пункте 4 в плане мероприятий", 2),
    (f"    description:\n      ru: {QUOTE}\n    source: {{document: schedule, item: 40}}\n",
     "в плане-графике нет пункта 40", 2),
    ("    description:\n      ru: Непрозрачность кадровых решений\n", "только вместе с его источником", 1),
])
def test_a_description_that_is_not_a_verbatim_quote_stops_the_build(tmp_path: Path, entry: str, expected: str,
                                                                   where: int) -> None:
    """`where`: the error points at the description (2), or at the risk that lacks a source (1)."""
    data = copy_data(tmp_path)
    risks = data / "2026/risks.yml"
    text = risks.read_text(encoding="utf-8").replace("  - id: R03\n", "  - id: R03\n" + entry, 1)
    risks.write_text(text, encoding="utf-8")
    line = text.split("\n").index("  - id: R03") + where
    with pytest.raises(DataErrors) as err:
        load_site(data)
    message = str(err.value)
    assert expected in message and "risks.yml" in message and f"строка {line}, поле «risks[3]" in message


def test_risks_download_names_the_source_of_a_description(quoted: Site) -> None:
    data = json.loads((quoted.root / "2026/data/vakr-2026.json").read_text(encoding="utf-8"))
    r03 = next(r for r in data["risks"] if r["risk_id"] == "R03")
    assert (r03["description_ru"], r03["description_source"]) == (QUOTE, "plan:3")
    assert all(r["description_ru"] == r["description_source"] == "" for r in data["risks"] if r["risk_id"] != "R03")


# --- (b) stages done by the documents themselves ------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_stages_1_and_8_show_as_done_with_their_evidence(built: Site, lang: str) -> None:
    page = built.page(f"{lang}2026/timeline/")
    for number, date, target in ((1, "30.03.2026", "schedule"), (8, "13.05.2026", "plan")):
        row = page.select_one(f'tr[data-item="{number}"]')
        assert row["data-state"] == "done"
        cell = row.select("td")[-1]
        assert cell.select_one(".vakr-state--done time")["datetime"] == "-".join(reversed(date.split(".")))
        link = cell.select_one(".vakr-evidence a")
        assert link["href"] == f"../{target}/" and date in link.get_text()


def test_the_build_warns_where_the_site_contradicts_itself(tmp_path: Path) -> None:
    site = load_site(ROOT / "data")
    assert warnings(site) == []  # all consistent (a cartogram dated later moves the state date: test_state_date.py)
    data = copy_data(tmp_path)
    monitoring = data / "2026/monitoring.yml"
    monitoring.write_text(re.sub(r"  8:.*", "", monitoring.read_text(encoding="utf-8"), flags=re.S), encoding="utf-8")
    changed = load_site(data)
    stage = warnings(changed)
    assert len(stage) == 1 and stage[0].startswith("data/2026/monitoring.yml: пункт 8 плана-графика не отмечен")


# --- (c) signed originals -----------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_signed_originals_right_under_the_approval_block(quoted: Site, lang: str) -> None:
    page = quoted.page(f"{lang}2026/schedule/")
    block = page.select_one(".vakr-approval").find_next_sibling()
    assert "vakr-originals" in block["class"]
    items = block.select("li")
    assert [li.a["hreflang"] for li in items] == (["ru", "kk"] if not lang else ["kk", "ru"])  # the page's language first
    for li in items:
        path = li.a["href"].replace("../", "", 2 if not lang else 3)
        content = (quoted.root / path).read_bytes()
        assert content == ORIGINALS[path]
        assert li.select_one("code.vakr-sha").get_text() == hashlib.sha256(content).hexdigest()
        assert f"PDF, {len(content)} байт" in li.a.get_text() and li.time["datetime"] == "2026-03-30"
    plan = quoted.page(f"{lang}2026/plan/").select_one(".vakr-approval").find_next_sibling()
    assert "DOCX" in plan.get_text()
    start = quoted.page(f"{lang}2026/announcements/start/").select_one(".vakr-originals")
    assert start is not None and "start-ru.pdf" in start.a["href"]


def test_data_page_and_json_list_every_original(quoted: Site, built: Site) -> None:
    rows = quoted.page("2026/data/").select("table.vakr-table--originals tbody tr")
    assert [r.th.get_text() for r in rows] == ["План-график работ", "План-график работ", "План мероприятий",
                                             "Начало внутреннего анализа коррупционных рисков 2026"]
    data = json.loads((quoted.root / "2026/data/vakr-2026.json").read_text(encoding="utf-8"))
    assert [(o["document"], o["lang"], o["format"]) for o in data["originals"]] == [
        ("schedule", "kk", "PDF"), ("schedule", "ru", "PDF"), ("plan", "ru", "DOCX"), ("announcement/start", "ru", "PDF")]
    for o in data["originals"]:
        content = ORIGINALS[o["file"]]
        assert o["sha256"] == hashlib.sha256(content).hexdigest() and o["size"] == str(len(content))
    assert built.page("kk/2026/data/").select_one("#originals + .vakr-empty-state") is not None  # none in the real data
    assert json.loads((built.root / "2026/data/vakr-2026.json").read_text(encoding="utf-8"))["originals"] == []
