"""NITF (IPTC's News Industry Text Format, 3.6): one XML document per article.

A document is ``nitf`` > ``head`` (``title``, ``docdata`` with ``doc-id`` and ``date.issue``,
``pubdata`` naming the paper, its date and the page as ``position.sequence``) and ``body``
> ``body.head`` (``hedline`` with ``hl1`` the title and ``hl2`` the kicker and subtitle,
``byline`` with a ``person`` per author, ``dateline``) and ``body.content`` (one ``p`` per
paragraph; a heading as ``hl2``, a caption as ``p class="caption"``).

With mentions, ``docdata`` also holds ``identified-content``: a ``person`` per person the
article names (the name, then a ``function`` per title printed with them), an ``org`` per
organization and a ``location`` per place (the normalized name, its GB/T 2260 code as
``location-code`` with ``code-source``), each entity once (``export.entities``: people named
as reporters are left out, the byline's ``person`` elements having them). A page stored
without enrichment has none.

**Validation.** No package found on PyPI or in Debian ships NITF's DTD or XSD (IPTC
publishes them only on its site; ``collective-nitf`` is a Plone content type without them),
so each document is checked structurally instead (``check_nitf``): well-formed, the
elements NITF requires present and in the order its DTD gives (``head`` before ``body``;
``title``, ``docdata``, ``pubdata`` in ``head``; ``hedline`` > ``hl1`` first, then
``byline``, ``dateline`` in ``body.head``; ``body.head`` before ``body.content``), only
elements the DTD allows in ``docdata``, ``identified-content``, ``person``, ``org`` and
``location``, the attributes used among those NITF defines. Every written document passes
it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from banmian.errors import BanmianError
from banmian.export.entities import GAZETTEER_CODE, article_entities

NITF_VERSION = "-//IPTC//DTD NITF 3.6//EN"
"""The ``version`` attribute of the root."""

HEAD_ORDER = ("title", "meta", "tobject", "iim", "docdata", "pubdata", "revision-history")
"""Children of ``head``, in the DTD's order."""
BODY_HEAD_ORDER = (
    "hedline",
    "note",
    "rights",
    "byline",
    "distributor",
    "dateline",
    "abstract",
    "series",
)
"""Children of ``body.head``, in the DTD's order."""
BODY_ORDER = ("body.head", "body.content", "body.end")
"""Children of ``body``, in the DTD's order."""
DOCDATA_CHILDREN = (
    *("correction", "evloc", "doc-id", "del-list", "urgency", "fixture", "date.issue"),
    *("date.release", "date.expire", "doc-scope", "series", "ed-msg", "du-key"),
    *("doc.copyright", "doc.rights", "key-list", "identified-content"),
)
"""Children ``docdata`` may hold (any number, in any order)."""
ELEMENT_CHILDREN = {
    "identified-content": (
        *("classifier", "person", "org", "location", "event", "function"),
        *("object.title", "virtloc"),
    ),
    "person": ("name.given", "name.family", "function", "alt-code"),
    "org": ("alt-code",),
    "location": ("sublocation", "city", "state", "region", "country", "alt-code"),
    "function": ("alt-code",),
}
"""Child elements the DTD allows in these (text beside them too, but for
``identified-content``)."""
COMMON_ATTRIBUTES = ("id", "class", "style", "{http://www.w3.org/XML/1998/namespace}lang")
"""Attributes every NITF element has."""
ELEMENT_ATTRIBUTES = {
    "person": (*COMMON_ATTRIBUTES, "idsrc", "value"),
    "org": (*COMMON_ATTRIBUTES, "idsrc", "value"),
    "function": (*COMMON_ATTRIBUTES, "idsrc", "value"),
    "location": (*COMMON_ATTRIBUTES, "location-code", "code-source"),
}
"""Attributes the DTD defines on the elements of ``identified-content``."""


class NitfStructureError(BanmianError):
    """A NITF document lacks an element NITF requires or has one out of place."""


def _compact_date(date: str) -> str:
    """An ISO date as NITF's ISO 8601 basic form (``20221210T000000``)."""
    return date.replace("-", "") + "T000000"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    elem = ET.SubElement(parent, tag, attrib)
    if text is not None:
        elem.text = text
    return elem


def nitf_document(record: dict[str, Any]) -> ET.Element:
    """One record as a NITF document (its root element)."""
    root = ET.Element(
        "nitf", {"version": NITF_VERSION, "{http://www.w3.org/XML/1998/namespace}lang": "zh"}
    )
    head = _sub(root, "head")
    _sub(head, "title", record["title"] or record["text"][:40])
    docdata = _sub(head, "docdata")
    _sub(docdata, "doc-id", **{"id-string": record["id"]})
    _sub(docdata, "date.issue", norm=_compact_date(record["date"]))
    identified_content(docdata, record)
    _sub(
        head,
        "pubdata",
        type="print",
        name=record["paper"],
        **{
            "date.publication": _compact_date(record["date"]),
            "position.sequence": str(record["page"]),
        },
    )
    body = _sub(root, "body")
    body_head = _sub(body, "body.head")
    hedline = _sub(body_head, "hedline")
    _sub(hedline, "hl1", record["title"] or "")
    for name in ("kicker", "subtitle"):
        if record[name]:
            _sub(hedline, "hl2", record[name], **{"class": name})
    if record["byline"]:
        byline = _sub(body_head, "byline", record["byline"] + (" " if record["authors"] else ""))
        for name in record["authors"]:
            _sub(byline, "person", name).tail = " "
    if record["dateline"]:
        _sub(body_head, "dateline", record["dateline"])
    content = _sub(body, "body.content")
    for para in record["paragraphs"]:
        if para["type"] == "heading":
            _sub(content, "hl2", para["text"])
        elif para["type"] == "caption":
            _sub(content, "p", para["text"], **{"class": "caption"})
        else:
            _sub(content, "p", para["text"])
    return root


