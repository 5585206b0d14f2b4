"""An article's mentions as ``banmian.page`` JSON has them, each text aligned once.

``banmian.serialize.json.mention_to_dict`` places a mention on its source lines by aligning
the text that holds it (a paragraph, a field) with the page's raw lines, up to the mention's
end: once per mention, so an article costs its mentions times its paragraphs' length. On
generated pages (some 240 mentions a page) that made an export with mentions eight times
slower than one without. ``article_mentions`` gives the same dicts (``mention_to_dict``
builds them, its lines put in) but aligns each text once: the alignment is greedy, left to
right, so a prefix of the text aligns as the whole text's alignment begins, and a mention's
lines are read from it. Only when folding full-width characters reads the prefix otherwise
than the whole text (``１．２`` cut after ``１．``) is ``mention_to_dict`` asked to align it
itself. ``tests/test_export.py`` checks the dicts equal ``mention_to_dict``'s on the bundled
and on generated pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from banmian.model import Article, Field, Mention, Paragraph
from banmian.normalize import fold_fullwidth
from banmian.serialize.json import mention_to_dict

NO_RAW: dict[int, str] = {}
"""Raw lines that place nothing: ``mention_to_dict`` then skips aligning (lines None)."""


@dataclass(frozen=True, slots=True)
class _Alignment:
    """A holder's cleaned text aligned with its source characters."""

    text: str
    """The holder's cleaned text, spaces dropped, full-width folded."""
    lines: list[int]
    """The source line of each character of ``text`` that aligned, in order (the
    alignment stops at the first character the source lacks)."""


def _holder(art: Article, m: Mention) -> Field | Paragraph | None:
    """The field, paragraph or marker whose text holds the mention (as ``mention_to_dict``
    finds it)."""
    if m.field == "paragraph" and m.paragraph is not None:
        return art.paragraphs[m.paragraph]
    if m.field == "marker" and m.paragraph is not None:
        return art.markers[m.paragraph]
    held = getattr(art, m.field, None)
    return held if isinstance(held, Field) else None


def _align(raw: dict[int, str], holder: Field | Paragraph) -> _Alignment:
    chars = [
        (ch, s.line)
        for s in holder.spans
        for ch in raw.get(s.line, "")[s.start : s.end]
        if not ch.isspace()
    ]
    folded = fold_fullwidth("".join(ch for ch, _ in chars))
    text = fold_fullwidth("".join(holder.text.split()))
    lines: list[int] = []
    i = 0
    for ch in text:
        i = folded.find(ch, i)
        if i < 0:
            break
        lines.append(chars[i][1])
        i += 1
    return _Alignment(text, lines)


def article_mentions(raw: dict[int, str], art: Article) -> list[dict[str, Any]]:
    """The article's mentions as ``mention_to_dict(raw, art, m)`` gives each of them."""
    aligned: dict[tuple[str, int | None], _Alignment | None] = {}
    out = []
    for m in art.mentions:
        key = (m.field, m.paragraph)
        if key not in aligned:
            holder = _holder(art, m)
            aligned[key] = None if holder is None else _align(raw, holder)
        alignment = aligned[key]
        data = mention_to_dict(NO_RAW, art, m)
        if alignment is not None:
            holder = _holder(art, m)
            assert holder is not None
            prefix = fold_fullwidth("".join(holder.text[: m.end].split()))
            if not alignment.text.startswith(prefix):  # folded otherwise when cut
                data = mention_to_dict(raw, art, m)
            elif len(prefix) > len(alignment.lines):  # the source lacks a character
                data["span"]["lines"] = None
            else:
                lines = alignment.lines[: len(prefix)]
                count = len("".join(m.text.split()))
                data["span"]["lines"] = [lines[-count], lines[-1]] if count else None
        out.append(data)
    return out
