"""Evaluate one page: align its articles, count what matches, say why an article is not exact.

A gold article is found *exactly* when its aligned predicted article has the same main
title, byline and continuations, a body char F1 of at least ``EXACT_BODY_F1``, and the same
paragraphs (same number, breaks at the same aligned offsets). Kicker, subtitle and dateline
are scored on their own but do not make an article inexact.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from difflib import Match
from typing import Any

from banmian.evaluate.align import MIN_SIMILARITY, align_articles
from banmian.evaluate.gold import Gold
from banmian.evaluate.metrics import Tally, compute_metrics
from banmian.evaluate.text import (
    ArticleText,
    CharMap,
    compare,
    gaps,
    gold_article_text,
    predicted_article_texts,
    squeeze,
)

EXACT_BODY_F1 = 0.98
"""Least body char F1 of an exactly found article."""

_EXACT_FIELDS = ("title", "byline", "continued_from", "continues_to")
_SCORED_FIELDS = ("title", "kicker", "subtitle", "byline", "dateline")
_HEADLINE_FIELDS = ("kicker", "title", "subtitle")


@dataclass(slots=True)
class ArticleEval:
    """How one gold article fared."""

    gold_id: str
    """The gold article's id."""
    title: str | None
    """The gold article's main title."""
    predicted_id: str | None
    """Id of the aligned predicted article, None when none was aligned."""
    similarity: float
    """Body similarity with the aligned article (its body char F1), 0.0 when none."""
    exact: bool
    """Found exactly."""
    reasons: list[str] = field(default_factory=list)
    """Why it is not exact, e.g. ``title: got "X" want "Y"``, ``body F1 0.930``."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "gold_id": self.gold_id,
            "title": self.title,
            "predicted_id": self.predicted_id,
            "similarity": round(self.similarity, 4),
            "exact": self.exact,
            "reasons": list(self.reasons),
        }


@dataclass(slots=True)
class PageEval:
    """The evaluation of one page."""

    name: str
    """The gold file the page was evaluated against."""
    tally: Tally
    """Counts behind the metrics."""
    articles: list[ArticleEval]
    """One entry per gold article, in gold order."""
    error: str | None = None
    """When the parser failed on the page, its message (the page then has no predictions)."""

    @property
    def gold_articles(self) -> int:
        """Number of gold articles."""
        return self.tally.gold_articles

    @property
    def predicted_articles(self) -> int:
        """Number of predicted articles."""
        return self.tally.predicted_articles

    @property
    def exact_articles(self) -> int:
        """Number of gold articles found exactly."""
        return self.tally.exact_articles

    @property
    def metrics(self) -> dict[str, float]:
        """This page's metrics alone."""
        return compute_metrics(self.tally)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "name": self.name,
            "gold_articles": self.gold_articles,
            "predicted_articles": self.predicted_articles,
            "exact_articles": self.exact_articles,
            "error": self.error,
            "metrics": self.metrics,
            "counts": self.tally.to_dict(),
            "articles": [a.to_dict() for a in self.articles],
        }


def evaluate_page(
    gold: Gold, predicted: Mapping[str, Any], *, min_similarity: float = MIN_SIMILARITY
) -> PageEval:
    """Evaluate a predicted page dict (``page_to_dict``) against its gold annotation."""
    golds = [gold_article_text(a) for a in gold.articles]
    preds = predicted_article_texts(predicted)
    alignment = align_articles(golds, preds, min_similarity)
    tally = Tally(
        gold_articles=len(golds),
        predicted_articles=len(preds),
        aligned_articles=len(alignment.pairs),
        body_gold_chars=sum(len(g.body) for g in golds),
        body_predicted_chars=sum(len(p.body) for p in preds),
        breaks_gold=sum(len(g.breaks) for g in golds),
        breaks_predicted=sum(len(p.breaks) for p in preds),
        subheads_gold=sum(len(g.headings) for g in golds),
    )
    body_maps: dict[int, CharMap] = {}
    results: list[ArticleEval] = []
    for gi, g in enumerate(golds):
        pair = alignment.pairs.get(gi)
        if pair is None:
            best = alignment.best.get(gi)
            hint = f" (best: {preds[best[1]].id}, similarity {best[0]:.2f})" if best else ""
            results.append(ArticleEval(g.id, g.title, None, 0.0, False, [f"not found{hint}"]))
            continue
        p = preds[pair.predicted]
        keyed_by_body = g.alignment_key == g.body and p.alignment_key == p.body
        blocks = pair.blocks if keyed_by_body else compare(g.body, p.body)[1]
        body_maps[pair.predicted] = CharMap(blocks, len(p.body))
        results.append(_compare_articles(g, p, blocks, body_maps[pair.predicted], tally))
    partner = alignment.predicted_partner()
    headlines = {squeeze(text): text for g in golds for text in _headlines(g)}
    for pi, p in enumerate(preds):
        aligned = golds[partner[pi].gold] if pi in partner else None
        tally.stray_spaces += _stray_spaces(p, aligned, body_maps.get(pi), headlines)
        tally.predicted_chars += len(p.body) + sum(
            len(squeeze(getattr(p, name) or "")) for name in _HEADLINE_FIELDS
        )
    return PageEval(str(gold.path), tally, results)


