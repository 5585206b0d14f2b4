"""Search filters as index tokens: paper, date and page in a column of the search index.

Filtering hits by joining each match to its page, issue and paper costs a few lookups per
matching article, far too many when a common word matches tens of thousands. Instead each
article's index row carries, in a ``meta`` column that no query word reaches, tokens for
where it stands: ``§p12`` (the paper's id), ``§y2022``, ``§m202212``, ``§d20221210`` and
``§g2`` (the page). A filter becomes one more FTS5 term, answered from the index alone; a
date range becomes the fewest whole years, months and days that cover it.

The ``§`` makes them tokens the query tokenizer can never produce (it never joins a symbol
and a letter into one token), and queries are confined to the text columns anyway.

An enriched article's ``meta`` also holds a token per person, organization and place it
mentions (``§e`` and a hash of type and key, ``entity_token``): a search filtered by an
entity is one more term too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

META_MARK = "§"
"""Opens every filter token."""


def page_meta(paper_id: int, date: str, number: int) -> str:
    """The ``meta`` column of every article of a page."""
    day = dt.date.fromisoformat(date)
    return (
        f"{META_MARK}p{paper_id} {META_MARK}y{day:%Y} {META_MARK}m{day:%Y%m} "
        f"{META_MARK}d{day:%Y%m%d} {META_MARK}g{number}"
    )


def paper_token(paper_id: int) -> str:
    """The token of a paper."""
    return f"{META_MARK}p{paper_id}"


def page_token(number: int) -> str:
    """The token of a page number."""
    return f"{META_MARK}g{number}"


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def date_tokens(start: dt.date, end: dt.date) -> list[str]:
    """The fewest year, month and day tokens covering ``start`` … ``end`` (inclusive)."""
    out: list[str] = []
    day = start
    while day <= end:
        if day.month == 1 and day.day == 1 and dt.date(day.year, 12, 31) <= end:
            out.append(f"{META_MARK}y{day:%Y}")
            day = dt.date(day.year + 1, 1, 1)
        elif day.day == 1 and _next_month(day) - dt.timedelta(days=1) <= end:
            out.append(f"{META_MARK}m{day:%Y%m}")
            day = _next_month(day)
        else:
            out.append(f"{META_MARK}d{day:%Y%m%d}")
            day += dt.timedelta(days=1)
    return out


def entity_token(type_: str, key: str) -> str:
    """The token of an entity (``type_``, ``key``) an article mentions.

    A hash of the two, so that any key (spaces, ASCII punctuation, Latin words) makes one
    token of ASCII letters and digits after the mark.
    """
    digest = hashlib.blake2b(f"{type_}\x1f{key}".encode(), digest_size=8).hexdigest()
    return f"{META_MARK}e{digest}"


def article_meta(page: str, entities: Iterable[tuple[str, str]]) -> str:
    """The ``meta`` column of one article: its page's tokens and its entities' (each once)."""
    tokens = sorted({entity_token(t, k) for t, k in entities})
    return " ".join([page, *tokens])
