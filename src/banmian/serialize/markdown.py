"""Markdown: one section per article, title group as headings, subheads as ### headings.

An enriched page's articles end with a list of what enrichment found: people with their
titles, organizations, places, dates and sums.
"""

from __future__ import annotations

from banmian.model import Article, Mention, MentionType, Page, ParagraphType

_ENTITY_LABELS = (
    (MentionType.PERSON, "People"),
    (MentionType.ORGANIZATION, "Organizations"),
    (MentionType.PLACE, "Places"),
    (MentionType.DATE, "Dates"),
    (MentionType.MONEY, "Sums"),
    (MentionType.QUANTITY, "Quantities"),
)


def _describe(m: Mention) -> str:
    """How a mention is listed: the printed text, then what it was normalized to."""
    if m.type is MentionType.PERSON:
        extra = [x for x in (m.title, "spoke" if m.spoke else None) if x]
        return f"{m.name}（{'，'.join(extra)}）" if extra else str(m.name)
    if m.type is MentionType.PLACE:
        return f"{m.text} → {m.name}" if m.name and m.name != m.text else m.text
    if m.value is None:
        return m.text
    values = m.value if isinstance(m.value, list) else [m.value]
    shown = "–".join(_number(v) if isinstance(v, float) else str(v) for v in values)
    time = f" {m.time}" if m.time else ""
    unit = f" {m.unit}" if m.unit else ""
    return f"{m.text} = {shown}{time}{unit}"


def _number(value: float) -> str:
    return f"{int(value):,}" if value.is_integer() else f"{value:,}"


def entities_to_markdown(art: Article) -> str:
    """The article's mentions as a list, one line per type, each entity once."""
    lines = []
    for type_, label in _ENTITY_LABELS:
        shown = list(dict.fromkeys(_describe(m) for m in art.mentions if m.type is type_))
        if shown:
            lines.append(f"- **{label}:** " + "; ".join(shown))
    return "\n".join(lines) + "\n" if lines else ""


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
    if art.mentions:
        out.append(entities_to_markdown(art))
    return "\n".join(out)


def page_to_markdown(page: Page) -> str:
    """A whole page as Markdown."""
    head = " ".join(str(x) for x in (page.paper, page.date, page.page and f"第{page.page}版") if x)
    parts = [f"# {head}\n"] if head else []
    parts.extend(article_to_markdown(a) for a in page.articles)
    return "\n".join(parts)
