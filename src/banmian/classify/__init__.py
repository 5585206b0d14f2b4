"""Classify stage: give each unit a kind by ordered rules, body text as the fallback.

The rules are tried in ``RULES`` order; the first that answers wins. Each rule lives in a
module of its own named after what it recognises; ``body`` is the catch-all.
"""

from __future__ import annotations

from collections.abc import Callable

from banmian.classify import caption, headline, subhead
from banmian.model import BlockKind
from banmian.units import Unit

Rule = Callable[[Unit], BlockKind | None]

_HINTED = {
    "furniture": BlockKind.FURNITURE,
    "endnote": BlockKind.ENDNOTE,
    "byline": BlockKind.BYLINE,
}


def rule_line_kind(unit: Unit) -> BlockKind | None:
    """A line that is a block by itself: furniture, end note, byline, bare marker."""
    first = unit.parts[0]
    if first.whole == "continuation":
        return BlockKind.CONTINUATION
    return _HINTED.get(first.whole or "")


def _short_marked_line(unit: Unit) -> bool:
    """One short line closing no sentence: a subhead, whatever its bullet (▲ too)."""
    part = unit.parts[0]
    return len(unit.parts) == 1 and not part.closes and part.width <= subhead.MAX_WIDTH


def rule_caption(unit: Unit) -> BlockKind | None:
    """Photo captions: ▲…, 图为…, or text ending in a photo credit (张三 摄).

    A ▲ before one short line that closes no sentence marks a subhead, not a caption.
    """
    text = unit.text.text
    if caption.has_credit(text):
        return BlockKind.CAPTION
    if unit.parts[0].opens == "caption" and not (
        caption.BULLET_RE.match(text) and _short_marked_line(unit)
    ):
        return BlockKind.CAPTION
    return None


def rule_subhead(unit: Unit) -> BlockKind | None:
    """Marked subheads: ■ …, ● …, ▲ …, 一、…, short and standing alone."""
    opens = unit.parts[0].opens
    if opens == "subhead" and len(unit.parts) <= 2:
        return BlockKind.SUBHEAD
    if opens == "caption" and _short_marked_line(unit):
        return BlockKind.SUBHEAD
    return None


def rule_headline(unit: Unit) -> BlockKind | None:
    """Short units set apart from running text; role settled at assembly."""
    if unit.parts[0].opens in ("dateline", "continuation"):
        return None
    texts = [p.text for p in unit.parts]
    if headline.is_headline(texts, unit.widths, unit.parts[-1].closes, unit.parts[0].heading_type):
        return BlockKind.HEADLINE
    return None


def rule_body(unit: Unit) -> BlockKind | None:
    """Running text: the fallback."""
    return BlockKind.BODY


RULES: list[tuple[str, Rule]] = [
    ("line_kind", rule_line_kind),
    (caption.NAME, rule_caption),
    (subhead.NAME, rule_subhead),
    (headline.NAME, rule_headline),
    ("body", rule_body),
]
"""The rules in priority order."""


def glued_to_marker(unit: Unit, nxt: Unit | None) -> bool:
    """A 下转 marker is glued to the unit's last line: running text breaking off mid-article.

    A headline never runs on into a jump marker, however short the text before it (a
    paragraph's last two lines before 下转 look like a headline by their width alone).
    """
    return (
        nxt is not None
        and nxt.parts[0].whole == "continuation"
        and nxt.parts[0].line == unit.parts[-1].line
    )


def classify(units: list[Unit]) -> list[Unit]:
    """Set ``kind`` and ``rule`` on every unit."""
    for unit, nxt in zip(units, [*units[1:], None], strict=False):
        glued = glued_to_marker(unit, nxt)
        for name, rule in RULES:
            if glued and name == headline.NAME:
                continue
            kind = rule(unit)
            if kind is not None:
                unit.kind = kind
                unit.rule = name
                break
    return units
