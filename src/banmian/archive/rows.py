"""A parsed ``Page`` as table rows and back, losing nothing (no SQL here).

``page_rows`` flattens a page into the rows of the archive's tables; ``rows_page`` rebuilds
the very same ``Page`` (equal by ``==``) from them and the raw text: kinds, rules, spans,
confidences, authors, markers, unassigned blocks and warnings. Spans are kept as compact JSON
arrays (``[[line, start, end], …]``) in the row of the field, paragraph or block they belong
to. ``search_columns`` says which texts of an article are searched, in which column.
An enriched page's mentions become ``MentionRow``s, each with its entity key
(``entity_key``) so that the archive can list people, places and organizations.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import NamedTuple

from banmian.archive.records import ENTITY_TYPES
from banmian.archive.tokens import index_text
from banmian.model import (
    Article,
    Block,
    BlockKind,
    Field,
    Line,
    Mention,
    MentionType,
    Page,
    PageWarning,
    Paragraph,
    ParagraphType,
    Span,
)

FIELD_ROLES = ("kicker", "title", "subtitle", "dateline", "byline")
"""The single fields of an article, as named in the ``article_fields.role`` column."""
MARKER_ROLE = "marker"
"""Role of continuation markers and end notes (several per article, by ``seq``)."""


class PageRow(NamedTuple):
    """The ``pages`` row, with the paper and date its issue stands for."""

    paper: str
    """Name of the paper (``papers.name``)."""
    date: str
    """Issue date, ISO (``issues.date``)."""
    number: int
    """Page number in the issue."""
    source: str
    """File the page was read from."""
    sha256: str
    """Hash of ``raw_text`` in UTF-8."""
    raw_text: str
    """The page's text as decoded, verbatim."""


class ArticleRow(NamedTuple):
    """An ``articles`` row; ``seq`` orders the page's articles."""

    seq: int
    """Position of the article on its page, from 0."""
    key: str
    """The article's id within its page (``a1`` …)."""
    continued_from: int | None
    """Page the article is continued from, if any."""
    continues_to: int | None
    """Page the article continues on, if any."""


class FieldRow(NamedTuple):
    """An ``article_fields`` row: title, kicker … or one marker."""

    article_seq: int
    """``ArticleRow.seq`` of its article."""
    role: str
    """``kicker``, ``title``, ``subtitle``, ``dateline``, ``byline`` or ``marker``."""
    seq: int
    """0, or the marker's position among its article's markers."""
    text: str
    """The field's value."""
    spans: str
    """Source spans, ``encode_spans``."""
    rule: str
    """Rule that produced it."""


class AuthorRow(NamedTuple):
    """An ``authors`` row: one name of an article's byline."""

    article_seq: int
    """``ArticleRow.seq`` of its article."""
    seq: int
    """Position among the article's authors."""
    name: str
    """The name, without role labels."""


class ParagraphRow(NamedTuple):
    """A ``paragraphs`` row."""

    article_seq: int
    """``ArticleRow.seq`` of its article."""
    seq: int
    """Position among the article's paragraphs."""
    type: str
    """``text``, ``heading`` or ``caption``."""
    text: str
    """Cleaned paragraph text."""
    spans: str
    """Source spans, ``encode_spans``."""
    rule: str
    """Rule that labelled it."""


class BlockRow(NamedTuple):
    """A ``blocks`` row: an unassigned block of the page."""

    seq: int
    """Position among the page's unassigned blocks."""
    kind: str
    """The block's ``BlockKind``."""
    text: str
    """Cleaned text."""
    spans: str
    """Source spans, ``encode_spans``."""
    rule: str
    """Rule that decided the kind."""
    confidence: float
    """How sure the rule was, 0..1."""


class WarningRow(NamedTuple):
    """A ``warnings`` row."""

    seq: int
    """Position among the page's warnings."""
    code: str
    """Machine-readable code."""
    message: str
    """One-line description."""
    first_line: int | None
    """First source line concerned, if known."""
    last_line: int | None
    """Last source line concerned, if known."""


