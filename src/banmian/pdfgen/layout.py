"""Lay a synthetic page's content out as a newspaper page: bands of articles in columns.

The page is cut into horizontal bands; each band holds one to three articles side by side,
each article a rectangle some columns wide. Inside it stand, top to bottom, the headline
group across the article's columns (kicker small, title large, subtitle medium), a
feature's lead in larger type across two columns, then the body flowing down the columns,
balanced: paragraphs justified with a 2 em first-line indent, subheads, a photo (a grey box)
with its caption in smaller type, a closing byline right-aligned on the last line or under
it, an end note, continuation markers. Running heads stand above the bands, credits below.

Only geometry lives here: ``lay_out`` returns what to draw where (``PageLayout``), in the
order a typesetting system might draw it; ``banmian.pdfgen.draw`` puts it on a canvas.
Glyph widths are reportlab's metrics of its built-in CID font ``STSong-Light`` or, for
pages that embed their font, of a TrueType CJK font found on the system (``FontKind``).
"""

from __future__ import annotations

import random
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Literal

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from banmian.synth import SynthArticle, SynthContent, chinese_numeral

FONT = "STSong-Light"
"""reportlab's built-in simplified-Chinese CID font: no font file, and not embedded, so a
reader must find a font of its own for it (PDFium asks the system's fonts)."""
EMBEDDED_FONT = "WenQuanYiMicroHei"
"""The name a TrueType CJK font file is registered under when pages embed their font."""
EMBEDDABLE_FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # Debian: fonts-wqy-microhei
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",  # Debian: fonts-wqy-zenhei
)
"""TrueType CJK fonts reportlab can embed (its TTFont reads no CFF, so no Noto CJK)."""
FontKind = Literal["builtin", "embedded"]
"""``builtin``: STSong-Light, not embedded; ``embedded``: a TrueType CJK font, embedded
(subset) in the file, as e-paper PDFs have theirs."""
_FONT: ContextVar[str] = ContextVar("banmian_pdfgen_font", default=FONT)
"""The font ``lay_out`` measures text in (reportlab's registered name)."""
PAGE_WIDTH = 842.0
"""A3 portrait, in points."""
MIN_PAGE_HEIGHT = 1191.0
"""A3's height; a page holding more text grows taller."""
MARGIN = 36.0
"""Page margin in points."""
MIN_COLUMN_EM, MAX_COLUMN_EM = 11, 24
"""Body columns are this many body-size ems wide, as on real pages."""
LEADING = 1.5
"""Body baseline distance, in body sizes."""
HANGING = frozenset("，。、；：！？”’）》」』")
"""Punctuation that may hang past the right margin instead of opening the next line."""
KICKER_SCALE, SUBTITLE_SCALE, LEAD_SCALE, CAPTION_SCALE = 1.35, 1.3, 1.12, 0.9
"""Type sizes of headline parts, leads and captions, as multiples of the body size."""
MIN_TITLE_SCALE = 1.7
"""A main title is at least this much larger than body text."""


def embeddable_font_file() -> Path | None:
    """The first TrueType CJK font file of ``EMBEDDABLE_FONT_FILES`` on this system."""
    for name in EMBEDDABLE_FONT_FILES:
        if Path(name).is_file():
            return Path(name)
    return None


@cache
def register_font(kind: FontKind = "builtin") -> str:
    """Make the font of ``kind`` known to reportlab (once); its registered name.

    ``embedded`` needs a font file of ``EMBEDDABLE_FONT_FILES``
    (``apt-get install fonts-wqy-microhei``): ``FileNotFoundError`` without one.
    """
    if kind == "builtin":
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        return FONT
    path = embeddable_font_file()
    if path is None:
        raise FileNotFoundError(
            "no TrueType CJK font to embed: install fonts-wqy-microhei (one of "
            + ", ".join(EMBEDDABLE_FONT_FILES)
            + ")"
        )
    pdfmetrics.registerFont(TTFont(EMBEDDED_FONT, str(path), subfontIndex=0))
    return EMBEDDED_FONT


@cache
def _width(ch: str, font: str) -> float:
    """Advance of ``ch`` at size 1 in ``font`` (registered)."""
    return float(pdfmetrics.stringWidth(ch, font, 1000.0)) / 1000.0


def _unit_width(ch: str) -> float:
    """Advance of ``ch`` at size 1 in the font being laid out in."""
    return _width(ch, _FONT.get())


def _is_ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def boundary(a: str, b: str) -> bool:
    """An ideograph next to a Latin letter or digit: where autospacing adds a gap."""
    return (_is_cjk(a) and _is_ascii_word(b)) or (_is_ascii_word(a) and _is_cjk(b))


