"""Which articles an export holds, and each as a flat record (a dict of plain values).

``iter_records`` walks the archive paper by paper, issue by issue, page by page (in that
order, by name, date and number), loading one page at a time, and yields one record per
article. The record is what every format writes (``RECORD_FIELDS``):

- ``id``: ``paper/date/page/article`` (unique in the archive), and each part alone;
- the title group (``kicker``, ``title``, ``subtitle``), ``dateline``, ``byline``,
  ``authors`` (names);
- ``text``: the paragraphs joined by blank lines; ``paragraphs``: each with its ``type``,
  ``text`` and source ``spans`` (``[line, start, end]``, lines of the stored raw text);
- ``continued_from`` / ``continues_to``: the page numbers the article jumps from and to.

This row schema is the export's own (the batch mode's, ``banmian.batch.schema``, carries
parse provenance for pages not archived; the two share names where they overlap).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from banmian.archive.records import ArchiveReader, PageInfo
from banmian.errors import UsageError
from banmian.model import Article

RECORD_FIELDS = (
    "id",
    "paper",
    "date",
    "page",
    "article",
    "kicker",
    "title",
    "subtitle",
    "dateline",
    "byline",
    "authors",
    "text",
    "paragraphs",
    "continued_from",
    "continues_to",
)
"""The keys of every record, in order."""


@dataclass(frozen=True, slots=True)
class ExportFilters:
    """Which articles to export (all when every field is None)."""

    paper: str | None = None
    """Only this paper."""
    date_from: str | None = None
    """Only issues from this ISO date on."""
    date_to: str | None = None
    """Only issues up to this ISO date."""
    page: int | None = None
    """Only this page number."""

    def check(self) -> None:
        """Refuse dates that are no dates (``UsageError``, one line)."""
        for name, value in (("--from", self.date_from), ("--to", self.date_to)):
            if value is not None:
                try:
                    dt.date.fromisoformat(value)
                except ValueError:
                    raise UsageError(
                        f"{name} {value!r} is no date of the form YYYY-MM-DD"
                    ) from None

    def wants_date(self, date: str) -> bool:
        """Whether an issue of this date is exported."""
        return (self.date_from is None or date >= self.date_from) and (
            self.date_to is None or date <= self.date_to
        )


def article_record(info: PageInfo, article: Article) -> dict[str, Any]:
    """One article with where it stands, as a flat record (see the module's docstring)."""

    def text(name: str) -> str | None:
        found = getattr(article, name)
        return None if found is None else str(found.text)

    return {
        "id": f"{info.paper}/{info.date}/{info.number}/{article.id}",
        "paper": info.paper,
        "date": info.date,
        "page": info.number,
        "article": article.id,
        "kicker": text("kicker"),
        "title": text("title"),
        "subtitle": text("subtitle"),
        "dateline": text("dateline"),
        "byline": text("byline"),
        "authors": list(article.authors),
        "text": "\n\n".join(p.text for p in article.paragraphs),
        "paragraphs": [
            {
                "type": str(p.type),
                "text": p.text,
                "spans": [[s.line, s.start, s.end] for s in p.spans],
            }
            for p in article.paragraphs
        ],
        "continued_from": article.continued_from,
        "continues_to": article.continues_to,
    }


def iter_pages(archive: ArchiveReader, filters: ExportFilters) -> Iterator[PageInfo]:
    """The pages to export, in order, without loading them."""
    for paper in archive.papers():
        if filters.paper is not None and paper.name != filters.paper:
            continue
        for issue in archive.issues(paper.name):
            if not filters.wants_date(issue.date):
                continue
            for info in archive.pages(paper.name, issue.date):
                if filters.page is None or info.number == filters.page:
                    yield info


def iter_records(archive: ArchiveReader, filters: ExportFilters) -> Iterator[dict[str, Any]]:
    """Every article to export as a record, one page loaded at a time."""
    for info in iter_pages(archive, filters):
        stored = archive.page(info.paper, info.date, info.number)
        if stored is None:  # deleted meanwhile
            continue
        for article in stored.page.articles:
            yield article_record(stored.info, article)