class MentionRow(NamedTuple):
    """A ``mentions`` row: one mention found by enrichment (``banmian.model.Mention``)."""

    article_seq: int
    """``ArticleRow.seq`` of its article."""
    seq: int
    """Position among the article's mentions."""
    type: str
    """``MentionType`` value."""
    text: str
    """As printed."""
    field: str
    """The field holding it (``paragraph``, ``marker``, ``title`` …)."""
    paragraph: int | None
    """Index of the paragraph (or marker) holding it."""
    start: int
    """Character offset of its first character in that text."""
    end: int
    """Offset one past its last character."""
    rule: str
    """The rule that found it."""
    confidence: float
    """How sure the rule is, 0–1."""
    name: str | None
    """People: the name; places: the full name."""
    title: str | None
    """People: the title chain printed with them."""
    organization: str | None
    """People: the organization of their title."""
    role: str | None
    """People: ``official``, ``reporter`` or ``person``."""
    spoke: bool | None
    """People: reported speaking."""
    attended: bool | None
    """People: reported attending."""
    value: str | None
    """Dates, sums, quantities: the value as JSON (``encode_value``)."""
    time: str | None
    """Dates: the time of day."""
    unit: str | None
    """Sums: currency; quantities: unit."""
    code: str | None
    """Places: the division code."""
    key: str | None
    """People, places, organizations: the entity's key (``entity_key``); else ``None``."""


class SearchRow(NamedTuple):
    """What the search index holds for one article: token strings per column."""

    article_seq: int
    """``ArticleRow.seq`` of its article."""
    title: str
    """Tokens of kicker, title and subtitle."""
    body: str
    """Tokens of the dateline and the paragraphs."""
    byline: str
    """Tokens of the byline."""


@dataclass(slots=True)
class PageRows:
    """Every row one page makes."""

    page: PageRow
    """The page itself."""
    articles: list[ArticleRow] = field(default_factory=list)
    """Its articles, by ``seq``."""
    fields: list[FieldRow] = field(default_factory=list)
    """Their fields and markers."""
    authors: list[AuthorRow] = field(default_factory=list)
    """Their authors."""
    paragraphs: list[ParagraphRow] = field(default_factory=list)
    """Their paragraphs."""
    blocks: list[BlockRow] = field(default_factory=list)
    """The page's unassigned blocks."""
    warnings: list[WarningRow] = field(default_factory=list)
    """The page's warnings."""
    enriched: bool = False
    """Enrichment ran on the page (``Page.enriched``)."""
    mentions: list[MentionRow] = field(default_factory=list)
    """Its articles' mentions, by article then ``seq``."""
    search: list[SearchRow] | None = None
    """The index rows, when made with the rows (``page_rows``); see ``search_rows``."""

    def search_rows(self) -> list[SearchRow]:
        """The index rows of the articles (rebuilt from their stored texts if need be)."""
        if self.search is None:
            self.search = [
                search_row(art.seq, article)
                for art, article in zip(self.articles, rows_articles(self), strict=True)
            ]
        return self.search


def encode_spans(spans: list[Span]) -> str:
    """Spans as a compact JSON array of ``[line, start, end]``."""
    return json.dumps([list(s) for s in spans], separators=(",", ":"))


def decode_spans(text: str) -> list[Span]:
    """The spans ``encode_spans`` wrote."""
    return [Span(*s) for s in json.loads(text)]


def entity_key(mention: Mention) -> str | None:
    """What identifies the entity a mention names, or ``None`` for dates, sums, quantities.

    A person's name; a place's full name (江苏省无锡市锡山区), or its text when the gazetteer
    could not resolve it; an organization's text.
    """
    if mention.type.value not in ENTITY_TYPES:
        return None
    return mention.name or mention.text


def encode_value(value: str | float | list[str] | list[float] | None) -> str | None:
    """A mention's value as compact JSON (``None`` stays ``None``)."""
    return None if value is None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def decode_value(text: str | None) -> str | float | list[str] | list[float] | None:
    """The value ``encode_value`` wrote."""
    if text is None:
        return None
    value: str | float | list[str] | list[float] = json.loads(text)
    return value


def mention_row(article_seq: int, seq: int, m: Mention) -> MentionRow:
    """One mention as a row."""
    return MentionRow(
        article_seq,
        seq,
        m.type.value,
        m.text,
        m.field,
        m.paragraph,
        m.start,
        m.end,
        m.rule,
        m.confidence,
        m.name,
        m.title,
        m.organization,
        m.role,
        m.spoke,
        m.attended,
        encode_value(m.value),
        m.time,
        m.unit,
        m.code,
        entity_key(m),
    )


def row_mention(row: MentionRow) -> Mention:
    """The mention a row holds."""
    return Mention(
        type=MentionType(row.type),
        text=row.text,
        field=row.field,
        paragraph=row.paragraph,
        start=row.start,
        end=row.end,
        rule=row.rule,
        confidence=row.confidence,
        name=row.name,
        title=row.title,
        organization=row.organization,
        role=row.role,
        spoke=None if row.spoke is None else bool(row.spoke),
        attended=None if row.attended is None else bool(row.attended),
        value=decode_value(row.value),
        time=row.time,
        unit=row.unit,
        code=row.code,
    )


