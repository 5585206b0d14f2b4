"""Exports: the archive's articles as files for corpus builders and news systems.

``export_archive(archive, fmt, out, filters)`` streams the articles of an archive (SQLite
or PostgreSQL) in one of ``FORMATS``, one article per row or record, page by page: memory
holds one page and one batch of rows at a time, whatever the archive's size. The modules,
one per concern: ``records`` (which articles, as flat records), and one per format:
``jsonl``, ``csvfile``, ``parquet``, ``markdown``, ``jsonld`` (schema.org ``NewsArticle``),
``nitf`` (IPTC's NITF 3.x XML).
"""

from banmian.export.records import ExportFilters, article_record, iter_records
from banmian.export.writers import FORMATS, export_archive

__all__ = ["FORMATS", "ExportFilters", "article_record", "export_archive", "iter_records"]
