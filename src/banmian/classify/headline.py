"""Headline lines: a short unit standing alone, not closing a sentence with 。.

A headline unit is one to three lines set apart from running text (segmentation already
refused to flow it into a paragraph). Whether it is a kicker, a main title, a subtitle
or a subhead inside an article is settled at assembly, from what surrounds it.
"""

from __future__ import annotations

import re

NAME = "headline"

MAX_LINES = 3
"""Headline groups wrap over at most three lines in one block."""
MAX_WIDTH = 40.0
"""No headline line is wider than this many em."""
EXCLAIM_MAX_WIDTH = 24.0
"""A short line ending in ！ or ？ may be a title (亮眼！); a longer one is a sentence."""
_INNER_STOP_RE = re.compile("[。；;]")
OPEN_CLAUSE = "，、,"
"""A unit in body type ending in these leaves its sentence open: running text cut off,
not a title. (In headline type it is a title: a kicker may wrap at a comma.)"""

BOX_LABELS = frozenset(
    "短评 链接 相关链接 新闻链接 延伸阅读 背景 背景链接 编者按 核心阅读 记者手记 编后 编后语 "
    "点评 评论 快评 微评 时评 一线观察 新闻观察 数说 图说 提示 小贴士 名词解释 专家观点".split()
)
"""Labels printed above a box (a short comment, a link, a background note). A box is an
article of its own whose headline group opens with the label, printed above it."""


_COLUMN_LABEL_RE = re.compile(
    "^[\u4e00-\u9fff]{0,4}(?:论坛|时评|观察|短评|快评|微评|手记|札记|链接|速评|视点|观点)$"
)
"""A column's name printed above its headline: 人民论坛, 人民时评, 产业观察, 国际观察."""


def is_box_label(text: str) -> bool:
    """Whether ``text`` is nothing but a box label (短评, 链接 …)."""
    return text.strip().strip("【】[]■□●") in BOX_LABELS


def is_column_label(text: str) -> bool:
    """Whether ``text`` is a box label or a column's name (人民论坛, 国际观察 …)."""
    text = text.strip().strip("【】[]■□●")
    return text in BOX_LABELS or _COLUMN_LABEL_RE.match(text) is not None


def is_headline(
    parts_text: list[str], widths: list[float], closes: bool, heading_type: bool = False
) -> bool:
    """Whether a unit's lines read as a headline (``heading_type``: set in headline type)."""
    if not parts_text or len(parts_text) > MAX_LINES or max(widths) > MAX_WIDTH:
        return False
    joined = "".join(parts_text)
    if _INNER_STOP_RE.search(joined):
        return False
    if not heading_type and joined.rstrip()[-1] in OPEN_CLAUSE:
        return False
    if closes:
        return joined.rstrip()[-1] in "！？!?" and sum(widths) <= EXCLAIM_MAX_WIDTH
    return True
