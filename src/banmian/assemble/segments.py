"""Cut the classified units into body segments and headline runs.

A body segment is running text that cannot hold an article boundary inside: it is cut
before a unit that opens an article (a dateline, a 上接 marker, a reporter line) and
after one that closes an article (a closing byline, a 下转 marker, an end note).
Headline runs are the headline units between segments.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from banmian.classify import byline, continuation
from banmian.model import BlockKind
from banmian.units import Unit

CLOSING_KINDS = (BlockKind.BYLINE, BlockKind.ENDNOTE, BlockKind.CONTINUATION)
"""Kinds that may close an article."""


@dataclass(slots=True)
class Segment:
    """Running text of one article (or a piece of one, before subheads are resolved)."""

    units: list[Unit]
    """Body, caption, subhead, byline, marker and end-note units in order."""
    opens: bool = False
    """It begins with an article opening: a dateline, a 上接 marker, a reporter line."""
    closes: bool = False
    """It ends with an article closing: a byline, a 下转 marker, an end note."""


@dataclass(slots=True)
class HeadlineRun:
    """Consecutive headline units between two segments."""

    units: list[Unit] = field(default_factory=list)
    """The headline units in order."""


Item = Segment | HeadlineRun


def opens_article(unit: Unit) -> bool:
    """Whether a unit opens an article."""
    first = unit.parts[0]
    if first.opens in ("dateline", "continuation"):
        return True
    if unit.kind is BlockKind.CONTINUATION:
        return continuation.opening_marker(unit.text.text) is not None
    return (
        unit.kind is BlockKind.BYLINE and byline.reporter_line(unit.text.text.strip()) is not None
    )


def closes_article(unit: Unit) -> bool:
    """Whether a unit closes an article."""
    if unit.kind is BlockKind.BYLINE:
        return byline.reporter_line(unit.text.text.strip()) is None
    if unit.kind is BlockKind.CONTINUATION:
        return continuation.closing_marker(unit.text.text) is not None
    return unit.kind is BlockKind.ENDNOTE


def cut(units: list[Unit]) -> list[Item]:
    """The page's units (furniture removed) as alternating segments and headline runs."""
    items: list[Item] = []
    for unit in units:
        last = items[-1] if items else None
        if unit.kind is BlockKind.HEADLINE:
            if isinstance(last, HeadlineRun):
                last.units.append(unit)
            else:
                items.append(HeadlineRun([unit]))
            continue
        opening = opens_article(unit)
        closing = closes_article(unit)
        # Reporter lines one under another (□本报记者 甲 / □本报通讯员 乙) open one article.
        byline_after_byline = (
            opening
            and unit.kind is BlockKind.BYLINE
            and isinstance(last, Segment)
            and last.opens
            and all(u.kind is BlockKind.BYLINE for u in last.units)
        )
        if isinstance(last, Segment) and (
            byline_after_byline or (not opening and not (last.closes and not closing))
        ):
            last.units.append(unit)
            last.closes = last.closes or closing
            continue
        items.append(Segment([unit], opens=opening, closes=closing))
    return items
