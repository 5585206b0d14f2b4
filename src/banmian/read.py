"""Read stage: the bytes of one page's text file to a ``str`` with ``\\n`` line endings.

Text files of newspaper pages come in UTF-8 (with or without a BOM), GB18030/GBK and
sometimes UTF-16. ``decode`` settles the cheap cases itself, in this order, and only then
asks charset-normalizer:

1. the size limit, empty input and the magic numbers of common binary formats (PDF, PNG …);
2. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
3. NUL bytes: UTF-16 without a BOM if they sit on one side of the code units, else binary;
4. a strict UTF-8 decode;
5. a strict GB18030 decode, kept when the text reads as Chinese: short GBK text is often
   misdetected by statistical detectors, so Chinese gets its chance first;
6. charset-normalizer, for everything else.

Every failure is one of the named errors of ``banmian.errors``, with a one-line message
that says what to do.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata
from collections import Counter
from pathlib import Path
from typing import BinaryIO

from banmian.errors import (
    BinaryInputError,
    EmptyInputError,
    InputTooLargeError,
    UndecodableInputError,
    UsageError,
)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Largest input accepted for one page (20 MiB); a real page's text is a few dozen KB."""

_GIVE_TEXT = "give the page's text file"
MAGIC_NUMBERS: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", "a PDF file", "banmian parse reads PDF files itself (banmian.pdf.parse_pdf)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", _GIVE_TEXT),
    (b"\xff\xd8\xff", "a JPEG image", _GIVE_TEXT),
    (b"GIF87a", "a GIF image", _GIVE_TEXT),
    (b"GIF89a", "a GIF image", _GIVE_TEXT),
    (b"II*\x00", "a TIFF image", _GIVE_TEXT),
    (b"MM\x00*", "a TIFF image", _GIVE_TEXT),
    (b"PK\x03\x04", "a ZIP archive (or DOCX, EPUB)", "unpack it or export its text first"),
    (b"PK\x05\x06", "an empty ZIP archive", _GIVE_TEXT),
    (b"\x1f\x8b", "a gzip file", "decompress it first"),
    (b"BZh", "a bzip2 file", "decompress it first"),
    (b"\xfd7zXZ\x00", "an xz file", "decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it first"),
    (b"Rar!\x1a\x07", "a RAR archive", "unpack it first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office (DOC) file", "export its text first"),
    (b"\x7fELF", "an executable", _GIVE_TEXT),
    (b"SQLite format 3\x00", "an SQLite database", _GIVE_TEXT),
)
"""Leading bytes of binary formats sometimes handed over by mistake: what they are, what to do."""

BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its LE mark starts with UTF-16 LE's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
"""Byte-order marks and the codec that reads what follows them."""

_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\v\f\r\x1a\x1b") + b"\x7f"
_ALLOWED_CONTROLS = frozenset("\t\n\v\f\r\x1a\x1b")
"""Control characters that plain text files do carry: tabs, line ends, DOS EOF, ESC."""
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x19\x1c-\x1f\x7f-\x9f]")
"""Every control character (category Cc) not in ``_ALLOWED_CONTROLS``."""
_SAMPLE_CHARS = 200_000
"""How much of a text the plausibility checks look at."""
_MAX_CONTROL_RATIO = 0.05
"""Share of control characters above which an input counts as binary."""
_UTF16_NUL_SIDE = 0.8
"""Share of NUL bytes that must sit on one side of the code units to try BOM-less UTF-16."""
_GB_MIN_CHARS = 20
"""Below this many non-ASCII characters GB18030 is taken whenever it decodes strictly."""
_GB_MIN_COMMON = 0.9
"""Share of non-ASCII characters that must be in GB2312 to keep a GB18030 reading."""
_NOT_GUESSED = ("utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le")
"""Left out of charset-normalizer's guesses: UTF-16/32 without NUL bytes is a misreading."""


