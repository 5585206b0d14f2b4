"""The archive: pages and articles stored for browsing and Chinese full-text search.

``open_archive(path_or_url)`` gives an ``Archive`` (``store.py``), which implements the
``ArchiveReader`` protocol of ``records.py`` and stores parsed pages. The modules, one per
concern: ``schema`` (named migrations), ``sqlite`` (all SQL), ``rows`` (a page as rows and
back), ``tokens`` (the bigram tokenizer), ``query`` (the query language), ``fts5`` (queries
in FTS5 syntax), ``snippets``, ``ingest`` (files to archive), ``links`` (continuations
linked across an issue's pages, followed into whole stories), ``bench`` (ingest and search
speed); for PostgreSQL (``postgresql://`` URLs) ``postgres`` (all its SQL), ``pg_schema``
(the same migrations), ``pg_search`` (tokens as ``tsvector``, queries as ``tsquery``);
``backend`` (what the store needs of either).
"""

from banmian.archive.records import (
    ArchiveReader,
    IssueInfo,
    IssueWarningInfo,
    PageInfo,
    PaperInfo,
    SearchHit,
    SearchQuery,
    SearchResult,
    StoredArticle,
    StoredLink,
    StoredPage,
    Story,
    StoryReader,
)
from banmian.archive.store import Archive, open_archive

__all__ = [
    "Archive",
    "ArchiveReader",
    "IssueInfo",
    "IssueWarningInfo",
    "PageInfo",
    "PaperInfo",
    "SearchHit",
    "SearchQuery",
    "SearchResult",
    "StoredArticle",
    "StoredLink",
    "StoredPage",
    "Story",
    "StoryReader",
    "open_archive",
]
