"""Do two titles name the same article? The part after a jump repeats its title, often cut.

Titles are compared after cleaning: digits and letters folded to half width, spaces,
punctuation and symbols dropped (quotes, book-title marks, dashes, enumeration commas), so
``“共富工坊” 建成`` and ``"共富工坊"建成`` are equal. A title that holds the other one
whole (a shortened repeat, ``重大项目建设开局提速`` under ``我省重大项目建设开局提速``)
scores 1; otherwise the score is the Dice coefficient of their character bigrams.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable

from banmian.model import Article
from banmian.normalize import fold_fullwidth

MIN_CONTAINED = 4
"""A shortened title must keep at least this many characters to count as contained."""

CONFIRMS = 0.5
"""Least score for a repeated title to confirm a link."""


def clean_title(text: str) -> str:
    """The title's letters, digits and ideographs only, digits and letters half width."""
    folded = fold_fullwidth(text)
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LN")


def _bigrams(text: str) -> Counter[str]:
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


def title_similarity(a: str, b: str) -> float:
    """How alike two titles are after cleaning, 0–1 (1: equal, or one holds the other)."""
    x, y = clean_title(a), clean_title(b)
    if not x or not y:
        return 0.0
    short, long = sorted((x, y), key=len)
    if short == long or (len(short) >= MIN_CONTAINED and short in long):
        return 1.0
    bx, by = _bigrams(x), _bigrams(y)
    total = bx.total() + by.total()
    return 2 * (bx & by).total() / total if total else 0.0


def headline_texts(article: Article) -> list[str]:
    """The headline lines of an article: title, kicker, subtitle, and kicker joined to title.

    Each is a possible repeat: a continuation may repeat the subtitle instead of the
    title, and a parser may have cut a headline group at another line.
    """
    parts = [f.text for f in (article.title, article.kicker, article.subtitle) if f]
    if article.kicker and article.title:
        parts.append(article.kicker.text + article.title.text)
    return parts


def best_similarity(first: Iterable[str], second: Iterable[str]) -> float:
    """The best score of any headline of one part against any of the other."""
    others = list(second)
    return max((title_similarity(a, b) for a in first for b in others), default=0.0)
