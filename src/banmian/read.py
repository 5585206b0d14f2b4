"""Read stage (placeholder until the read helper lands): bytes to text."""

from __future__ import annotations


def decode(data: bytes, *, encoding: str | None = None) -> str:
    """Decode bytes to text."""
    return data.decode(encoding or "utf-8-sig")
