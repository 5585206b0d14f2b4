"""The pipeline: read → normalize → segment → classify → assemble.

Each stage is a module of its own; data flows one way. ``STAGES`` names them in order.
Two readers feed it: ``read`` decodes a text file, ``banmian.pdf`` reads a PDF's text
layer into lines in reading order (``parse_lines``); the later stages are the same.
"""

from __future__ import annotations

from pathlib import Path

from banmian.assemble import assemble
from banmian.classify import classify
from banmian.errors import UsageError
from banmian.model import Line, Page
from banmian.normalize import fold_fullwidth
from banmian.read import decode, is_pdf
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
    return parse_lines(lines, paper=paper, date=date, page=page, fold_width=fold_width)


def parse_lines(
    lines: list[Line],
    *,
    paper: str | None = None,
    date: str | None = None,
    page: int | None = None,
    fold_width: bool = False,
) -> Page:
    """Parse a page given as ``Line``s: what ``parse_text`` does after cutting the lines.

    The PDF reader (``banmian.pdf``) comes in here with lines in reading order that
    carry their type size (``Line.size``).
    """
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
    """Read a file and parse it; a PDF file must hold one page (``banmian.pdf.parse_pdf``
    parses each page of a longer one)."""
    data = Path(path).read_bytes()
    if is_pdf(data):
        return _parse_one_page_pdf(data, paper=paper, date=date, page=page)
    return parse_bytes(data, encoding=encoding, paper=paper, date=date, page=page)


def _parse_one_page_pdf(
    data: bytes, *, paper: str | None, date: str | None, page: int | None
) -> Page:
    from banmian.pdf import parse_pdf

    results = list(parse_pdf(data, paper=paper, date=date, page=page))
    if len(results) != 1:
        raise UsageError(
            f"the PDF holds {len(results)} pages: parse them with banmian.pdf.parse_pdf"
        )
    if results[0].error is not None:
        raise results[0].error
    assert results[0].page is not None
    return results[0].page
