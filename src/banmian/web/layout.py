"""A page's reconstruction laid beside its raw text: items, their kinds, and coloured lines.

Every article field, marker and paragraph, and every unassigned block, becomes one
``LayoutItem`` with an id that is stable for an unchanged page (``a2.title``, ``a2.p3``,
``a2.m1``, ``u4``) and a *kind* that the reader colours (title, body, byline, furniture …).
Each raw line is then cut into ``LineSegment``s at the items' spans, so the raw text can be
coloured character by character with the kind of the item that took it: a byline glued to
a last line, or a title read into a body, shows at a glance.

Pure Python: nothing here knows the web framework.
"""

from __future__ import annotations

from dataclasses import dataclass

from banmian.model import Article, Field, Line, Page, ParagraphType, Span

FIELD_NAMES = ("kicker", "title", "subtitle", "dateline", "byline")
"""Article fields in the order a reader sees them; each name is also the field's kind."""

PARAGRAPH_KINDS = {
    ParagraphType.TEXT: "body",
    ParagraphType.HEADING: "subhead",
    ParagraphType.CAPTION: "caption",
}
"""The kind shown for each paragraph type."""

MARKER_KINDS = frozenset({"continuation", "endnote"})
"""Marker rules that are kinds of their own; any other consumed text is a plain marker."""

KINDS: dict[str, str] = {
    "kicker": "引题 kicker",
    "title": "主题 title",
    "subtitle": "副题 subtitle",
    "dateline": "电头 dateline",
    "byline": "署名 byline",
    "body": "正文 body",
    "subhead": "小标题 subhead",
    "caption": "图说 caption",
    "continuation": "转版 continuation",
    "endnote": "文末注 end note",
    "marker": "标记 marker",
    "headline": "标题 headline (unattached)",
    "furniture": "版面元素 furniture",
}
"""Every kind the page view colours, with its legend label, in legend order."""