def decode(data: bytes, *, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode one page's bytes to text with ``\\n`` line endings and no BOM.

    ``encoding`` forces a codec (any Python codec name) instead of detecting one.
    Raises ``InputTooLargeError`` over ``max_bytes``, ``EmptyInputError`` for no text,
    ``BinaryInputError`` for binary data, ``UndecodableInputError`` when the bytes do not
    decode, and ``UsageError`` for an unknown encoding name.
    """
    check_size(len(data), max_bytes)
    if not data:
        raise EmptyInputError("the input is empty (0 bytes): give a file with a page's text")
    _check_magic(data)
    text = _decode_forced(data, encoding) if encoding else _decode_detected(data)
    text = normalize_newlines(text.removeprefix("\ufeff"))
    _check_control_characters(text)
    if not text.strip():
        raise EmptyInputError("the input holds only whitespace: give a file with a page's text")
    return text


PDF_MAGIC = b"%PDF-"
"""How a PDF file starts; PDFium, like most readers, accepts a little junk before it."""


def is_pdf(data: bytes) -> bool:
    """Whether ``data`` is a PDF file (its magic number within the first kilobyte)."""
    return PDF_MAGIC in data[:1024]


def normalize_newlines(text: str) -> str:
    """Turn CRLF and lone CR line endings into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_size(size: int, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Raise ``InputTooLargeError`` when ``size`` bytes exceed ``max_bytes``."""
    if size > max_bytes:
        raise InputTooLargeError(
            f"the input is {size:,} bytes, over the limit of {max_bytes:,} bytes for one page:"
            " give one page per file"
        )


def read_path(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file's bytes, refusing one over ``max_bytes`` before reading any of it."""
    with Path(path).open("rb") as stream:
        info = os.fstat(stream.fileno())
        if stat.S_ISREG(info.st_mode):
            check_size(info.st_size, max_bytes)
        return read_stream(stream, max_bytes=max_bytes)


def read_stream(stream: BinaryIO, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a binary stream (such as stdin) to its end, stopping past ``max_bytes``."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputTooLargeError(
            f"the input is over the limit of {max_bytes:,} bytes for one page:"
            " give one page per file"
        )
    return data


def _check_magic(data: bytes) -> None:
    for magic, what, advice in MAGIC_NUMBERS:
        if data.startswith(magic):
            raise BinaryInputError(f"the input is {what}, not text: {advice}")


def check_encoding(encoding: str) -> str:
    """Return ``encoding`` if Python knows it as a text codec, else raise ``UsageError``."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise UsageError(
            f"unknown encoding {encoding!r}: use a codec name such as utf-8, gb18030 or utf-16"
        )
    return encoding


def _decode_forced(data: bytes, encoding: str) -> str:
    try:
        return data.decode(check_encoding(encoding))
    except UnicodeDecodeError as err:
        raise UndecodableInputError(
            f"cannot decode the input as {encoding}: {_describe(err)};"
            " try another --encoding or leave it out to detect one"
        ) from err


def _decode_detected(data: bytes) -> str:
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as err:
                raise UndecodableInputError(
                    f"the input starts with a {codec} byte-order mark but is not {codec}:"
                    f" {_describe(err, len(bom))}; use --encoding"
                ) from err
    if b"\x00" in data:
        return _decode_nul_bearing(data)
    _check_control_bytes(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    gb_text = _try_decode(data, "gb18030")
    if isinstance(gb_text, str) and _reads_as_chinese(gb_text):
        return gb_text
    guessed = _ask_charset_normalizer(data)
    if guessed is not None:
        return guessed
    if isinstance(gb_text, str):
        return gb_text  # nothing fits better than the doubtful Chinese reading
    raise UndecodableInputError(
        f"cannot detect the input's encoding: not UTF-8 ({_describe(utf8_error)}),"
        f" not GB18030 ({_describe(gb_text)}), and no other encoding fits: use --encoding"
    )


def _try_decode(data: bytes, codec: str) -> str | UnicodeDecodeError:
    """The decoded text, or the error that a strict decode raised."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        return err


def _decode_nul_bearing(data: bytes) -> str:
    """UTF-16 without a BOM puts the NULs of ASCII characters on one side of each unit."""
    nul_even, nul_odd = data[0::2].count(0), data[1::2].count(0)
    total = nul_even + nul_odd
    codec = None
    if len(data) % 2 == 0 and nul_odd >= _UTF16_NUL_SIDE * total:
        codec = "utf-16-le"
    elif len(data) % 2 == 0 and nul_even >= _UTF16_NUL_SIDE * total:
        codec = "utf-16-be"
    if codec is not None:
        text = _try_decode(data, codec)
        if isinstance(text, str) and _looks_like_text(text):
            return text
    raise BinaryInputError(
        f"the input holds NUL bytes (first at byte offset {data.index(0)}) and is not UTF-16"
        " text: it looks binary; give the page's text, or name its --encoding"
    )


def _check_control_bytes(data: bytes) -> None:
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_RATIO * len(data):
        raise BinaryInputError(
            f"{controls:,} of the input's {len(data):,} bytes are control characters:"
            " it looks binary; give the page's text"
        )


def _check_control_characters(text: str) -> None:
    controls = len(_CONTROL_CHARS.findall(text))
    if "\x00" in text or controls > _MAX_CONTROL_RATIO * len(text):
        raise BinaryInputError(
            f"{controls:,} of the decoded input's {len(text):,} characters are control"
            " characters: it looks binary, or the --encoding is wrong"
        )


def _looks_like_text(text: str) -> bool:
    """Few unassigned, private-use or control characters: what real text looks like."""
    counts = Counter(text[:_SAMPLE_CHARS])
    odd = sum(
        n
        for ch, n in counts.items()
        if unicodedata.category(ch) in ("Cn", "Co", "Cs") or _CONTROL_CHARS.match(ch)
    )
    return odd <= _MAX_CONTROL_RATIO * sum(counts.values())


def _reads_as_chinese(text: str) -> bool:
    """Whether a GB18030 reading is Chinese rather than another encoding read wrongly.

    Text really written in GB18030/GBK keeps almost entirely to the characters of GB2312
    (common hanzi, CJK punctuation, full-width forms); Big5, Shift-JIS or Latin-1 bytes
    read as GBK land on rare characters of the GBK extension.
    """
    if not _looks_like_text(text):
        return False
    wide = Counter(ch for ch in text[:_SAMPLE_CHARS] if not ch.isascii())
    total = sum(wide.values())
    if total < _GB_MIN_CHARS:
        return total > 0
    common = sum(n for ch, n in wide.items() if _in_gb2312(ch))
    return common >= _GB_MIN_COMMON * total


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _ask_charset_normalizer(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_exclusion=list(_NOT_GUESSED)).best()
    if best is None:
        return None
    text = str(best)
    return text if _looks_like_text(text) else None


def _describe(err: UnicodeDecodeError, shift: int = 0) -> str:
    bad = err.object[err.start : err.start + 1]
    return f"invalid byte 0x{bad.hex() or '??'} at byte offset {err.start + shift}"
