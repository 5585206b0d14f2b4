"""The PDF benchmark: pages per second per core, text-layer extraction against the rest.

Generated PDF pages (``banmian.pdfgen``) are made beforehand; each timed pass then reads
every page end to end without enrichment, split in three: extraction (PDFium opens the
file and gives every character's box and size), layout (columns, lines, blocks and
reading order, ``banmian.pdf.geometry``) and parsing (``parse_lines``: segment, classify,
assemble). One thread, so one core; the median of ``repeat`` passes is reported.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from typing import Any

from banmian.model import Line
from banmian.pdf.extract import read_pages
from banmian.pdf.geometry import page_blocks
from banmian.pdfgen import synth_pdf
from banmian.pipeline import parse_lines
from banmian.synth import page_seeds

STAGES = ("extract", "layout", "parse")
"""The timed parts of reading a PDF page."""


@dataclass(frozen=True, slots=True)
class PdfBench:
    """Seconds per pass over the corpus, per stage, one value per timed pass."""

    pages: int
    chars: int
    runs: dict[str, tuple[float, ...]]

    def seconds(self, stage: str | None = None) -> float:
        """Median seconds per pass for ``stage``, or end to end."""
        if stage is not None:
            return float(statistics.median(self.runs[stage]))
        totals = [sum(parts) for parts in zip(*(self.runs[s] for s in STAGES), strict=True)]
        return float(statistics.median(totals))

    @property
    def pages_per_second(self) -> float:
        """End-to-end pages per second (median pass)."""
        return self.pages / self.seconds()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "pages": self.pages,
            "chars": self.chars,
            "pages_per_second": round(self.pages_per_second, 1),
            "ms_per_page": {
                s: round(1000 * self.seconds(s) / self.pages, 2) for s in (*STAGES, None) if s
            }
            | {"total": round(1000 * self.seconds() / self.pages, 2)},
        }

    def to_text(self) -> str:
        """The figures as a short table."""
        rows = [f"PDF pages (banmian.pdfgen): {self.pages} pages, {self.chars:,} characters"]
        rows.append(f"  end to end      {self.pages_per_second:8.1f} pages/s")
        for stage in STAGES:
            ms = 1000 * self.seconds(stage) / self.pages
            share = self.seconds(stage) / self.seconds()
            rows.append(f"  {stage:<15} {ms:8.2f} ms/page ({share:.0%})")
        return "\n".join(rows)


def run_pdf_benchmark(pages: int = 20, repeat: int = 3, seed: int = 0) -> PdfBench:
    """Time reading ``pages`` generated PDF pages, ``repeat`` passes."""
    files = [synth_pdf(s).data for s in page_seeds(pages, seed)]
    runs: dict[str, list[float]] = {s: [] for s in STAGES}
    chars = 0
    for _ in range(max(1, repeat)):
        spent = dict.fromkeys(STAGES, 0.0)
        chars = 0
        for data in files:
            t0 = time.perf_counter()
            read = list(read_pages(data))
            t1 = time.perf_counter()
            texts: list[list[Line]] = []
            for page in read:
                chars += len(page.chars)
                lines: list[Line] = []
                for block in page_blocks(page.chars, page.width):
                    if lines:
                        lines.append(Line(len(lines) + 1, ""))
                    for f in block.fragments:
                        lines.append(Line(len(lines) + 1, f.text, round(f.size, 1)))
                texts.append(lines)
            t2 = time.perf_counter()
            for lines in texts:
                parse_lines(lines)
            t3 = time.perf_counter()
            spent["extract"] += t1 - t0
            spent["layout"] += t2 - t1
            spent["parse"] += t3 - t2
        for s in STAGES:
            runs[s].append(spent[s])
    return PdfBench(len(files), chars, {s: tuple(v) for s, v in runs.items()})
