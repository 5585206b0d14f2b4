"""Read a PDF's text layer: every character of every page with its box and font size.

Why pypdfium2: PDFium (Chrome's PDF engine) gives each character's box and font size
through a handful of C calls per character, 30–90 ms for a dense A3 page when measured for
this project, 6–10 times faster than pdfplumber, whose ``extract_text()`` also mixed the
columns; it reads encrypted and slightly broken files as a browser would, and its wheels
carry the library, so nothing needs compiling. Only characters are taken from it: columns,
lines and reading order are found from their geometry (``banmian.pdf.geometry``).

Failures are named errors: ``CorruptPdfError`` (not a PDF PDFium can read, truncated
files included), ``EncryptedPdfError`` (a password is needed to open it).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from banmian.errors import CorruptPdfError, EncryptedPdfError
from banmian.read import is_pdf

__all__ = ["Char", "PdfPage", "is_pdf", "open_pdf", "read_pages"]

_SKIPPED = frozenset("\r\n\x00\x02\ufffe\ufeff")
"""Characters PDFium reports that are no printed text (line ends it adds, soft hyphens)."""


@dataclass(slots=True)
class Char:
    """One printed character: its text and where it stands (PDF points, y upwards)."""

    text: str
    left: float
    """Left edge of its advance box."""
    right: float
    """Right edge of its advance box."""
    bottom: float
    """Bottom of its box (the font's descent under the baseline)."""
    top: float
    """Top of its box (the font's ascent)."""
    size: float
    """Font size in points."""

    @property
    def middle(self) -> float:
        """Vertical centre of the box."""
        return (self.bottom + self.top) / 2


@dataclass(slots=True)
class PdfPage:
    """One page's characters in drawing order."""

    number: int
    """1-based page number within the file."""
    width: float
    height: float
    chars: list[Char]
    """Characters as the content stream draws them."""


@contextmanager
def open_pdf(data: bytes) -> Iterator[pdfium.PdfDocument]:
    """Open ``data`` with PDFium, turning its failures into named errors; closed on exit."""
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        code = getattr(err, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedPdfError(
                "the PDF is encrypted and needs a password to open: decrypt it first"
                " (e.g. qpdf --decrypt --password=… in.pdf out.pdf)"
            ) from err
        raise CorruptPdfError(
            f"the PDF cannot be read ({_reason(err)}): the file is damaged or truncated"
        ) from err
    try:
        yield doc
    finally:
        doc.close()


def _reason(err: Exception) -> str:
    text = str(err)
    if "PDFium:" in text:
        return text.split("PDFium:", 1)[1].strip(" ).")
    return text or type(err).__name__


def read_pages(data: bytes) -> Iterator[PdfPage]:
    """Every page of the PDF, one at a time, with its characters."""
    with open_pdf(data) as doc:
        for index in range(len(doc)):
            try:
                page = doc[index]
            except pdfium.PdfiumError as err:
                raise CorruptPdfError(
                    f"page {index + 1} of the PDF cannot be read ({_reason(err)})"
                ) from err
            try:
                width, height = page.get_size()
                yield PdfPage(index + 1, width, height, _chars(page))
            finally:
                page.close()


def _chars(page: pdfium.PdfPage) -> list[Char]:
    """The page's printed characters with their loose boxes and font sizes."""
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        if count <= 0:
            return []
        text = _page_text(raw, count)
        box = pdfium_c.FS_RECTF()
        get_box = pdfium_c.FPDFText_GetLooseCharBox
        get_size = pdfium_c.FPDFText_GetFontSize
        out: list[Char] = []
        height, size = -1.0, 0.0
        for i, ch in enumerate(text):
            if ch in _SKIPPED or (ch == " " and pdfium_c.FPDFText_IsGenerated(raw, i)):
                continue
            if not get_box(raw, i, box):
                continue
            # A loose box is as tall as the font's ascent and descent at its size: while
            # it stays the same, so does the size (asking PDFium costs more than the box).
            if abs(box.top - box.bottom - height) > 0.01:
                height, size = box.top - box.bottom, get_size(raw, i)
            out.append(Char(ch, box.left, box.right, box.bottom, box.top, size))
        return out
    finally:
        textpage.close()


def _page_text(raw: pdfium_c.FPDF_TEXTPAGE, count: int) -> str:
    """All characters of a text page, one Python character per PDFium index."""
    buffer = (ctypes.c_ushort * (count + 1))()
    got = pdfium_c.FPDFText_GetText(raw, 0, count, buffer)
    text = bytes(buffer)[: max(0, got - 1) * 2].decode("utf-16-le", errors="replace")
    if len(text) == count:
        return text
    # Characters outside the BMP take two UTF-16 units: ask for them one by one.
    return "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 0xFFFD) for i in range(count))
