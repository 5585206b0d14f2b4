"""Split a headline group into kicker, main title and subtitle, and join wrapped titles.

In printed order a group reads kicker (引题), main title (主题), subtitle (副题). A
block opened by —— is a subtitle; a line ending in —— is a kicker. Of the remaining
blocks the last is the main title and the one before it the kicker. A main title set
on two lines is either two parallel clauses (joined with a space) or one title wrapped
(joined with nothing): the second line of parallel clauses opens with a verb or adverb
of its own. When type sizes are known (PDF input), the largest type is the main title.
"""

from __future__ import annotations

from itertools import pairwise

from banmian.classify.headline import is_column_label
from banmian.classify.patterns import is_bare_name
from banmian.model import Field
from banmian.normalize import clean_title
from banmian.source import SourceText, join
from banmian.units import SAME_SIZE, Unit, same_size

DASHES = ("——", "──", "—", "─", "--")
"""Openings of a subtitle and endings of a kicker."""
CLAUSE_OPENERS = frozenset(
    "推进 推动 加快 加速 着力 积极 不断 全力 持续 深入 扎实 奋力 努力 坚持 坚定 加强 强化 提升 "
    "激发 打造 助力 实现 构建 开创 谱写 开启 迈上 迈向 跑出 走出 攻坚 聚力 聚焦 稳住 做好 抓好 "
    "筑牢 守牢 绘就 书写 共建 共享 共绘 共创 同心 携手 凝心 凝聚 汇聚 激活 释放 点亮 首设 首次 "
    "再创 再上 勇当 争当 争创 争做 当好 建好 用好 办好 守护 护航 赋能 引领 推出 启动 开展 实施 "
    "完善 优化 补齐 夯实 深化 拓展 扩大 培育 壮大 激励 保障 确保 全面 大力 切实 更好 更加 加大 "
    "力争 全速 竞相 齐心 合力 奏响 描绘 擦亮 厚植 激扬 焕发 彰显 树立 答好 跑好 下好 走好 "
    "进一步 让 为 以 向 促 助 展 创 谋 抓 育 兴".split()
)
"""Verbs and adverbs that open a headline clause (不断增强…, 积极探索…, 激发…).

A second title line that opens with one of them is a clause of its own, parallel to the
first line; a second line that opens with a noun or a particle continues the first.
"""
PARALLEL_MIN_CLAUSE = 4
"""A clause of a two-clause title has at least this many characters."""
RULE = "titles"


def _chars(text: str) -> int:
    return len("".join(text.split()))


def join_title_lines(lines: list[str]) -> str:
    """Join the lines of one title: a space between parallel clauses, nothing otherwise."""
    cleaned = [clean_title(t) for t in lines if t.strip()]
    if not cleaned:
        return ""
    out = cleaned[0]
    for prev, cur in pairwise(cleaned):
        opens_clause = any(cur[:n] in CLAUSE_OPENERS for n in (3, 2, 1))
        parallel = (
            opens_clause
            and prev[-1] not in "，、：；,:;—"
            and min(_chars(prev), _chars(cur)) >= PARALLEL_MIN_CLAUSE
        )
        out += (" " if parallel else "") + cur
    return out


def _strip_dashes(text: str, leading: bool) -> str:
    for d in DASHES:
        if leading and text.startswith(d):
            return text[len(d) :].strip()
        if not leading and text.endswith(d):
            return text[: -len(d)].strip()
    return text


def _field(lines: list[SourceText], rule: str) -> Field:
    return Field(join_title_lines([t.text for t in lines]), join(lines).spans(), rule)


def _sized_group(
    units: list[Unit],
) -> tuple[Field | None, Field | None, Field | None, list[SourceText]] | None:
    """The group split by type size, when the reader knew sizes and they differ.

    The main title is set largest: the units in that size are the title, those before it
    the kicker and those after it the subtitle (a kicker's closing ——, a subtitle's opening
    —— dropped). A bare name in body type under the title is an author line. ``None`` when
    sizes say nothing (text input, or every unit in one size).
    """
    if not units or any(u.parts[0].size is None for u in units):
        return None
    largest = max(u.scale for u in units)
    if all(same_size(u.parts[0], units[0].parts[0]) for u in units):
        return None
    at = [i for i, u in enumerate(units) if abs(u.scale - largest) <= SAME_SIZE * largest]
    first, last = at[0], at[-1]

    def texts(group: list[Unit]) -> list[SourceText]:
        return [u.text.slice(*_part_offsets(u, p)) for u in group for p in u.parts]

    authors = [
        t
        for u in units[last + 1 :]
        if not u.parts[0].heading_type
        for t in texts([u])
        if is_bare_name(t.text.strip())
    ]
    below = [t for t in texts(units[last + 1 :]) if t not in authors]
    kicker = _field(texts(units[:first]), RULE) if first else None
    if kicker is not None:
        kicker.text = _strip_dashes(kicker.text, leading=False)
    title = _field(texts(units[first : last + 1]), RULE)
    subtitle = _field(below, RULE) if below else None
    if subtitle is not None:
        subtitle.text = _strip_dashes(subtitle.text, leading=True)
    return kicker, title, subtitle, authors


def title_group(
    units: list[Unit],
) -> tuple[Field | None, Field | None, Field | None, list[SourceText]]:
    """(kicker, title, subtitle, author lines) of a headline group given in printed order.

    An author line is a bare personal name (孙立明) standing under the title, as signed
    commentaries print it; it is the article's byline. When the reader knew type sizes,
    the sizes decide (``_sized_group``).
    """
    sized = _sized_group(units)
    if sized is not None:
        return sized
    blocks: list[list[SourceText]] = []
    subtitle_lines: list[SourceText] = []
    kicker_lines: list[SourceText] = []
    author_lines: list[SourceText] = []
    for unit in units:
        current: list[SourceText] = []
        for part in unit.parts:
            text = unit.text.slice(*_part_offsets(unit, part))
            stripped = text.text.strip()
            if (blocks or current) and is_bare_name(stripped):
                author_lines.append(text)
            elif not current and len(unit.parts) > 1 and is_column_label(stripped):
                blocks.append([text])  # a column's name over its title: the kicker
            elif stripped.startswith(DASHES):
                subtitle_lines.append(text)
            elif stripped.endswith(DASHES) and not blocks and not kicker_lines:
                kicker_lines.extend([*current, text])
                current = []
            elif subtitle_lines and not current and blocks:
                subtitle_lines.append(text)  # a subtitle wrapped onto a second line
            else:
                current.append(text)
        if current:
            blocks.append(current)
    if kicker_lines:
        blocks.insert(0, kicker_lines)
    kicker = title = subtitle = None
    if blocks:
        title = _field(blocks[-1] if len(blocks) <= 2 else blocks[1], RULE)
        if len(blocks) >= 2:
            kicker = _field(blocks[0], RULE)
            kicker.text = _strip_dashes(kicker.text, leading=False)
        if len(blocks) >= 3:
            subtitle_lines = [t for b in blocks[2:] for t in b] + subtitle_lines
    if subtitle_lines:
        subtitle = _field(subtitle_lines, RULE)
        subtitle.text = _strip_dashes(subtitle.text, leading=True)
    if title is None and subtitle is not None:
        title, subtitle = subtitle, None
    return kicker, title, subtitle, author_lines


def _part_offsets(unit: Unit, part: object) -> tuple[int, int]:
    """Offsets of ``part`` inside ``unit.text`` (parts are concatenated in order)."""
    pos = 0
    for p in unit.parts:
        length = p.end - p.start
        if p is part:
            return pos, pos + length
        pos += length
    raise ValueError("part not in unit")
