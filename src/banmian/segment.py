"""Segment stage (placeholder)."""

from __future__ import annotations

from banmian.model import Block, BlockKind, Line, Span


def segment(lines: list[Line]) -> list[Block]:
    """Placeholder: one body block per non-blank line."""
    return [
        Block(BlockKind.BODY, ln.raw.strip(), [Span(ln.number, 0, len(ln.raw))], "placeholder")
        for ln in lines
        if not ln.is_blank
    ]
