"""The texts of an article that enrichment reads, each with where it stands."""

from __future__ import annotations

from dataclasses import dataclass

from banmian.model import Article, Mention, MentionType


@dataclass(frozen=True, slots=True)
class Text:
    """One field or paragraph of an article."""

    field: str
    """``paragraph`` or the article field (``title``, ``byline`` …)."""
    paragraph: int | None
    """Index in ``Article.paragraphs`` for a paragraph, in ``Article.markers`` for a marker
    (an end note such as （新华社北京10月9日电）)."""
    text: str
    """The cleaned text."""
    kind: str
    """``text``, ``heading``, ``caption`` for paragraphs; the field name otherwise."""

    def mention(
        self, type_: MentionType, start: int, end: int, rule: str, **values: object
    ) -> Mention:
        """A mention of ``text[start:end]`` here."""
        return Mention(
            type=type_,
            text=self.text[start:end],
            field=self.field,
            paragraph=self.paragraph,
            start=start,
            end=end,
            rule=rule,
            **values,  # type: ignore[arg-type]
        )


def article_texts(article: Article) -> list[Text]:
    """Title group, dateline, byline and paragraphs, in reading order."""
    out: list[Text] = []
    for name in ("kicker", "title", "subtitle", "dateline"):
        f = getattr(article, name)
        if f is not None and f.text:
            out.append(Text(name, None, f.text, name))
    for i, p in enumerate(article.paragraphs):
        out.append(Text("paragraph", i, p.text, p.type.value))
    if article.byline is not None and article.byline.text:
        out.append(Text("byline", None, article.byline.text, "byline"))
    for i, marker in enumerate(article.markers):
        out.append(Text("marker", i, marker.text, "marker"))
    return out
