"""The typed document model: a page, its lines, blocks, articles and paragraphs.

Every item that carries text keeps its provenance: the source spans (line number and
character columns in the raw line) it was built from. The union of the spans of all
items on a page covers every non-blank input character exactly once; that is the
"nothing lost" invariant, checked by ``Page.check_nothing_lost``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

SCHEMA_NAME = "banmian.page"
SCHEMA_VERSION = 1


class BlockKind(StrEnum):
    """What a block of lines is on the page."""

    HEADLINE = "headline"
    """Part of a headline group whose role (kicker, title, subtitle) is settled at assembly."""
    KICKER = "kicker"
    """引题: the line above a main title that gives context."""
    TITLE = "title"
    """主题: the main title."""
    SUBTITLE = "subtitle"
    """副题: the line below a main title, often opened by ——."""
    DATELINE = "dateline"
    """电头: 本报讯, 新华社北京12月9日电 …, opening the first paragraph."""
    BODY = "body"
    """Running text of an article (the fallback)."""
    SUBHEAD = "subhead"
    """小标题: a short line standing alone inside a long article."""
    BYLINE = "byline"
    """署名: the reporter's name, e.g. （张三）, closing an article or on a line of its own."""
    CONTINUATION = "continuation"
    """转版 marker: （下转第3版） or （上接第1版）."""
    CAPTION = "caption"
    """Photo caption: ▲…, 图为…, … 张三 摄."""
    FURNITURE = "furniture"
    """Page furniture: running heads, page numbers, editor credits, hotlines."""
    ENDNOTE = "endnote"
    """End notes such as （新华社北京2月27日电） or （作者为…）."""


class ParagraphType(StrEnum):
    """The type of a paragraph in an article's body, as in the JSON schema."""

    TEXT = "text"
    HEADING = "heading"
    CAPTION = "caption"


class Span(NamedTuple):
    """A run of characters on one source line (a tuple: cheap to make by the thousand)."""

    line: int
    """1-based line number in the input."""
    start: int
    """0-based column of the first character in the raw line."""
    end: int
    """0-based column one past the last character."""


def make_span(line: int, start: int, end: int) -> Span:
    """``Span(line, start, end)`` without the named tuple's own ``__new__`` (a Python function
    reached through the type's call): about three times faster, and parsing makes spans by
    the thousand."""
    return _new_tuple(Span, (line, start, end))


_new_tuple = tuple.__new__


@dataclass(slots=True)
class Line:
    """One line of the input page."""

    number: int
    """1-based line number."""
    raw: str
    """The line exactly as decoded, without its line ending."""
    size: float | None = None
    """Type size in points, when the reader knows it (PDF input); ``None`` for text input."""
    indent: float | None = None
    """How far the line starts right of its block's left edge, in ems of its type, when the
    reader knows it (PDF input: a paragraph's first line is indented); ``None`` for text."""
    short: float | None = None
    """How far the line ends short of its block's right edge, in ems of its type, when the
    reader knows it (PDF input: a justified line reaches the edge, a paragraph's last line
    may not); ``None`` for text."""

    @property
    def is_blank(self) -> bool:
        """True when the line holds nothing but whitespace."""
        return not self.raw.strip()


@dataclass(slots=True)
class Block:
    """A run of source text given one kind by one rule."""

    kind: BlockKind
    """What the block is."""
    text: str
    """Cleaned text: lines joined, stray spaces removed."""
    spans: list[Span]
    """Where the text (and any markup consumed with it) came from."""
    rule: str
    """Name of the rule that decided the kind."""
    confidence: float = 1.0
    """How sure the rule is, 0..1."""

    @property
    def first_line(self) -> int:
        """First source line of the block."""
        return min(s.line for s in self.spans)

    @property
    def last_line(self) -> int:
        """Last source line of the block."""
        return max(s.line for s in self.spans)


@dataclass(slots=True)
class Paragraph:
    """A paragraph of an article's body."""

    type: ParagraphType
    """text, heading (subhead) or caption."""
    text: str
    """Cleaned paragraph text."""
    spans: list[Span]
    """Source spans."""
    rule: str
    """Rule that labelled it."""

    @property
    def lines(self) -> tuple[int, int]:
        """First and last source line."""
        return (min(s.line for s in self.spans), max(s.line for s in self.spans))


@dataclass(slots=True)
class Field:
    """A short article field (title, dateline, byline …) with its provenance."""

    text: str
    """The field's value."""
    spans: list[Span]
    """Source spans, including markup consumed with it (brackets, labels)."""
    rule: str
    """Rule that produced it."""


@dataclass(slots=True)
class Article:
    """One article reconstructed from a page."""

    id: str
    """Stable identifier within the page (a1, a2, … in reading order)."""
    title: Field | None = None
    """Main title (主题)."""
    kicker: Field | None = None
    """引题 above the main title."""
    subtitle: Field | None = None
    """副题 below the main title."""
    dateline: Field | None = None
    """电头 without the reporters (they are the byline)."""
    byline: Field | None = None
    """署名 as printed inside its brackets, e.g. 记者 张三."""
    authors: list[str] = field(default_factory=list)
    """Names of the people in the byline, without role labels."""
    continued_from: int | None = None
    """Page this article is continued from (（上接第1版））."""
    continues_to: int | None = None
    """Page this article continues on (（下转第3版））."""
    markers: list[Field] = field(default_factory=list)
    """Continuation markers and end notes consumed from the text (kept for provenance)."""
    paragraphs: list[Paragraph] = field(default_factory=list)
    """Body paragraphs in reading order."""
    mentions: list[Mention] = field(default_factory=list)
    """People, places, dates, sums … found by enrichment (empty unless enriched)."""

    @property
    def body_text(self) -> str:
        """All paragraph texts joined by newlines."""
        return "\n".join(p.text for p in self.paragraphs)

    def fields(self) -> list[Field]:
        """Every field that holds source text, markers included."""
        out = [f for f in (self.kicker, self.title, self.subtitle, self.dateline, self.byline) if f]
        return out + self.markers


