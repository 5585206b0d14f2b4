"""The archive benchmark: ingest rate and search latency on an archive of generated pages.

``run_archive_benchmark`` makes ``pages`` pages with ``banmian.synth`` (not timed), ingests
them one transaction each as ``banmian ingest`` does (parse + store timed apart), then
times ``queries`` searches through ``Archive.search`` (query parsing, FTS5, ranking, hits
and snippets: what a user waits for), each once after an untimed warm-up pass, on one
thread; then merges the index (``Archive.optimize``, timed) and times the same searches
again. The queries are what people type, cut at random places from the stored articles'
texts, so common strings come up as often as they occur (a pessimistic mix: the generated
pages draw on a small vocabulary, so a random two-character word matches far more articles
than on real pages). They come in classes:

- ``1 char``, ``2 chars``, ``3-4 chars``: a bare word of that many Chinese characters;
- ``number``: a number with the character after it, as printed (``12月``, ``3.7%``,
  ``906个``);
- ``phrase``: 5–8 characters cut anywhere (punctuation and digits included), quoted, as
  pasted from a text;
- ``boolean``: two words, ``a b``, ``a OR b`` or ``a -b``;
- ``filtered``: a two-character word with a paper, a year's date range or a page number.
"""

from __future__ import annotations

import math
import os
import platform
import random
import re
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from banmian.archive.records import SearchQuery
from banmian.archive.rows import search_columns
from banmian.archive.store import Archive, open_archive
from banmian.errors import UsageError
from banmian.pipeline import parse_text
from banmian.synth import generate_pages

QUERY_CLASSES = ("1 char", "2 chars", "3-4 chars", "number", "phrase", "boolean", "filtered")
"""The kinds of query timed, in the order reported."""
_CLASS_WEIGHTS = (10, 30, 20, 5, 10, 10, 15)
_IDEOGRAPHS = re.compile("[\u4e00-\u9fff]+")
_NUMBERS = re.compile(r'[0-9０-９]+(?:[.．][0-9０-９]+)?[^\s0-9０-９.．"()]')
WARM_UP = 50
"""Queries run untimed before the timed ones."""
KEEP_TEXTS = 3000
"""Article texts kept (a uniform sample) to cut queries from."""


@dataclass(frozen=True, slots=True)
class Latency:
    """Search latencies of one class of queries, in milliseconds."""

    name: str
    """The query class (``QUERY_CLASSES``) or ``all``."""
    times_ms: tuple[float, ...]
    """Latency of each query."""
    hits: tuple[int, ...]
    """Total matching articles of each query."""

    @property
    def median(self) -> float:
        """Median latency."""
        return statistics.median(self.times_ms) if self.times_ms else math.nan

    @property
    def p95(self) -> float:
        """95th percentile (nearest rank)."""
        return percentile(self.times_ms, 95)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "class": self.name,
            "queries": len(self.times_ms),
            "median_ms": self.median,
            "p95_ms": self.p95,
            "max_ms": max(self.times_ms, default=math.nan),
            "median_matches": statistics.median(self.hits) if self.hits else math.nan,
        }


