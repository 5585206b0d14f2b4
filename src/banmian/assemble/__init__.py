"""Assemble stage: turn classified units into the page's articles.

Steps, each in a module of its own:

1. ``segments.cut``: body segments and headline runs, cut at article openings
   (dateline, 上接, reporter line) and closings (byline, 下转, end note);
2. ``attach.detect_direction`` and ``attach.chain``: headlines printed after or before
   their bodies are given to their article (lines read from a PDF's geometry put them
   before); subheads join the text around them;
3. ``captions.attach_captions``: a caption standing between articles joins the next;
   ``lead.reattach_leads``: a detached lead joins the article it introduces;
4. ``fields.build_article``: title group, dateline, byline, markers and paragraphs.

Furniture and headline units that no article takes go to ``page.unassigned``.
"""

from __future__ import annotations

from banmian.assemble.attach import Direction, chain, detect_direction
from banmian.assemble.captions import attach_captions
from banmian.assemble.fields import build_article
from banmian.assemble.lead import reattach_leads
from banmian.assemble.segments import HeadlineRun, cut
from banmian.model import Block, BlockKind, Page, PageWarning
from banmian.normalize import clean_title
from banmian.units import Unit

LAYOUT_MARGIN = 99
"""The direction vote's margin when the reading order came from geometry: settled."""


def _block(unit: Unit) -> Block:
    text = clean_title(unit.text.text) if unit.kind is BlockKind.HEADLINE else unit.text.text
    return Block(unit.kind, " ".join(text.split()), unit.text.spans(), unit.rule)


def _warn_if_no_newspaper(page: Page, content: list[Unit]) -> None:
    """Plain prose parses as one untitled article; say that the page looked like none."""
    anatomy = any(
        u.kind is not BlockKind.BODY or u.parts[0].opens in ("dateline", "continuation")
        for u in content
    )
    if content and not anatomy and not page.unassigned:
        page.warnings.append(
            PageWarning(
                "no-newspaper-structure",
                "no headline, dateline, byline or furniture found: "
                "the text does not look like a newspaper page; kept as running text",
            )
        )


def assemble(page: Page, units: list[Unit]) -> None:
    """Fill ``page.articles``, ``page.unassigned`` and ``page.warnings`` from the units."""
    content = []
    for unit in units:
        if unit.kind is BlockKind.FURNITURE:
            page.unassigned.append(_block(unit))
        else:
            content.append(unit)
    items = cut(content)
    if any(u.parts[0].size is not None for u in content):
        # Lines in reading order from the page's geometry (PDF input): a headline group
        # stands above or beside its text and so is read before it.
        direction, margin = Direction.BEFORE, LAYOUT_MARGIN
    else:
        direction, margin = detect_direction(items)
    if margin <= 1 and any(isinstance(item, HeadlineRun) for item in items):
        page.warnings.append(
            PageWarning(
                "headline-placement-uncertain",
                f"little on the page says whether headlines follow or precede their text; "
                f"read them as printed {direction.value} it",
            )
        )
    chains, orphans = chain(items, direction)
    chains = reattach_leads(attach_captions(chains))
    # Reading order: where each article's text begins (a reattached lead counts).
    chains.sort(key=lambda ch: ch.segments[0].units[0].text.first_line)
    for i, ch in enumerate(chains, start=1):
        art = build_article(ch, f"a{i}")
        first = ch.segments[0].units[0].text.first_line
        if art.title is None:
            page.warnings.append(
                PageWarning("untitled-article", f"article {art.id} has no headline", (first, first))
            )
        page.articles.append(art)
    _warn_if_no_newspaper(page, content)
    for unit in orphans:
        page.unassigned.append(_block(unit))
        line = unit.text.first_line
        page.warnings.append(
            PageWarning(
                "unattached-headline", f"headline line {line} belongs to no article", (line, line)
            )
        )
