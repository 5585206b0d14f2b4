"""Exports: the archive's articles as files for corpus builders and news systems.

``export_archive(archive, fmt, out, filters)`` streams the articles of an archive (SQLite
or PostgreSQL) in one of ``FORMATS``, one article per row or record, page by page: memory
holds one page and one batch of rows at a time, whatever the archive's size. Every record
carries its article's ``mentions`` as enrichment stored them (``mentions=False`` leaves them
out). The modules, one per concern: ``records`` (which articles, as flat records sharing the
batch rows' columns), ``mentions`` (the mentions as ``banmian.page`` JSON has them, placed
on their lines fast), ``entities`` (the people, organizations and places they name, once
each, for the formats that list entities), and one per format: ``jsonl``, ``csvfile``,
``parquet``, ``markdown``, ``jsonld`` (schema.org ``NewsArticle``), ``nitf`` (IPTC's NITF
3.x XML).
"""

from banmian.export.records import ExportFilters, article_record, iter_records, page_records
from banmian.export.writers import FORMATS, export_archive

__all__ = [
    "FORMATS",
    "ExportFilters",
    "article_record",
    "export_archive",
    "iter_records",
    "page_records",
]
