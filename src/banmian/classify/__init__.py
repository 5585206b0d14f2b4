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


def rule_caption(unit: Unit) -> BlockKind | None:
    """Photo captions: ▲…, 图为…, or text ending in a photo credit (张三 摄)."""
    text = unit.text.text
    if unit.parts[0].opens == "caption" or caption.has_credit(text):
        return BlockKind.CAPTION
    return None


def rule_subhead(unit: Unit) -> BlockKind | None:
    """Marked subheads: ■ …, ● …, 一、…, short and standing alone."""
    if unit.parts[0].opens == "subhead" and len(unit.parts) <= 2:
        return BlockKind.SUBHEAD
    return None


def rule_headline(unit: Unit) -> BlockKind | None:
    """Short units set apart from running text; role settled at assembly."""
    if unit.parts[0].opens in ("dateline", "continuation"):
        return None
    texts = [p.text for p in unit.parts]
    if headline.is_headline(texts, unit.widths, unit.parts[-1].closes):
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


def classify(units: list[Unit]) -> list[Unit]:
    """Set ``kind`` and ``rule`` on every unit."""
    for unit in units:
        for name, rule in RULES:
            kind = rule(unit)
            if kind is not None:
                unit.kind = kind
                unit.rule = name
                break
    return units
