"""The parsing benchmark: speed and memory of ``parse_text`` on real and synthetic pages.

``run_benchmark`` parses two corpora, the bundled sample page and pages made by
``banmian.synth``, and reports for each the median pages and characters per second over
``repeat`` timed runs (``time.perf_counter``; one thread, so one core; the garbage collector
stays on, as in a real run) and the tracemalloc peak of one untimed pass. It adds the
process's maximum resident set size and a memory-flatness check: the tracemalloc peak while
parsing N pages one at a time, results dropped, against the peak over 4N pages. A parser
that keeps nothing from page to page has a ratio near 1; one that accumulates (a cache
keyed by text, a list of results) grows with the page count.

Only ``parse_text`` is timed: pages are read, decoded or generated beforehand. The
enrichment stage (``banmian.enrich``) is timed apart, on pages parsed beforehand with their
issue dates, so its rate is that of enrichment alone.

Run it as ``python -m banmian.bench`` (``--json`` for the JSON form).
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import platform
import statistics
import sys
import time
import tracemalloc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from banmian.enrich import enrich
from banmian.errors import UsageError
from banmian.model import Page
from banmian.pipeline import parse_text
from banmian.read import decode
from banmian.synth import generate_pages

SAMPLE_NAME = "000_288ad13e0e775b4e.txt"
"""File name of the bundled sample page, in ``samples/`` at the repository root."""
MIN_RUN_SECONDS = 0.05
"""A timed run of the one-page sample repeats the page until it lasts about this long."""
MAX_SAMPLE_PASSES = 1000
"""Most times the sample page is parsed in one timed run."""

_MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Throughput:
    """Speed and memory of parsing one corpus."""

    corpus: str
    """Name of the corpus (``sample``, ``generated``; ``enrich …`` for the enrichment stage)."""
    pages: int
    """Pages in the corpus."""
    chars: int
    """Characters in the corpus."""
    passes: int
    """Times the corpus was parsed in each timed run."""
    runs: tuple[float, ...]
    """Seconds per pass over the corpus, one value per timed run."""
    tracemalloc_peak: int
    """Peak bytes traced by tracemalloc during one pass, above what was held before it."""

    @property
    def seconds(self) -> float:
        """Median seconds per pass."""
        return statistics.median(self.runs)

    @property
    def pages_per_second(self) -> float:
        """Pages parsed per second (median run)."""
        return self.pages / self.seconds if self.seconds > 0 else math.inf

    @property
    def chars_per_second(self) -> float:
        """Characters parsed per second (median run)."""
        return self.chars / self.seconds if self.seconds > 0 else math.inf

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict, derived rates included."""
        return {
            "corpus": self.corpus,
            "pages": self.pages,
            "chars": self.chars,
            "passes": self.passes,
            "runs_seconds": list(self.runs),
            "median_seconds": self.seconds,
            "pages_per_second": self.pages_per_second,
            "chars_per_second": self.chars_per_second,
            "tracemalloc_peak_bytes": self.tracemalloc_peak,
        }


@dataclass(frozen=True, slots=True)
class Flatness:
    """Peak traced memory while streaming N pages against 4N pages."""

    pages: int
    """N: pages in the smaller stream."""
    peak_n: int
    """Peak bytes traced while parsing N pages one at a time."""
    peak_4n: int
    """Peak bytes traced while parsing 4N pages one at a time."""
    retained_n: int
    """Bytes still traced after the N pages and a garbage collection."""
    retained_4n: int
    """Bytes still traced after the 4N pages and a garbage collection."""

    @property
    def ratio(self) -> float:
        """``peak_4n / peak_n``: about 1 when memory stays flat."""
        return self.peak_4n / self.peak_n if self.peak_n else math.inf

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "pages_n": self.pages,
            "pages_4n": 4 * self.pages,
            "peak_n_bytes": self.peak_n,
            "peak_4n_bytes": self.peak_4n,
            "ratio": self.ratio,
            "retained_n_bytes": self.retained_n,
            "retained_4n_bytes": self.retained_4n,
        }


