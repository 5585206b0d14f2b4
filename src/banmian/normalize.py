"""Normalize stage: character classes, display width, and cleaning of joined text.

PDF justification leaves spaces between CJK characters and digits (``12月 7日``); real
spaces stand between Latin words (``CCI Paris``) and, in headlines, between two clauses
(``提升治理之效 筑牢平安之基``). Body text drops every space next to a CJK character;
titles keep a single space between two ideographs.
"""

from __future__ import annotations

import re
from itertools import repeat
from operator import sub

IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""CJK unified ideographs (with extension A and compatibility ideographs)."""
FULLWIDTH_ALNUM = "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
"""Full-width digits and Latin letters (１２月)."""
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014-\u2027\u00b7"
"""CJK and general punctuation that sits in Chinese text: 。，、“”《》（）——…·"""
WIDE = IDEOGRAPH + FULLWIDTH_ALNUM + CJK_PUNCT

# Every pattern that removes spaces opens with one \s (\s\s* for \s+, a lookbehind
# moved past it): the regex engine then skips in C to the next whitespace
# character instead of trying the whole pattern at every position of a paragraph.
_SPACE_NEXT_TO_WIDE_RE = re.compile(f"\\s(?:(?<=[{WIDE}]\\s)\\s*|\\s*(?=[{WIDE}]))")
"""A whitespace run after or before a wide character: ``(?<=[W])\\s+|\\s+(?=[W])``."""
_SPACE_RUN_RE = re.compile(r"\s\s*")
# In titles a space between two ideographs is real; any other space next to a wide
# character (a digit or punctuation on one side) is a justification artefact.
_TITLE_STRAY_RE = re.compile(
    f"\\s(?:(?<=[{CJK_PUNCT}]\\s)\\s*|\\s*(?=[{CJK_PUNCT}])"
    f"|(?<=[{IDEOGRAPH}]\\s)\\s*(?=[0-9A-Za-z%.])|(?<=[0-9A-Za-z%.]\\s)\\s*(?=[{IDEOGRAPH}]))"
)
"""``(?<=[P])\\s+|\\s+(?=[P])|(?<=[I])\\s+(?=[0-9A-Za-z%.])|(?<=[0-9A-Za-z%.])\\s+(?=[I])``
for punctuation P and ideographs I."""
SENTENCE_END_RE = re.compile(r"[。！？!?…；][”’」』》）)\]]*$")
"""A line whose last characters close a sentence (。！？… possibly followed by quotes)."""
_SENTENCE_ENDS = "。！？!?…；"
_AFTER_SENTENCE_END = "”’」』》）)]"
_CLOSERS = frozenset(_SENTENCE_ENDS + _AFTER_SENTENCE_END)


_PUNCT_RE = re.compile(f"[{CJK_PUNCT}]")
_PROPORTIONAL_RE = re.compile("[\u2015-\u2025\u2027]")
"""Punctuation that proportional fonts set at half width (curly quotes): ``CJK_PUNCT`` but
for the dash and the ellipsis of ``\u2014-\u2027``."""
_CAPITALS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def display_widths_many(texts: list[str]) -> list[tuple[float, float, float]]:
    """Widths of stripped lines in em, in three readings of the punctuation.

    Ideographs and full-width letters take 1 em, ASCII capitals about 0.7, other ASCII
    ½. A space inside a line is a gap that justification stretched, about ½ em.
    Punctuation (，。、 …) is set full width by some papers and squeezed to half width by
    others, even column by column; curly quotes are proportional (half-width) glyphs in
    most PDF fonts but full width in some. So each line gets (all punctuation half, all
    but quotes full, all full); the segmenter keeps the reading that makes the page's
    lines even. Each count is one regex pass over the joined lines, not one per line,
    which keeps parsing fast.
    """
    if not texts:
        return []
    joined = "\n".join(texts)
    encoded = joined.encode("utf-8")
    lengths = list(map(len, texts))
    # Per-line counts, each from one pass over the whole page: characters left once a
    # class is removed (regex), or bytes of the UTF-8 text, where an ASCII character is
    # one byte and never part of another character's (bytes.translate, a C loop).
    utf8_bytes = list(map(len, encoded.split(b"\n")))
    capitals = _ascii_per_line(encoded, _CAPITALS, utf8_bytes)
    punct_kept = _kept_per_line(_PUNCT_RE, joined)
    if _PROPORTIONAL_RE.search(joined):
        # The second reading counts all punctuation but the proportional at full width.
        proportional_kept = _kept_per_line(_PROPORTIONAL_RE, joined)
        narrow_kept = [
            pk + length - qk
            for pk, length, qk in zip(punct_kept, lengths, proportional_kept, strict=True)
        ]
    else:
        narrow_kept = punct_kept
    ideo = list(map(str.count, texts, repeat("\u3000"))) if "\u3000" in joined else [0] * len(texts)
    out: list[tuple[float, float, float]] = []
    for text, length, pk, nk, caps, nbytes, isp in zip(
        texts, lengths, punct_kept, narrow_kept, capitals, utf8_bytes, ideo, strict=True
    ):
        wide = (nbytes - length - 2 * isp) // 2
        pu = length - pk - isp
        full = wide - pu
        if caps:
            sp = text.count(" ") + text.count("\t") + isp
            half = full + 0.5 * (length - sp - full) + 0.2 * caps + 0.5 * sp
        else:
            # What the line above gives without capitals, exactly (halves add up without
            # rounding): spaces count as much as other narrow characters.
            half = (length + full) * 0.5
        out.append((half, half + 0.5 * (length - nk - isp), half + 0.5 * pu))
    return out


def _kept_per_line(pattern: re.Pattern[str], joined: str) -> list[int]:
    """Characters of each line of ``joined`` that ``pattern`` does not match."""
    return list(map(len, pattern.sub("", joined).split("\n")))


def _ascii_per_line(encoded: bytes, chars: bytes, sizes: list[int]) -> list[int]:
    """How many of the ASCII ``chars`` each line of the UTF-8 ``encoded`` holds (``sizes``:
    its lines' lengths in bytes)."""
    kept = map(len, encoded.translate(None, chars).split(b"\n"))
    return list(map(sub, sizes, kept))


def closes_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence-closing punctuation.

    What ``SENTENCE_END_RE`` says of the last 8 characters, without a regex (asked of
    every line): closing quotes and brackets off, a sentence end must be left.
    """
    text = text.rstrip()
    if not text or text[-1] not in _CLOSERS:
        return False
    tail = text[-8:].rstrip(_AFTER_SENTENCE_END)
    return bool(tail) and tail[-1] in _SENTENCE_ENDS


def clean_body(text: str) -> str:
    """Body text: drop every whitespace run next to a CJK character, collapse the rest."""
    text = _SPACE_NEXT_TO_WIDE_RE.sub("", text)
    return _SPACE_RUN_RE.sub(" ", text).strip()


def clean_title(text: str) -> str:
    """Headline text: keep one space between two ideographs, drop stray ones elsewhere."""
    text = _TITLE_STRAY_RE.sub("", text)
    return _SPACE_RUN_RE.sub(" ", text).strip()


_FOLD_ALNUM = {
    c: c - 0xFEE0
    for start, end in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for c in range(start, end + 1)
}
_NUMBER_PUNCT_RE = re.compile("(?<=[0-9])[．％](?=[0-9])|(?<=[0-9])％")


def fold_fullwidth(text: str) -> str:
    """Fold full-width letters and digits (１２月 → 12月), one character for one.

    The full-width point and percent sign of a number fold too (１．２％ → 1.2%); other
    full-width punctuation (，：（）) is Chinese punctuation and stays.
    """
    text = text.translate(_FOLD_ALNUM)
    return _NUMBER_PUNCT_RE.sub(lambda m: "." if m.group() == "．" else "%", text)
