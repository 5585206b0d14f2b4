"""Newspaper-like PDF pages, generated with their gold, to test the PDF reader.

``synth_pdf(seed)`` draws a page's content with ``banmian.synth`` (the same articles and
gold a text page of that seed has) and lays it out as a printed page would be: 3–6
columns, headline groups in three sizes across their article's columns, a feature's lead
across two columns, photos with captions, a running head and credits, continuation
markers (``banmian.pdfgen.layout``). It is drawn with reportlab's built-in CID font
``STSong-Light`` (no font file, not embedded) or, with ``font="embedded"``, a TrueType
CJK font of the system's, embedded in the file as e-papers embed theirs; in an order a
typesetting system might use: running head, then article by article with each headline
group before or after its body, then the credits (``banmian.pdfgen.draw``).
``synth_issue`` puts several pages in one file.

reportlab is a development dependency (``pip install -e '.[dev]'``); nothing in the
parser imports this package.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Unpack

from banmian.pdfgen.draw import render, render_scan
from banmian.pdfgen.layout import FontKind, PageLayout, embeddable_font_file, lay_out
from banmian.synth import SynthOptions, draw_content

__all__ = [
    "FontKind",
    "SynthPdf",
    "embeddable_font_file",
    "lay_out",
    "render",
    "render_scan",
    "synth_issue",
    "synth_pdf",
]


@dataclass(frozen=True, slots=True)
class SynthPdf:
    """A generated PDF and the gold of each of its pages."""

    data: bytes
    """The PDF file's bytes."""
    golds: list[dict[str, Any]]
    """One gold annotation per page (format of ``tests/pages/README.md``)."""
    layouts: list[PageLayout]
    """How each page was laid out (columns, body size, drawing order)."""


def synth_pdf(
    seed: int,
    *,
    encrypt: str | None = None,
    font: FontKind = "builtin",
    **options: Unpack[SynthOptions],
) -> SynthPdf:
    """A one-page PDF of synthetic page ``seed`` and its gold, its text set in ``font``
    (``builtin``: STSong-Light, not embedded; ``embedded``: a TrueType CJK font file of the
    system's, embedded)."""
    content = draw_content(seed, **options)
    layout = lay_out(content, font=font)
    gold = content.gold()
    gold["source"] = f"synth-{seed}.pdf"
    gold["notes"] = f"synthetic PDF page, banmian.pdfgen seed {seed}"
    return SynthPdf(render([layout], encrypt=encrypt), [gold], [layout])


def synth_issue(
    seeds: list[int], *, font: FontKind = "builtin", **options: Unpack[SynthOptions]
) -> SynthPdf:
    """One PDF holding the synthetic pages of ``seeds``, one page each, with their golds."""
    contents = [draw_content(seed, **options) for seed in seeds]
    layouts = [lay_out(c, font=font) for c in contents]
    golds = [c.gold() for c in contents]
    return SynthPdf(render(layouts), golds, layouts)