@dataclass(frozen=True, slots=True)
class BenchReport:
    """What ``run_benchmark`` measured."""

    sample: Throughput | None
    """The bundled sample page, or None when it could not be found."""
    generated: Throughput | None
    """Synthetic pages from ``banmian.synth``, or None when none were asked for."""
    enrich_sample: Throughput | None
    """Enrichment alone on the parsed sample page."""
    enrich_generated: Throughput | None
    """Enrichment alone on the parsed synthetic pages."""
    flatness: Flatness
    """Memory flatness over a stream of synthetic pages."""
    max_rss: int | None
    """Maximum resident set size of the process in bytes (None where unavailable)."""
    repeat: int
    """Timed runs per corpus."""
    seed: int
    """Seed of the synthetic pages."""
    python: str
    """Python version."""
    machine: str
    """Platform description."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "python": self.python,
            "machine": self.machine,
            "repeat": self.repeat,
            "seed": self.seed,
            "sample": self.sample.to_dict() if self.sample else None,
            "generated": self.generated.to_dict() if self.generated else None,
            "enrich_sample": self.enrich_sample.to_dict() if self.enrich_sample else None,
            "enrich_generated": self.enrich_generated.to_dict() if self.enrich_generated else None,
            "flatness": self.flatness.to_dict(),
            "max_rss_bytes": self.max_rss,
        }

    def to_text(self) -> str:
        """A short table for people."""
        head = (
            f"banmian parse benchmark - Python {self.python}, {self.machine}; "
            f"one core, median of {self.repeat} runs, seed {self.seed}"
        )
        rows = [
            f"{'corpus':<10} {'pages':>6} {'chars':>10} {'pages/s':>9} "
            f"{'chars/s':>11} {'peak MiB':>9}"
        ]
        for name, tp in (("sample", self.sample), ("generated", self.generated)):
            if tp is None:
                rows.append(f"{name:<10} {'(not found)' if name == 'sample' else '(none)'}")
                continue
            rows.append(_row(tp))
        enriched = [tp for tp in (self.enrich_sample, self.enrich_generated) if tp]
        if enriched:
            rows.append("enrichment alone (people, places, dates, sums) on the parsed pages:")
            rows.extend(_row(tp) for tp in enriched)
        fl = self.flatness
        rows.append(
            f"memory flatness: peak {fl.peak_n / _MIB:.2f} MiB over {fl.pages} pages, "
            f"{fl.peak_4n / _MIB:.2f} MiB over {4 * fl.pages} pages, ratio {fl.ratio:.2f}; "
            f"retained {fl.retained_n / 1024:.0f} KiB / {fl.retained_4n / 1024:.0f} KiB"
        )
        rss = "unavailable" if self.max_rss is None else f"{self.max_rss / _MIB:.1f} MiB"
        rows.append(f"process max RSS: {rss}")
        return "\n".join([head, *rows]) + "\n"


def _row(tp: Throughput) -> str:
    return (
        f"{tp.corpus:<10} {tp.pages:>6} {tp.chars:>10,} {tp.pages_per_second:>9.1f} "
        f"{tp.chars_per_second:>11,.0f} {tp.tracemalloc_peak / _MIB:>9.2f}"
    )


def find_sample() -> Path | None:
    """The bundled sample page: ``samples/`` at the repository root, or under the cwd."""
    name = Path("samples") / SAMPLE_NAME
    for root in (Path(__file__).resolve().parents[2], Path.cwd()):
        if (root / name).is_file():
            return root / name
    return None


def _parse_all(texts: Sequence[str], passes: int) -> float:
    """Seconds per pass over ``texts``, each page's result dropped as soon as it is made."""
    gc.collect()
    start = time.perf_counter()
    for _ in range(passes):
        for text in texts:
            parse_text(text)
    return (time.perf_counter() - start) / passes


@contextmanager
def _tracing() -> Iterator[None]:
    """Trace allocations inside the block (leaving tracing on if it was on already)."""
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    try:
        yield
    finally:
        if not was_tracing:
            tracemalloc.stop()


def _stream(texts: Sequence[str]) -> tuple[int, int]:
    """(peak, retained) bytes while parsing ``texts`` one at a time, tracing already on.

    Both are counted above what was held when the stream began, so the texts are not in
    them; ``retained`` is what is still held after the stream and a garbage collection.
    """
    gc.collect()
    tracemalloc.reset_peak()
    held = tracemalloc.get_traced_memory()[0]
    for text in texts:
        parse_text(text)
    peak = tracemalloc.get_traced_memory()[1]
    gc.collect()
    retained = tracemalloc.get_traced_memory()[0]
    return max(0, peak - held), max(0, retained - held)


def traced_peak(texts: Sequence[str]) -> int:
    """Peak bytes traced by tracemalloc while parsing ``texts`` one at a time.

    Counted above what was held when the pass began, so the texts themselves are not in it.
    """
    with _tracing():
        return _stream(texts)[0]


def measure(corpus: str, texts: Sequence[str], repeat: int, min_run: float = 0.0) -> Throughput:
    """Time ``repeat`` runs over ``texts`` and trace one pass.

    A first untimed pass warms caches and, when ``min_run`` is set, decides how many passes
    make a run last at least ``min_run`` seconds (for corpora of a page or two).
    """
    first = _parse_all(texts, 1)
    passes = 1
    if min_run > 0:
        passes = max(1, min(MAX_SAMPLE_PASSES, math.ceil(min_run / max(first, 1e-9))))
    runs = tuple(_parse_all(texts, passes) for _ in range(repeat))
    return Throughput(
        corpus=corpus,
        pages=len(texts),
        chars=sum(len(t) for t in texts),
        passes=passes,
        runs=runs,
        tracemalloc_peak=traced_peak(texts),
    )