def text_width(text: str, size: float, autospace: float = 0.0, font: str | None = None) -> float:
    """Natural width of ``text`` at ``size`` (autospace in ems at CJK/Latin boundaries), in
    ``font`` (default: the one being laid out in)."""
    face = _FONT.get() if font is None else font
    width = sum(_width(ch, face) for ch in text) * size
    if autospace:
        width += sum(boundary(a, b) for a, b in pairwise(text)) * autospace * size
    return width


@dataclass(slots=True)
class DrawnLine:
    """One line of text as drawn: a single size, left to right from ``x`` on baseline ``y``."""

    x: float
    y: float
    size: float
    text: str
    role: str
    """``body``, ``title``, ``kicker``, ``subtitle``, ``lead``, ``caption``, ``furniture`` …"""
    char_space: float = 0.0
    """Extra space after each character (justification)."""
    autospace: float = 0.0
    """Extra ems at each CJK/Latin boundary."""
    hanging: str | None = None
    """Punctuation set right after the justified text, past the column's edge."""


@dataclass(slots=True)
class Photo:
    """A picture: a grey box, no text."""

    x: float
    y: float
    """Bottom edge."""
    width: float
    height: float


@dataclass(slots=True)
class PageLayout:
    """What to draw on one page, in drawing order."""

    width: float
    height: float
    columns: int
    body_size: float
    groups: list[list[DrawnLine]] = field(default_factory=list)
    """Lines in drawing order, grouped (an article's headline group, its body …)."""
    photos: list[Photo] = field(default_factory=list)
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)
    """Thin lines (x0, y0, x1, y1) between bands and under the running head."""
    placement: str = "before"
    """Whether headline groups are drawn before or after their bodies (or mixed)."""
    font: str = FONT
    """The font every line is set in (reportlab's registered name)."""


# --- wrapping -----------------------------------------------------------------------------


def wrap(
    text: str, width: float, size: float, indent: float = 0.0, autospace: float = 0.0
) -> list[str]:
    """Cut ``text`` into lines of ``width`` points, the first ``indent`` points narrower.

    Closing punctuation hangs past the margin rather than open a line; a run of Latin
    letters, digits and spaces (``CCI Paris``, ``2022``) is not cut.
    """
    lines: list[str] = []
    i, n = 0, len(text)
    avail = width - indent
    while i < n:
        j, used = i, 0.0
        while j < n:
            w = _unit_width(text[j]) * size
            if autospace and j > i and boundary(text[j - 1], text[j]):
                w += autospace * size
            if used + w > avail + 0.01:
                break
            used += w
            j += 1
        if j < n and text[j] in HANGING:
            j += 1
        if j < n and j > i + 1 and _latin(text[j - 1]) and _latin(text[j]):
            k = j - 1
            while k > i and _latin(text[k - 1]):
                k -= 1
            if k > i:
                j = k
        j = max(j, i + 1)
        lines.append(text[i:j].strip(" ") or text[i:j])
        i = j
        while i < n and text[i] == " ":
            i += 1
        avail = width
    return lines


def _latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in " .-%")


# --- flows --------------------------------------------------------------------------------


@dataclass(slots=True)
class FlowLine:
    """A line waiting for its column."""

    text: str
    size: float
    role: str
    indent: float = 0.0
    justify: bool = False
    align: str = "left"
    glued: str | None = None
    """A byline set on the same baseline, flush right."""

    @property
    def height(self) -> float:
        return self.size * LEADING


@dataclass(slots=True)
class FlowPhoto:
    """A photo with its caption lines, kept together in one column."""

    height: float
    caption: list[FlowLine]

    @property
    def total(self) -> float:
        return self.height + 0.5 * self.caption[0].size + sum(c.height for c in self.caption)


Flow = FlowLine | FlowPhoto


def _height(item: Flow) -> float:
    return item.total if isinstance(item, FlowPhoto) else item.height


def _paragraph(
    text: str, width: float, size: float, role: str, autospace: float, indent: bool = True
) -> list[FlowLine]:
    first = 2 * size if indent else 0.0
    lines = wrap(text, width, size, first, autospace)
    return [
        FlowLine(t, size, role, indent=first if k == 0 else 0.0, justify=k < len(lines) - 1)
        for k, t in enumerate(lines)
    ]


