"""The page files of an issue folder: ``*.txt`` and ``*.pdf`` in it, ordered by page.

Page numbers come from file names following ``{paper}_{YYYY-MM-DD}_{page}.txt`` (or
``.pdf``); files whose names carry none come after the numbered ones, by name, and take
their number from the page itself when the parser finds one.
"""

from __future__ import annotations

from pathlib import Path

from banmian.errors import IssueFolderError
from banmian.names import parse_page_name

PAGE_SUFFIXES = (".txt", ".pdf")
"""File name endings read as pages (any case)."""


def _order(path: Path) -> tuple[int, int, str]:
    named = parse_page_name(path.name)
    return (0, named.page, path.name) if named else (1, 0, path.name)


def issue_files(folder: str | Path) -> list[Path]:
    """The page files directly in ``folder`` (hidden ones left out), in page order.

    Raises ``IssueFolderError`` when the folder is missing or holds no page file.
    """
    where = Path(folder)
    if not where.is_dir():
        raise IssueFolderError(f"{folder}: not a folder (--issue takes the folder of one issue)")
    found = [
        p
        for p in where.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in PAGE_SUFFIXES
    ]
    if not found:
        raise IssueFolderError(f"{folder}: no page files (*.txt, *.pdf) in it")
    return sorted(found, key=_order)
