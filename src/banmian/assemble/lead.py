"""Reattach a detached lead (导语) to its article.

A feature's lead may be set apart in another typeface and printed far from its body; on
a page whose PDF drawing order put it at the very top it arrives as running text with
no headline of its own and no dateline. Such a chain is joined to the article that
shares most words with it among those whose body opens with no dateline, no 上接 marker
and no lead of its own (a reporter line under the title is no obstacle).
"""

from __future__ import annotations

from banmian.assemble.attach import Chain
from banmian.assemble.words import bigrams, share

MIN_SHARED = 0.1
"""Share of the lead's character bigrams its article must also use."""


COMPARED_CHARS = 400
"""How much of an article's text (after its headlines) a lead is compared with."""


def _text(chain: Chain) -> str:
    body = "".join(u.text.text for seg in chain.segments[:2] for u in seg.units)
    return "".join(u.text.text for u in chain.headlines) + body[:COMPARED_CHARS]


EDITORS_NOTE = ("编者按", "编者的话", "编前语", "编者")
"""Openings of an editor's note, which introduces the article printed right after it."""


def _merge(lead: Chain, host: Chain) -> None:
    shift = len(lead.segments)
    host.subheads = {i + shift: units for i, units in host.subheads.items()}
    host.subheads.update(lead.subheads)
    host.segments[:0] = lead.segments


def _opens_with_dateline(chain: Chain) -> bool:
    """A dateline or 上接 marker opens it: its first paragraph is there, no lead is missing.

    A reporter line (本报记者 张三) may stand under a feature's title while its lead is
    printed elsewhere, so it does not count.
    """
    return chain.segments[0].units[0].parts[0].opens in ("dateline", "continuation")


def _editors_note(chain: Chain) -> bool:
    return not chain.headlines and chain.segments[0].units[0].text.text.lstrip().startswith(
        EDITORS_NOTE
    )


def reattach_leads(chains: list[Chain]) -> list[Chain]:
    """Join headline-less, dateline-less chains to the article they lead; return the rest.

    An editor's note (编者按：…) joins the article printed right after it.
    """
    chains = list(chains)
    for i in range(len(chains) - 2, -1, -1):
        if _editors_note(chains[i]):
            _merge(chains.pop(i), chains[i])
    leads = [c for c in chains if not c.headlines and not c.opens]
    if not leads:
        return chains
    hosts = [c for c in chains if c.headlines and not _opens_with_dateline(c)]
    taken: set[int] = set()
    merged: set[int] = set()
    for lead in leads:
        lead_grams = bigrams(_text(lead))
        best: Chain | None = None
        best_score = -1.0
        for host in hosts:
            if id(host) in taken:
                continue
            score = share(lead_grams, bigrams(_text(host)))
            if score > best_score:
                best, best_score = host, score
        if best is None or best_score < MIN_SHARED:
            continue
        taken.add(id(best))
        merged.add(id(lead))
        _merge(lead, best)
    return [c for c in chains if id(c) not in merged]
