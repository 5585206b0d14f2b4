"""The text of a problem report about one item of a page's reconstruction.

The reader writes nothing: it prefills a report a user can copy into an issue tracker or an
e-mail, naming the page, the item, its kind and rule, and the raw lines it came from.
"""

from __future__ import annotations

from banmian.archive.records import PageInfo
from banmian.web.layout import KINDS, LayoutItem


def report_text(info: PageInfo, item: LayoutItem, excerpt: list[tuple[int, str]], url: str) -> str:
    """A plain-text report, the raw lines quoted with their numbers."""
    first, last = item.lines
    where = f"line {first}" if first == last else f"lines {first}–{last}"
    owner = f"article {item.article_id}" if item.article_id else "no article (unassigned)"
    width = len(str(max((n for n, _ in excerpt), default=0)))
    quoted = "\n".join(f"    {n:>{width}} | {raw}" for n, raw in excerpt)
    return (
        f"Wrong reconstruction on {info.paper} {info.date}, page {info.number}\n"
        f"\n"
        f"Item: {item.id}, read as {KINDS.get(item.kind, item.kind)} by rule {item.rule!r},"
        f" in {owner}, {where}\n"
        f"Page view: {url}\n"
        f"Source file: {info.source} (sha256 {info.sha256[:12]})\n"
        f"\n"
        f"Raw text:\n{quoted}\n"
        f"\n"
        f"Read as:\n    {item.text}\n"
        f"\n"
        f"What is wrong, and what it should be:\n    \n"
    )