class _Composer:
    """Builds an article's flows with the page's random choices."""

    def __init__(self, rng: random.Random, body: float, autospace: float) -> None:
        self.rng = rng
        self.body = body
        self.autospace = autospace
        self.glue_rate = rng.choice((0.3, 0.7, 1.0))
        self.numerals = rng.choice((0.0, 0.0, 0.5, 1.0))

    def marker(self, kind: str, page: int, bare: bool = False) -> str:
        number = chinese_numeral(page) if self.rng.random() < self.numerals else str(page)
        if bare:
            return f"{self.rng.choice(('下转', '转'))}第{number}版"
        return f"（{kind}第{number}版）"

    def photo(self, art: SynthArticle, width: float) -> FlowPhoto:
        assert art.caption is not None
        size = self.body * CAPTION_SCALE
        lines = _paragraph(art.caption[0], width, size, "caption", self.autospace, indent=False)
        height = self.rng.uniform(5, 10) * self.body * LEADING
        return FlowPhoto(height, lines)

    def body_flow(self, art: SynthArticle, width: float) -> list[Flow]:
        """The article's column text in order: photo, byline line, paragraphs, closing."""
        rng, s = self.rng, self.body
        flow: list[Flow] = []
        if art.caption and art.caption_first:
            flow.append(self.photo(art, width))
        if art.standalone:
            flow.append(FlowLine(art.standalone, s, "byline"))
        last = len(art.paragraphs) - 1
        for idx, (kind, printed, _) in enumerate(art.paragraphs):
            if kind == "heading":
                flow.extend(_paragraph(printed, width, s, "subhead", self.autospace, indent=False))
                continue
            text = printed
            if idx == 0:
                if art.dateline_printed:
                    sep = " " if "（" not in art.dateline_printed else ""
                    text = art.dateline_printed + sep + text
                if art.continued_from:
                    text = self.marker("上接", art.continued_from) + text
            own_line = ""
            if idx == last and art.continues_to:
                if rng.random() < 0.7:
                    text += self.marker("下转", art.continues_to)
                else:
                    own_line = self.marker("下转", art.continues_to, rng.random() < 0.5)
            flow.extend(_paragraph(text, width, s, "body", self.autospace))
            if own_line:
                flow.append(FlowLine(own_line, s, "marker", align="right"))
        if art.byline_printed:
            byline = f"（{art.byline_printed}）"
            tail = flow[-1] if flow else None
            room = (
                isinstance(tail, FlowLine)
                and tail.role == "body"
                and not tail.justify
                and text_width(tail.text, s, self.autospace) + text_width(byline, s) + 2 * s
                <= width - tail.indent
            )
            if room and isinstance(tail, FlowLine) and rng.random() < self.glue_rate:
                tail.glued = byline
            else:
                flow.append(FlowLine(byline, s, "byline", align="right"))
        if art.endnote:
            flow.append(FlowLine(f"（{art.endnote}）", s, "endnote"))
        if art.caption and not art.caption_first:
            flow.append(self.photo(art, width))
        return flow

    def headline(self, art: SynthArticle, width: float, columns: int) -> list[FlowLine]:
        """Kicker, title and subtitle lines, each part in its own size."""
        s = self.body
        out: list[FlowLine] = []
        if art.kicker:
            size = s * KICKER_SCALE
            out += [FlowLine(t, size, "kicker") for t in wrap(art.kicker[0], width, size)]
        size = s * min(1.9 + 0.35 * columns, 3.2)
        longest = max(text_width(t, 1.0) for t in art.title)
        size = max(min(size, width / max(longest, 1.0)), s * MIN_TITLE_SCALE)
        for t in art.title:
            out += [FlowLine(line, size, "title") for line in wrap(t, width, size)]
        if art.subtitle:
            size = s * SUBTITLE_SCALE
            out += [FlowLine(t, size, "subtitle") for t in wrap("——" + art.subtitle, width, size)]
        return out

    def lead(self, art: SynthArticle, width: float) -> list[FlowLine]:
        size = self.body * LEAD_SCALE
        out: list[FlowLine] = []
        for text in art.lead:
            out += _paragraph(text, width, size, "lead", self.autospace)
        return out


def balance(flow: list[Flow], columns: int) -> list[list[Flow]]:
    """Share the flow among ``columns`` columns of about equal height (in order)."""
    if columns <= 1 or not flow:
        return [flow]
    heights = [_height(f) for f in flow]

    def fill(cap: float) -> list[list[Flow]] | None:
        cols: list[list[Flow]] = [[]]
        used = 0.0
        for item, h in zip(flow, heights, strict=True):
            if used + h > cap + 0.01 and cols[-1]:
                if len(cols) == columns:
                    return None
                cols.append([])
                used = 0.0
            cols[-1].append(item)
            used += h
        return cols

    lo, hi = max(heights), sum(heights)
    best = fill(hi) or [flow]
    for _ in range(30):
        mid = (lo + hi) / 2
        got = fill(mid)
        if got is None:
            lo = mid
        else:
            best, hi = got, mid
    return best


