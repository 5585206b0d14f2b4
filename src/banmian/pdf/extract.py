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
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice, repeat
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from banmian.errors import CorruptPdfError, EncryptedPdfError
from banmian.read import is_pdf

__all__ = ["Char", "CharArrays", "Chars", "PdfPage", "is_pdf", "open_pdf", "read_pages"]

_SKIPPED = frozenset("\r\n\x00\x02\ufffe\ufeff")
"""Characters PDFium reports that are no printed text (line ends it adds, soft hyphens)."""


class Char(NamedTuple):
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


Floats = npt.NDArray[np.float64]
Codes = npt.NDArray[np.uint32]


def code_points(text: str) -> Codes:
    """``text`` as an array of code points, one per character (lone surrogates kept)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def text_of(codes: Codes) -> str:
    """The text of an array of code points (``code_points`` undone)."""
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


class CharArrays(NamedTuple):
    """A page's characters as NumPy arrays, for the steps that look at all of them."""

    codes: Codes
    """Code points."""
    left: Floats
    right: Floats
    bottom: Floats
    top: Floats
    size: Floats


class Chars:
    """A page's characters in drawing order, one list per attribute (``Char`` by index),
    and the same values as NumPy arrays (``arrays``).

    Kept as parallel columns rather than one object per character: a dense page has
    5,000 characters, and making (and later collecting) an object for each cost more
    than reading them from PDFium. ``banmian.pdf.geometry`` works on the arrays where it
    looks at every character and on indices into the lists where it looks at a few. The
    reader makes the arrays and the lists are made from them when first asked for; made
    from lists (``Chars([...], ...)``, or appended to), the arrays are made from the lists.
    """

    __slots__ = ("_arrays", "_lists")

    def __init__(
        self,
        text: list[str] | None = None,
        left: list[float] | None = None,
        right: list[float] | None = None,
        bottom: list[float] | None = None,
        top: list[float] | None = None,
        size: list[float] | None = None,
        *,
        arrays: CharArrays | None = None,
    ) -> None:
        self._arrays = arrays
        self._lists: _Columns | None = None
        if arrays is None:
            self._lists = _Columns(
                [] if text is None else text,
                [] if left is None else left,
                [] if right is None else right,
                [] if bottom is None else bottom,
                [] if top is None else top,
                [] if size is None else size,
            )

    @property
    def text(self) -> list[str]:
        """One character each."""
        return self._columns().text

    @property
    def left(self) -> list[float]:
        """Left edges of the advance boxes."""
        return self._columns().left

    @property
    def right(self) -> list[float]:
        """Right edges of the advance boxes."""
        return self._columns().right

    @property
    def bottom(self) -> list[float]:
        """Bottoms of the boxes (the font's descent under the baseline)."""
        return self._columns().bottom

    @property
    def top(self) -> list[float]:
        """Tops of the boxes (the font's ascent)."""
        return self._columns().top

    @property
    def size(self) -> list[float]:
        """Font sizes in points."""
        return self._columns().size

    def _columns(self) -> _Columns:
        if self._lists is None:
            assert self._arrays is not None
            a = self._arrays
            self._lists = _Columns(
                list(text_of(a.codes)),
                a.left.tolist(),
                a.right.tolist(),
                a.bottom.tolist(),
                a.top.tolist(),
                a.size.tolist(),
            )
        return self._lists

    def arrays(self) -> CharArrays:
        """The characters as arrays: the reader's own, or made from the lists on first use
        (and again if characters were added since; they are not to be changed)."""
        lists = self._lists
        if self._arrays is None or (
            lists is not None and len(self._arrays.codes) != len(lists.text)
        ):
            assert lists is not None
            self._arrays = CharArrays(
                code_points("".join(lists.text)),
                *(np.array(values, dtype=np.float64) for values in lists[1:]),
            )
        return self._arrays

    def __len__(self) -> int:
        if self._lists is None:
            assert self._arrays is not None
            return len(self._arrays.codes)
        return len(self._lists.text)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Chars):
            return NotImplemented
        return self._columns() == other._columns()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        text = "".join(self.text)
        return f"Chars({len(text)} characters: {text[:40]!r}{'…' if len(text) > 40 else ''})"

    def __getitem__(self, i: int) -> Char:
        c = self._columns()
        return Char(c.text[i], c.left[i], c.right[i], c.bottom[i], c.top[i], c.size[i])

    def __iter__(self) -> Iterator[Char]:
        return map(Char, *self._columns())

    def select(self, indices: list[int]) -> Chars:
        """The characters at ``indices``, in that order."""
        if self._lists is None:
            assert self._arrays is not None
            taken = np.asarray(indices, dtype=np.intp)
            return Chars(arrays=CharArrays._make(values[taken] for values in self._arrays))
        c = self._lists
        return Chars(
            [c.text[i] for i in indices],
            [c.left[i] for i in indices],
            [c.right[i] for i in indices],
            [c.bottom[i] for i in indices],
            [c.top[i] for i in indices],
            [c.size[i] for i in indices],
        )


class _Columns(NamedTuple):
    text: list[str]
    left: list[float]
    right: list[float]
    bottom: list[float]
    top: list[float]
    size: list[float]


