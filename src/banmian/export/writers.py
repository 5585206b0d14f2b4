"""The export formats by name, and ``export_archive`` that writes one of them.

Every format but NITF writes one stream (a file, or standard output); Parquet needs a file
(it is written with a footer at the end), NITF a folder (one document per article). Every
writer takes ``mentions``: the formats of columns (CSV, Parquet) need to know before the
first record whether the mention columns are there; the others write what each record
holds.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from banmian.archive.records import ArchiveReader
from banmian.errors import UsageError
from banmian.export.csvfile import write_csv
from banmian.export.jsonl import write_jsonl
from banmian.export.jsonld import write_jsonld
from banmian.export.markdown import write_markdown
from banmian.export.nitf import write_nitf
from banmian.export.parquet import write_parquet
from banmian.export.records import ExportFilters, iter_records


class StreamWriter(Protocol):
    """Writes records to a binary stream and returns how many."""

    def __call__(
        self, records: Iterable[dict[str, Any]], out: BinaryIO, *, mentions: bool = True
    ) -> int: ...


STREAM_WRITERS: dict[str, StreamWriter] = {
    "jsonl": write_jsonl,
    "parquet": write_parquet,
    "csv": write_csv,
    "markdown": write_markdown,
    "jsonld": write_jsonld,
}
"""Formats written to one stream."""

FORMATS = (*STREAM_WRITERS, "nitf")
"""Every export format, by name."""

NEEDS_FILE = ("parquet",)
"""Formats that cannot go to standard output."""


def export_archive(
    archive: ArchiveReader,
    fmt: str,
    output: str | None,
    filters: ExportFilters,
    *,
    mentions: bool = True,
) -> int:
    """Export the archive's articles (within ``filters``) to ``output``; return how many.

    ``output`` is a file (a folder for ``nitf``), or None or ``-`` for standard output.
    With ``mentions`` (the default) every article carries what enrichment found in it.
    """
    filters.check()
    records = iter_records(archive, filters, mentions=mentions)
    to_stdout = output is None or output == "-"
    if fmt == "nitf":
        if to_stdout:
            raise UsageError("--format nitf writes one file per article: give -o FOLDER")
        return write_nitf(records, Path(str(output)))
    if fmt not in STREAM_WRITERS:
        raise UsageError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
    if to_stdout:
        if fmt in NEEDS_FILE:
            raise UsageError(f"--format {fmt} is written to a file: give -o FILE")
        count = STREAM_WRITERS[fmt](records, sys.stdout.buffer, mentions=mentions)
        sys.stdout.buffer.flush()
        return count
    path = Path(str(output))
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("wb") as out:
            count = STREAM_WRITERS[fmt](records, out, mentions=mentions)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return count
