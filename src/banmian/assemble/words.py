"""Character bigrams: how much wording two pieces of text share.

Chinese has no spaces between words; overlapping character pairs are a cheap, robust
stand-in for words when telling which text a headline or a lead belongs to.
"""

from __future__ import annotations

from itertools import pairwise

Bigram = tuple[str, str]


def bigrams(text: str) -> set[Bigram]:
    """The character bigrams of ``text``, whitespace ignored."""
    text = "".join(text.split())
    return set(pairwise(text))


def share(words: set[Bigram], other: set[Bigram]) -> float:
    """The share of ``words`` found in ``other`` (0 when ``words`` is empty)."""
    return len(words & other) / len(words) if words else 0.0


def share_in(words: set[Bigram], text: str) -> float:
    """``share(words, bigrams(text))``, looking each of ``words`` up in ``text`` instead of
    making the set of ``text``'s bigrams (a headline's few words against an article's
    opening)."""
    if not words:
        return 0.0
    text = "".join(text.split())
    return sum([a + b in text for a, b in words]) / len(words)