@dataclass(frozen=True, slots=True)
class LayoutItem:
    """One piece of the reconstruction with the spans it was built from."""

    id: str
    """Stable id within the page: ``a1.title``, ``a1.p2`` (paragraph 2), ``a1.m1``, ``u3``."""
    kind: str
    """A key of ``KINDS``."""
    text: str
    """The cleaned text as the reconstruction holds it."""
    spans: tuple[Span, ...]
    """Where it came from in the raw text."""
    rule: str
    """The rule that produced it."""
    article_id: str | None
    """The article it belongs to; ``None`` for an unassigned block."""

    @property
    def unassigned(self) -> bool:
        """True for a block that belongs to no article."""
        return self.article_id is None

    @property
    def lines(self) -> tuple[int, int]:
        """First and last source line."""
        if not self.spans:
            return (0, 0)
        return (min(s.line for s in self.spans), max(s.line for s in self.spans))

    def to_dict(self) -> dict[str, object]:
        """The item as a JSON-ready dict."""
        return {
            "id": self.id,
            "kind": self.kind,
            "article": self.article_id,
            "text": self.text,
            "lines": list(self.lines),
            "spans": [list(s) for s in self.spans],
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class LineSegment:
    """A run of one raw line taken by one item (or by none: whitespace, or text lost)."""

    text: str
    item: LayoutItem | None


@dataclass(frozen=True, slots=True)
class RawLine:
    """One raw line cut into segments."""

    number: int
    segments: tuple[LineSegment, ...]

    @property
    def kinds(self) -> list[str]:
        """The kinds of the items on this line, in order, each once."""
        seen: list[str] = []
        for seg in self.segments:
            if seg.item is not None and seg.item.kind not in seen:
                seen.append(seg.item.kind)
        return seen


def _field_item(art: Article, name: str, f: Field) -> LayoutItem:
    return LayoutItem(f"{art.id}.{name}", name, f.text, tuple(f.spans), f.rule, art.id)


def article_items(art: Article) -> list[LayoutItem]:
    """An article's items in reading order: title group, dateline, paragraphs, byline, markers."""
    head = [_field_item(art, n, f) for n in FIELD_NAMES[:4] if (f := getattr(art, n)) is not None]
    paragraphs = [
        LayoutItem(
            f"{art.id}.p{i}", PARAGRAPH_KINDS[p.type], p.text, tuple(p.spans), p.rule, art.id
        )
        for i, p in enumerate(art.paragraphs, start=1)
    ]
    tail = [_field_item(art, "byline", art.byline)] if art.byline else []
    markers = [
        LayoutItem(
            f"{art.id}.m{i}",
            m.rule if m.rule in MARKER_KINDS else "marker",
            m.text,
            tuple(m.spans),
            m.rule,
            art.id,
        )
        for i, m in enumerate(art.markers, start=1)
    ]
    return head + paragraphs + tail + markers


def unassigned_items(page: Page) -> list[LayoutItem]:
    """The page's unassigned blocks as items ``u1``, ``u2`` …, kind as classified."""
    return [
        LayoutItem(f"u{i}", b.kind.value, b.text, tuple(b.spans), b.rule, None)
        for i, b in enumerate(page.unassigned, start=1)
    ]


def page_items(page: Page) -> list[LayoutItem]:
    """Every item of the page: each article's in reading order, then the unassigned blocks."""
    items: list[LayoutItem] = []
    for art in page.articles:
        items.extend(article_items(art))
    return items + unassigned_items(page)


def raw_lines(lines: list[Line], items: list[LayoutItem]) -> list[RawLine]:
    """Each raw line cut at the spans of the items that cover it.

    Spans may overlap only on whitespace (the nothing-lost invariant); an overlap is given
    to the span that starts first. Characters no span covers form segments without an item.
    """
    by_line: dict[int, list[tuple[int, int, int]]] = {}
    for index, item in enumerate(items):
        for s in item.spans:
            by_line.setdefault(s.line, []).append((s.start, s.end, index))
    out: list[RawLine] = []
    for line in lines:
        raw = line.raw
        pieces: list[tuple[str, LayoutItem | None]] = []
        cursor = 0
        for start, end, index in sorted(by_line.get(line.number, [])):
            start, end = max(start, cursor), min(end, len(raw))
            if start > cursor:
                pieces.append((raw[cursor:start], None))
            if end > start:
                pieces.append((raw[start:end], items[index]))
                cursor = end
        if cursor < len(raw):
            pieces.append((raw[cursor:], None))
        out.append(RawLine(line.number, _merge(pieces)))
    return out


def _merge(pieces: list[tuple[str, LayoutItem | None]]) -> tuple[LineSegment, ...]:
    """Join neighbouring pieces of the same item (one span may be cut in several)."""
    merged: list[LineSegment] = []
    for text, item in pieces:
        if merged and merged[-1].item is item:
            merged[-1] = LineSegment(merged[-1].text + text, item)
        else:
            merged.append(LineSegment(text, item))
    return tuple(merged)


def find_item(page: Page, item_id: str) -> LayoutItem | None:
    """The item with this id, or ``None``."""
    return next((it for it in page_items(page) if it.id == item_id), None)


def raw_excerpt(lines: list[Line], item: LayoutItem, context: int = 1) -> list[tuple[int, str]]:
    """The raw lines an item spans, with ``context`` lines either side, numbered."""
    first, last = item.lines
    return [(ln.number, ln.raw) for ln in lines if first - context <= ln.number <= last + context]


def source_lines(raw_text: str) -> list[Line]:
    """The raw text cut into numbered lines exactly as the parser cut it.

    Only line feeds end lines (``\\r\\n`` and ``\\r`` count as one); the final line feed
    opens no line. Line numbers therefore match the spans of the stored reconstruction.
    """
    text = raw_text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [Line(i, raw) for i, raw in enumerate(text.split("\n"), start=1)]
    if lines and not lines[-1].raw:
        lines.pop()
    return lines
