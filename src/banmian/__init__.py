"""banmian (版面): turn the raw text of Chinese newspaper pages into structured articles.

Two API levels: ``parse_text`` / ``parse_bytes`` / ``parse_file`` return a typed ``Page``;
the serializers in ``banmian.serialize`` turn a page into JSON, Markdown or plain text.
"""

from __future__ import annotations

from banmian.model import Article, Block, BlockKind, Page, Paragraph, ParagraphType
from banmian.pipeline import parse_bytes, parse_file, parse_text

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Block",
    "BlockKind",
    "Page",
    "Paragraph",
    "ParagraphType",
    "__version__",
    "parse_bytes",
    "parse_file",
    "parse_text",
]
