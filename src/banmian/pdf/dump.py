"""The text of a PDF page in drawing order, as text extraction tools give it.

One output line per printed line, in the order the content stream draws them; a blank
line where the next line is no continuation of the last (another size, another column,
a jump up the page or over a gap); a space wherever two glyphs on one line stand a quarter
of an em or more apart, justification and autospacing included, as ``pdftotext -raw``
does. Pages are separated by a form feed. This is what the text path was built for, so
``banmian pdf2text page.pdf | banmian parse -`` reads a PDF the way a dump-based pipeline
would, for comparison with ``banmian parse page.pdf``.
"""

from __future__ import annotations

from collections.abc import Iterable

from banmian.pdf.extract import Char, read_pages

DUMP_SPACE = 0.25
"""A gap of this many ems between two glyphs on one line is written as a space."""
NEXT_LINE = (0.5, 2.0)
"""Baseline steps (in ems) from one line to a line that continues it."""


def _starts_line(prev: Char, c: Char) -> bool:
    if abs(prev.middle - c.middle) > 0.35 * min(prev.size, c.size):
        return True
    return c.left < prev.right - 0.5 * c.size  # the pen went back


def dump_chars(chars: Iterable[Char]) -> str:
    """One page's text in drawing order."""
    lines: list[tuple[str, list[Char]]] = []
    current: list[str] = []
    members: list[Char] = []
    prev: Char | None = None
    for c in chars:
        if prev is not None and _starts_line(prev, c):
            lines.append(("".join(current), members))
            current, members = [], []
        elif (
            prev is not None and c.left - prev.right >= DUMP_SPACE * c.size and not c.text.isspace()
        ):
            current.append(" ")
        current.append(c.text)
        members.append(c)
        prev = c
    if members:
        lines.append(("".join(current), members))
    out: list[str] = []
    last: list[Char] | None = None
    for text, chars_of_line in lines:
        if last is not None and _breaks(last, chars_of_line):
            out.append("")
        out.append(text.rstrip())
        last = chars_of_line
    return "\n".join(out) + "\n" if out else ""


def _breaks(above: list[Char], below: list[Char]) -> bool:
    """Whether ``below`` does not simply continue ``above`` (the next line of one block)."""
    a, b = above[0], below[0]
    size = max(a.size, b.size)
    if abs(a.size - b.size) > 0.05 * size:
        return True
    step = a.middle - b.middle
    if not NEXT_LINE[0] * size <= step <= NEXT_LINE[1] * size:
        return True
    left_a, right_a = min(c.left for c in above), max(c.right for c in above)
    left_b, right_b = min(c.left for c in below), max(c.right for c in below)
    return min(right_a, right_b) <= max(left_a, left_b)


def pdf_to_text(data: bytes) -> str:
    """Every page's text in drawing order, pages separated by a form feed line."""
    return "\f\n".join(dump_chars(page.chars) for page in read_pages(data))
