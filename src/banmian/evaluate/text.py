"""Text as the metrics see it: whitespace-free bodies, paragraph breaks and whitespace gaps.

Gold and predicted articles are both turned into an ``ArticleText``. Bodies are compared
without whitespace, so that a stray space costs nothing in the body scores (it is counted on
its own, by ``count_stray_spaces``); offsets (paragraph breaks, gaps) are offsets into that
whitespace-free body. ``CharMap`` carries offsets of a predicted body over to the gold body
through the matching blocks of ``difflib.SequenceMatcher``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import Match, SequenceMatcher
from typing import Any

from banmian.evaluate.gold import GoldArticle
from banmian.model import ParagraphType

_WHITESPACE = re.compile(r"\s+")


def is_cjk(ch: str) -> bool:
    """True for Han characters, CJK and full-width punctuation and forms, and curly quotes."""
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3FFFF
        or 0x3000 <= cp <= 0x303F
        or 0xFF00 <= cp <= 0xFFEF
        or ch in "“”‘’"
    )


def _is_digit(ch: str) -> bool:
    return "0" <= ch <= "9"


def _is_stray(before: str, after: str) -> bool:
    """A gap between CJK and CJK, CJK and a digit, or a digit and CJK: a justification artifact."""
    return (is_cjk(before) and (is_cjk(after) or _is_digit(after))) or (
        _is_digit(before) and is_cjk(after)
    )


def squeeze(text: str) -> str:
    """The text without any whitespace."""
    return _WHITESPACE.sub("", text)


def clean(value: object) -> str | None:
    """A field's value for comparison: surrounding whitespace stripped, empty as None."""
    if not isinstance(value, str):
        return None
    return value.strip() or None


@dataclass(frozen=True, slots=True)
class Gap:
    """A run of whitespace inside a text."""

    offset: int
    """Offset, in the whitespace-free text, of the character after the gap."""
    stray: bool
    """True when the gap sits where justification leaves spaces (see ``_is_stray``)."""


def gaps(text: str, base: int = 0) -> list[Gap]:
    """The whitespace runs inside ``text`` (surrounding whitespace is ignored).

    Offsets are counted in the whitespace-free text, plus ``base``.
    """
    inner = text.strip()
    out: list[Gap] = []
    removed = 0
    for m in _WHITESPACE.finditer(inner):
        out.append(Gap(m.start() - removed + base, _is_stray(inner[m.start() - 1], inner[m.end()])))
        removed += m.end() - m.start()
    return out


def count_stray_spaces(text: str) -> int:
    """Count the stray gaps in ``text``: runs of whitespace between two CJK characters or
    between a CJK character and a digit. Spaces next to Latin letters are not counted."""
    return sum(g.stray for g in gaps(text))


def compare(gold: str, predicted: str) -> tuple[float, list[Match]]:
    """Character similarity (2·matched / total, i.e. char F1) and the matching blocks."""
    if not gold and not predicted:
        return 1.0, []
    if gold == predicted:
        return 1.0, [Match(0, 0, len(gold))]
    matcher = SequenceMatcher(None, gold, predicted, autojunk=False)
    blocks = [m for m in matcher.get_matching_blocks() if m.size]
    matched = sum(m.size for m in blocks)
    return 2 * matched / (len(gold) + len(predicted)), blocks


class CharMap:
    """Carries gap offsets of a predicted text over to the gold text it was compared with."""

    __slots__ = ("_to_gold",)

    def __init__(self, blocks: Iterable[Match], predicted_length: int) -> None:
        to_gold = [-1] * predicted_length
        for a, b, size in blocks:
            to_gold[b : b + size] = range(a, a + size)
        self._to_gold = to_gold

    def gap(self, offset: int) -> set[int]:
        """Gold offsets a gap before predicted character ``offset`` may stand for.

        The gap is placed before the gold character matched by the one after it, or after
        the gold character matched by the one before it; either may be missing.
        """
        out: set[int] = set()
        to_gold = self._to_gold
        if offset < len(to_gold) and to_gold[offset] >= 0:
            out.add(to_gold[offset])
        if 0 < offset <= len(to_gold) and to_gold[offset - 1] >= 0:
            out.add(to_gold[offset - 1] + 1)
        return out

    def count_matched(self, gold_offsets: Iterable[int], predicted_offsets: Iterable[int]) -> int:
        """How many predicted gap offsets land on a gold one, each gold offset used once."""
        free = set(gold_offsets)
        matched = 0
        for offset in predicted_offsets:
            hits = self.gap(offset) & free
            if hits:
                free.discard(min(hits))
                matched += 1
        return matched