def identified_content(docdata: ET.Element, record: dict[str, Any]) -> None:
    """Add the article's people, organizations and places to ``docdata``, if it has any."""
    found = article_entities(record)
    if found is None or not (found.people or found.organizations or found.places):
        return
    content = _sub(docdata, "identified-content")
    for person in found.people:
        elem = _sub(content, "person", person.name)
        for title in person.titles:
            _sub(elem, "function", title)
    for name in found.organizations:
        _sub(content, "org", name)
    for place in found.places:
        codes = {"location-code": place.code, "code-source": GAZETTEER_CODE} if place.code else {}
        _sub(content, "location", place.name, **codes)


def _check_order(parent: ET.Element, order: tuple[str, ...]) -> None:
    ranks = []
    for child in parent:
        if child.tag not in order:
            raise NitfStructureError(f"<{child.tag}> may not stand in <{parent.tag}>")
        ranks.append(order.index(child.tag))
    if ranks != sorted(ranks):
        raise NitfStructureError(f"the children of <{parent.tag}> are out of order")


def _check_docdata(docdata: ET.Element) -> None:
    for child in docdata:
        if child.tag not in DOCDATA_CHILDREN:
            raise NitfStructureError(f"<{child.tag}> may not stand in <docdata>")
    for content in docdata.findall("identified-content"):
        if (content.text or "").strip():
            raise NitfStructureError("<identified-content> holds elements only")
        for elem in content.iter():
            allowed = ELEMENT_CHILDREN.get(elem.tag)
            if allowed is None:
                continue
            for child in elem:
                if child.tag not in allowed:
                    raise NitfStructureError(f"<{child.tag}> may not stand in <{elem.tag}>")
            defined = ELEMENT_ATTRIBUTES.get(elem.tag, COMMON_ATTRIBUTES)
            for name in elem.attrib:
                if name not in defined:
                    raise NitfStructureError(f"<{elem.tag}> has no attribute {name}")


def check_nitf(root: ET.Element) -> None:
    """Check a NITF document's structure (see the module's docstring); raise if it fails."""
    if root.tag != "nitf" or not (root.get("version") or "").startswith("-//IPTC//DTD NITF 3."):
        raise NitfStructureError("the root is no <nitf> of version 3.x")
    children = [c.tag for c in root]
    if children not in (["body"], ["head", "body"]):
        raise NitfStructureError("<nitf> must hold <head> (optional) and then <body>")
    head = root.find("head")
    if head is not None:
        _check_order(head, HEAD_ORDER)
        for pubdata in head.findall("pubdata"):
            seq = pubdata.get("position.sequence")
            if seq is not None and not seq.isdigit():
                raise NitfStructureError("pubdata's position.sequence is no number")
        for docdata in head.findall("docdata"):
            _check_docdata(docdata)
        issue = head.find("docdata/date.issue")
        if issue is not None and not re.fullmatch(r"\d{8}T\d{6}", issue.get("norm", "")):
            raise NitfStructureError("date.issue's norm is no ISO 8601 basic date")
    body = root.find("body")
    assert body is not None
    _check_order(body, BODY_ORDER)
    body_head = body.find("body.head")
    if body_head is not None:
        _check_order(body_head, BODY_HEAD_ORDER)
        hedline = body_head.find("hedline")
        if hedline is not None and [c.tag for c in hedline][:1] != ["hl1"]:
            raise NitfStructureError("<hedline> must open with <hl1>")
        if hedline is not None and any(c.tag not in ("hl1", "hl2") for c in hedline):
            raise NitfStructureError("<hedline> holds only <hl1> and <hl2>")
    for content in body.findall("body.content"):
        for child in content:
            if child.tag not in ("p", "hl2", "block", "table", "media", "ol", "ul", "dl"):
                raise NitfStructureError(f"<{child.tag}> may not stand in <body.content>")


def nitf_bytes(root: ET.Element) -> bytes:
    """A document as UTF-8 XML with its declaration."""
    ET.indent(root)
    for byline in root.iter("byline"):  # mixed content: keep its text as written
        for person in byline:
            person.tail = " "
        if len(byline):
            byline[-1].tail = None
    for person in root.iterfind("head/docdata/identified-content/person"):
        for function in person:  # mixed content too: the name, then its titles
            function.tail = None
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def file_name(record: dict[str, Any]) -> str:
    """The file an article's document goes in: ``paper_date_page_article.xml``, made safe."""
    stem = f"{record['paper']}_{record['date']}_{record['page']}_{record['article_id']}"
    return re.sub(r"[\\/:*?\"<>|\s]", "_", stem) + ".xml"


def write_nitf(records: Iterable[dict[str, Any]], folder: Path) -> int:
    """Write one checked NITF file per record into ``folder`` (created); return how many."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for record in records:
        root = nitf_document(record)
        check_nitf(root)
        (folder / file_name(record)).write_bytes(nitf_bytes(root))
        count += 1
    return count
