"""Sums of money: ``7052.8亿元`` → 705280000000 CNY, ``3000万美元``, ``50亿—100亿元`` (a range).

A number (Arabic or Chinese), a multiplier (万, 亿 …) and a currency; ``余``/``多`` inside
the number stay in the text (the value is the round figure). Qualifiers around a sum
(约, 超, 以上) are not part of it.
"""

from __future__ import annotations

import re

from banmian.enrich.numbers import MULTIPLIER, NUMBER, multiply, plain, read_number
from banmian.enrich.texts import Text
from banmian.model import Mention, MentionType
from banmian.normalize import fold_fullwidth

CURRENCIES = {
    "元人民币": "CNY",
    "人民币": "CNY",
    "元": "CNY",
    "美元": "USD",
    "欧元": "EUR",
    "英镑": "GBP",
    "日元": "JPY",
    "港元": "HKD",
    "港币": "HKD",
    "澳元": "AUD",
    "加元": "CAD",
    "卢布": "RUB",
    "韩元": "KRW",
    "新台币": "TWD",
    "瑞士法郎": "CHF",
    "新加坡元": "SGD",
    "卢比": "INR",
    "泰铢": "THB",
    "越南盾": "VND",
    "林吉特": "MYR",
    "肯尼亚先令": "KES",
    "兰特": "ZAR",
    "雷亚尔": "BRL",
    "里拉": "TRY",
    "坚戈": "KZT",
}
"""Currency words and their ISO 4217 codes (longest first in the pattern)."""

_CURRENCY = "|".join(sorted(CURRENCIES, key=len, reverse=True))
_APPROX = "(?:余|多)?"
MONEY_RE = re.compile(
    f"(?<![0-9.])(?:人民币)?(?:(?P<lo>{NUMBER}){_APPROX}(?P<lomul>{MULTIPLIER})?(?:{_CURRENCY})?"
    "[ ]?(?:—{1,2}|－|-|~|～|至|到)[ ]?)?"
    f"(?P<n>{NUMBER}){_APPROX}(?P<mul>{MULTIPLIER})?{_APPROX}(?P<cur>{_CURRENCY})"
)
"""A sum, or a range of sums sharing the currency (and the multiplier if only one has it)."""


def find_money(text: Text) -> list[Mention]:
    """Every sum of money in ``text``, normalized."""
    out: list[Mention] = []
    for m in MONEY_RE.finditer(fold_fullwidth(text.text)):
        high = read_number(m["n"])
        if high is None:
            continue
        high = multiply(high, m["mul"])
        value: float | list[float] = plain(high)
        if m["lo"]:
            low = read_number(m["lo"])
            if low is None:
                continue
            low = multiply(low, m["lomul"] or m["mul"])
            value = [plain(low), plain(high)]
        out.append(
            text.mention(
                MentionType.MONEY,
                m.start(),
                m.end(),
                "money",
                value=value,
                unit=CURRENCIES[m["cur"]],
            )
        )
    return out
