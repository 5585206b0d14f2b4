"""Which articles an export holds, and each as a flat record (a dict of plain values).

``iter_records`` walks the archive paper by paper, issue by issue, page by page (in that
order, by name, date and number), loading one page at a time, and yields one record per
article. The record is what every format writes (``RECORD_FIELDS``):

- ``id``: ``paper/date/page/article_id``, unique in the archive;
- ``paper``, ``date`` (ISO), ``page``; ``article_id`` (``a1`` …) and ``position`` (the
  article's place on its page, from 1);
- the title group (``kicker``, ``title``, ``subtitle``), ``dateline``, ``byline``,
  ``authors`` (names); ``continued_from`` / ``continues_to`` (pages it jumps from and to);
- ``text``: the paragraphs' texts, one line each; ``paragraphs``: each with its ``type``,
  ``text``, ``first_line``, ``last_line``, ``rule`` and source ``spans`` (``[line, start,
  end]``, lines of the stored raw text); ``field_lines``: ``field``, ``first_line``,
  ``last_line`` of each title part, the dateline and the byline;
- ``mentions``: what enrichment found, each mention as ``banmian.page`` JSON gives it
  (``banmian.serialize.json.article_mentions``: type, text, span with source lines, rule,
  confidence, normalized values); ``None`` for a page stored without enrichment
  (``ingest --no-enrich``), an empty list for an enriched article naming nothing. Left out
  of the record altogether when the export is asked for none (``mentions=False``).

**Batch rows.** The columns the batch mode's rows (``banmian.batch.schema``) also have carry
the same names and values, built by one function (``banmian.serialize.columns``;
``tests/test_export.py`` compares them page by page): an
exported article is a batch row without ``page_hash`` and ``source``, plus ``id`` and each
paragraph's ``spans``. Those two are left out because they mean something else here: a
batch row names the file it parsed and the sha256 of its bytes, while the archive keys a
page by paper, date and number (``id``) and keeps the file's name and the hash of its
decoded text (``banmian ingest``). ``spans`` are added because the archive stores them,
and they place a paragraph to the character. The formats keep the shared columns' types
too (in Parquet ``date`` is a date, ``mentions`` JSON text: ``export.parquet``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from banmian.archive.records import ArchiveReader, PageInfo, StoredPage
from banmian.errors import UsageError
from banmian.model import Article
from banmian.serialize.columns import article_columns
from banmian.serialize.json import article_mentions

ARTICLE_FIELDS = (
    *("id", "paper", "date", "page", "article_id", "position"),
    *("kicker", "title", "subtitle", "dateline", "byline", "authors"),
    *("continued_from", "continues_to", "text", "paragraphs", "field_lines"),
)
"""The keys of a record without mentions, in order."""
RECORD_FIELDS = (*ARTICLE_FIELDS, "mentions")
"""The keys of every record (with mentions, the default), in order."""


def record_fields(mentions: bool = True) -> tuple[str, ...]:
    """The keys of a record, with or without ``mentions``."""
    return RECORD_FIELDS if mentions else ARTICLE_FIELDS


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


def article_record(info: PageInfo, article: Article, position: int) -> dict[str, Any]:
    """One article with where it stands, as a flat record without ``mentions`` (see the
    module's docstring); ``page_records`` adds them."""
    return {
        "id": f"{info.paper}/{info.date}/{info.number}/{article.id}",
        **article_columns(
            article,
            paper=info.paper,
            date=info.date,
            page=info.number,
            position=position,
            spans=True,
        ),
    }


def page_records(stored: StoredPage, *, mentions: bool = True) -> list[dict[str, Any]]:
    """The records of a stored page's articles, in page order; with ``mentions`` (the
    default) each holds its ``mentions``, None when the page was stored without enrichment."""
    page = stored.page
    raw = {ln.number: ln.raw for ln in page.lines} if mentions and page.enriched else None
    records = []
    for position, article in enumerate(page.articles, start=1):
        record = article_record(stored.info, article, position)
        if mentions:
            record["mentions"] = None if raw is None else article_mentions(raw, article)
        records.append(record)
    return records


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


def iter_records(
    archive: ArchiveReader, filters: ExportFilters, *, mentions: bool = True
) -> Iterator[dict[str, Any]]:
    """Every article to export as a record, one page loaded at a time; with ``mentions``
    (the default) each record holds its ``mentions``."""
    for info in iter_pages(archive, filters):
        stored = archive.page(info.paper, info.date, info.number)
        if stored is None:  # deleted meanwhile
            continue
        yield from page_records(stored, mentions=mentions)
