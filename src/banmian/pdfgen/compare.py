"""The PDF path against the text path, on generated PDF pages with their gold.

For each generated page: ``banmian.pdf.parse_pdf`` reads the PDF by its geometry (the PDF
path); ``banmian.pdf.pdf_to_text`` dumps it in drawing order and ``parse_text`` parses the
dump (the text path, as a pipeline fed by another tool's dump would). Both are scored
against the page's gold with ``banmian.evaluate``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from banmian.evaluate import EvalReport, evaluate_page, gold_from_dict
from banmian.pdf import parse_pdf, pdf_to_text
from banmian.pdfgen import FontKind, synth_pdf
from banmian.pipeline import parse_text
from banmian.serialize.json import page_to_dict
from banmian.synth import page_seeds


@dataclass(slots=True)
class PathComparison:
    """Evaluation reports of the two paths over the same pages."""

    pdf: EvalReport = field(default_factory=EvalReport)
    """Pages read from the PDF by geometry."""
    text: EvalReport = field(default_factory=EvalReport)
    """The same pages' drawing-order dumps, parsed as text."""
    seeds: list[int] = field(default_factory=list)


def compare_paths(pages: int, seed: int = 0, font: FontKind = "builtin") -> PathComparison:
    """Generate ``pages`` PDF pages (from ``seed``, set in ``font``) and score both paths."""
    out = PathComparison()
    for page_seed in page_seeds(pages, seed):
        made = synth_pdf(page_seed, font=font)
        gold = made.golds[0]
        parsed = gold_from_dict(gold, Path(f"synth-{page_seed}.gold.json"))
        meta = {"paper": gold["paper"], "date": gold["date"], "page": gold["page"]}
        result = next(iter(parse_pdf(made.data, **meta)))
        assert result.page is not None
        out.pdf.pages.append(evaluate_page(parsed, page_to_dict(result.page)))
        dumped = parse_text(pdf_to_text(made.data), **meta)
        out.text.pages.append(evaluate_page(parsed, page_to_dict(dumped)))
        out.seeds.append(page_seed)
    return out
