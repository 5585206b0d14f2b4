"""Normalize stage: character classes, display width, and cleaning of joined text.

PDF justification leaves spaces between CJK characters and digits (``12月 7日``); real
spaces stand between Latin words (``CCI Paris``) and, in headlines, between two clauses
(``提升治理之效 筑牢平安之基``). Body text drops every space next to a CJK character;
titles keep a single space between two ideographs.
"""

from __future__ import annotations

import re

IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""CJK unified ideographs (with extension A and compatibility ideographs)."""
FULLWIDTH_ALNUM = "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
"""Full-width digits and Latin letters (１２月)."""
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014-\u2027\u00b7"
"""CJK and general punctuation that sits in Chinese text: 。，、“”《》（）——…·"""
WIDE = IDEOGRAPH + FULLWIDTH_ALNUM + CJK_PUNCT

_SPACE_NEXT_TO_WIDE_RE = re.compile(f"(?<=[{WIDE}])\\s+|\\s+(?=[{WIDE}])")
_SPACE_RUN_RE = re.compile(r"\s+")
# In titles a space between two ideographs is real; any other space next to a wide
# character (a digit or punctuation on one side) is a justification artefact.
_TITLE_STRAY_RE = re.compile(
    f"(?<=[{CJK_PUNCT}])\\s+|\\s+(?=[{CJK_PUNCT}])"
    f"|(?<=[{IDEOGRAPH}])\\s+(?=[0-9A-Za-z%.])|(?<=[0-9A-Za-z%.])\\s+(?=[{IDEOGRAPH}])"
)
SENTENCE_END_RE = re.compile(r"[。！？!?…；][”’」』》）)\]]*$")
"""A line whose last characters close a sentence (。！？… possibly followed by quotes)."""
_CLOSERS = frozenset("。！？!?…；”’」』》）)]")


_PUNCT_RE = re.compile(f"[{CJK_PUNCT}]")
_NARROW_PUNCT_RE = re.compile(f"[{CJK_PUNCT.replace(chr(0x2014) + '-' + chr(0x2027), '—…·')}]")
_CAPITALS_RE = re.compile("[A-Z]")


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
    punct_kept = _PUNCT_RE.sub("", joined).split("\n")
    narrow_kept = _NARROW_PUNCT_RE.sub("", joined).split("\n")
    caps_kept = _CAPITALS_RE.sub("", joined).split("\n") if _CAPITALS_RE.search(joined) else texts
    ideo_spaces = "\u3000" in joined
    out: list[tuple[float, float, float]] = []
    for t, pk, nk, ck in zip(texts, punct_kept, narrow_kept, caps_kept, strict=True):
        length = len(t)
        isp = t.count("\u3000") if ideo_spaces else 0
        sp = t.count(" ") + t.count("\t") + isp
        wide = (len(t.encode("utf-8")) - length - 2 * isp) // 2
        pu = length - len(pk) - isp
        full = wide - pu
        half = full + 0.5 * (length - sp - full) + 0.2 * (length - len(ck)) + 0.5 * sp
        out.append((half, half + 0.5 * (length - len(nk) - isp), half + 0.5 * pu))
    return out


def closes_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence-closing punctuation."""
    text = text.rstrip()
    return bool(text) and text[-1] in _CLOSERS and SENTENCE_END_RE.search(text[-8:]) is not None


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
