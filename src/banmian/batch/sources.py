"""What a batch reads: page files named by folders, files or glob patterns, streamed.

A folder gives every ``*.txt`` under it, recursively, in sorted order, walked one folder at
a time so that the listing of a huge archive is never held whole; gold files
(``*.gold.json``) and hidden files are not taken. Any other argument is a glob pattern
(``**`` reaches into subfolders) or, matching itself, one file. Paths come out absolute,
so workers in other processes (or on other machines sharing the file system) find them.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

PAGE_SUFFIX = ".txt"
"""Files taken from a folder end so."""


def iter_sources(inputs: Sequence[str]) -> Iterator[str]:
    """Yield the absolute path of every page file the inputs name, in order.

    A file named twice (by overlapping arguments) comes twice; the batch then sees the same
    content hash again and counts it a duplicate.
    """
    for arg in inputs:
        yield from _expand(arg)


def count_sources(inputs: Sequence[str]) -> int:
    """How many page files the inputs name (a walk of the listing, no file is opened)."""
    return sum(1 for _ in iter_sources(inputs))


def _expand(arg: str) -> Iterator[str]:
    """The page files one argument names."""
    if Path(arg).is_dir():
        yield from _walk(os.path.abspath(arg))
        return
    matches = glob.iglob(arg, recursive=True) if glob.has_magic(arg) else iter([arg])
    for match in matches:
        if Path(match).is_dir():
            yield from _walk(os.path.abspath(match))
        elif glob.has_magic(arg) and not Path(match).is_file():
            continue
        else:
            yield os.path.abspath(match)  # a missing file is kept: reading it reports it


def _walk(folder: str) -> Iterator[str]:
    """Every page file under a folder, sorted, one folder's listing in memory at a time."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry.path)
        elif entry.is_file() and entry.name.endswith(PAGE_SUFFIX):
            yield entry.path
