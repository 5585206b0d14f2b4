"""Build an article from a chain: title group, dateline, byline, markers, paragraphs.

The dateline opens the first paragraph (after a 上接 marker, if any) and its bracketed
reporters are the byline; a reporter line of its own is the byline too. A closing
byline, end notes and a 下转 marker close the article. None of these stay in the text.
"""

from __future__ import annotations

import re

from banmian.assemble.attach import Chain
from banmian.assemble.lead import EDITORS_NOTE
from banmian.assemble.titles import title_group
from banmian.classify import byline as byline_rule
from banmian.classify import continuation, dateline, subhead
from banmian.classify.patterns import ROLE
from banmian.model import Article, BlockKind, Field, Paragraph, ParagraphType
from banmian.normalize import clean_body
from banmian.source import SourceText
from banmian.units import Unit

_ROLE_END_RE = re.compile(f"{ROLE}$")
_ROLE_START_RE = re.compile(ROLE)


def _byline_text(text: SourceText) -> str:
    """Names and labels, spaces made one.

    A line break next to a role label (记者 / 朱宁 通讯员) stood for a space; one inside a
    name (韩 / 佳诺) did not.
    """
    chunks = [text.text[a:b].strip() for a, b in text.piece_bounds()]
    out = chunks[0] if chunks else ""
    for chunk in chunks[1:]:
        label_between = _ROLE_END_RE.search(out) or _ROLE_START_RE.match(chunk)
        out += (" " if label_between else "") + chunk
    return " ".join(out.split())


class _Builder:
    def __init__(self, art: Article) -> None:
        self.art = art
        self.bylines: list[tuple[str, SourceText]] = []

    def marker(self, text: SourceText, rule: str) -> None:
        self.art.markers.append(Field(text.text.strip(), text.spans(), rule))

    def opening(self, text: SourceText) -> SourceText:
        """Take a 上接 marker and a dateline off the start of the first text."""
        m = continuation.opening_marker(text.text)
        if m:
            self.marker(text.slice(m.start, m.end), continuation.NAME)
            if m.page is not None and self.art.continued_from is None:
                self.art.continued_from = m.page
            text = text.slice(m.end)
        found = dateline.find(text.text)
        if found and self.art.dateline is None:
            head = text.slice(0, found.brackets[0] if found.brackets else found.end)
            dl_text = clean_body(text.text[found.dateline[0] : found.dateline[1]])
            spans = head.spans()
            if found.brackets and found.reporters:
                spans += text.slice(found.brackets[1], found.end).spans()
                rep = text.slice(*found.reporters)
                self.bylines.append((_byline_text(rep), text.slice(*found.brackets)))
            self.art.dateline = Field(dl_text, spans, dateline.NAME)
            text = text.slice(found.end)
        return text

    def closing_unit(self, unit: Unit) -> bool:
        """Consume a byline, end note or marker unit; False if it is none of these."""
        text = unit.text
        if unit.kind is BlockKind.BYLINE:
            stripped = text.strip()
            found = byline_rule.closing(stripped.text) or byline_rule.reporter_line(stripped.text)
            body = stripped.slice(*found.body) if found else stripped
            self.bylines.append((_byline_text(body), text))
            return True
        if unit.kind is BlockKind.ENDNOTE:
            self.marker(text, "endnote")
            return True
        if unit.kind is BlockKind.CONTINUATION:
            m = continuation.closing_marker(text.text) or continuation.opening_marker(text.text)
            if m and m.direction == "to":
                self.art.continues_to = self.art.continues_to or m.page
            elif m:
                self.art.continued_from = self.art.continued_from or m.page
            self.marker(text, continuation.NAME)
            return True
        return False

    def paragraph(self, kind: ParagraphType, text: SourceText, rule: str, skip: int = 0) -> None:
        if not text.text.strip():
            if text.pieces:  # only whitespace left after a dateline: keep provenance
                self.marker(text, rule)
            return
        clean = clean_body(text.text[skip:])
        if not clean:
            self.marker(text, rule)
            return
        self.art.paragraphs.append(Paragraph(kind, clean, text.spans(), rule))

    def finish(self) -> None:
        if self.bylines:
            text = " ".join(t for t, _ in self.bylines)
            spans = [s for _, st in self.bylines for s in st.spans()]
            self.art.byline = Field(text, spans, byline_rule.NAME)
            names: list[str] = []
            for t, _ in self.bylines:
                names.extend(n for n in byline_rule.authors(t) if n not in names)
            self.art.authors = names


def build_article(chain: Chain, article_id: str) -> Article:
    """The article a chain makes."""
    art = Article(id=article_id)
    art.kicker, art.title, art.subtitle, author_lines = title_group(chain.headlines)
    b = _Builder(art)
    for line in author_lines:
        b.bylines.append((_byline_text(line), line))
    opened = False  # the first paragraph of running text has been seen
    for index, seg in enumerate(chain.segments):
        for unit in chain.subheads.get(index, []):
            skip = subhead.bullet_length(unit.text.text)
            b.paragraph(ParagraphType.HEADING, unit.text, "subhead", skip)
        for unit in seg.units:
            if b.closing_unit(unit):
                continue
            text = unit.text
            # The dateline opens the first paragraph of running text; captions and an
            # editor's note printed above it come first, and a part that opens with a
            # dateline or 上接 marker (a lead may stand before it) has one too.
            if unit.kind is BlockKind.BODY and (
                not (opened or text.text.lstrip().startswith(EDITORS_NOTE))
                or unit.parts[0].opens in ("dateline", "continuation")
            ):
                text = b.opening(text)
                opened = True
            if unit.kind is BlockKind.CAPTION:
                b.paragraph(ParagraphType.CAPTION, text, unit.rule)
            elif unit.kind in (BlockKind.SUBHEAD, BlockKind.HEADLINE):
                skip = subhead.bullet_length(text.text)
                b.paragraph(ParagraphType.HEADING, text, unit.rule, skip)
            else:
                b.paragraph(ParagraphType.TEXT, text, unit.rule)
    b.finish()
    return art
