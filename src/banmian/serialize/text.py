"""Plain text: each article's title group, then its paragraphs, one per line."""

from __future__ import annotations

from banmian.model import Page


def page_to_text(page: Page) -> str:
    """A whole page as plain text, articles separated by a blank line."""
    chunks: list[str] = []
    for art in page.articles:
        lines = [f.text for f in (art.kicker, art.title, art.subtitle) if f]
        lines.extend(p.text for p in art.paragraphs)
        chunks.append("\n".join(lines))
    return "\n\n".join(chunks) + "\n"
