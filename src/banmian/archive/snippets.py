"""Highlighted snippets cut from an article's real text (never from its index tokens).

Each query term (``query.positive_terms``) becomes a regular expression over the folded text
(``tokens.fold`` keeps offsets, so a match in the folded text is the same stretch of the real
one) with the search's own rules: Latin words and numbers whole, whitespace optional between
a word and a Chinese character, required between two of a kind. The snippet is a window of
about ``SNIPPET_CHARS`` characters opening a little before the first match, as
``(text, highlighted)`` pieces; ``…`` marks text cut off at either end. An article that
matched only by its title shows its opening, with whatever matches it holds.
"""

from __future__ import annotations

import re

from banmian.archive.query import Term
from banmian.archive.tokens import TOKEN_RUN, WORD_CHAR, fold

SNIPPET_CHARS = 120
"""Characters of text a snippet shows."""
CONTEXT_BEFORE = 30
"""Characters shown before the first match, when there are so many."""
ELLIPSIS = "…"
"""Marks text cut off."""
SEPARATOR = " "
"""Stands between two texts (paragraphs) of a snippet."""


def term_pattern(term: Term) -> re.Pattern[str] | None:
    """A regular expression finding a term in folded text (None if it has no characters)."""
    text = fold(term.text)
    runs = list(TOKEN_RUN.finditer(text))
    if not runs:
        return None
    parts: list[str] = []
    for i, run in enumerate(runs):
        if i:
            gap_space = run.start() > runs[i - 1].end()
            same_kind = run.lastgroup == runs[i - 1].lastgroup
            parts.append(r"\s+" if same_kind and gap_space else r"\s*")
        parts.append(re.escape(run.group()))
    if runs[0].lastgroup == "word":
        parts.insert(0, f"(?<!{WORD_CHAR})")
    if runs[-1].lastgroup == "word":
        parts.append(f"(?!{WORD_CHAR})")
    return re.compile("".join(parts))


def term_patterns(terms: list[Term]) -> list[re.Pattern[str]]:
    """The patterns of some terms (made once per search, used for every hit)."""
    return [p for p in map(term_pattern, terms) if p is not None]


def find_matches(text: str, patterns: list[re.Pattern[str]]) -> list[tuple[int, int]]:
    """Where any pattern matches the (real) text: merged, sorted (start, end) pairs."""
    folded = fold(text)
    spans: list[tuple[int, int]] = []
    for pattern in patterns:
        spans.extend(m.span() for m in pattern.finditer(folded) if m.end() > m.start())
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(texts: list[str], patterns: list[re.Pattern[str]]) -> list[tuple[str, bool]]:
    """A window of the texts around the first match, as ``(text, highlighted)`` pieces.

    ``patterns`` are the query's ``term_patterns``.
    """
    text = SEPARATOR.join(t for t in texts if t)
    if not text:
        return []
    matches = find_matches(text, patterns)
    start = max(0, matches[0][0] - CONTEXT_BEFORE) if matches else 0
    end = min(len(text), start + SNIPPET_CHARS)
    start = max(0, min(start, end - SNIPPET_CHARS))
    pieces: list[tuple[str, bool]] = []
    pos = start
    for m_start, m_end in matches:
        a, b = max(m_start, start), min(m_end, end)
        if b <= a:
            continue
        if a > pos:
            pieces.append((text[pos:a], False))
        pieces.append((text[a:b], True))
        pos = b
    if pos < end:
        pieces.append((text[pos:end], False))
    if start > 0:
        pieces.insert(0, (ELLIPSIS, False))
    if end < len(text):
        pieces.append((ELLIPSIS, False))
    return _merge_plain(pieces)


def _merge_plain(pieces: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Join neighbouring pieces of the same kind."""
    out: list[tuple[str, bool]] = []
    for text, hot in pieces:
        if out and out[-1][1] == hot:
            out[-1] = (out[-1][0] + text, hot)
        else:
            out.append((text, hot))
    return out
