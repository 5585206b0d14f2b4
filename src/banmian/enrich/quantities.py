"""Quantities with units: ``150MW``, ``173亩``, ``4500平方米``, ``82.5%``, ``100吨``.

Only measurement units (power, area, weight, length, volume, shares); counts of things
(906个, 124人次) are no quantities here.
"""

from __future__ import annotations

import re

from banmian.enrich.numbers import MULTIPLIER, NUMBER, multiply, plain, read_number
from banmian.enrich.texts import Text
from banmian.model import Mention, MentionType
from banmian.normalize import fold_fullwidth

UNITS = {
    "GW": "GW",
    "MW": "MW",
    "kW": "kW",
    "KW": "kW",
    "吉瓦": "GW",
    "兆瓦": "MW",
    "千瓦时": "kWh",
    "千瓦": "kW",
    "平方公里": "km²",
    "平方米": "m²",
    "公顷": "ha",
    "亩": "亩",
    "吨": "t",
    "公里": "km",
    "千米": "km",
    "立方米": "m³",
    "%": "%",
    "个百分点": "percentage point",
}
"""Units as printed → the unit reported."""

_UNIT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
QUANTITY_RE = re.compile(
    f"(?<![0-9.A-Za-z])(?P<n>{NUMBER})(?:余|多)?(?P<mul>{MULTIPLIER})?(?:余|多)?(?P<unit>{_UNIT})"
)


def find_quantities(text: Text) -> list[Mention]:
    """Every quantity with a unit in ``text``."""
    out: list[Mention] = []
    for m in QUANTITY_RE.finditer(fold_fullwidth(text.text).replace("％", "%")):
        value = read_number(m["n"])
        if value is None:
            continue
        out.append(
            text.mention(
                MentionType.QUANTITY,
                m.start(),
                m.end(),
                "quantities",
                value=plain(multiply(value, m["mul"])),
                unit=UNITS[m["unit"]],
            )
        )
    return out
