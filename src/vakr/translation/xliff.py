"""XLIFF 1.2, what Trados, memoQ, OmegaT and Smartcat open, written and read by
translate-toolkit. Paragraphs and lists travel as <g> inline elements, which CAT tools show as
tags the translator keeps; the item and column as notes, the glossary terms as notes, the Kazakh
already known for the same Russian text as an <alt-trans> suggestion."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from translate.storage import xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as inline

from vakr.translation.exchange import Outgoing, Returned
from vakr.translation.segments import escape

_SKELETON = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="{original}" source-language="ru" target-language="kk" datatype="plaintext">
<body>
</body>
</file>
</xliff>"""
HASH_NOTE = "vakr-source-hash"


def write(path: Path, rows: list[Outgoing], original: str) -> None:
    store = xliff.xlifffile.parsestring(_SKELETON.format(original=original).encode())
    for row in rows:
        segment = row.segment
        unit = store.UnitClass("")
        if isinstance(segment.source, str):
            unit.source = segment.source
        else:
            unit.rich_source = [_rich(segment.source)]
        unit.setid(segment.id)
        unit.xmlelement.set("resname", segment.id)
        unit.xmlelement.set("extradata", segment.hash)
        store.addunit(unit)
        unit.addnote(f"{segment.document}: {segment.context}", origin="developer")
        for term in row.terms:
            unit.addnote(f"Глоссарий: {term.line()}", origin="glossary")
        if row.known is not None:
            unit.addalttrans(row.known, origin="vakr-data", sourcetxt=segment.markup)
    etree.cleanup_namespaces(store.document.getroot())  # units are born in 1.1's namespace, then moved
    path.write_bytes(bytes(store))


def _rich(blocks: list[dict]) -> StringElem:
    """Blocks as nested <g>: p1, ul2 with li2-1, li2-2… (ids unique in the unit, as 1.2 requires)."""
    parts = []
    for n, block in enumerate(blocks, start=1):
        if "p" in block:
            parts.append(inline.G(id=f"p{n}", sub=[StringElem(block["p"])]))
        else:
            items = [inline.G(id=f"li{n}-{i}", sub=[StringElem(li)])
                     for i, li in enumerate(block["ul"], start=1)]
            parts.append(inline.G(id=f"ul{n}", sub=items))
    return StringElem(parts)


def read(path: Path) -> list[Returned]:
    try:
        store = xliff.xlifffile.parsestring(path.read_bytes())
    except etree.LxmlError as err:
        raise ValueError(f"это не файл XLIFF: {err}") from None
    except StopIteration:  # translate-toolkit finds no <file>
        raise ValueError("это не файл XLIFF: в нём нет элемента <file>") from None
    out = []
    for unit in store.units:
        if not unit.istranslatable():
            continue
        uid = unit.xmlelement.get("id", "")
        target = _markup(unit.rich_target) if unit.target else None
        out.append(Returned(id=uid, hash=unit.xmlelement.get("extradata"), source=_markup(unit.rich_source),
                            target=target, where=f"trans-unit {uid}"))
    return out


def _markup(elems: list) -> str:
    """A plain text as it is; inline elements back to <p>/<ul>/<li> markup (by the id prefix
    the export gave them). CAT tools' segment markers (<mrk>) are unwrapped; any other inline
    element becomes a tag the import refuses, since the source had none."""
    rich = any(isinstance(e, inline.G) for elem in elems for e in elem.depth_first())
    return "".join(_elem(e, rich) for e in elems)


def _elem(elem: object, rich: bool) -> str:
    if isinstance(elem, str):
        return escape(elem) if rich else elem
    if isinstance(elem, inline.G):
        tag = next((t for t in ("ul", "li", "p") if str(elem.id).startswith(t)), "g")
        return f"<{tag}>" + "".join(_elem(e, rich) for e in elem.sub) + f"</{tag}>"
    if type(elem) is StringElem or _is_mrk(elem):
        return "".join(_elem(e, rich) for e in elem.sub)  # type: ignore[attr-defined]
    return f"<{type(elem).__name__.lower()}/>"


def _is_mrk(elem: object) -> bool:
    return isinstance(elem, inline.UnknownXML) and etree.QName(elem.xml_node).localname == "mrk"
