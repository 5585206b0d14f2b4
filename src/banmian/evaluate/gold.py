"""Gold annotations: the hand-made articles of one page, read and checked.

A gold file is a JSON object::

    {"source": "page.txt", "paper": "…", "date": "YYYY-MM-DD", "page": 2,
     "articles": [{"id": "…", "kicker": null, "title": "…", "subtitle": null,
                   "dateline": "本报讯", "byline": "…", "continued_from": 1,
                   "continues_to": null,
                   "paragraphs": [{"type": "text", "text": "…"}]}]}

``source`` is the page's text file, relative to the gold file. ``source``, ``articles`` and,
on each article, ``title`` and ``paragraphs`` are required; on each paragraph ``text``.
Everything else may be left out (null). Continuations are page numbers, or ``{"page": N}``
as in the parser's JSON. Keys not listed here (``notes``, ``note`` …) are ignored.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from banmian.errors import GoldFormatError
from banmian.model import ParagraphType


@dataclass(frozen=True, slots=True)
class GoldParagraph:
    """One paragraph of a gold article."""

    type: ParagraphType
    """text, heading (subhead) or caption."""
    text: str
    """The paragraph's text as annotated."""


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One hand-annotated article."""

    id: str
    """The annotator's identifier (``#N`` by position when absent)."""
    title: str | None
    """Main title (主题)."""
    kicker: str | None = None
    """引题 above the main title."""
    subtitle: str | None = None
    """副题 below the main title."""
    dateline: str | None = None
    """电头 without the reporters."""
    byline: str | None = None
    """署名 as printed inside its brackets."""
    continued_from: int | None = None
    """Page the article is continued from."""
    continues_to: int | None = None
    """Page the article continues on."""
    paragraphs: tuple[GoldParagraph, ...] = ()
    """Body paragraphs in reading order."""


@dataclass(frozen=True, slots=True)
class Gold:
    """The annotation of one page."""

    path: Path
    """The gold file itself."""
    source: Path
    """The page's text file, resolved against the gold file's folder."""
    paper: str | None
    """Newspaper name."""
    date: str | None
    """Issue date, ISO YYYY-MM-DD."""
    page: int | None
    """Page number in the issue."""
    articles: tuple[GoldArticle, ...]
    """The page's articles."""


def load_gold(path: Path) -> Gold:
    """Read and check a gold file; raise ``GoldFormatError`` (one line) when it is malformed."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"{path}: cannot read gold file ({exc})") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GoldFormatError(
            f"{path}: not valid JSON (line {exc.lineno} column {exc.colno}: {exc.msg})"
        ) from exc
    return gold_from_dict(data, Path(path))


def gold_from_dict(data: object, path: Path) -> Gold:
    """Check decoded gold JSON and build a ``Gold``; ``path`` is where it came from."""
    top = _mapping(data, path, "")
    source = _required(top, "source", path, "")
    if not isinstance(source, str) or not source.strip():
        _fail(path, "", "'source' must be a non-empty string")
    articles = _required(top, "articles", path, "")
    if not isinstance(articles, list):
        _fail(path, "", "'articles' must be a list")
    return Gold(
        path=path,
        source=path.parent / source,
        paper=_optional_str(top, "paper", path, ""),
        date=_optional_str(top, "date", path, ""),
        page=_optional_page(top, "page", path, ""),
        articles=tuple(_article(a, i, path) for i, a in enumerate(articles)),
    )


def _article(data: object, index: int, path: Path) -> GoldArticle:
    where = f"articles[{index}]"
    art = _mapping(data, path, where)
    title = _required(art, "title", path, where)
    if title is not None and not isinstance(title, str):
        _fail(path, where, "'title' must be a string or null")
    paragraphs = _required(art, "paragraphs", path, where)
    if not isinstance(paragraphs, list):
        _fail(path, where, "'paragraphs' must be a list")
    ident = art.get("id", f"#{index + 1}")
    if not isinstance(ident, str | int) or isinstance(ident, bool):
        _fail(path, where, "'id' must be a string")
    return GoldArticle(
        id=str(ident),
        title=title,
        kicker=_optional_str(art, "kicker", path, where),
        subtitle=_optional_str(art, "subtitle", path, where),
        dateline=_optional_str(art, "dateline", path, where),
        byline=_optional_str(art, "byline", path, where),
        continued_from=_optional_page(art, "continued_from", path, where),
        continues_to=_optional_page(art, "continues_to", path, where),
        paragraphs=tuple(
            _paragraph(p, f"{where}.paragraphs[{j}]", path) for j, p in enumerate(paragraphs)
        ),
    )


def _paragraph(data: object, where: str, path: Path) -> GoldParagraph:
    par = _mapping(data, path, where)
    text = _required(par, "text", path, where)
    if not isinstance(text, str):
        _fail(path, where, "'text' must be a string")
    kind = par.get("type", ParagraphType.TEXT.value)
    if kind not in {t.value for t in ParagraphType}:
        allowed = ", ".join(t.value for t in ParagraphType)
        _fail(path, where, f"'type' must be one of {allowed}, not {kind!r}")
    return GoldParagraph(ParagraphType(kind), text)


def _fail(path: Path, where: str, message: str) -> NoReturn:
    raise GoldFormatError(f"{path}: {where}: {message}" if where else f"{path}: {message}")


def _mapping(data: object, path: Path, where: str) -> Mapping[str, Any]:
    if not isinstance(data, dict):
        _fail(path, where, f"expected a JSON object, found {type(data).__name__}")
    return data


def _required(obj: Mapping[str, Any], key: str, path: Path, where: str) -> Any:
    if key not in obj:
        _fail(path, where, f"missing key '{key}'")
    return obj[key]


def _optional_str(obj: Mapping[str, Any], key: str, path: Path, where: str) -> str | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        _fail(path, where, f"'{key}' must be a string or null")
    return value


def _optional_page(obj: Mapping[str, Any], key: str, path: Path, where: str) -> int | None:
    value = obj.get(key)
    if isinstance(value, dict) and set(value) == {"page"}:
        value = value["page"]
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and value > 0):
        return value
    _fail(path, where, f"'{key}' must be a page number, {{\"page\": N}} or null")
