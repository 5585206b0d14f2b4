"""Put page layouts on a reportlab canvas: text in drawing order, photos, rules.

Each line is drawn as one or more text runs with the line's character spacing (its
justification); at a boundary between an ideograph and a Latin letter or digit an
autospaced page moves the pen on by a fraction of an em, as typesetting systems do, which
is what text dumps later read as a stray space (``12月 7日``).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from banmian.pdfgen.layout import (
    DrawnLine,
    PageLayout,
    boundary,
    register_font,
    text_width,
)

_GREY = Color(0.8, 0.8, 0.8)


def _runs(line: DrawnLine, font: str) -> list[tuple[float, str]]:
    """(x, text) runs of a line, cut where autospacing moves the pen; hanging punctuation
    last, right at the column's edge."""
    text = line.text
    runs: list[tuple[float, str]] = []
    x, start = line.x, 0
    for i in range(1, len(text) + 1):
        if i == len(text) or (line.autospace and boundary(text[i - 1], text[i])):
            run = text[start:i]
            runs.append((x, run))
            x += text_width(run, line.size, font=font) + len(run) * line.char_space
            x += line.autospace * line.size if i < len(text) else -line.char_space
            start = i
    if line.hanging:
        runs.append((x, line.hanging))
    return runs


def render(pages: Sequence[PageLayout], *, encrypt: str | None = None) -> bytes:
    """The PDF of ``pages``; ``encrypt`` sets a user password (the file then needs it)."""
    register_font()  # the built-in font, for pages not laid out by lay_out
    buf = io.BytesIO()
    kwargs = {}
    if encrypt is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        kwargs["encrypt"] = StandardEncryption(encrypt, ownerPassword=encrypt + "-owner")
    canvas = Canvas(buf, pagesize=(pages[0].width, pages[0].height), **kwargs)
    canvas.setTitle("banmian synthetic page")
    for layout in pages:
        canvas.setPageSize((layout.width, layout.height))
        canvas.setFillColor(_GREY)
        for photo in layout.photos:
            canvas.rect(photo.x, photo.y, photo.width, photo.height, stroke=0, fill=1)
        canvas.setFillColor(Color(0, 0, 0))
        canvas.setLineWidth(0.5)
        for x0, y0, x1, y1 in layout.rules:
            canvas.line(x0, y0, x1, y1)
        for group in layout.groups:
            text = canvas.beginText()
            for line in group:
                text.setFont(layout.font, line.size)
                text.setCharSpace(line.char_space)
                for x, run in _runs(line, layout.font):
                    text.setTextOrigin(x, line.y)
                    text.textOut(run)
            canvas.drawText(text)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def render_scan(width: float = 595.0, height: float = 842.0, pages: int = 1) -> bytes:
    """A PDF of ``pages`` pages holding only a picture each, as a scanner makes: no text."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    image = Image.new("L", (300, 420), 250)
    pen = ImageDraw.Draw(image)
    for row in range(20, 400, 12):
        for col in (20, 110, 200):
            pen.rectangle((col, row, col + 80, row + 6), fill=60)
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(width, height))
    for _ in range(pages):
        canvas.drawImage(ImageReader(image), 0, 0, width, height)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()