def _show(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _compare_articles(
    g: ArticleText, p: ArticleText, blocks: list[Match], body_map: CharMap, tally: Tally
) -> ArticleEval:
    """Score an aligned pair into ``tally`` and judge whether the gold article is exact."""
    matched = sum(b.size for b in blocks)
    total = len(g.body) + len(p.body)
    body_f1 = 2 * matched / total if total else 1.0
    breaks_matched = body_map.count_matched(g.breaks, p.breaks)
    tally.body_matched_chars += matched
    tally.breaks_matched += breaks_matched
    tally.title_correct += g.title == p.title
    tally.kicker_correct += g.kicker == p.kicker
    tally.subtitle_correct += g.subtitle == p.subtitle
    tally.byline_correct += g.byline == p.byline
    tally.dateline_correct += g.dateline == p.dateline
    tally.subheads_found += sum((Counter(g.headings) & Counter(p.headings)).values())

    reasons = [
        f"{name}: got {_show(getattr(p, name))} want {_show(getattr(g, name))}"
        for name in _EXACT_FIELDS
        if getattr(g, name) != getattr(p, name)
    ]
    if body_f1 < EXACT_BODY_F1:
        # Rounded down, so that a failing F1 never shows as the threshold itself.
        reasons.append(f"body F1 {math.floor(body_f1 * 1000) / 1000:.3f}")
    if p.paragraph_count != g.paragraph_count:
        reasons.append(f"paragraphs: got {p.paragraph_count} want {g.paragraph_count}")
    elif breaks_matched < len(g.breaks):
        missed = len(g.breaks) - breaks_matched
        reasons.append(f"paragraph breaks: {missed} of {len(g.breaks)} elsewhere")
    if not reasons:
        tally.exact_articles += 1
    return ArticleEval(g.id, g.title, p.id, body_f1, not reasons, reasons)


def _headlines(article: ArticleText) -> list[str]:
    return [t for t in (getattr(article, name) for name in _HEADLINE_FIELDS) if t]


def _stray_spaces(
    p: ArticleText, g: ArticleText | None, body_map: CharMap | None, headlines: dict[str, str]
) -> int:
    """Stray gaps of a predicted article that the gold does not have at the same place.

    Body gaps are checked against the aligned gold article's body. A headline field is
    checked against the gold headline of the page with the same text (whitespace aside),
    else against the aligned article's same field; with neither, every stray gap counts.
    """
    gold_gaps = {x.offset for x in g.gaps} if g else set()
    count = sum(
        1 for gap in p.gaps if gap.stray and not (body_map and body_map.gap(gap.offset) & gold_gaps)
    )
    for name in _HEADLINE_FIELDS:
        text = getattr(p, name)
        if text:
            reference = headlines.get(squeeze(text)) or (getattr(g, name) if g else None)
            count += _stray_in_field(text, reference)
    return count


def _stray_in_field(text: str, gold_text: str | None) -> int:
    """Stray gaps of a headline field, less those the gold text has at the same place."""
    stray = [x for x in gaps(text) if x.stray]
    if not stray or not gold_text:
        return len(stray)
    _, blocks = compare(squeeze(gold_text), squeeze(text))
    field_map = CharMap(blocks, len(squeeze(text)))
    gold_gaps = {x.offset for x in gaps(gold_text)}
    return sum(1 for x in stray if not field_map.gap(x.offset) & gold_gaps)
