"""Text with provenance: a string built from pieces of raw source lines.

A ``SourceText`` is the concatenation of pieces of raw lines (no separator between
pieces). It can be sliced by string offsets and still tell which source spans each slice
came from; that is how every field and paragraph keeps its provenance.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate

from banmian.model import Span, make_span


class SourceText:
    """A string assembled from raw-line pieces, sliceable with provenance."""

    __slots__ = ("_offsets", "pieces", "text")

    def __init__(self, text: str, pieces: list[Span]) -> None:
        self.text = text
        self.pieces = pieces
        self._offsets: list[int] | None = None  # counted when first needed (most never are)

    def _piece_offsets(self) -> list[int]:
        """Offset in ``text`` where each piece starts."""
        if self._offsets is None:
            lengths = [p.end - p.start for p in self.pieces[:-1]]
            self._offsets = list(accumulate(lengths, initial=0)) if self.pieces else []
        return self._offsets

    @classmethod
    def from_pieces(cls, raw_lines: dict[int, str], pieces: list[Span]) -> SourceText:
        """Build from pieces, reading their text from ``raw_lines`` (line number → raw)."""
        pieces = [p for p in pieces if p.end > p.start]
        return cls("".join(raw_lines[p.line][p.start : p.end] for p in pieces), pieces)

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return f"SourceText({self.text!r})"

    def slice(self, a: int, b: int | None = None) -> SourceText:
        """The sub-text ``text[a:b]`` with the matching pieces."""
        n = len(self.text)
        b = n if b is None else min(b, n)
        a = max(0, min(a, b))
        if a == 0 and b == n:
            return self
        if b <= a:
            return SourceText(self.text[a:b], [])
        # The pieces that hold text[a:b] are found by bisection; those between the first
        # and the last are taken whole (a paragraph sliced after its dateline keeps most).
        offsets = self._piece_offsets()
        first = bisect_right(offsets, a) - 1
        last = bisect_left(offsets, b, first) - 1
        p = self.pieces[first]
        start = p.start + a - offsets[first]
        if first == last:
            end = p.start + min(b - offsets[first], p.end - p.start)
            return SourceText(self.text[a:b], [make_span(p.line, start, end)])
        q = self.pieces[last]
        out = [make_span(p.line, start, p.end)]
        out += self.pieces[first + 1 : last]
        out.append(make_span(q.line, q.start, q.start + min(b - offsets[last], q.end - q.start)))
        return SourceText(self.text[a:b], out)

    def __add__(self, other: SourceText) -> SourceText:
        return SourceText(self.text + other.text, self.pieces + other.pieces)

    def strip(self) -> SourceText:
        """Without leading and trailing whitespace."""
        stripped = self.text.strip()
        if len(stripped) == len(self.text):
            return self
        a = len(self.text) - len(self.text.lstrip())
        return self.slice(a, a + len(stripped))

    def piece_bounds(self) -> list[tuple[int, int]]:
        """Start and end offsets of each piece in ``text``."""
        return [
            (off, off + p.end - p.start)
            for off, p in zip(self._piece_offsets(), self.pieces, strict=True)
        ]

    def spans(self) -> list[Span]:
        """The source spans of this text."""
        return list(self.pieces)

    @property
    def first_line(self) -> int:
        """Line of the first piece."""
        return self.pieces[0].line

    @property
    def last_line(self) -> int:
        """Line of the last piece."""
        return self.pieces[-1].line


def join(texts: list[SourceText]) -> SourceText:
    """Concatenate several source texts."""
    pieces: list[Span] = []
    for t in texts:
        pieces.extend(t.pieces)
    return SourceText("".join(t.text for t in texts), pieces)