# --- the page -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Placed:
    """An article placed in its band: x, width, columns, and its parts' heights."""

    index: int
    x: float
    width: float
    columns: int
    head: list[FlowLine]
    lead: list[FlowLine]
    lead_width: float
    cols: list[list[Flow]]

    def height(self, body: float) -> float:
        h = sum(f.height for f in self.head) + (body if self.head else 0.0)
        h += sum(f.height for f in self.lead) + (body if self.lead else 0.0)
        return h + max((sum(_height(f) for f in c) for c in self.cols), default=0.0)


def _spans(lengths: list[int], columns: int, rng: random.Random) -> list[int]:
    """Columns for each article of a band, by its length, at least one each."""
    total = sum(lengths)
    spans = [max(1, round(columns * n / total)) for n in lengths]
    while sum(spans) > columns:
        spans[spans.index(max(spans))] -= 1
    while sum(spans) < columns:
        spans[rng.randrange(len(spans))] += 1
    return spans


def _length(art: SynthArticle) -> int:
    return sum(len(p[1]) for p in art.paragraphs) + sum(len(t) for t in art.lead)


def lay_out(
    content: SynthContent, seed: int | str | None = None, font: FontKind = "builtin"
) -> PageLayout:
    """Lay ``content`` out on a page; the choices are drawn from ``seed`` (default: its own).

    Text is measured in the font of ``font`` (see ``FontKind``), which the page is then
    drawn in: the same seed lays out a little differently in each.
    """
    token = _FONT.set(register_font(font))
    try:
        return _lay_out(content, seed)
    finally:
        _FONT.reset(token)


def _lay_out(content: SynthContent, seed: int | str | None) -> PageLayout:
    rng = random.Random(f"pdf:{content.seed}" if seed is None else f"pdf:{seed}")
    columns = rng.randint(3, 6)
    gutter_em = rng.uniform(1.0, 1.6)
    usable = PAGE_WIDTH - 2 * MARGIN
    # Body size from the column width wanted, kept to sizes papers use.
    column_em = rng.randint(MIN_COLUMN_EM, MAX_COLUMN_EM)
    body = usable / (columns * column_em + (columns - 1) * gutter_em)
    body = min(max(body, 7.0), 11.0)
    gutter = gutter_em * body
    col_w = (usable - (columns - 1) * gutter) / columns
    autospace = rng.choice((0.0, 0.0, 0.25))
    composer = _Composer(rng, body, autospace)
    placement = rng.choice(("after", "after", "before", "mixed"))
    layout = PageLayout(PAGE_WIDTH, 0.0, columns, body, placement=placement, font=_FONT.get())

    top_lines = _furniture_top(content.furniture.top, body)
    y = MARGIN + (body * 1.2 if top_lines else 0.0)  # distance from the top edge, for now
    head_y = y
    if top_lines:
        y += body
        layout.rules.append((MARGIN, y, PAGE_WIDTH - MARGIN, y))
        y += body

    order = list(content.order)
    bands: list[list[_Placed]] = []
    while order:
        lead_first = bool(content.articles[order[0]].lead)
        most = min(3, columns - (1 if lead_first else 0), len(order))
        take = rng.randint(1, max(1, most))
        group = order[:take]
        order = order[take:]
        spans = _spans([_length(content.articles[k]) for k in group], columns, rng)
        if lead_first and spans[0] < 2 <= columns:
            spans = [2] + [1] * (len(spans) - 1)
            spans[-1] += columns - sum(spans)
        placed: list[_Placed] = []
        x = MARGIN
        for k, span in zip(group, spans, strict=True):
            art = content.articles[k]
            width = span * col_w + (span - 1) * gutter
            lead_cols = min(2, span)
            lead_w = lead_cols * col_w + (lead_cols - 1) * gutter
            head = composer.headline(art, width, span)
            lead = composer.lead(art, lead_w) if art.lead else []
            cols = balance(composer.body_flow(art, col_w), span)
            placed.append(_Placed(k, x, width, span, head, lead, lead_w, cols))
            x += width + gutter
        bands.append(placed)

    groups: list[tuple[list[DrawnLine], list[DrawnLine]]] = []
    for n, band in enumerate(bands):
        if n:
            y += body * 0.6
            layout.rules.append((MARGIN, y, PAGE_WIDTH - MARGIN, y))
            y += body * 0.8
        band_height = max(p.height(body) for p in band)
        for p in band:
            groups.append(_place_article(layout, p, y, col_w, gutter, body, autospace, rng))
        y += band_height
    bottom = content.furniture.bottom
    if bottom:
        y += body
        layout.rules.append((MARGIN, y, PAGE_WIDTH - MARGIN, y))
        y += body * 0.5
    foot: list[DrawnLine] = []
    for line in bottom:
        size = body * 0.85
        y += size * LEADING
        foot.append(DrawnLine(MARGIN, y, size, line, "furniture"))
    height = max(MIN_PAGE_HEIGHT, y + MARGIN)
    layout.height = height

    head_lines = [DrawnLine(x, head_y, size, text, "furniture") for x, size, text in top_lines]
    layout.groups.append(head_lines)
    for headline, body_lines in groups:
        before = placement == "before" or (placement == "mixed" and rng.random() < 0.5)
        layout.groups.extend([headline, body_lines] if before else [body_lines, headline])
    layout.groups.append(foot)
    layout.groups = [g for g in layout.groups if g]
    _flip(layout)
    return layout


