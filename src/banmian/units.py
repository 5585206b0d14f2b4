"""The units that segmentation hands to the later stages: parts of lines and blocks."""

from __future__ import annotations

from dataclasses import dataclass

from banmian.model import BlockKind
from banmian.source import SourceText

DEFAULT_WIDTH = 15.0
"""Column width assumed when a page gives nothing to measure."""
HEADING_SCALE = 1.2
"""Type this much larger than the body's is headline type (kickers and subtitles are
set 1.3 times or more, main titles 1.7 times or more; a feature's lead about 1.1)."""
SAME_SIZE = 0.05
"""Two type sizes within this share of each other are one size."""


@dataclass(slots=True)
class Part:
    """A stripped line, or one piece of a line that held two blocks."""

    line: int
    """Source line number."""
    start: int
    """Column of the first character in the raw line."""
    end: int
    """Column one past the last character."""
    text: str
    """``raw[start:end]``."""
    run: int
    """Index of the run of non-blank lines it stands in."""
    blank_before: bool
    """A blank line (or the page start) precedes it."""
    width: float = 0.0
    """Display width in em, punctuation counted as the column's typesetting sets it."""
    widths: tuple[float, float, float] = (0.0, 0.0, 0.0)
    """Display width with punctuation at half width, at full width but quotes half, all full."""
    closes: bool = False
    """Ends with sentence-closing punctuation."""
    whole: str | None = None
    """The kind of block this part is by itself (``byline``, ``furniture`` …), if any."""
    opens: str | None = None
    """The kind of block this part opens (``dateline``, ``caption`` …), if any."""
    column: float = DEFAULT_WIDTH
    """Measured width of the column around the part."""
    credit: bool = False
    """The part is nothing but a photo credit (张三 摄)."""
    hanging: float = 0.0
    """Width of the punctuation ending the line, which may hang past the margin."""
    weak_furniture: bool = False
    """A label that is furniture only beside other furniture (a page number, 国际)."""
    special: bool = False
    """The line rules were asked about the part (a cheap test said it might be theirs)."""
    size: float | None = None
    """Type size in points when the reader knows it (PDF input), else ``None``."""
    scale: float = 1.0
    """Type size relative to the page's body text (1.0 when sizes are unknown)."""
    indent: float | None = None
    """Indent of its line in ems when the reader knows it (``Line.indent``), else ``None``."""
    short: float | None = None
    """How far it ends short of its block's right edge in ems when the reader knows it
    (``Line.short``), else ``None``."""

    @property
    def heading_type(self) -> bool:
        """Set in type clearly larger than body text: a headline group's line."""
        return self.scale >= HEADING_SCALE

    @property
    def mid_line(self) -> bool:
        """A line inside running text: unfinished, not a block of its own."""
        return not self.closes and self.whole is None and self.width >= 4


@dataclass(slots=True)
class Unit:
    """Source text that segmentation found to belong together."""

    parts: list[Part]
    """The parts, in order."""
    text: SourceText
    """The joined source text (parts concatenated without separator)."""
    blank_before: bool = True
    """A blank line precedes the unit."""
    blank_after: bool = True
    """A blank line follows the unit."""
    column: float = DEFAULT_WIDTH
    """Column width measured around the unit."""
    kind: BlockKind = BlockKind.BODY
    """Set by the classify stage."""
    rule: str = "body"
    """The classify rule that set ``kind``."""

    @property
    def widths(self) -> list[float]:
        """Display width of each part."""
        return [p.width for p in self.parts]

    @property
    def scale(self) -> float:
        """Type size of its first part relative to body text (1.0 when unknown)."""
        return self.parts[0].scale


def same_size(a: Part, b: Part) -> bool:
    """Whether two parts are set in one type size (always, when sizes are unknown)."""
    return abs(a.scale - b.scale) <= SAME_SIZE * max(a.scale, b.scale)
