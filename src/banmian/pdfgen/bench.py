"""The PDF benchmark: pages per second per core, text-layer extraction against the rest.

Generated PDF pages (``banmian.pdfgen``) are made beforehand, in two kinds when the system
has a TrueType CJK font to embed: set in reportlab's built-in ``STSong-Light``, which is
not embedded (PDFium then maps it to a system font, or to none, and that costs: see the
README), and set in an embedded TrueType font, as e-paper PDFs are. Each timed pass then
reads every page end to end without enrichment, split in three: extraction (PDFium opens
the file and gives every character's box and size), layout (columns, lines, blocks and
reading order, ``banmian.pdf.geometry``) and parsing (``parse_lines``: segment, classify,
assemble). One thread, so one core; passes alternate between the kinds so both are timed
in the same minutes, and the median of ``repeat`` passes is reported, by the clock and by
the CPU time the process was given (on a shared machine the clock also counts the time
other jobs had the core).
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from typing import Any

from banmian.model import Line
from banmian.pdf import page_lines
from banmian.pdf.extract import read_pages
from banmian.pdfgen import FontKind, embeddable_font_file, synth_pdf
from banmian.pipeline import parse_lines
from banmian.synth import page_seeds

STAGES = ("extract", "layout", "parse")
"""The timed parts of reading a PDF page."""
FONT_KINDS: tuple[FontKind, ...] = ("embedded", "builtin")
"""The kinds of page timed, when the system has a font to embed."""
KIND_NAMES = {
    "embedded": "embedded TrueType CJK font (as e-papers)",
    "builtin": "built-in STSong-Light, not embedded",
}


@dataclass(frozen=True, slots=True)
class PdfBench:
    """Seconds per pass over the corpus, per stage, one value per timed pass."""

    pages: int
    chars: int
    runs: dict[str, tuple[float, ...]]
    """Clock seconds per pass, per stage."""
    cpu: dict[str, tuple[float, ...]] = field(default_factory=dict)
    """CPU seconds of the process per pass, per stage."""
    font: FontKind = "builtin"
    """The kind of page timed."""

    def seconds(self, stage: str | None = None, *, cpu: bool = False) -> float:
        """Median seconds per pass for ``stage``, or end to end (clock, or CPU time)."""
        runs = self.cpu if cpu else self.runs
        if stage is not None:
            return float(statistics.median(runs[stage]))
        totals = [sum(parts) for parts in zip(*(runs[s] for s in STAGES), strict=True)]
        return float(statistics.median(totals))

    @property
    def pages_per_second(self) -> float:
        """End-to-end pages per second (median pass, by the clock)."""
        return self.pages / self.seconds()

    @property
    def pages_per_cpu_second(self) -> float:
        """End-to-end pages per second of CPU time (median pass)."""
        return self.pages / self.seconds(cpu=True)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "font": self.font,
            "pages": self.pages,
            "chars": self.chars,
            "pages_per_second": round(self.pages_per_second, 1),
            "pages_per_cpu_second": round(self.pages_per_cpu_second, 1),
            "ms_per_page": {s: round(1000 * self.seconds(s) / self.pages, 2) for s in STAGES}
            | {"total": round(1000 * self.seconds() / self.pages, 2)},
            "cpu_ms_per_page": {
                s: round(1000 * self.seconds(s, cpu=True) / self.pages, 2) for s in STAGES
            }
            | {"total": round(1000 * self.seconds(cpu=True) / self.pages, 2)},
        }

    def to_text(self) -> str:
        """The figures as a short table."""
        rows = [f"{KIND_NAMES[self.font]}: {self.pages} pages, {self.chars:,} characters"]
        rows.append(
            f"  end to end      {self.pages_per_second:8.1f} pages/s"
            f" ({self.pages_per_cpu_second:.1f} per CPU second)"
        )
        for stage in STAGES:
            ms = 1000 * self.seconds(stage) / self.pages
            share = self.seconds(stage) / self.seconds()
            rows.append(f"  {stage:<15} {ms:8.2f} ms/page ({share:.0%})")
        return "\n".join(rows)


@dataclass(frozen=True, slots=True)
class PdfBenchReport:
    """One benchmark per kind of page timed."""

    benches: list[PdfBench]
    skipped: str | None = None
    """Why a kind of page was not timed, if one was not."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "kinds": [b.to_dict() for b in self.benches],
            "skipped": self.skipped,
        }

    def to_text(self) -> str:
        """The figures, a short table per kind of page."""
        parts = ["PDF pages (banmian.pdfgen), one core, median of the passes:"]
        parts += [b.to_text() for b in self.benches]
        if self.skipped:
            parts.append(f"not timed: {self.skipped}")
        return "\n".join(parts)


def run_pdf_benchmark(
    pages: int = 20,
    repeat: int = 3,
    seed: int = 0,
    fonts: tuple[FontKind, ...] = FONT_KINDS,
) -> PdfBenchReport:
    """Time reading ``pages`` generated PDF pages of each kind in ``fonts``, ``repeat``
    passes; ``embedded`` is left out (and the report says so) without a font to embed."""
    skipped = None
    if "embedded" in fonts and embeddable_font_file() is None:
        fonts = tuple(f for f in fonts if f != "embedded")
        skipped = "pages with an embedded font: no TrueType CJK font (fonts-wqy-microhei)"
    seeds = page_seeds(pages, seed)
    corpora = {font: [synth_pdf(s, font=font).data for s in seeds] for font in fonts}
    runs: dict[FontKind, dict[str, list[float]]] = {f: {s: [] for s in STAGES} for f in fonts}
    cpu: dict[FontKind, dict[str, list[float]]] = {f: {s: [] for s in STAGES} for f in fonts}
    chars = dict.fromkeys(fonts, 0)
    for _ in range(max(1, repeat)):
        for font in fonts:
            spent, used, chars[font] = _time_pass(corpora[font])
            for s in STAGES:
                runs[font][s].append(spent[s])
                cpu[font][s].append(used[s])
    return PdfBenchReport(
        [
            PdfBench(
                len(seeds),
                chars[font],
                {s: tuple(v) for s, v in runs[font].items()},
                {s: tuple(v) for s, v in cpu[font].items()},
                font,
            )
            for font in fonts
        ],
        skipped,
    )


def _time_pass(files: list[bytes]) -> tuple[dict[str, float], dict[str, float], int]:
    """One pass over ``files``: clock and CPU seconds per stage, and characters read."""
    spent = dict.fromkeys(STAGES, 0.0)
    used = dict.fromkeys(STAGES, 0.0)
    chars = 0
    clock, cpu = time.perf_counter, time.process_time
    for data in files:
        t0, c0 = clock(), cpu()
        read = list(read_pages(data))
        t1, c1 = clock(), cpu()
        texts: list[list[Line]] = []
        for page in read:
            chars += len(page.chars)
            texts.append(page_lines(page))
        t2, c2 = clock(), cpu()
        for lines in texts:
            parse_lines(lines)
        t3, c3 = clock(), cpu()
        spent["extract"] += t1 - t0
        spent["layout"] += t2 - t1
        spent["parse"] += t3 - t2
        used["extract"] += c1 - c0
        used["layout"] += c2 - c1
        used["parse"] += c3 - c2
    return spent, used, chars
