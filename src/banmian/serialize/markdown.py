"""Markdown: one section per article, title group as headings, subheads as ### headings."""

from __future__ import annotations

from banmian.model import Article, Page, ParagraphType


def article_to_markdown(art: Article) -> str:
    """One article as Markdown."""
    out: list[str] = []
    if art.kicker:
        out.append(f"*{art.kicker.text}*\n")
    out.append(f"## {art.title.text if art.title else '(untitled)'}\n")
    if art.subtitle:
        out.append(f"**{art.subtitle.text}**\n")
    meta = [x for x in (art.dateline and art.dateline.text, art.byline and art.byline.text) if x]
    if art.continued_from:
        meta.append(f"continued from page {art.continued_from}")
    if meta:
        out.append("> " + " · ".join(meta) + "\n")
    for p in art.paragraphs:
        if p.type is ParagraphType.HEADING:
            out.append(f"### {p.text}\n")
        elif p.type is ParagraphType.CAPTION:
            out.append(f"*{p.text}*\n")
        else:
            out.append(p.text + "\n")
    if art.continues_to:
        out.append(f"> continued on page {art.continues_to}\n")
    return "\n".join(out)


def page_to_markdown(page: Page) -> str:
    """A whole page as Markdown."""
    head = " ".join(str(x) for x in (page.paper, page.date, page.page and f"第{page.page}版") if x)
    parts = [f"# {head}\n"] if head else []
    parts.extend(article_to_markdown(a) for a in page.articles)
    return "\n".join(parts)
