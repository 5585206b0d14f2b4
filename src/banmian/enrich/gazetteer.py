"""China's administrative divisions, from the gazetteer shipped in the ``cpca`` package.

``cpca`` carries the national list of divisions (GB/T 2260 codes and names, provinces to
counties) as ``resources/adcodes.csv``; banmian reads that file and matches names in
article text itself, because it needs each match's offsets (cpca's own API parses whole
addresses into tables). Full names are matched (锡山区, 江苏省, 江阴市); short forms only for
provinces and cities (江苏, 无锡, 江阴), where the short form is what papers print.
"""

from __future__ import annotations

import importlib.resources
import re
from dataclasses import dataclass
from functools import cache

_PROVINCE_SUFFIXES = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "省",
    "市",
)
_CITY_SUFFIXES = ("自治州", "地区", "市", "盟")
_SKIP = frozenset(("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"))
MIN_FULL = 3
"""Full names shorter than this (城区, 郊区, 矿区, 忠县) are common words or too ambiguous."""


@dataclass(frozen=True, slots=True)
class Division:
    """One administrative division."""

    code: str
    """Six-digit division code."""
    name: str
    """Its own name (锡山区)."""
    full_name: str
    """With the divisions above it (江苏省无锡市锡山区)."""
    level: int
    """1 province, 2 prefecture-level city, 3 county-level."""

    def within(self, other: Division) -> bool:
        """Whether this division lies in ``other`` (or is it)."""
        prefix = other.code[: 2 * other.level]
        return self.code.startswith(prefix)


def _short(name: str, suffixes: tuple[str, ...]) -> str | None:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


@cache
def divisions() -> dict[str, list[Division]]:
    """Every name a division goes by (full and short) → the divisions it may be."""
    data = importlib.resources.files("cpca.resources").joinpath("adcodes.csv")
    names: dict[str, str] = {}
    for row in data.read_text(encoding="utf-8").splitlines()[1:]:
        code, name = row.split(",")[:2]
        names[code[:6]] = name
    index: dict[str, list[Division]] = {}
    for code, name in names.items():
        if name in _SKIP:
            continue
        level = 1 if code[2:] == "0000" else 2 if code[4:] == "00" else 3
        chain = [names.get(code[:2] + "0000", ""), names.get(code[:4] + "00", ""), name]
        parts = [p for p in chain[:level] if p and p not in _SKIP]
        full = "".join(dict.fromkeys(parts))  # 上海市 is province and city: once
        div = Division(code, name, full, level)
        forms = {name} if len(name) >= MIN_FULL else set()
        short = _short(name, _PROVINCE_SUFFIXES if level == 1 else _CITY_SUFFIXES)
        if short and (level < 3 or name.endswith("市")):
            forms.add(short)
        for form in forms:
            index.setdefault(form, []).append(div)
    return index


def _trie_pattern(words: list[str]) -> str:
    """A regex matching any of ``words``, longest first, built as a trie (fast in C)."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


@cache
def names_re() -> re.Pattern[str]:
    """Every name of the index; at each position the longest that matches."""
    return re.compile(_trie_pattern(list(divisions())))
