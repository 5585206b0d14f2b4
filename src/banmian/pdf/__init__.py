"""The PDF reader: a page's text layer to lines in reading order, for the same pipeline.

A text dump loses what a PDF still has: where each character stands and how big it is.
This reader keeps both. ``banmian.pdf.extract`` takes every character's box and font size
from PDFium (pypdfium2; why it and not pdfplumber is said there); ``banmian.pdf.geometry``
finds the columns from the x-projection of body text, groups characters into line
fragments and blocks, and orders the blocks by recursive XY-cut; ``read_pdf`` then writes
each page as the text path's input looks: one ``Line`` per printed line of a column, a
blank line between blocks, and on each line its type size (``Line.size``), which the
parser uses to keep headline groups apart from body text and to tell kicker, title and
subtitle apart. From there on it is the one pipeline: segment → classify → assemble.

``banmian.pdf.dump`` gives the other reading, the raw text in drawing order that other
tools produce (``banmian pdf2text``), so the text path can be run on the same pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from banmian.errors import BanmianError, ScannedPdfError
from banmian.model import Line, Page
from banmian.pdf.dump import pdf_to_text
from banmian.pdf.extract import PdfPage, is_pdf, read_pages
from banmian.pdf.geometry import indents, page_blocks, shortfalls

__all__ = [
    "PdfPageResult",
    "PdfText",
    "is_pdf",
    "page_lines",
    "parse_pdf",
    "pdf_to_text",
    "read_pdf",
]

SIZE_DECIMALS = 1
"""Type sizes are kept to a tenth of a point."""


@dataclass(slots=True)
class PdfText:
    """One PDF page as lines in reading order."""

    number: int
    """1-based page number within the file."""
    lines: list[Line]
    """Lines in reading order, blank lines between blocks; empty for a page without text."""


def page_lines(page: PdfPage) -> list[Line]:
    """A page's blocks in reading order as lines, a blank line between blocks, each line
    with its type size and indent."""
    lines: list[Line] = []
    for block in page_blocks(page.chars, page.width):
        if lines:
            lines.append(Line(len(lines) + 1, ""))
        shorts = shortfalls(block)
        for frag, indent, short in zip(block.fragments, indents(block), shorts, strict=True):
            size = round(frag.size, SIZE_DECIMALS)
            lines.append(Line(len(lines) + 1, frag.text, size, indent, short))
    return lines


def read_pdf(data: bytes) -> Iterator[PdfText]:
    """Each page of the PDF ``data`` as lines in reading order, one page at a time."""
    for page in read_pages(data):
        yield PdfText(page.number, page_lines(page))


@dataclass(slots=True)
class PdfPageResult:
    """The outcome for one PDF page: its parsed ``Page``, or the error that stopped it."""

    number: int
    """1-based page number within the file."""
    page: Page | None
    error: BanmianError | None = None


def parse_pdf(
    data: bytes,
    *,
    paper: str | None = None,
    date: str | None = None,
    page: int | None = None,
    fold_width: bool = False,
) -> Iterator[PdfPageResult]:
    """Parse every page of a PDF; ``page`` numbers the first (the rest count on from it).

    A page without a text layer gives a ``ScannedPdfError`` result, the others go on; a
    PDF that cannot be opened raises ``CorruptPdfError`` or ``EncryptedPdfError``, and one
    without text on any page ``ScannedPdfError``.
    """
    from banmian.pipeline import parse_lines

    first = page if page is not None else 1
    any_text = False
    results: list[PdfPageResult] = []
    for text in read_pdf(data):
        number = first + text.number - 1
        if not text.lines:
            results.append(
                PdfPageResult(
                    text.number,
                    None,
                    ScannedPdfError(
                        f"page {text.number} has no text layer (a scanned image?): "
                        "run OCR on it first"
                    ),
                )
            )
            continue
        any_text = True
        parsed = parse_lines(text.lines, paper=paper, date=date, page=number, fold_width=fold_width)
        results.append(PdfPageResult(text.number, parsed))
    if not any_text:
        raise ScannedPdfError(
            "the PDF has no text layer (it is a scan or holds only images): run OCR on it first"
        )
    yield from results
