"""The archive: pages and articles stored for browsing and Chinese full-text search."""

from banmian.archive.records import (
    ArchiveReader,
    IssueInfo,
    PageInfo,
    PaperInfo,
    SearchHit,
    SearchQuery,
    SearchResult,
    StoredArticle,
    StoredPage,
)

__all__ = [
    "ArchiveReader",
    "IssueInfo",
    "PageInfo",
    "PaperInfo",
    "SearchHit",
    "SearchQuery",
    "SearchResult",
    "StoredArticle",
    "StoredPage",
]
