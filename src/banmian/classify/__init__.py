"""Classify stage (placeholder)."""

from __future__ import annotations

from banmian.model import Block


def classify(blocks: list[Block]) -> list[Block]:
    """Placeholder: keep kinds as they are."""
    return blocks
