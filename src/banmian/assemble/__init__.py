"""Assemble stage (placeholder)."""

from __future__ import annotations

from banmian.model import Article, Block, Field, Page, Paragraph, ParagraphType


def assemble(page: Page, blocks: list[Block]) -> None:
    """Placeholder: everything in one article."""
    if not blocks:
        return
    art = Article(id="a1", title=Field(blocks[0].text, blocks[0].spans, "placeholder"))
    art.paragraphs = [
        Paragraph(ParagraphType.TEXT, b.text, b.spans, b.rule) for b in blocks[1:]
    ]
    page.articles.append(art)