@dataclass(slots=True)
class ArticleText:
    """An article (gold or predicted) reduced to what the metrics compare."""

    id: str
    """The article's identifier."""
    title: str | None
    """Main title, cleaned."""
    kicker: str | None
    """Kicker, cleaned."""
    subtitle: str | None
    """Subtitle, cleaned."""
    dateline: str | None
    """Dateline, cleaned."""
    byline: str | None
    """Byline, cleaned."""
    continued_from: int | None
    """Page continued from."""
    continues_to: int | None
    """Page continued on."""
    body: str
    """Paragraph texts without whitespace, concatenated."""
    breaks: list[int]
    """Offsets in ``body`` where a new paragraph starts (the first paragraph excluded)."""
    headings: list[str]
    """Texts of heading paragraphs (subheads), without whitespace like the body."""
    gaps: list[Gap]
    """Whitespace runs inside paragraphs, at offsets in ``body``."""

    @property
    def paragraph_count(self) -> int:
        """Number of non-empty paragraphs."""
        return len(self.breaks) + 1 if self.body else 0

    @property
    def alignment_key(self) -> str:
        """The text articles are aligned by: the body, or the title when there is no body."""
        return self.body or squeeze(self.title or "")


def article_text(
    ident: str,
    fields: Mapping[str, object],
    continued_from: int | None,
    continues_to: int | None,
    paragraphs: Iterable[tuple[str, str]],
) -> ArticleText:
    """Build an ``ArticleText`` from field values and (type, text) paragraphs.

    Paragraphs that hold nothing but whitespace are left out.
    """
    body: list[str] = []
    breaks: list[int] = []
    headings: list[str] = []
    body_gaps: list[Gap] = []
    offset = 0
    for kind, text in paragraphs:
        flat = squeeze(text)
        if not flat:
            continue
        if body:
            breaks.append(offset)
        if kind == ParagraphType.HEADING.value:
            headings.append(flat)
        body_gaps.extend(gaps(text, offset))
        body.append(flat)
        offset += len(flat)
    return ArticleText(
        id=ident,
        title=clean(fields.get("title")),
        kicker=clean(fields.get("kicker")),
        subtitle=clean(fields.get("subtitle")),
        dateline=clean(fields.get("dateline")),
        byline=clean(fields.get("byline")),
        continued_from=continued_from,
        continues_to=continues_to,
        body="".join(body),
        breaks=breaks,
        headings=headings,
        gaps=body_gaps,
    )


def gold_article_text(article: GoldArticle) -> ArticleText:
    """A gold article as an ``ArticleText``."""
    fields = {
        "title": article.title,
        "kicker": article.kicker,
        "subtitle": article.subtitle,
        "dateline": article.dateline,
        "byline": article.byline,
    }
    return article_text(
        article.id,
        fields,
        article.continued_from,
        article.continues_to,
        ((p.type.value, p.text) for p in article.paragraphs),
    )


def _page_number(value: object) -> int | None:
    if isinstance(value, Mapping):
        value = value.get("page")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def predicted_article_texts(predicted: Mapping[str, Any]) -> list[ArticleText]:
    """The articles of a page dict (``banmian.serialize.json.page_to_dict``) as ``ArticleText``.

    The reader is lenient: entries that are not objects are skipped, missing fields are null.
    """
    articles = predicted.get("articles")
    out: list[ArticleText] = []
    for index, art in enumerate(articles if isinstance(articles, list) else []):
        if not isinstance(art, Mapping):
            continue
        paragraphs = art.get("paragraphs")
        pairs = [
            (str(p.get("type", ParagraphType.TEXT.value)), p["text"])
            for p in (paragraphs if isinstance(paragraphs, list) else [])
            if isinstance(p, Mapping) and isinstance(p.get("text"), str)
        ]
        out.append(
            article_text(
                str(art.get("id", f"#{index + 1}")),
                art,
                _page_number(art.get("continued_from")),
                _page_number(art.get("continues_to")),
                pairs,
            )
        )
    return out
