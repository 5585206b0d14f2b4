"""The pipeline: read → normalize → segment → classify → assemble.

Each stage is a module of its own; data flows one way. ``STAGES`` names them in order.
"""

from __future__ import annotations

from pathlib import Path

from banmian.model import Line, Page
from banmian.read import decode

STAGES = ("read", "normalize", "segment", "classify", "assemble")


def parse_text(
    text: str, *, paper: str | None = None, date: str | None = None, page: int | None = None
) -> Page:
    """Parse the raw text of one newspaper page into a ``Page`` of articles."""
    lines = [Line(i, raw) for i, raw in enumerate(text.splitlines(), start=1)]
    result = Page(lines=lines, paper=paper, date=date, page=page)
    # The later stages are filled in by banmian.segment / classify / assemble.
    from banmian.assemble import assemble
    from banmian.classify import classify
    from banmian.segment import segment

    blocks = classify(segment(lines))
    assemble(result, blocks)
    return result


def parse_bytes(
    data: bytes,
    *,
    encoding: str | None = None,
    paper: str | None = None,
    date: str | None = None,
    page: int | None = None,
) -> Page:
    """Decode raw bytes (encoding detected unless given) and parse them."""
    return parse_text(decode(data, encoding=encoding), paper=paper, date=date, page=page)


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
