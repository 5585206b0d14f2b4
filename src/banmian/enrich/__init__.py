"""Enrich stage: find people, places, dates, sums and quantities in a page's articles.

``enrich(page)`` fills each article's ``mentions``. The finders run in ``ENRICHERS`` order,
one module each; dates resolve against the page's issue date (``Page.date``), and without
one relative dates keep their text with no value. Conventions: ``docs/ENTITIES.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from banmian.enrich.dates import find_dates
from banmian.enrich.money import find_money
from banmian.enrich.organizations import find_organizations
from banmian.enrich.people import find_people
from banmian.enrich.places import find_places
from banmian.enrich.quantities import find_quantities
from banmian.enrich.texts import Text, article_texts
from banmian.model import Article, Mention, Page, PageWarning

Finder = Callable[[Article, list[Text], "dt.date | None"], list[Mention]]

ENRICHERS: list[tuple[str, Finder]] = [
    ("people", lambda art, texts, issue: find_people(art, texts)),
    ("organizations", lambda art, texts, issue: find_organizations(texts)),
    ("places", lambda art, texts, issue: find_places(texts)),
    ("dates", lambda art, texts, issue: find_dates(texts, issue)),
    ("money", lambda art, texts, issue: [m for t in texts for m in find_money(t)]),
    ("quantities", lambda art, texts, issue: [m for t in texts for m in find_quantities(t)]),
]
"""The finders, in order: (name, function of article, its texts and the issue date)."""


def issue_date(page: Page) -> dt.date | None:
    """The page's issue date, if it has a valid one."""
    try:
        return dt.date.fromisoformat(page.date) if page.date else None
    except ValueError:
        return None


def enrich(page: Page) -> Page:
    """Fill every article's ``mentions`` (in text order); returns the page."""
    issue = issue_date(page)
    if issue is None:
        page.warnings.append(
            PageWarning("no-issue-date", "no issue date given: relative dates are not resolved")
        )
    for art in page.articles:
        texts = article_texts(art)
        order = {(t.field, t.paragraph): i for i, t in enumerate(texts)}
        mentions = [m for _, finder in ENRICHERS for m in finder(art, texts, issue)]
        mentions.sort(key=lambda m: (order[(m.field, m.paragraph)], m.start, -m.end))
        art.mentions = mentions
    page.enriched = True
    return page
