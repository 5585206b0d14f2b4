"""Ingest: page files into the archive, one transaction per page, a bad page never stopping a batch.

``find_pages`` lists what to read: files as given, folders searched recursively for
``*.txt`` (gold files, ``*.gold.json``, are no pages), ``-`` for standard input. Each page's
paper, date and number come from its file name (``{paper}_{YYYY-MM-DD}_{page}.txt``, see
``banmian.names``) unless given as options, which win field by field; a page for which one
of the three stays unknown fails with ``PageMetadataError``.

``ingest`` reads, parses, enriches (``banmian.enrich``, unless ``enrich=False``) and stores
the pages one at a time and yields an ``Outcome`` for each: ``ingested`` (new),
``replaced`` (the archive held other text under the same paper, date and number: replaced
in one transaction), ``enriched`` (same text, held without mentions: parsed, enriched and
replaced the same way), ``unchanged`` (same text, by sha256, and enriched if asked: not
even parsed again) or ``failed`` (with the error; the batch goes on). A page is parsed,
enriched and committed before the next is read, its mentions in the same transaction as
its articles, so a batch killed at any moment leaves every page either stored whole or not
at all, and running it again finishes the job. Storing a page links the continuations of
its issue again in the same transaction (``banmian.archive.links``), so pages may come in
any order and over several runs.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from banmian.archive.store import Archive, text_sha256
from banmian.enrich import enrich as enrich_page
from banmian.errors import PageMetadataError
from banmian.names import FILE_NAME_PATTERN, parse_page_name
from banmian.pipeline import parse_text
from banmian.read import decode, read_path, read_stream

STDIN = "-"
"""The argument that stands for standard input."""

PAGE_SUFFIX = ".txt"
"""Files taken from a folder end so."""

OUTCOMES = ("ingested", "unchanged", "replaced", "failed", "enriched")
"""What can become of a page, in the order the summary lists them (``enriched`` only when
some were)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one page."""

    source: str
    """The file as found (or ``-``)."""
    status: str
    """One of ``OUTCOMES``."""
    paper: str | None = None
    """The page's paper, when it was known."""
    date: str | None = None
    """Its issue date, when known."""
    page: int | None = None
    """Its page number, when known."""
    error: Exception | None = None
    """Why it failed (a ``BanmianError``, an ``OSError`` …), for ``failed`` only."""


@dataclass(slots=True)
class Summary:
    """Outcomes counted over a batch."""

    counts: Counter[str]
    """Pages by outcome (``OUTCOMES``)."""

    @classmethod
    def of(cls, outcomes: Iterable[Outcome]) -> Summary:
        """Count some outcomes."""
        return cls(Counter(o.status for o in outcomes))

    def add(self, outcome: Outcome) -> None:
        """Count one more outcome."""
        self.counts[outcome.status] += 1

    @property
    def failed(self) -> int:
        """Pages that could not be stored."""
        return self.counts["failed"]

    def line(self) -> str:
        """``ingested N, unchanged M, replaced K, failed F`` (and ``, enriched E`` if E > 0)."""
        return ", ".join(
            f"{name} {self.counts[name]}"
            for name in OUTCOMES
            if name != "enriched" or self.counts[name]
        )


def find_pages(paths: Sequence[str | Path]) -> list[str]:
    """The page files named or found under folders (recursively, ``*.txt``), in order.

    Arguments keep their order; a folder's files are sorted. A path that does not exist is
    kept, so that reading it reports the error in its turn.
    """
    out: list[str] = []
    for arg in paths:
        text = str(arg)
        if text != STDIN and Path(text).is_dir():
            found = [
                str(p)
                for p in Path(text).rglob(f"*{PAGE_SUFFIX}")
                if p.is_file() and not p.name.startswith(".")
            ]
            out.extend(sorted(found))
        else:
            out.append(text)
    return out


def page_metadata(
    source: str, *, paper: str | None, date: str | None, page: int | None
) -> tuple[str, str, int]:
    """Paper, date and number of a page: the options, else the file name's."""
    named = None if source == STDIN else parse_page_name(source)
    if named is not None:
        paper = paper if paper is not None else named.paper
        date = date if date is not None else named.date
        page = page if page is not None else named.page
    missing = [n for n, v in (("paper", paper), ("date", date), ("page", page)) if v is None]
    if paper is None or date is None or page is None:
        raise PageMetadataError(
            f"no {', '.join(missing)} for this page: name the file {FILE_NAME_PATTERN} "
            "or give --paper, --date and --page"
        )
    return paper, date, page


def source_name(source: str) -> str:
    """What ``pages.source`` records: the file's name (``-`` for standard input)."""
    return source if source == STDIN else os.path.basename(source)


def ingest_one(
    archive: Archive,
    source: str,
    *,
    paper: str | None = None,
    date: str | None = None,
    page: int | None = None,
    encoding: str | None = None,
    enrich: bool = True,
) -> Outcome:
    """Read, parse, enrich and store one page; every error becomes a ``failed`` outcome."""
    try:
        paper, date, page = page_metadata(source, paper=paper, date=date, page=page)
        data = read_stream(sys.stdin.buffer) if source == STDIN else read_path(source)
        text = decode(data, encoding=encoding)
        status = store_text(
            archive, text, paper=paper, date=date, page=page, source=source, enrich=enrich
        )
    except Exception as err:  # reported per page; the batch goes on
        return Outcome(source, "failed", paper, date, page, err)
    return Outcome(source, status, paper, date, page)


def store_text(
    archive: Archive,
    text: str,
    *,
    paper: str,
    date: str,
    page: int,
    source: str,
    enrich: bool = True,
) -> str:
    """Parse a page's text, enrich it (if asked) and store it, unless the archive holds this
    very text already (enriched, if asked)."""
    held = archive.page_state(paper, date, page)
    if held is not None and held[0] == text_sha256(text) and (held[1] or not enrich):
        return "unchanged"
    parsed = parse_text(text, paper=paper, date=date, page=page)
    if enrich:
        enrich_page(parsed)
    return archive.store_page(parsed, raw_text=text, source=source_name(source))


def ingest(
    archive: Archive,
    sources: Sequence[str],
    *,
    paper: str | None = None,
    date: str | None = None,
    page: int | None = None,
    encoding: str | None = None,
    enrich: bool = True,
) -> Iterator[Outcome]:
    """Ingest pages one at a time (see the module's docstring), yielding each outcome."""
    for source in sources:
        yield ingest_one(
            archive, source, paper=paper, date=date, page=page, encoding=encoding, enrich=enrich
        )
