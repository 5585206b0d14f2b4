"""Enrichment scored against hand-made entity gold (``NAME.entities.json``, docs/ENTITIES.md).

Per type, precision and recall over the page's mentions: people by name (each name once per
page), money and dates by their text as multisets. Among matched items, the share with the
right attributes (a person's title, organization, role and speech; a sum's or a date's
value).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from banmian.errors import GoldFormatError
from banmian.model import Mention, MentionType, Page

ENTITIES_SUFFIX = ".entities.json"
"""Name ending of entity gold files, beside the page's ``.gold.json``."""
ENTITY_TYPES = ("person", "money", "date")
"""The types the gold annotates."""
PERSON_ATTRIBUTES = ("title", "organization", "role", "spoke")


def entities_path(gold_path: Path) -> Path:
    """The entity gold file that goes with a page gold file (it may not exist)."""
    name = gold_path.name.removesuffix(".gold.json")
    return gold_path.with_name(name + ENTITIES_SUFFIX)


def load_entities(path: Path) -> dict[str, Any]:
    """Read an entity gold file, checking its shape."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GoldFormatError(f"{path}: cannot read entity gold: {exc}") from exc
    if not isinstance(data, dict) or not all(
        isinstance(data.get(k), list) for k in ("people", "money", "dates")
    ):
        raise GoldFormatError(f"{path}: entity gold needs lists 'people', 'money', 'dates'")
    return data


def _compact(text: str | None) -> str | None:
    return None if text is None else "".join(text.split())


def _same_value(a: object, b: object) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_value(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(a)))
    return a == b


@dataclass(slots=True)
class TypeTally:
    """Counts for one type of mention."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    attributes: Counter[str] = field(default_factory=Counter)
    """Matched items whose attribute is right, per attribute name."""
    misses: list[str] = field(default_factory=list)
    """Gold items not found (for the verbose report)."""
    extras: list[str] = field(default_factory=list)
    """Predicted items not in the gold."""
    wrong: list[str] = field(default_factory=list)
    """Matched items with a wrong attribute."""

    def __add__(self, other: TypeTally) -> TypeTally:
        return TypeTally(
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.matched + other.matched,
            self.attributes + other.attributes,
            self.misses + other.misses,
            self.extras + other.extras,
            self.wrong + other.wrong,
        )

    def metrics(self) -> dict[str, float]:
        """Precision, recall, F1 and each attribute's accuracy among matched items."""
        p = self.matched / self.predicted if self.predicted else 1.0
        r = self.matched / self.gold if self.gold else 1.0
        out = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
        for name, right in sorted(self.attributes.items()):
            out[f"{name}_accuracy"] = right / self.matched if self.matched else 1.0
        return out


def _mentions(page: Page, type_: MentionType) -> list[Mention]:
    return [m for a in page.articles for m in a.mentions if m.type == type_]


def _people(gold: list[dict[str, Any]], page: Page) -> TypeTally:
    predicted: dict[str, list[Mention]] = {}
    for m in _mentions(page, MentionType.PERSON):
        predicted.setdefault(m.name or m.text, []).append(m)
    gold_names = {g["name"]: g for g in gold}
    tally = TypeTally(gold=len(gold_names), predicted=len(predicted))
    for name in PERSON_ATTRIBUTES:
        tally.attributes[name] = 0
    for name, g in gold_names.items():
        found = predicted.get(name)
        if not found:
            tally.misses.append(name)
            continue
        tally.matched += 1
        for attr in PERSON_ATTRIBUTES:
            want = _compact(g.get(attr)) if attr != "spoke" else g.get(attr)
            got = {_compact(getattr(m, attr)) if attr != "spoke" else m.spoke for m in found}
            if want in got:
                tally.attributes[attr] += 1
            else:
                tally.wrong.append(f"{name} {attr}: {want!r} (got {sorted(map(str, got))})")
    tally.extras = sorted(set(predicted) - set(gold_names))
    return tally


def _by_text(
    gold: list[dict[str, Any]], found: list[Mention], compare: tuple[str, ...]
) -> TypeTally:
    tally = TypeTally(gold=len(gold), predicted=len(found))
    for name in compare:
        tally.attributes[name] = 0
    pool: dict[str, list[Mention]] = {}
    for m in found:
        pool.setdefault(_compact(m.text) or "", []).append(m)
    for g in gold:
        text = _compact(g["text"]) or ""
        candidates = pool.get(text)
        if not candidates:
            tally.misses.append(text)
            continue
        tally.matched += 1
        # Prefer a candidate with the right value, so equal texts pair up well.
        best = next((m for m in candidates if _same_value(m.value, g.get("value"))), candidates[0])
        candidates.remove(best)
        for name in compare:
            want = g.get("currency") if name == "unit" else g.get(name)
            got = getattr(best, name)
            if _same_value(got, want):
                tally.attributes[name] += 1
            else:
                tally.wrong.append(f"{text} {name}: {want!r} (got {got!r})")
    tally.extras = [t for t, ms in pool.items() for _ in ms]
    return tally


def evaluate_entities(gold: dict[str, Any], page: Page) -> dict[str, TypeTally]:
    """Score an enriched page against its entity gold, per type."""
    return {
        "person": _people(gold["people"], page),
        "money": _by_text(gold["money"], _mentions(page, MentionType.MONEY), ("value", "unit")),
        "date": _by_text(gold["dates"], _mentions(page, MentionType.DATE), ("value", "time")),
    }