def _furniture_top(lines: list[str], body: float) -> list[tuple[float, float, str]]:
    """The running head: left, right (and centre) on one baseline."""
    size = body * 0.95
    out: list[tuple[float, float, str]] = []
    if not lines:
        return out
    out.append((MARGIN, size, lines[0]))
    if len(lines) >= 2:
        w = text_width(lines[-1], size)
        out.append((PAGE_WIDTH - MARGIN - w, size, lines[-1]))
    if len(lines) >= 3:
        w = text_width(lines[1], size)
        out.append(((PAGE_WIDTH - w) / 2, size, lines[1]))
    return out


def _place_article(
    layout: PageLayout,
    p: _Placed,
    top: float,
    col_w: float,
    gutter: float,
    body: float,
    autospace: float,
    rng: random.Random,
) -> tuple[list[DrawnLine], list[DrawnLine]]:
    """Draw one article in its rectangle (y grows downwards here): headline, lead, columns."""
    head: list[DrawnLine] = []
    y = top
    centred = rng.random() < 0.5
    for f in p.head:
        y += f.size * 1.25
        w = text_width(f.text, f.size)
        x = p.x + (p.width - w) / 2 if centred else p.x
        head.append(DrawnLine(x, y, f.size, f.text, f.role))
    if p.head:
        y += body
    rest: list[DrawnLine] = []
    for f in p.lead:
        y += f.height
        rest.append(_line(f, p.x, p.lead_width, y, autospace))
    if p.lead:
        y += body
    for c, col in enumerate(p.cols):
        x = p.x + c * (col_w + gutter)
        cy = y
        for item in col:
            if isinstance(item, FlowPhoto):
                layout.photos.append(Photo(x, cy + item.height, col_w, item.height))
                cy += item.height + 0.5 * item.caption[0].size
                for cap in item.caption:
                    cy += cap.height
                    rest.append(_line(cap, x, col_w, cy, autospace))
                continue
            cy += item.height
            rest.append(_line(item, x, col_w, cy, autospace))
            if item.glued:
                w = text_width(item.glued, item.size)
                rest.append(DrawnLine(x + col_w - w, cy, item.size, item.glued, "byline"))
    return head, rest


def _line(f: FlowLine, x: float, width: float, y: float, autospace: float) -> DrawnLine:
    """A flow line set in its column: indented, justified or flush right."""
    natural = text_width(f.text, f.size, autospace)
    space = 0.0
    hang = None
    if f.justify and len(f.text) > 1:
        body = f.text
        target = width - f.indent
        if (
            f.text[-1] in HANGING
            and text_width(f.text[:-1], f.size, autospace) + 0.5 * f.size > target
        ):
            body, hang = f.text[:-1], f.text[-1]  # full without it: it hangs past the edge
        slack = target - text_width(body, f.size, autospace)
        space = max(0.0, slack / max(len(body) - 1, 1))
        if hang is not None:
            return DrawnLine(x + f.indent, y, f.size, body, f.role, space, autospace, hang)
    if f.align == "right":
        x = x + width - natural
    return DrawnLine(x + f.indent, y, f.size, f.text, f.role, space, autospace)


def _flip(layout: PageLayout) -> None:
    """Turn distances from the top edge into PDF coordinates (y grows upwards)."""
    h = layout.height
    for group in layout.groups:
        for line in group:
            line.y = h - line.y
    for photo in layout.photos:
        photo.y = h - photo.y
    layout.rules = [(x0, h - y0, x1, h - y1) for x0, y0, x1, y1 in layout.rules]
