"""Give a photo caption that stands between articles to the article it illustrates.

A caption printed between two articles (its photo between them on the page) has no
headline and no text of its own. It goes to the article that follows it, where photos
usually stand above the text, or to the one before it at the end of a page.
"""

from __future__ import annotations

from banmian.assemble.attach import Chain


def attach_captions(chains: list[Chain]) -> list[Chain]:
    """Fold caption-only chains into a neighbouring article; return the chains left."""
    out: list[Chain] = []
    pending: list[Chain] = []
    for chain in chains:
        if chain.caption_only and not chain.headlines:
            pending.append(chain)
            continue
        if pending:
            units = [u for c in pending for seg in c.segments for u in seg.units]
            chain.segments[0].units[:0] = units
            pending = []
        out.append(chain)
    if pending and out:
        out[-1].segments[-1].units.extend(
            u for c in pending for seg in c.segments for u in seg.units
        )
    elif pending:
        out.extend(pending)
    return out