def search_columns(article: Article) -> tuple[list[str], list[str], list[str]]:
    """The texts searched, by index column: title group; dateline and paragraphs; byline."""
    title = [f.text for f in (article.kicker, article.title, article.subtitle) if f]
    body = ([article.dateline.text] if article.dateline else []) + [
        p.text for p in article.paragraphs
    ]
    byline = [article.byline.text] if article.byline else []
    return title, body, byline


def search_row(seq: int, article: Article) -> SearchRow:
    """An article's index row."""
    title, body, byline = search_columns(article)
    return SearchRow(seq, index_text(title), index_text(body), index_text(byline))


def page_rows(page: Page, *, raw_text: str, source: str, sha256: str) -> PageRows:
    """Flatten a parsed page (with metadata) into rows."""
    if page.paper is None or page.date is None or page.page is None:
        raise ValueError("a page needs paper, date and page number to be stored")
    rows = PageRows(PageRow(page.paper, page.date, page.page, source, sha256, raw_text))
    rows.search = [search_row(a_seq, art) for a_seq, art in enumerate(page.articles)]
    for a_seq, art in enumerate(page.articles):
        rows.articles.append(ArticleRow(a_seq, art.id, art.continued_from, art.continues_to))
        for role in FIELD_ROLES:
            f: Field | None = getattr(art, role)
            if f is not None:
                rows.fields.append(FieldRow(a_seq, role, 0, f.text, encode_spans(f.spans), f.rule))
        for m_seq, marker in enumerate(art.markers):
            rows.fields.append(
                FieldRow(
                    a_seq, MARKER_ROLE, m_seq, marker.text, encode_spans(marker.spans), marker.rule
                )
            )
        rows.authors.extend(AuthorRow(a_seq, i, name) for i, name in enumerate(art.authors))
        rows.paragraphs.extend(
            ParagraphRow(a_seq, i, p.type.value, p.text, encode_spans(p.spans), p.rule)
            for i, p in enumerate(art.paragraphs)
        )
    rows.blocks = [
        BlockRow(i, b.kind.value, b.text, encode_spans(b.spans), b.rule, b.confidence)
        for i, b in enumerate(page.unassigned)
    ]
    rows.warnings = [
        WarningRow(
            i, w.code, w.message, w.lines[0] if w.lines else None, w.lines[1] if w.lines else None
        )
        for i, w in enumerate(page.warnings)
    ]
    rows.enriched = page.enriched
    rows.mentions = [
        mention_row(a_seq, i, m)
        for a_seq, art in enumerate(page.articles)
        for i, m in enumerate(art.mentions)
    ]
    return rows


def split_lines(raw_text: str) -> list[Line]:
    """The page's lines as ``banmian.pipeline.parse_text`` numbers them."""
    text = raw_text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [Line(i, raw) for i, raw in enumerate(text.split("\n"), start=1)]
    if lines and not lines[-1].raw:
        lines.pop()
    return lines


def rows_articles(rows: PageRows) -> list[Article]:
    """The articles of some rows (each list in ``seq`` order, as the store returns them)."""
    articles = [
        Article(id=a.key, continued_from=a.continued_from, continues_to=a.continues_to)
        for a in rows.articles
    ]
    by_seq = {a.seq: art for a, art in zip(rows.articles, articles, strict=True)}
    for f in rows.fields:
        value = Field(f.text, decode_spans(f.spans), f.rule)
        art = by_seq[f.article_seq]
        if f.role == MARKER_ROLE:
            art.markers.append(value)
        else:
            setattr(art, f.role, value)
    for au in rows.authors:
        by_seq[au.article_seq].authors.append(au.name)
    for p in rows.paragraphs:
        by_seq[p.article_seq].paragraphs.append(
            Paragraph(ParagraphType(p.type), p.text, decode_spans(p.spans), p.rule)
        )
    for m in rows.mentions:
        by_seq[m.article_seq].mentions.append(row_mention(m))
    return articles


def rows_page(rows: PageRows) -> Page:
    """Rebuild the ``Page`` that ``page_rows`` flattened."""
    return Page(
        lines=split_lines(rows.page.raw_text),
        paper=rows.page.paper,
        date=rows.page.date,
        page=rows.page.number,
        articles=rows_articles(rows),
        unassigned=[
            Block(BlockKind(b.kind), b.text, decode_spans(b.spans), b.rule, b.confidence)
            for b in rows.blocks
        ],
        warnings=[
            PageWarning(
                w.code,
                w.message,
                None
                if w.first_line is None or w.last_line is None
                else (w.first_line, w.last_line),
            )
            for w in rows.warnings
        ],
        enriched=rows.enriched,
    )
