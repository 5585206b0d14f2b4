"""One serializer per output format; each takes a Page and returns a string."""

from __future__ import annotations

from collections.abc import Callable

from banmian.model import Page
from banmian.serialize.json import page_to_json
from banmian.serialize.markdown import page_to_markdown
from banmian.serialize.text import page_to_text

SERIALIZERS: dict[str, Callable[[Page], str]] = {
    "json": page_to_json,
    "markdown": page_to_markdown,
    "text": page_to_text,
}
"""Output formats by name, as offered by ``banmian parse --format``."""

__all__ = ["SERIALIZERS", "page_to_json", "page_to_markdown", "page_to_text"]