def percentile(values: tuple[float, ...] | list[float], pct: float) -> float:
    """The nearest-rank percentile."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(slots=True)
class ArchiveBenchReport:
    """What ``run_archive_benchmark`` measured."""

    pages: int
    """Pages stored."""
    articles: int
    """Articles stored."""
    chars: int
    """Characters of raw text ingested."""
    ingest_seconds: float
    """Parse plus store, all pages."""
    parse_seconds: float
    """Of which parsing."""
    db_bytes: int
    """Size of the archive file (and its WAL) after ingest."""
    rank_window: int
    """``Archive.rank_window`` during the searches."""
    latencies: list[Latency] = field(default_factory=list)
    """Searches on the archive as ingested."""
    optimize_seconds: float = 0.0
    """Time ``Archive.optimize`` took afterwards."""
    optimized: list[Latency] = field(default_factory=list)
    """The same searches again after ``optimize``."""
    seed: int = 0
    """Seed of the generated pages."""
    python: str = ""
    """Python version."""
    machine: str = ""
    """Platform description."""

    @property
    def pages_per_second(self) -> float:
        """Ingest rate, parse and store together."""
        return self.pages / self.ingest_seconds if self.ingest_seconds else math.inf

    @property
    def store_seconds(self) -> float:
        """Ingest time not spent parsing: rows, index, commits."""
        return self.ingest_seconds - self.parse_seconds

    @property
    def overall(self) -> Latency:
        """Every timed query together (as ingested)."""
        return overall(self.latencies)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "python": self.python,
            "machine": self.machine,
            "seed": self.seed,
            "pages": self.pages,
            "articles": self.articles,
            "chars": self.chars,
            "ingest_seconds": self.ingest_seconds,
            "parse_seconds": self.parse_seconds,
            "store_seconds": self.store_seconds,
            "pages_per_second": self.pages_per_second,
            "db_bytes": self.db_bytes,
            "rank_window": self.rank_window,
            "search": self.overall.to_dict(),
            "search_by_class": [lat.to_dict() for lat in self.latencies],
            "optimize_seconds": self.optimize_seconds,
            "search_optimized": overall(self.optimized).to_dict(),
            "search_optimized_by_class": [lat.to_dict() for lat in self.optimized],
        }

    def to_text(self) -> str:
        """A short report for people."""
        mib = self.db_bytes / 1024 / 1024
        lines = [
            f"banmian archive benchmark - Python {self.python}, {self.machine}; one core, "
            f"seed {self.seed}",
            f"ingest: {self.pages} pages ({self.articles} articles, {self.chars:,} chars) in "
            f"{self.ingest_seconds:.1f} s = {self.pages_per_second:.1f} pages/s "
            f"(parse {self.parse_seconds:.1f} s, store {self.store_seconds:.1f} s); "
            f"archive {mib:.0f} MiB",
        ]
        for title, lats in (
            (f"search as ingested (rank window {self.rank_window}):", self.latencies),
            (f"search after optimize ({self.optimize_seconds:.1f} s):", self.optimized),
        ):
            if not lats:
                continue
            lines.append(title)
            lines.append(
                f"  {'class':<10} {'queries':>7} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} "
                f"{'median matches':>15}"
            )
            for lat in [*lats, overall(lats)]:
                d = lat.to_dict()
                lines.append(
                    f"  {lat.name:<10} {d['queries']:>7} {d['median_ms']:>10.2f} "
                    f"{d['p95_ms']:>8.2f} {d['max_ms']:>8.2f} {d['median_matches']:>15.0f}"
                )
        return "\n".join(lines) + "\n"


def overall(latencies: list[Latency]) -> Latency:
    """Every query of some classes together."""
    return Latency(
        "all",
        tuple(t for lat in latencies for t in lat.times_ms),
        tuple(h for lat in latencies for h in lat.hits),
    )


@dataclass(slots=True)
class _Ingested:
    pages: int = 0
    """Pages stored."""
    articles: int = 0
    """Articles stored."""
    chars: int = 0
    """Characters of raw text."""
    seconds: float = 0.0
    """Parse plus store."""
    parse_seconds: float = 0.0
    """Of which parsing."""
    papers: set[str] = field(default_factory=set)
    """Paper names seen."""
    pages_seen: set[int] = field(default_factory=set)
    """Page numbers seen."""
    texts: list[str] = field(default_factory=list)
    """A uniform sample of article texts, to cut queries from."""


def ingest_generated(archive: Archive, pages: int, seed: int, rng: random.Random) -> _Ingested:
    """Generate and ingest pages (each under a key of its own), timing parse and store."""
    out = _Ingested()
    keys: set[tuple[str, str, int]] = set()
    seen_articles = 0
    for text, gold in generate_pages(pages, seed):
        paper, date, number = gold["paper"], gold["date"], int(gold["page"])
        while (paper, date, number) in keys:
            number += 1  # the same page drawn twice: store it as the next one
        keys.add((paper, date, number))
        start = time.perf_counter()
        page = parse_text(text, paper=paper, date=date, page=number)
        parsed = time.perf_counter()
        archive.store_page(page, raw_text=text, source=f"{paper}_{date}_{number}.txt")
        out.seconds += time.perf_counter() - start
        out.parse_seconds += parsed - start
        out.pages += 1
        out.articles += len(page.articles)
        out.chars += len(text)
        out.papers.add(paper)
        out.pages_seen.add(number)
        for art in page.articles:  # reservoir sample of article texts
            body = "".join(t for texts in search_columns(art) for t in texts)
            seen_articles += 1
            if len(out.texts) < KEEP_TEXTS:
                out.texts.append(body)
            else:
                k = rng.randrange(seen_articles)
                if k < KEEP_TEXTS:
                    out.texts[k] = body
    return out


def _cut(rng: random.Random, texts: list[str], size: int, *, anywhere: bool = False) -> str:
    """``size`` Chinese characters cut from a text (any visible ones if ``anywhere``)."""
    while True:
        text = rng.choice(texts)
        if len(text) < size:
            continue
        start = rng.randrange(len(text) - size + 1)
        piece = text[start : start + size]
        if anywhere:
            if not any(ch.isspace() or ch in '"()' for ch in piece) and piece[0] != "-":
                return piece
        elif _IDEOGRAPHS.fullmatch(piece):
            return piece


def _number(rng: random.Random, texts: list[str]) -> str:
    """A number and the character printed after it, from a text that has one."""
    while True:
        found = _NUMBERS.findall(rng.choice(texts))
        if found:
            return str(rng.choice(found))


def make_queries(
    rng: random.Random, texts: list[str], n: int, papers: list[str], pages: list[int]
) -> list[tuple[str, SearchQuery]]:
    """``n`` queries of the classes in ``QUERY_CLASSES``, cut from ``texts``."""
    out: list[tuple[str, SearchQuery]] = []
    for _ in range(n):
        kind = rng.choices(QUERY_CLASSES, weights=_CLASS_WEIGHTS)[0]
        if kind == "1 char":
            query = SearchQuery(_cut(rng, texts, 1))
        elif kind == "2 chars":
            query = SearchQuery(_cut(rng, texts, 2))
        elif kind == "3-4 chars":
            query = SearchQuery(_cut(rng, texts, rng.randint(3, 4)))
        elif kind == "number":
            query = SearchQuery(_number(rng, texts))
        elif kind == "phrase":
            query = SearchQuery(f'"{_cut(rng, texts, rng.randint(5, 8), anywhere=True)}"')
        elif kind == "boolean":
            a, b = _cut(rng, texts, 2), _cut(rng, texts, rng.randint(2, 3))
            query = SearchQuery(rng.choice((f"{a} {b}", f"{a} OR {b}", f"{a} -{b}")))
        else:
            word = _cut(rng, texts, 2)
            year = rng.randint(2012, 2024)
            query = rng.choice(
                (
                    SearchQuery(word, paper=rng.choice(papers)),
                    SearchQuery(word, date_from=f"{year}-01-01", date_to=f"{year}-12-31"),
                    SearchQuery(word, page=rng.choice(pages)),
                )
            )
        out.append((kind, query))
    return out


def time_queries(archive: Archive, queries: list[tuple[str, SearchQuery]]) -> list[Latency]:
    """Each query once, after a warm-up pass over the first ``WARM_UP``; per class."""
    for _, query in queries[:WARM_UP]:
        archive.search(query)
    times: dict[str, list[float]] = {k: [] for k in QUERY_CLASSES}
    hits: dict[str, list[int]] = {k: [] for k in QUERY_CLASSES}
    for kind, query in queries:
        start = time.perf_counter()
        result = archive.search(query)
        times[kind].append((time.perf_counter() - start) * 1000)
        hits[kind].append(result.total)
    return [Latency(k, tuple(times[k]), tuple(hits[k])) for k in QUERY_CLASSES if times[k]]


@contextmanager
def _archive_file(db: Path | None) -> Iterator[Path]:
    if db is not None:
        if db.exists():
            raise UsageError(f"{db} exists: the benchmark builds a new archive")
        yield db
        return
    with tempfile.TemporaryDirectory(prefix="banmian-bench-") as folder:
        yield Path(folder) / "bench.db"


def run_archive_benchmark(
    pages: int = 10_000,
    queries: int = 500,
    seed: int = 0,
    db: Path | None = None,
    rank_window: int | None = None,
) -> ArchiveBenchReport:
    """Build an archive of ``pages`` generated pages and time ingest and ``queries`` searches.

    The archive goes to ``db`` (which must not exist), else to a temporary file removed at
    the end.
    """
    if pages < 1 or queries < 1:
        raise UsageError("the archive benchmark needs at least 1 page and 1 query")
    rng = random.Random(f"archive-bench:{seed}")
    with _archive_file(db) as path, open_archive(path) as archive:
        if rank_window is not None:
            archive.rank_window = rank_window
        done = ingest_generated(archive, pages, seed, rng)
        size = sum(os.path.getsize(p) for p in (path, Path(f"{path}-wal")) if os.path.exists(p))
        counts = archive.counts()
        mix = make_queries(rng, done.texts, queries, sorted(done.papers), sorted(done.pages_seen))
        latencies = time_queries(archive, mix)
        start = time.perf_counter()
        archive.optimize()
        optimize_seconds = time.perf_counter() - start
        optimized = time_queries(archive, mix)
        return ArchiveBenchReport(
            pages=counts["pages"],
            articles=counts["articles"],
            chars=done.chars,
            ingest_seconds=done.seconds,
            parse_seconds=done.parse_seconds,
            db_bytes=size,
            rank_window=archive.rank_window,
            latencies=latencies,
            optimize_seconds=optimize_seconds,
            optimized=optimized,
            seed=seed,
            python=platform.python_version(),
            machine=f"{platform.system()} {platform.machine()}",
        )
