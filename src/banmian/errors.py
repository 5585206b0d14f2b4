"""Named errors, one per condition. The CLI turns them into one-line messages and exit codes."""

from __future__ import annotations


class BanmianError(Exception):
    """Base class of every error banmian reports to a user."""

    exit_code = 1


class EmptyInputError(BanmianError):
    """The input holds no text at all."""


class BinaryInputError(BanmianError):
    """The input looks like binary data (an image, an archive, a PDF), not text."""


class UndecodableInputError(BanmianError):
    """The input's bytes cannot be decoded in the detected or requested encoding."""


class InputTooLargeError(BanmianError):
    """The input is larger than the configured limit for one page."""


class NotANewspaperError(BanmianError):
    """The text does not look like a newspaper page (nothing article-like found)."""


class GoldFormatError(BanmianError):
    """A gold annotation file is malformed."""


class UsageError(BanmianError):
    """Options that do not fit together."""

    exit_code = 2


class QuerySyntaxError(BanmianError):
    """A search query cannot be read (unbalanced quotes or parentheses, a dangling operator)."""


class ArchiveError(BanmianError):
    """The archive database cannot be opened or is not a banmian archive."""


class PageMetadataError(BanmianError):
    """A page to store lacks its paper, date or page number (neither file name nor option)."""


class CorruptPdfError(BanmianError):
    """A PDF file is damaged or truncated: PDFium cannot read it."""


class EncryptedPdfError(BanmianError):
    """A PDF file needs a password to open."""


class ScannedPdfError(BanmianError):
    """A PDF page has no text layer (a scan): there is no text to read without OCR."""


class IssueFolderError(BanmianError):
    """An issue folder does not exist, is not a folder, or holds no page files."""