class MentionType(StrEnum):
    """What an enrichment mention names."""

    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    DATE = "date"
    MONEY = "money"
    QUANTITY = "quantity"


@dataclass(slots=True)
class Mention:
    """Something named in an article (a person, a date, a sum …), found by enrichment.

    ``field`` and ``paragraph`` say which text of the article holds it and ``start``/``end``
    are character offsets in that text (the cleaned text, as in the output); the source
    lines follow from that text's spans. Normalized values are set per type and ``None``
    elsewhere.
    """

    type: MentionType
    text: str
    """As printed (cleaned: justification spaces and line breaks gone)."""
    field: str
    """``paragraph``, ``marker`` (an end note) or the article field holding it: ``title``,
    ``kicker``, ``subtitle``, ``dateline``, ``byline``."""
    paragraph: int | None
    """Index in ``Article.paragraphs`` (or ``Article.markers``) for a paragraph (marker)."""
    start: int
    """Offset of the first character in the field's or paragraph's text."""
    end: int
    """Offset one past the last character."""
    rule: str
    """The rule (or model) that found it."""
    confidence: float = 1.0
    """How sure the rule is, 0–1."""
    name: str | None = None
    """People: the name; places: the normalized name (江苏省无锡市锡山区)."""
    title: str | None = None
    """People: the title chain printed with them (市委副书记、政法委书记)."""
    organization: str | None = None
    """People: the organization named in their title."""
    role: str | None = None
    """People: ``official``, ``reporter`` or ``person``."""
    spoke: bool | None = None
    """People: the article reports them speaking."""
    attended: bool | None = None
    """People: the article reports them attending (出席, 参加, 陪同, 视察 …)."""
    value: str | float | list[str] | list[float] | None = None
    """Dates: ISO date, month or year, or a ``[first, last]`` range; money and quantities:
    the number in base units, or ``[low, high]``."""
    time: str | None = None
    """Dates: time of day, ``HH:MM`` or ``HH``."""
    unit: str | None = None
    """Money: ISO 4217 currency; quantities: the unit (MW, 亩, %, 平方米 …)."""
    code: str | None = None
    """Places: the administrative division code (GB/T 2260) when the gazetteer knows it."""


@dataclass(slots=True)
class PageWarning:
    """A non-fatal doubt raised while parsing, kept on the result."""

    code: str
    """Short machine-readable code, e.g. ``unmatched-headline``."""
    message: str
    """One-line human description."""
    lines: tuple[int, int] | None = None
    """Source lines concerned, when known."""


@dataclass(slots=True)
class Page:
    """A parsed page: its source lines, articles, and what could not be assigned."""

    lines: list[Line]
    """Every input line."""
    paper: str | None = None
    """Newspaper name."""
    date: str | None = None
    """Issue date, ISO YYYY-MM-DD."""
    page: int | None = None
    """Page number in the issue."""
    articles: list[Article] = field(default_factory=list)
    """Articles in reading order."""
    unassigned: list[Block] = field(default_factory=list)
    """Blocks that belong to no article (furniture, stray text)."""
    warnings: list[PageWarning] = field(default_factory=list)
    """Doubts raised while parsing."""
    enriched: bool = False
    """Enrichment ran: each article's ``mentions`` is filled (possibly empty)."""

    def all_spans(self) -> list[Span]:
        """Every span held by an article field, paragraph or unassigned block."""
        spans: list[Span] = []
        for art in self.articles:
            for f in art.fields():
                spans.extend(f.spans)
            for p in art.paragraphs:
                spans.extend(p.spans)
        for b in self.unassigned:
            spans.extend(b.spans)
        return spans

    def check_nothing_lost(self) -> list[str]:
        """Return problems with the nothing-lost invariant (empty when it holds).

        Every non-whitespace character of the input must be covered by exactly one span,
        and spans may cover nothing else but whitespace.
        """
        covered: Counter[tuple[int, int]] = Counter()
        for s in self.all_spans():
            for col in range(s.start, s.end):
                covered[(s.line, col)] += 1
        problems: list[str] = []
        raw = {ln.number: ln.raw for ln in self.lines}
        for (line, col), n in covered.items():
            text = raw.get(line)
            if text is None or col >= len(text):
                problems.append(f"span outside the input at line {line} col {col}")
            elif n > 1 and not text[col].isspace():
                problems.append(f"line {line} col {col} ({text[col]!r}) used {n} times")
        for ln in self.lines:
            for col, ch in enumerate(ln.raw):
                if not ch.isspace() and (ln.number, col) not in covered:
                    problems.append(f"line {ln.number} col {col} ({ch!r}) lost")
        return problems