@dataclass(slots=True)
class PdfPage:
    """One page's characters in drawing order."""

    number: int
    """1-based page number within the file."""
    width: float
    height: float
    chars: Chars
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


def _bare(function: Any, restype: type[ctypes._SimpleCData[Any]]) -> Any:
    """``function`` of the PDFium library called without ctypes' argument conversion.

    pypdfium2's bindings declare each argument's type, and ctypes then converts every
    argument on every call: for the few calls made once per character that is most of
    their cost. The same C function, called through a prototype that declares none,
    takes ctypes objects as they are (a pointer as ``c_void_p``, an index as ``int``).
    """
    address = ctypes.cast(function, ctypes.c_void_p).value
    assert address is not None
    return ctypes.CFUNCTYPE(restype)(address)


_LOOSE_BOX = _bare(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int)
_IS_GENERATED = _bare(pdfium_c.FPDFText_IsGenerated, ctypes.c_int)
_FONT_SIZE = _bare(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
_RECT = ctypes.sizeof(ctypes.c_float) * 4
"""Bytes of an ``FS_RECTF``: left, top, right, bottom as C floats."""
_SKIPPED_CODES = sorted(map(ord, _SKIPPED))
"""``_SKIPPED`` by code point."""


def _chars(page: pdfium.PdfPage) -> Chars:
    """The page's printed characters with their loose boxes and font sizes."""
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        if count <= 0:
            return Chars()
        return _read_chars(ctypes.c_void_p(ctypes.cast(raw, ctypes.c_void_p).value), raw, count)
    finally:
        textpage.close()


class _Slots(threading.local):
    """A buffer of box slots for PDFium to write into, reused by each thread's pages, and
    a pointer to each slot, made once (making them cost as much as a tenth of the calls)."""

    def __init__(self) -> None:
        self.buffer = (ctypes.c_float * 0)()
        self.pointers: list[Any] = []


_SLOTS = _Slots()


def _box_slots(count: int) -> tuple[ctypes.Array[ctypes.c_float], list[Any]]:
    """This thread's box buffer and slot pointers, at least ``count`` of them."""
    slots = _SLOTS
    if len(slots.pointers) < count:
        size = max(4096, 1 << (count - 1).bit_length())
        slots.buffer = (ctypes.c_float * (4 * size))()
        slots.pointers = list(
            map(ctypes.byref, repeat(slots.buffer, size), range(0, _RECT * size, _RECT))
        )
    return slots.buffer, slots.pointers


def _read_chars(handle: ctypes.c_void_p, raw: pdfium_c.FPDF_TEXTPAGE, count: int) -> Chars:
    """The ``count`` characters of the text page ``handle`` (``raw``, as pypdfium2 has it).

    A C call through ctypes costs about a microsecond whatever PDFium does in it, and a
    line of Python per character as much again: so the one call a character needs (its
    box) is driven by ``map`` from C, each writing into its own slot of one buffer, and
    everything else is done on the whole page at once with NumPy.
    """
    text = _page_text(raw, count)
    boxes, slots = _box_slots(count)
    found = np.fromiter(
        map(_LOOSE_BOX, repeat(handle, count), range(count), islice(slots, count)), np.intc, count
    )
    codes = code_points(text)
    keep = found != 0
    for code in _SKIPPED_CODES:
        keep &= codes != code
    # PDFium adds a space between words it thinks apart: not printed, so not kept.
    for i in np.flatnonzero(keep & (codes == ord(" "))).tolist():
        if _IS_GENERATED(handle, i):
            keep[i] = False
    where = np.flatnonzero(keep)
    # Taken out of the thread's reused buffer (indexing copies).
    read = np.ctypeslib.as_array(boxes)[: 4 * count].reshape(-1, 4)[where]
    left, top, right, bottom = read.T
    left, top = left.astype(np.float64), top.astype(np.float64)
    right, bottom = right.astype(np.float64), bottom.astype(np.float64)
    # A loose box is as tall as the font's ascent and descent at its size (or its
    # glyph, where that reaches further) and as wide as the glyph's advance at that
    # size: a box of the same height and width is one of the same size, so the size
    # is asked once a shape, at its first character (a few hundred calls a dense page of
    # 4,000 characters: boxes differ in the last bits of their floats), where asking
    # PDFium costs a C call as dear as the box itself.
    shapes = (top - bottom) + 1j * (right - left)
    _, first, shape_of = np.unique(shapes, return_index=True, return_inverse=True)
    sizes = np.array([_FONT_SIZE(handle, i) for i in where[first].tolist()], dtype=np.float64)
    kept = codes[where]
    return Chars(arrays=CharArrays(kept, left, right, bottom, top, sizes[shape_of]))


def _page_text(raw: pdfium_c.FPDF_TEXTPAGE, count: int) -> str:
    """All characters of a text page, one Python character per PDFium index."""
    buffer = (ctypes.c_ushort * (count + 1))()
    got = pdfium_c.FPDFText_GetText(raw, 0, count, buffer)
    text = bytes(buffer)[: max(0, got - 1) * 2].decode("utf-16-le", errors="replace")
    if len(text) == count:
        return text
    # Characters outside the BMP take two UTF-16 units: ask for them one by one.
    return "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i) or 0xFFFD) for i in range(count))