def _enrich_all(pages: Sequence[Page], passes: int) -> float:
    """Seconds per pass of enrichment over ``pages`` (each page's mentions replaced)."""
    gc.collect()
    start = time.perf_counter()
    for _ in range(passes):
        for page in pages:
            enrich(page)
    return (time.perf_counter() - start) / passes


def measure_enrichment(
    corpus: str, pages: Sequence[tuple[str, str | None]], repeat: int, min_run: float = 0.0
) -> Throughput:
    """Time enrichment alone over ``pages`` (text, issue date), parsed beforehand."""
    parsed = [parse_text(text, date=date) for text, date in pages]
    first = _enrich_all(parsed, 1)
    passes = 1
    if min_run > 0:
        passes = max(1, min(MAX_SAMPLE_PASSES, math.ceil(min_run / max(first, 1e-9))))
    runs = tuple(_enrich_all(parsed, passes) for _ in range(repeat))
    with _tracing():
        gc.collect()
        tracemalloc.reset_peak()
        held = tracemalloc.get_traced_memory()[0]
        for page in parsed:
            enrich(page)
        peak = max(0, tracemalloc.get_traced_memory()[1] - held)
    return Throughput(
        corpus=corpus,
        pages=len(parsed),
        chars=sum(len(text) for text, _ in pages),
        passes=passes,
        runs=runs,
        tracemalloc_peak=peak,
    )


def _sample_date(sample: Path) -> str | None:
    gold = sample.with_name(sample.name.removesuffix(".txt") + ".gold.json")
    try:
        date = json.loads(gold.read_text(encoding="utf-8")).get("date")
    except (OSError, ValueError):
        return None
    return date if isinstance(date, str) else None


def measure_flatness(texts: Sequence[str]) -> Flatness:
    """Peak traced memory over a quarter of ``texts`` against all of them.

    The page that needs the most memory on its own goes first, so the smaller stream holds
    it too: a ratio above 1 then means memory that grows with the number of pages.
    """
    if len(texts) < 4:
        raise UsageError("the flatness check needs at least 4 pages")
    n = len(texts) // 4
    pages = list(texts[: 4 * n])
    with _tracing():
        alone = [_stream([page])[0] for page in pages]
        pages.insert(0, pages.pop(alone.index(max(alone))))
        peak_n, retained_n = _stream(pages[:n])
        peak_4n, retained_4n = _stream(pages)
    return Flatness(n, peak_n, peak_4n, retained_n, retained_4n)


def max_rss_bytes() -> int | None:
    """The process's maximum resident set size in bytes, where the platform reports it."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(rss) if sys.platform == "darwin" else int(rss) * 1024


def run_benchmark(
    generated: int = 300, repeat: int = 5, seed: int = 0, sample: Path | None = None
) -> BenchReport:
    """Benchmark ``parse_text`` on the sample page and ``generated`` synthetic pages.

    ``sample`` is the sample page's text file; by default the bundled one is looked for
    (``find_sample``), and the report's ``sample`` is None when there is none. With
    ``generated`` 0 only the sample is timed; the flatness check always streams at least
    4 synthetic pages.
    """
    if generated < 0 or repeat < 1:
        raise UsageError("generated must be 0 or more and repeat 1 or more")
    sample_path = sample if sample is not None else find_sample()
    sample_tp = enrich_sample = None
    if sample_path is not None:
        text = decode(Path(sample_path).read_bytes())
        sample_tp = measure("sample", [text], repeat, min_run=MIN_RUN_SECONDS)
        dated = [(text, _sample_date(Path(sample_path)))]
        enrich_sample = measure_enrichment("sample", dated, repeat, min_run=MIN_RUN_SECONDS)
    pages = list(generate_pages(max(generated, 4), seed))
    stream = [text for text, _ in pages]
    generated_tp = measure("generated", stream[:generated], repeat) if generated else None
    enrich_generated = (
        measure_enrichment(
            "generated", [(text, gold.get("date")) for text, gold in pages[:generated]], repeat
        )
        if generated
        else None
    )
    flatness = measure_flatness(stream)
    return BenchReport(
        sample=sample_tp,
        generated=generated_tp,
        enrich_sample=enrich_sample,
        enrich_generated=enrich_generated,
        flatness=flatness,
        max_rss=max_rss_bytes(),
        repeat=repeat,
        seed=seed,
        python=platform.python_version(),
        machine=f"{platform.system()} {platform.machine()}",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: run the benchmark and print the table (or JSON with ``--json``)."""
    parser = argparse.ArgumentParser(prog="python -m banmian.bench", description=__doc__)
    parser.add_argument("--generated", type=int, default=300, help="synthetic pages")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per corpus")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic pages")
    parser.add_argument("--sample", type=Path, default=None, help="sample page text file")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    report = run_benchmark(args.generated, args.repeat, args.seed, args.sample)
    if args.json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
    else:
        sys.stdout.write(report.to_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
