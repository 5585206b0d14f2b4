"""Numbers as newspapers print them: 7052.8, 1,200, １２００, 三千, 二〇二二, with 万/亿.

Arabic digits (full-width folded) are read here; Chinese numerals are read by ``cn2an``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import cn2an  # type: ignore[import-untyped]

from banmian.normalize import fold_fullwidth

CHINESE_DIGITS = "〇零一二两三四五六七八九十百千"
"""Characters of a Chinese numeral (multipliers 万 and 亿 are read separately)."""
ARABIC = r"[0-9０-９]+(?:[.,．，][0-9０-９]+)*"
"""An Arabic number, possibly with a decimal point or thousands separators."""
NUMBER = f"(?:{ARABIC}|[{CHINESE_DIGITS}]+)"
"""An Arabic or Chinese number."""
MULTIPLIER = "(?:万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|千)"
"""Multipliers that stand between a number and its unit."""

_MULTIPLIERS = {
    "万亿": Decimal(10) ** 12,
    "千亿": Decimal(10) ** 11,
    "百亿": Decimal(10) ** 10,
    "十亿": Decimal(10) ** 9,
    "亿": Decimal(10) ** 8,
    "千万": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6,
    "十万": Decimal(10) ** 5,
    "万": Decimal(10) ** 4,
    "千": Decimal(10) ** 3,
}


def read_number(text: str) -> Decimal | None:
    """The value of an Arabic or Chinese number, or ``None`` if it is not one."""
    text = fold_fullwidth(text).replace("．", ".")
    if text and text[0].isdigit():
        # A comma between digits groups thousands (1,200); a Chinese comma (，) never
        # stands inside a number the patterns accept, but a full-width one may.
        try:
            return Decimal(text.replace(",", "").replace("，", ""))
        except InvalidOperation:
            return None
    if len(text) == 4 and all(c in "〇零一二三四五六七八九" for c in text):
        return Decimal(
            "".join(str("〇一二三四五六七八九".index(c.replace("零", "〇"))) for c in text)
        )
    try:
        return Decimal(str(cn2an.cn2an(text, "smart")))
    except (ValueError, KeyError, TypeError):
        return None


def multiply(value: Decimal, multiplier: str | None) -> Decimal:
    """``value`` times a multiplier word (万, 亿, 千万 …)."""
    return value * _MULTIPLIERS[multiplier] if multiplier else value


def plain(value: Decimal) -> float:
    """A decimal as a JSON number (integral values exact)."""
    return float(value)
