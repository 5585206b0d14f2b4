"""What an article names, grouped for a reader: people (with their titles), organizations,
places, then dates, sums and quantities with their values.

Each person, organization and place appears once per article, under its key (the one its
entity page has: ``banmian.archive.rows.entity_key``), with the text it was first printed
as and, for a person, the title printed with them. Dates, sums and quantities appear once
per text, with their value made readable (``7052.8亿元`` → ``705,280,000,000 CNY``).

Pure Python: nothing here knows the web framework.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from banmian.archive.records import ENTITY_TYPES
from banmian.archive.rows import entity_key
from banmian.model import Article, Mention, MentionType

VALUE_TYPES = ("date", "money", "quantity")
"""Mention types shown with their value rather than linked."""

TYPE_LABELS = {
    "person": "人物 People",
    "organization": "机构 Organizations",
    "place": "地点 Places",
    "date": "日期 Dates",
    "money": "金额 Sums",
    "quantity": "数量 Quantities",
}
"""Headings of each group, in the order shown."""


@dataclass(slots=True)
class NamedEntity:
    """A person, organization or place an article names."""

    type: str
    """``person``, ``organization`` or ``place``."""
    key: str
    """Its key: the last part of its page's URL."""
    text: str
    """As first printed in the article."""
    title: str | None = None
    """People: the title printed with them (the first one)."""
    role: str | None = None
    """People: ``official``, ``reporter`` or ``person``."""
    spoke: bool = False
    """People: the article reports them speaking."""
    attended: bool = False
    """People: the article reports them attending."""
    mentions: int = 0
    """How often the article names it."""


@dataclass(slots=True)
class FoundValue:
    """A date, sum or quantity an article prints, with its value."""

    type: str
    """``date``, ``money`` or ``quantity``."""
    text: str
    """As printed."""
    value: str
    """The value for people to read: ISO date or range, a number with its unit."""
    mentions: int = 0
    """How often the article prints it."""


@dataclass(slots=True)
class ArticleEntities:
    """Everything enrichment found in one article, grouped by type (see the module)."""

    named: dict[str, list[NamedEntity]] = field(default_factory=dict)
    """People, organizations and places by type, in order of first mention."""
    values: dict[str, list[FoundValue]] = field(default_factory=dict)
    """Dates, sums and quantities by type, in order of first mention."""

    @property
    def empty(self) -> bool:
        """Nothing was found (or the article was not enriched)."""
        return not any(self.named.values()) and not any(self.values.values())


def _number(value: float) -> str:
    """A number with thousands separators, without a needless ``.0``."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6g}"


def readable_value(m: Mention) -> str:
    """A date's, sum's or quantity's value for people to read."""
    value = m.value
    if m.type == MentionType.DATE:
        if isinstance(value, list):
            shown = " – ".join(str(v) for v in value)
        else:
            shown = "" if value is None else str(value)
        return f"{shown} {m.time}".strip() if m.time else shown
    if isinstance(value, list):
        shown = " – ".join(_number(float(v)) for v in value)
    elif isinstance(value, int | float):
        shown = _number(float(value))
    else:
        shown = "" if value is None else str(value)
    return f"{shown} {m.unit}".strip() if m.unit else shown


def article_entities(article: Article) -> ArticleEntities:
    """Group an article's mentions for the reader (see the module's docstring)."""
    out = ArticleEntities(named={t: [] for t in ENTITY_TYPES}, values={t: [] for t in VALUE_TYPES})
    named: dict[tuple[str, str], NamedEntity] = {}
    values: dict[tuple[str, str], FoundValue] = {}
    for m in article.mentions:
        type_ = m.type.value
        key = entity_key(m)
        if key is not None:
            entity = named.get((type_, key))
            if entity is None:
                entity = named[type_, key] = NamedEntity(type_, key, m.text)
                out.named[type_].append(entity)
            entity.mentions += 1
            if entity.title is None and m.title:
                entity.title = m.title
            entity.role = entity.role or m.role
            entity.spoke = entity.spoke or bool(m.spoke)
            entity.attended = entity.attended or bool(m.attended)
        elif type_ in out.values:
            found = values.get((type_, m.text))
            if found is None:
                found = values[type_, m.text] = FoundValue(type_, m.text, readable_value(m))
                out.values[type_].append(found)
            found.mentions += 1
    return out
