"""The pipeline: read → normalize → segment → classify → assemble.

Each stage is a module of its own; data flows one way. ``STAGES`` names them in order.
"""

from __future__ import annotations

from pathlib import Path

from banmian.assemble import assemble
from banmian.classify import classify
from banmian.model import Line, Page
from banmian.normalize import fold_fullwidth
from banmian.read import decode
from banmian.segment import segment

STAGES = ("read", "normalize", "segment", "classify", "assemble")


def parse_text(
    text: str,
    *,
    paper: str | None = None,
    date: str | None = None,
    page: int | None = None,
    fold_width: bool = False,
) -> Page:
    """Parse the raw text of one newspaper page into a ``Page`` of articles.

    ``fold_width`` folds full-width digits and letters (１２月 → 12月) in the output
    text; provenance is unchanged since each character folds to one character.
    """
    # Only line feeds end lines, so line numbers are the file's (a form feed between two
    # pdftotext pages, or a U+2028, stays inside its line as whitespace or text).
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [Line(i, raw) for i, raw in enumerate(text.split("\n"), start=1)]
    if lines and not lines[-1].raw:
        lines.pop()  # the final line feed ends the last line; it opens none
    result = Page(lines=lines, paper=paper, date=date, page=page)
    units = classify(segment(lines))
    assemble(result, units)
    if fold_width:
        _fold(result)
    return result


def _fold(page: Page) -> None:
    for art in page.articles:
        for f in art.fields():
            f.text = fold_fullwidth(f.text)
        art.authors = [fold_fullwidth(a) for a in art.authors]
        for p in art.paragraphs:
            p.text = fold_fullwidth(p.text)


def parse_bytes(
    data: bytes,
    *,
    encoding: str | None = None,
    paper: str | None = None,
    date: str | None = None,
    page: int | None = None,
    fold_width: bool = False,
) -> Page:
    """Decode raw bytes (encoding detected unless given) and parse them."""
    return parse_text(
        decode(data, encoding=encoding), paper=paper, date=date, page=page, fold_width=fold_width
    )


def parse_file(
    path: str | Path,
    *,
    encoding: str | None = None,
    paper: str | None = None,
    date: str | None = None,
    page: int | None = None,
) -> Page:
    """Read a file and parse it."""
    return parse_bytes(
        Path(path).read_bytes(), encoding=encoding, paper=paper, date=date, page=page
    )
